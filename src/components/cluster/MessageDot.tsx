import { useTranslation } from 'react-i18next'
import type { MessageView } from '../../engine'
import { anchorOf, messagePosition, type ClusterLayout } from './layout'

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
  const upward = message.to === 'controller'
  const from = anchorOf(layout, message.from, upward ? 'up' : 'down')
  const to = anchorOf(layout, message.to, upward ? 'down' : 'up')
  if (from === null || to === null) return null
  const at = messagePosition(from, to, message.sentAtMs, message.deliverAtMs, nowMs)
  return (
    <circle
      className={`message message--${message.kind}`}
      cx={at.x}
      cy={at.y}
      r={9}
      data-message-kind={message.kind}
    >
      <title>{t(`messageKinds.${message.kind}`)}</title>
    </circle>
  )
}
