import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import type { BrokerView } from '../../engine'
import { brokerDetails, wrapBrokerDetails } from './brokerText'
import { nodeInteraction, type NodeBoxProps } from './nodeInteraction'

/**
 * One broker: name, status (colour plus text and border style, never colour alone), epoch, what
 * the controller believes, heartbeat; badges for the faults in force. Focusable: a click inspects
 * it, a right click or Enter opens its fault menu.
 */
export const BrokerNode = memo(function BrokerNode({
  broker,
  at,
  width,
  height,
  fetcherPaused,
  slow,
  selected,
  onSelect,
  onMenu,
}: NodeBoxProps<number> & {
  broker: BrokerView
  /** From the layout: room for the longest details at this width. */
  height: number
  fetcherPaused: boolean
  slow: boolean
}) {
  const { t } = useTranslation()
  const left = at.x - width / 2
  const top = at.y - height / 2
  const details = wrapBrokerDetails(brokerDetails(t, broker), width).flat()
  const badges = [
    broker.isolated ? t('cluster.isolated') : null,
    slow ? t('inspector.badges.slow') : null,
    fetcherPaused ? t('inspector.badges.fetcherPaused') : null,
  ].filter((b): b is string => b !== null)
  const name = t('nodes.broker', { brokerId: broker.brokerId })
  const status = t(`status.${broker.status}`)
  return (
    <g
      className={`broker broker--${broker.status}${selected ? ' is-selected' : ''}`}
      data-broker-id={broker.brokerId}
      data-status={broker.status}
      aria-label={`${name}: ${status}. ${t('inspector.menu.hint')}`}
      {...nodeInteraction(broker.brokerId, onSelect, onMenu)}
    >
      <rect className="broker-box" x={left} y={top} width={width} height={height} rx={10} />
      <text className="broker-name" x={at.x} y={top + 20} textAnchor="middle">
        {name}
      </text>
      <text className="broker-status" x={at.x} y={top + 38} textAnchor="middle">
        {status}
      </text>
      {badges.length > 0 && (
        <text className="broker-isolated" x={at.x} y={top - 6} textAnchor="middle">
          {badges.join(' · ')}
        </text>
      )}
      {details.map((line, i) => (
        <text key={i} className="broker-detail" x={at.x} y={top + 55 + 16 * i} textAnchor="middle">
          {line}
        </text>
      ))}
    </g>
  )
})
