/**
 * The cluster in words, for screen readers: every broker's status and every partition's leader
 * and ISR, derived from the frame. A polite live region: it speaks when that text changes (a
 * broker goes down, a leader moves), not on every tick of simulated time.
 */
import { useTranslation } from 'react-i18next'
import type { ClusterView } from '../../engine'
import { useSim } from '../AppServices'
import { selectView } from '../store/selectors'

/** More than this many partitions are left to the canvas: a summary should stay listenable. */
const PARTITIONS_SPOKEN_MAX = 12

export function useClusterSummary(view: ClusterView | null): string {
  const { t } = useTranslation()
  if (view === null) return ''
  const brokers = view.brokers
    .map((b) => t('shell.summary.broker', { id: b.brokerId, status: t(`status.${b.status}`) }))
    .join(', ')
  const partitions = view.partitions.slice(0, PARTITIONS_SPOKEN_MAX).map((p) => {
    const isr = p.isr.length > 0 ? p.isr.join(', ') : t('shell.summary.none')
    return p.leader >= 0
      ? t('shell.summary.partition', { key: p.key, leader: p.leader, isr })
      : t('shell.summary.noLeader', { key: p.key, isr })
  })
  return [t('shell.summary.brokers', { list: brokers }), ...partitions].join(' ')
}

export function ClusterSummary() {
  const summary = useClusterSummary(useSim(selectView))
  return (
    <p className="visually-hidden" role="status" data-testid="cluster-summary">
      {summary}
    </p>
  )
}
