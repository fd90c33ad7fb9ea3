/**
 * Tells the learner where the simulation is kept when it matters: OPFS missing, the simulation
 * open in another tab, the disk full (each: running in memory, lost on reload), or a run restored
 * after a reload. Reads `storage` from the engine mirror; nothing to show on a normal OPFS run.
 */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useSim } from '../AppServices'
import type { StorageStatus } from '../store/simStore'

export function StorageNotice() {
  const { t } = useTranslation()
  const storage = useSim((s) => s.storage)
  const [dismissedKey, setDismissedKey] = useState<string | null>(null)
  if (storage === null) return null
  const key = noticeKey(storage)
  if (key === null || key === dismissedKey) return null

  let text: string
  let severity: 'info' | 'warning'
  if (storage.notice !== null) {
    severity = 'warning'
    text =
      storage.notice === 'opfs-locked'
        ? t('storage.locked')
        : storage.notice === 'quota-exceeded'
          ? t('storage.quotaExceeded')
          : t('storage.unavailable')
  } else {
    const restored = storage.restored!
    severity = 'info'
    text = t('storage.restored', {
      time: (restored.nowMs / 1000).toFixed(3),
      commands: restored.commands,
      files: restored.filesCompared,
      bytes: formatBytes(restored.bytesVerified),
    })
    if (restored.filesDiffering > 0) {
      text += ` ${t('storage.restoredDiffering', { count: restored.filesDiffering })}`
    }
  }

  return (
    <div
      className={severity === 'warning' ? 'notice notice--warning' : 'notice'}
      role="status"
      data-testid="storage-notice"
      data-notice={storage.notice ?? 'restored'}
      data-files-compared={storage.restored?.filesCompared}
      data-files-differing={storage.restored?.filesDiffering}
      data-bytes-verified={storage.restored?.bytesVerified}
      title={storage.detail ?? undefined}
      style={ROW_STYLE}
    >
      <span>{text}</span>
      <button
        type="button"
        aria-label={t('storage.dismiss')}
        onClick={() => setDismissedKey(key)}
        style={BUTTON_STYLE}
      >
        ×
      </button>
    </div>
  )
}

/** Identifies what is shown, so a dismissed notice stays away until something new happens. */
function noticeKey(storage: StorageStatus): string | null {
  if (storage.notice !== null) return `${storage.simulationId}:${storage.notice}`
  const restored = storage.restored
  if (restored === null) return null
  return `${storage.simulationId}:restored:${restored.nowMs}:${restored.maxMs}:${restored.commands}`
}

function formatBytes(bytes: number): string {
  if (bytes < 1_000) return `${bytes} B`
  if (bytes < 1_000_000) return `${(bytes / 1_000).toFixed(1)} kB`
  return `${(bytes / 1_000_000).toFixed(1)} MB`
}

const ROW_STYLE = { display: 'flex', gap: 12, alignItems: 'flex-start' } as const
const BUTTON_STYLE = {
  marginLeft: 'auto',
  border: 'none',
  background: 'transparent',
  fontSize: '1.2em',
  lineHeight: 1,
  cursor: 'pointer',
} as const
