/**
 * The app's layout: header, then the page: the live cluster with the event log and the timeline,
 * or the IO lab. Composition only; behaviour lives in src/.
 */
import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { LessonsPage } from '../src/components/lessons/LessonsPage'
import { useLessonIdFromUrl, type LessonEngine } from '../src/components/lessons/lessonServices'
import { AppServicesContext, useSim, type AppServices } from '../src/components/AppServices'
import { ClusterCanvas } from '../src/components/cluster/ClusterCanvas'
import { EventLog } from '../src/components/eventlog/EventLog'
import { SidePanel } from '../src/components/sandbox/SidePanel'
import { IoLabPage } from '../src/components/iolab/IoLabPage'
import { DrillPage } from '../src/components/drill/DrillPage'
import { AppHeader } from '../src/components/shell/AppHeader'
import type { LessonProgressStorage } from '../src/lessons/progress'
import { StorageNotice } from '../src/components/shell/StorageNotice'
import { usePage } from '../src/components/shell/router'
import { Timeline } from '../src/components/timeline/Timeline'

export interface AppProps {
  services: AppServices
  urlProblems: string[]
  lessonEngine: LessonEngine
  /** The cluster page shows the sandbox run: brings it back after a lesson replaced it. */
  showSandbox: () => void
  /** Lesson progress that also follows `?step=` (app/share/lessonStepLink.ts). */
  lessonProgress: LessonProgressStorage
}

export function App({
  services,
  urlProblems,
  lessonEngine,
  showSandbox,
  lessonProgress,
}: AppProps) {
  const page = usePage()
  useEffect(() => {
    if (page === 'cluster') showSandbox()
  }, [page, showSandbox])
  return (
    <AppServicesContext.Provider value={services}>
      <div className="app">
        <AppHeader />
        <Notices urlProblems={urlProblems} />
        {page === 'io-lab' ? (
          <IoLabPage />
        ) : page === 'drill' ? (
          <DrillPage />
        ) : page === 'lessons' ? (
          <LessonsRoute lessonEngine={lessonEngine} progress={lessonProgress} />
        ) : (
          <>
            <main className="workspace">
              <ClusterCanvas />
              <div className="side-column">
                <SidePanel />
                <EventLog />
              </div>
            </main>
            <Timeline />
          </>
        )}
      </div>
    </AppServicesContext.Provider>
  )
}

function LessonsRoute({
  lessonEngine,
  progress,
}: {
  lessonEngine: LessonEngine
  progress: LessonProgressStorage
}) {
  return (
    <LessonsPage
      lessonId={useLessonIdFromUrl()}
      lessonEngine={lessonEngine}
      progressStorage={progress}
    />
  )
}

function Notices({ urlProblems }: { urlProblems: string[] }) {
  const { t } = useTranslation()
  const status = useSim((s) => s.status)
  const failure = useSim((s) => s.failure)
  const rejection = useSim((s) => s.rejection)
  const notice = useSim((s) => s.notice)
  return (
    <div className="notices" aria-live="polite">
      <StorageNotice />
      {status === 'booting' && <p className="notice">{t('app.booting')}</p>}
      {failure !== null && (
        <p className="notice notice--error">{t('app.failed', { message: failure })}</p>
      )}
      {rejection !== null && (
        <p className="notice notice--warning" data-testid="rejection">
          {t('app.rejected', { error: rejection.error, message: rejection.message })}
        </p>
      )}
      {notice !== null && <p className="notice">{notice}</p>}
      {urlProblems.length > 0 && (
        <p className="notice notice--warning">
          {t('app.urlIgnored', { problems: urlProblems.join(', ') })}
        </p>
      )}
    </div>
  )
}
