/**
 * The canvas's own font, served by the app (Noto Sans, latin; @fontsource), so a picture saved
 * from it renders the same elsewhere: the exported SVG carries the @font-face rules of the fonts
 * it uses with their files inlined as data URLs. Chinese text falls back to the system's CJK font
 * (a CJK webfont would be tens of megabytes).
 */
import '@fontsource/noto-sans/latin-400.css'
import '@fontsource/noto-sans/latin-600.css'
import '@fontsource/noto-sans/latin-700.css'
import './slideFonts.css'

export const SLIDE_FONT_FAMILY = 'Noto Sans'

async function dataUrl(url: string): Promise<string> {
  const blob = await (await fetch(url)).blob()
  return new Promise((resolve, reject) => {
    const reader = new FileReader()
    reader.onload = () => resolve(String(reader.result))
    reader.onerror = () => reject(reader.error ?? new Error(`Could not read ${url}`))
    reader.readAsDataURL(blob)
  })
}

function fontFaceRules(family: string): CSSFontFaceRule[] {
  const rules: CSSFontFaceRule[] = []
  for (const sheet of document.styleSheets) {
    let cssRules: CSSRuleList
    try {
      cssRules = sheet.cssRules
    } catch {
      continue // another origin's sheet (there are none; the policy allows only this origin)
    }
    for (const rule of cssRules) {
      if (
        rule instanceof CSSFontFaceRule &&
        rule.style.getPropertyValue('font-family').replace(/["']/g, '').trim() === family
      ) {
        rules.push(rule)
      }
    }
  }
  return rules
}

/** `@font-face` rules for `family` with their first (woff2) file inlined; '' if none is found. */
export async function inlineFontFaces(family = SLIDE_FONT_FAMILY): Promise<string> {
  await document.fonts.ready
  const faces = await Promise.all(
    fontFaceRules(family).map(async (rule) => {
      const src = /url\(["']?([^"')]+)["']?\)\s*format\(["']?woff2["']?\)/.exec(
        rule.style.getPropertyValue('src'),
      )
      if (src?.[1] === undefined) return ''
      const weight = rule.style.getPropertyValue('font-weight') || '400'
      const style = rule.style.getPropertyValue('font-style') || 'normal'
      const url = await dataUrl(
        new URL(src[1], rule.parentStyleSheet?.href ?? document.baseURI).href,
      )
      return `@font-face{font-family:'${family}';font-style:${style};font-weight:${weight};src:url(${url}) format('woff2')}`
    }),
  )
  return faces.join('\n')
}
