/**
 * The lesson catalog: tracks in order, each lesson with its summary, the learner's progress
 * (from this browser's storage) and a start / continue / start-over button.
 */
import { useState, type MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { Catalog } from '../../lessons/catalog'
import {
  completedCount,
  sanitizeProgress,
  type LessonProgress,
  type LessonProgressStorage,
} from '../../lessons/progress'
import { proseKey, type Lesson, type LessonId } from '../../lessons/schema'
import { DRILL_CARDS } from '../drill/drillCards'
import { browserStorage, loadProvedCards } from '../drill/drillProgress'
import { hrefFor, navigate } from '../shell/router'

/** The address's query, or none where there is no window (server rendering in tests). */
const currentSearch = () => (typeof window === 'undefined' ? '' : window.location.search)

/** A plain click switches page in place; modified clicks keep the browser's meaning. */
function openDrill(event: MouseEvent<HTMLAnchorElement>) {
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
    return
  }
  event.preventDefault()
  navigate('drill')
}

export function LessonsCatalogPage({
  catalog,
  storage,
  onOpen,
}: {
  catalog: Catalog
  storage: LessonProgressStorage
  onOpen: (lessonId: LessonId) => void
}) {
  const { t } = useTranslation()
  return (
    <main className="lessons-catalog" data-testid="lessons-catalog" aria-labelledby="lessons-title">
      <h2 id="lessons-title">{t('lessons.catalog.title')}</h2>
      <p className="lessons-intro">{t('lessons.catalog.intro')}</p>
      {catalog.problems.length > 0 && (
        <p className="notice notice--warning">
          {t('lessons.catalog.problems', { problems: catalog.problems.join('; ') })}
        </p>
      )}
      {catalog.tracks.map((track) => (
        <section
          key={track.id}
          className="lessons-track"
          data-track={track.id}
          aria-labelledby={`track-${track.id}`}
        >
          <h3 id={`track-${track.id}`}>{t(`lessons.tracks.${track.id}.title`)}</h3>
          <p className="lessons-track-description">{t(`lessons.tracks.${track.id}.description`)}</p>
          {track.id === 'interview' ? (
            <p>
              <a
                href={hrefFor('drill', currentSearch())}
                onClick={openDrill}
                data-testid="open-drill"
              >
                {t('lessons.catalog.openDrill')}
              </a>{' '}
              <span className="lessons-drill-progress" data-testid="drill-progress">
                {t('drill.progress', {
                  proved: loadProvedCards(browserStorage()).size,
                  total: DRILL_CARDS.filter((c) => c.proofs.length > 0).length,
                })}
              </span>
            </p>
          ) : track.lessons.length === 0 ? (
            <p className="lessons-soon">{t('lessons.catalog.comingSoon')}</p>
          ) : (
            <ol className="lessons-list">
              {track.lessons.map((lesson) => (
                <LessonCard key={lesson.id} lesson={lesson} storage={storage} onOpen={onOpen} />
              ))}
            </ol>
          )}
        </section>
      ))}
    </main>
  )
}

function LessonCard({
  lesson,
  storage,
  onOpen,
}: {
  lesson: Lesson
  storage: LessonProgressStorage
  onOpen: (lessonId: LessonId) => void
}) {
  const { t } = useTranslation()
  const [progress, setProgress] = useState<LessonProgress | null>(() => {
    const stored = storage.load(lesson.id)
    return stored === null ? null : sanitizeProgress(lesson, stored)
  })
  const title = t(proseKey(lesson.id, 'title'))
  const total = lesson.steps.length
  const started = progress !== null && (progress.finished || completedCount(lesson, progress) > 0)
  const status =
    progress?.finished === true
      ? t('lessons.catalog.finished')
      : started
        ? t('lessons.catalog.inProgress', { done: completedCount(lesson, progress), total })
        : t('lessons.catalog.notStarted')
  const startOver = () => {
    storage.clear(lesson.id)
    setProgress(null)
    onOpen(lesson.id)
  }
  return (
    <li className="lesson-card" data-lesson-id={lesson.id}>
      <h4>{title}</h4>
      <p>{t(proseKey(lesson.id, 'summary'))}</p>
      <p
        className={`lesson-card-status${progress?.finished === true ? ' lesson-card-status--done' : ''}`}
      >
        {progress?.finished === true && <span aria-hidden="true">✓ </span>}
        {status}
      </p>
      <div
        className="lesson-card-actions"
        role="group"
        aria-label={t('lessons.catalog.lessonActions', { title })}
      >
        {progress?.finished === true ? (
          <button type="button" className="lesson-primary" onClick={startOver}>
            {t('lessons.catalog.startAgain')}
          </button>
        ) : started ? (
          <>
            <button type="button" className="lesson-primary" onClick={() => onOpen(lesson.id)}>
              {t('lessons.catalog.continue')}
            </button>
            <button type="button" onClick={startOver}>
              {t('lessons.catalog.startOver')}
            </button>
          </>
        ) : (
          <button type="button" className="lesson-primary" onClick={() => onOpen(lesson.id)}>
            {t('lessons.catalog.start')}
          </button>
        )}
      </div>
    </li>
  )
}
