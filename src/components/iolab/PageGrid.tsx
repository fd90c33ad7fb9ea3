/**
 * The page cache as a grid: one cell per 4 KiB page of each segment file. The fill says where the
 * page lives (past the end of the file, on disk only, cached clean, cached dirty — dirty is also
 * hatched), the letter says what happened to it in this step (hit, miss, read-ahead, written
 * back). Never colour alone: pattern and letter carry the same facts, and the legend names them.
 */
import { useTranslation } from 'react-i18next'
import type { DemoFile, PageMark, PageResidence } from '../../engine'

export const RESIDENCES: readonly PageResidence[] = ['absent', 'onDisk', 'clean', 'dirty']
export const MARKS: readonly Exclude<PageMark, null>[] = ['hit', 'miss', 'readAhead', 'writtenBack']

export function PageGrid({ files }: { files: readonly DemoFile[] }) {
  const { t } = useTranslation()
  return (
    <div className="page-files">
      {files.map((file) => (
        <figure key={file.path} className="page-file" data-file={file.role}>
          <figcaption>
            <strong>{t(`iolab.cache.files.${file.role}`)}</strong>{' '}
            <code className="file-name">{file.path.split('/').pop()}</code>
          </figcaption>
          {/* The cells repeat what the counters and the narration say; screen readers get those. */}
          <div className="page-grid" aria-hidden="true">
            {file.cells.map((cell, pageIndex) => (
              <span
                key={pageIndex}
                className={`page-cell page-cell--${cell.residence}${cell.mark === null ? '' : ` page-cell--mark-${cell.mark}`}`}
                data-page={pageIndex}
                data-residence={cell.residence}
                data-mark={cell.mark ?? undefined}
              >
                {cell.mark === null ? '' : t(`iolab.cache.markLetters.${cell.mark}`)}
              </span>
            ))}
          </div>
        </figure>
      ))}
    </div>
  )
}

export function PageLegend() {
  const { t } = useTranslation()
  return (
    <div className="page-legend">
      <ul aria-label={t('iolab.cache.legend.residence')}>
        {RESIDENCES.map((residence) => (
          <li key={residence}>
            <span className={`page-cell page-cell--${residence}`} aria-hidden="true" />
            {t(`iolab.cache.residence.${residence}`)}
          </li>
        ))}
      </ul>
      <ul aria-label={t('iolab.cache.legend.marks')}>
        {MARKS.map((mark) => (
          <li key={mark}>
            <span
              className={`page-cell page-cell--clean page-cell--mark-${mark}`}
              aria-hidden="true"
            >
              {t(`iolab.cache.markLetters.${mark}`)}
            </span>
            {t(`iolab.cache.marks.${mark}`)}
          </li>
        ))}
      </ul>
    </div>
  )
}
