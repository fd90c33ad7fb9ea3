/**
 * "SVG" and "PNG" buttons: the cluster canvas on screen, saved as a picture for slides. They
 * find the canvas by its test id (the cluster view owns it) and work on whatever it shows now.
 */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSim } from '../AppServices'
import { formatSeconds } from '../format'
import { selectNowMs } from '../store/selectors'
import { downloadBlob } from './download'
import { slidePng, slideSvg } from './exportCanvas'
import { inlineFontFaces } from './slideFonts'

function canvasSvg(): SVGSVGElement | null {
  return document.querySelector<SVGSVGElement>('[data-testid="cluster"] svg')
}

export function ExportButtons() {
  const { t } = useTranslation()
  const nowMs = useSim(selectNowMs)
  const [failure, setFailure] = useState<string | null>(null)
  const exportAs = async (kind: 'svg' | 'png') => {
    const svg = canvasSvg()
    if (svg === null) {
      setFailure(t('export.noCanvas'))
      return
    }
    const time = t('timeline.seconds', { value: formatSeconds(nowMs) })
    const name = `kafkascope-${nowMs}ms.${kind}`
    try {
      const fontCss = await inlineFontFaces()
      const slide = slideSvg(svg, {
        title: t('export.title', { time }),
        description: document.getElementById('cluster-description')?.textContent ?? '',
        background:
          getComputedStyle(document.documentElement).getPropertyValue('--panel') || '#fff',
        fontCss,
      })
      const blob =
        kind === 'svg'
          ? new Blob([slide.text], { type: 'image/svg+xml' })
          : await slidePng(slide, 2)
      downloadBlob(blob, name)
      setFailure(null)
    } catch (error) {
      setFailure(t('export.failed', { message: error instanceof Error ? error.message : error }))
    }
  }
  return (
    <div className="classroom-group" role="group" aria-label={t('export.label')}>
      <button type="button" onClick={() => void exportAs('svg')} title={t('export.svgHint')}>
        {t('export.svg')}
      </button>
      <button type="button" onClick={() => void exportAs('png')} title={t('export.pngHint')}>
        {t('export.png')}
      </button>
      {failure !== null && (
        <span role="alert" className="classroom-error">
          {failure}
        </span>
      )}
    </div>
  )
}
