import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import type { BrokerView } from '../../engine'
import { formatSeconds } from '../format'
import { BROKER_BOX, type Point } from './layout'

/** One broker: name, status (colour plus text and border style, never colour alone), epoch, heartbeat. */
export const BrokerNode = memo(function BrokerNode({
  broker,
  at,
  width,
}: {
  broker: BrokerView
  at: Point
  width: number
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
  return (
    <g
      className={`broker broker--${broker.status}`}
      data-broker-id={broker.brokerId}
      data-status={broker.status}
      role="img"
      aria-label={`${t('nodes.broker', { brokerId: broker.brokerId })}: ${t(`status.${broker.status}`)}`}
    >
      <rect
        className="broker-box"
        x={left}
        y={top}
        width={width}
        height={BROKER_BOX.height}
        rx={12}
      />
      <text className="broker-name" x={at.x} y={top + 32} textAnchor="middle">
        {t('nodes.broker', { brokerId: broker.brokerId })}
      </text>
      <text className="broker-status" x={at.x} y={top + 60} textAnchor="middle">
        {t(`status.${broker.status}`)}
      </text>
      {broker.isolated && (
        <text className="broker-isolated" x={at.x} y={top - 14} textAnchor="middle">
          {t('cluster.isolated')}
        </text>
      )}
      <text className="broker-detail" x={at.x} y={top + 88} textAnchor="middle">
        {broker.brokerEpoch === null
          ? t('cluster.noEpoch')
          : t('cluster.brokerEpoch', { epoch: broker.brokerEpoch })}
      </text>
      <text className="broker-detail" x={at.x} y={top + 112} textAnchor="middle">
        {t('cluster.controllerThinks', { state: t(`controllerSees.${broker.controllerSees}`) })}
      </text>
      <text
        className="broker-detail broker-detail--small"
        x={at.x}
        y={top + 136}
        textAnchor="middle"
      >
        {lastHeartbeat}
      </text>
    </g>
  )
})
