/**
 * The lessons page: the catalog when no lesson is chosen, otherwise the lesson player: the
 * lesson panel beside the live cluster and the event log, with the timeline below. Inside a
 * lesson, the cluster's fault buttons go through the lesson's allow-list to the lesson's engine.
 *
 * Rendered by app/ inside `AppServicesContext`, in place of the cluster page's
 * `<main className="workspace">` and `<Timeline />` (it renders both rows itself).
 */
import { useCallback, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ClusterCommand } from '../../engine'
import { catalog as defaultCatalog, findLesson, type Catalog } from '../../lessons/catalog'
import { createWebStorageProgress, type LessonProgressStorage } from '../../lessons/progress'
import type { Lesson, LessonId } from '../../lessons/schema'
import { AppServicesContext, useAppServices, useSim, type AppServices } from '../AppServices'
import { selectView } from '../store/selectors'
import { ClusterCanvas } from '../cluster/ClusterCanvas'
import { EventLog } from '../eventlog/EventLog'
import { Timeline } from '../timeline/Timeline'
import { LessonPlayerPanel } from './LessonPlayerPanel'
import { LessonsCatalogPage } from './LessonsCatalogPage'
import { navigateToLesson, type LessonEngine } from './lessonServices'
import { useLessonSession } from './useLessonSession'
import './lessons.css'

/** Progress in this browser's localStorage (nothing is remembered where storage is blocked). */
function browserProgress(): LessonProgressStorage {
  try {
    return createWebStorageProgress(window.localStorage)
  } catch {
    // Reading `localStorage` itself throws where storage is blocked.
    return createWebStorageProgress(null)
  }
}

export interface LessonsPageProps {
  /** The lesson to play, or null for the catalog (app/ reads it from `?lesson=`). */
  lessonId: LessonId | null
  /** Keep it stable across renders: a new object restarts the lesson. */
  lessonEngine: LessonEngine
  /** Where progress is kept; default: localStorage. */
  progressStorage?: LessonProgressStorage
  /** Opens a lesson or the catalog; default: updates the address bar (`navigateToLesson`). */
  onNavigate?: (lessonId: LessonId | null) => void
  catalog?: Catalog
}

export function LessonsPage({
  lessonId,
  lessonEngine,
  progressStorage,
  onNavigate = navigateToLesson,
  catalog = defaultCatalog,
}: LessonsPageProps) {
  const { t } = useTranslation()
  const [defaultStorage] = useState(browserProgress)
  const storage = progressStorage ?? defaultStorage
  if (lessonId === null) {
    return <LessonsCatalogPage catalog={catalog} storage={storage} onOpen={onNavigate} />
  }
  const lesson = findLesson(lessonId, catalog)
  if (lesson === null) {
    return (
      <main className="lessons-catalog" data-testid="lessons-unknown">
        <p className="notice notice--warning">
          {t('lessons.player.unknownLesson', { id: lessonId })}
        </p>
        <button type="button" onClick={() => onNavigate(null)}>
          {t('lessons.player.toCatalog')}
        </button>
      </main>
    )
  }
  return (
    <LessonPlayer
      key={lesson.id}
      lesson={lesson}
      lessonEngine={lessonEngine}
      storage={storage}
      onExit={() => onNavigate(null)}
    />
  )
}

function LessonPlayer({
  lesson,
  lessonEngine,
  storage,
  onExit,
}: {
  lesson: Lesson
  lessonEngine: LessonEngine
  storage: LessonProgressStorage
  onExit: () => void
}) {
  const { t } = useTranslation()
  const services = useAppServices()
  const session = useLessonSession(lesson, lessonEngine, services, storage)
  const [refused, setRefused] = useState<ClusterCommand['type'] | null>(null)
  const view = useSim(selectView)

  // The canvas's fault buttons dispatch through the context: inside a lesson they go to the
  // lesson's engine, and only the commands the lesson allows.
  const lessonServices = useMemo<AppServices>(
    () => ({
      ...services,
      dispatch: (command) => {
        if (!lesson.allowedCommands.includes(command.type)) {
          setRefused(command.type)
          return
        }
        setRefused(null)
        void lessonEngine.dispatch(command)
      },
    }),
    [services, lesson, lessonEngine],
  )

  // A lesson action's commands go out one after another, in order, like the player's own.
  const runActions = useCallback(
    (commands: readonly ClusterCommand[]) => {
      setRefused(null)
      return commands.reduce<Promise<void>>(
        (previous, command) => previous.then(() => lessonEngine.dispatch(command)),
        Promise.resolve(),
      )
    },
    [lessonEngine],
  )

  return (
    <>
      <main
        className="workspace lessons-workspace"
        data-testid="lesson-player"
        data-lesson-id={lesson.id}
      >
        {session.status === 'ready' ? (
          <LessonPlayerPanel
            lesson={lesson}
            actor={session.actor}
            onExit={onExit}
            onRunActions={runActions}
            view={view}
          />
        ) : (
          <section className="lesson-panel" aria-busy={session.status === 'loading'}>
            <p role="status">
              {session.status === 'failed'
                ? t('lessons.player.failed', { message: session.message })
                : t('lessons.player.loading')}
            </p>
          </section>
        )}
        <AppServicesContext.Provider value={lessonServices}>
          <div className="lessons-stage">
            {refused !== null && (
              <p className="notice notice--warning" role="status" data-testid="lesson-refused">
                {t('lessons.player.notAllowed', { command: refused })}
              </p>
            )}
            {session.status === 'ready' && <ClusterCanvas />}
          </div>
          <EventLog />
        </AppServicesContext.Provider>
      </main>
      <Timeline />
    </>
  )
}
