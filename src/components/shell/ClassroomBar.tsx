/**
 * The classroom row under the header: copy a link to this exact view, export and import replay
 * files, save the canvas as SVG/PNG, presenter mode and the shortcuts overlay. What it offers
 * depends on the page: replay import only in the sandbox (a lesson runs its own script), canvas
 * pictures and replays only where there is a run on screen.
 */
import { useRef, useState, type ChangeEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ExportButtons } from '../export/ExportButtons'
import { downloadBlob } from '../export/download'
import { useLessonIdFromUrl } from '../lessons/lessonServices'
import { ShortcutsOverlay } from '../presenter/ShortcutsOverlay'
import { setShortcutsOpen, togglePresenter, usePresenter } from '../presenter/presenterMode'
import { useClassroom, type ClassroomServices } from './classroom'
import { ClusterSummary } from './ClusterSummary'
import { LinkNotice } from './LinkNotice'
import { usePage } from './router'
import './classroom.css'

/** Replay files larger than this are refused before reading (a day of commands is far less). */
const REPLAY_FILE_BYTES_MAX = 20_000_000

type Status = { kind: 'info' | 'error'; text: string } | null

export function ClassroomBar() {
  const { t } = useTranslation()
  const classroom = useClassroom()
  const page = usePage()
  const lessonId = useLessonIdFromUrl()
  const presenter = usePresenter()
  const [status, setStatus] = useState<Status>(null)
  const [link, setLink] = useState<string | null>(null)
  const hasRun = page === 'cluster' || (page === 'lessons' && lessonId !== null)

  const guard = (action: () => Promise<void>) => () => {
    action().catch((error: unknown) =>
      setStatus({
        kind: 'error',
        text: t('shell.classroom.failed', {
          message: error instanceof Error ? error.message : String(error),
        }),
      }),
    )
  }

  const copyLink = async (services: ClassroomServices) => {
    const url = await services.shareUrl()
    setLink(url)
    try {
      await navigator.clipboard.writeText(url)
      setStatus({ kind: 'info', text: t('shell.classroom.copied') })
    } catch {
      // No clipboard permission (or an insecure page): the link is shown to copy by hand.
      setStatus({ kind: 'info', text: t('shell.classroom.copyManually') })
    }
  }

  const exportReplay = async (services: ClassroomServices) => {
    const replay = await services.exportReplay()
    const text = `${JSON.stringify(replay, null, 2)}\n`
    const name = `kafkascope-replay-seed${replay.seed}-${replay.endMs}ms.json`
    downloadBlob(new Blob([text], { type: 'application/json' }), name)
  }

  return (
    <div className="classroom-bar" role="group" aria-label={t('shell.classroom.label')}>
      {classroom !== null && (
        <>
          <button
            type="button"
            onClick={guard(() => copyLink(classroom))}
            title={t('shell.classroom.copyLinkHint')}
          >
            {t('shell.classroom.copyLink')}
          </button>
          {hasRun && (
            <button
              type="button"
              onClick={guard(() => exportReplay(classroom))}
              title={t('shell.classroom.exportReplayHint')}
            >
              {t('shell.classroom.exportReplay')}
            </button>
          )}
          {page === 'cluster' && <ImportReplay classroom={classroom} onStatus={setStatus} />}
        </>
      )}
      {hasRun && <ExportButtons />}
      <span className="classroom-spacer" />
      <button
        type="button"
        aria-pressed={presenter}
        onClick={togglePresenter}
        title={t('presenter.toggleDescription')}
        aria-keyshortcuts="P"
      >
        {t('presenter.toggle')}
      </button>
      <button
        type="button"
        onClick={() => setShortcutsOpen(true)}
        aria-keyshortcuts="?"
        aria-haspopup="dialog"
        title={t('presenter.shortcutsHint')}
      >
        {t('presenter.shortcutsButton')}
      </button>
      <div className="classroom-status">
        <span role="status" className={status?.kind === 'error' ? 'classroom-error' : undefined}>
          {status?.text}
        </span>
        {link !== null && (
          <input
            className="classroom-link"
            readOnly
            value={link}
            aria-label={t('shell.classroom.linkLabel')}
            onFocus={(e) => e.currentTarget.select()}
          />
        )}
      </div>
      <LinkNotice />
      {hasRun && <ClusterSummary />}
      <ShortcutsOverlay />
    </div>
  )
}

function ImportReplay({
  classroom,
  onStatus,
}: {
  classroom: ClassroomServices
  onStatus: (status: Status) => void
}) {
  const { t } = useTranslation()
  const input = useRef<HTMLInputElement>(null)
  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.currentTarget.files?.[0]
    event.currentTarget.value = '' // the same file can be chosen again
    if (file === undefined) return
    const refuse = (reason: string) =>
      onStatus({
        kind: 'error',
        text: t('shell.classroom.importRefused', { file: file.name, reason }),
      })
    if (file.size > REPLAY_FILE_BYTES_MAX) {
      refuse(t('shell.classroom.tooLarge', { size: '20 MB' }))
      return
    }
    const result = await classroom.importReplay(await file.text())
    if (!result.ok) refuse(result.reason)
    else if (result.warning !== null) {
      onStatus({
        kind: 'info',
        text: t('shell.classroom.importedWithWarning', {
          file: file.name,
          warning: result.warning,
        }),
      })
    } else onStatus({ kind: 'info', text: t('shell.classroom.imported', { file: file.name }) })
  }
  return (
    <>
      <button
        type="button"
        onClick={() => input.current?.click()}
        title={t('shell.classroom.importReplayHint')}
      >
        {t('shell.classroom.importReplay')}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="replay-file"
        aria-label={t('shell.classroom.importReplay')}
        onChange={(e) => void onFile(e)}
      />
    </>
  )
}
