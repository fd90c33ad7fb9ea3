import { useTranslation } from 'react-i18next'
import type { MessageView } from '../../engine'
import { select } from '../inspector/selection'
import { messagePath, messagePosition, type ClusterLayout } from './layout'

/** Responses of the client and replication protocols are drawn hollow: shape, not colour alone. */
const HOLLOW_KINDS: ReadonlySet<string> = new Set([
  'produceResponse',
  'fetchResponse',
  'alterPartitionResponse',
])

/** A message in flight, placed by simulated time (no CSS transition), so scrubbing is exact. */
export function MessageDot({
  message,
  layout,
  nowMs,
}: {
  message: MessageView
  layout: ClusterLayout
  nowMs: number
}) {
  const { t } = useTranslation()
  const path = messagePath(layout, message.from, message.to)
  if (path === null) return null
  const at = messagePosition(path.from, path.to, message.sentAtMs, message.deliverAtMs, nowMs)
  const hollow = HOLLOW_KINDS.has(message.kind)
  return (
    <circle
      className={`message message--${message.kind}${hollow ? ' message--hollow' : ''}`}
      cx={at.x}
      cy={at.y}
      r={8}
      data-message-kind={message.kind}
      data-message-id={message.id}
      onClick={() => select({ kind: 'message', id: message.id })}
    >
      <title>{t(`messageKinds.${message.kind}`)}</title>
    </circle>
  )
}
