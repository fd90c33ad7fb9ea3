/**
 * The cluster canvas as a picture for slides. The SVG is cloned with every style that affects
 * painting copied from the live element's computed style onto the clone, so the file needs no
 * stylesheet. A title and description make
 * the file accessible on its own; the fonts' @font-face rules travel inside it. PNG: that SVG drawn on a canvas at 2× for sharp projection.
 */

/** Computed properties that change how an SVG element paints. */
const PAINT_PROPERTIES = [
  'fill',
  'fill-opacity',
  'stroke',
  'stroke-width',
  'stroke-dasharray',
  'stroke-dashoffset',
  'stroke-linecap',
  'stroke-linejoin',
  'stroke-opacity',
  'opacity',
  'visibility',
  'display',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'font-variant-numeric',
  'letter-spacing',
  'text-anchor',
  'dominant-baseline',
  'paint-order',
  'text-decoration',
] as const

const SVG_NS = 'http://www.w3.org/2000/svg'

export interface SlideSvg {
  text: string
  width: number
  height: number
}

/** A standalone SVG document of `svg`, drawn on `background`, with `title` and `description`. */
export function slideSvg(
  svg: SVGSVGElement,
  options: { title: string; description: string; background: string; fontCss: string },
): SlideSvg {
  const clone = svg.cloneNode(true) as SVGSVGElement
  const originals = [svg, ...svg.querySelectorAll('*')]
  const copies = [clone, ...clone.querySelectorAll('*')]
  originals.forEach((original, i) => {
    const copy = copies[i]
    if (copy === undefined) return
    const computed = getComputedStyle(original)
    const declarations = PAINT_PROPERTIES.map(
      (name) => `${name}:${computed.getPropertyValue(name)}`,
    )
    copy.setAttribute('style', declarations.join(';'))
    copy.removeAttribute('class')
  })
  const viewBox = svg.viewBox.baseVal
  const width = Math.round(viewBox.width || svg.clientWidth)
  const height = Math.round(viewBox.height || svg.clientHeight)
  clone.setAttribute('xmlns', SVG_NS)
  clone.setAttribute('width', String(width))
  clone.setAttribute('height', String(height))
  clone.removeAttribute('aria-describedby')
  clone.setAttribute('role', 'img')
  const title = document.createElementNS(SVG_NS, 'title')
  title.textContent = options.title
  const desc = document.createElementNS(SVG_NS, 'desc')
  desc.textContent = options.description
  const backdrop = document.createElementNS(SVG_NS, 'rect')
  backdrop.setAttribute('x', String(viewBox.x))
  backdrop.setAttribute('y', String(viewBox.y))
  backdrop.setAttribute('width', String(width))
  backdrop.setAttribute('height', String(height))
  backdrop.setAttribute('fill', options.background)
  const fonts = document.createElementNS(SVG_NS, 'style')
  fonts.textContent = options.fontCss
  clone.prepend(title, desc, fonts, backdrop)
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(clone)}`
  return { text, width, height }
}

/** Rasterises a slide SVG at `scale`× (2 by default) into a PNG. */
export async function slidePng(slide: SlideSvg, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([slide.text], { type: 'image/svg+xml' }))
  try {
    const image = new Image()
    image.src = url
    await image.decode()
    const canvas = document.createElement('canvas')
    canvas.width = slide.width * scale
    canvas.height = slide.height * scale
    const context = canvas.getContext('2d')
    if (context === null) throw new Error('This browser cannot draw on a canvas.')
    context.scale(scale, scale)
    context.drawImage(image, 0, 0, slide.width, slide.height)
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob === null ? reject(new Error('PNG encoding failed.')) : resolve(blob)),
        'image/png',
      ),
    )
  } finally {
    URL.revokeObjectURL(url)
  }
}
