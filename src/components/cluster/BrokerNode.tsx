import { memo, type KeyboardEvent, type MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { BrokerView } from '../../engine'
import { formatSeconds } from '../format'
import { BROKER_BOX, type Point } from './layout'

/** Keys that open the context menu on a focused node (Enter, the menu key, Shift+F10). */
export function opensMenu(event: KeyboardEvent): boolean {
  return (
    event.key === 'Enter' || event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')
  )
}

/**
 * One broker: name, status (colour plus text and border style, never colour alone), epoch, what
 * the controller believes, heartbeat; badges for the faults in force. Focusable: a click inspects
 * it, a right click or Enter opens its fault menu.
 */
export const BrokerNode = memo(function BrokerNode({
  broker,
  at,
  width,
  fetcherPaused,
  slow,
  selected,
  onSelect,
  onMenu,
}: {
  broker: BrokerView
  at: Point
  width: number
  fetcherPaused: boolean
  slow: boolean
  selected: boolean
  onSelect: (brokerId: number) => void
  onMenu: (brokerId: number, element: Element, at: { x: number; y: number } | null) => void
}) {
  const { t } = useTranslation()
  const left = at.x - width / 2
  const top = at.y - BROKER_BOX.height / 2
  const lastHeartbeat =
    broker.lastContactMs === null
      ? t('cluster.neverHeard')
      : t('cluster.lastHeartbeat', {
          time: t('timeline.seconds', { value: formatSeconds(broker.lastContactMs) }),
        })
  const badges = [
    broker.isolated ? t('cluster.isolated') : null,
    slow ? t('inspector.badges.slow') : null,
    fetcherPaused ? t('inspector.badges.fetcherPaused') : null,
  ].filter((b): b is string => b !== null)
  const name = t('nodes.broker', { brokerId: broker.brokerId })
  const status = t(`status.${broker.status}`)
  const openMenu = (event: MouseEvent<SVGGElement>) => {
    event.preventDefault()
    const box = event.currentTarget.ownerSVGElement!.getBoundingClientRect()
    onMenu(broker.brokerId, event.currentTarget, {
      x: event.clientX - box.left,
      y: event.clientY - box.top,
    })
  }
  return (
    <g
      className={`broker broker--${broker.status}${selected ? ' is-selected' : ''}`}
      data-broker-id={broker.brokerId}
      data-status={broker.status}
      role="button"
      tabIndex={0}
      aria-haspopup="menu"
      aria-label={`${name}: ${status}. ${t('inspector.menu.hint')}`}
      onClick={() => onSelect(broker.brokerId)}
      onContextMenu={openMenu}
      onKeyDown={(event) => {
        if (event.key === ' ') onSelect(broker.brokerId)
        else if (opensMenu(event)) onMenu(broker.brokerId, event.currentTarget, null)
        else return
        event.preventDefault()
        event.stopPropagation()
      }}
    >
      <rect
        className="broker-box"
        x={left}
        y={top}
        width={width}
        height={BROKER_BOX.height}
        rx={10}
      />
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
      <text className="broker-detail" x={at.x} y={top + 55} textAnchor="middle">
        {broker.brokerEpoch === null
          ? t('cluster.noEpoch')
          : t('cluster.brokerEpoch', { epoch: broker.brokerEpoch })}
      </text>
      <text className="broker-detail" x={at.x} y={top + 71} textAnchor="middle">
        {t('cluster.controllerThinks', { state: t(`controllerSees.${broker.controllerSees}`) })}
      </text>
      <text className="broker-detail" x={at.x} y={top + 87} textAnchor="middle">
        {lastHeartbeat}
      </text>
    </g>
  )
})
