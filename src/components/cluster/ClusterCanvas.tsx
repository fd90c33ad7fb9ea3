/**
 * The live cluster: the KRaft controller, the brokers, the links between them and the messages in
 * flight, all drawn from the engine's latest frame. React owns the SVG; d3 only supplies the layout
 * math. Fault buttons are HTML, positioned with the same layout numbers, so keyboards and screen
 * readers reach them.
 */
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { ClusterView } from '../../engine'
import { useAppServices, useSim } from '../AppServices'
import { formatSeconds } from '../format'
import { selectNowMs, selectView } from '../store/selectors'
import { BrokerActions } from './BrokerActions'
import { BrokerNode } from './BrokerNode'
import { MessageDot } from './MessageDot'
import {
  anchorOf,
  BROKER_BOX,
  CANVAS_HEIGHT,
  CANVAS_WIDTH,
  CONTROLLER_BOX,
  layoutCluster,
} from './layout'

const LEGEND_KINDS = ['brokerRegistration', 'brokerHeartbeat', 'brokerHeartbeatResponse'] as const

export function ClusterCanvas() {
  const view = useSim(selectView)
  if (view === null) return null
  return <ClusterDrawing view={view} />
}

function ClusterDrawing({ view }: { view: ClusterView }) {
  const { t } = useTranslation()
  const { dispatch } = useAppServices()
  const nowMs = useSim(selectNowMs)
  const brokerIds = useMemo(() => view.brokers.map((b) => b.brokerId), [view.brokers])
  const layout = useMemo(() => layoutCluster(brokerIds), [brokerIds])
  const online = view.brokers.filter((b) => b.status === 'online').length
  const anyIsolated = view.brokers.some((b) => b.isolated)
  const description = t('cluster.description', {
    online,
    total: view.brokers.length,
    time: t('timeline.seconds', { value: formatSeconds(nowMs) }),
  })
  return (
    <section className="cluster" aria-label={t('cluster.label')} data-testid="cluster">
      <p className="visually-hidden" id="cluster-description">
        {description}
      </p>
      <div className="cluster-stage">
        <svg
          className="cluster-svg"
          viewBox={`0 0 ${CANVAS_WIDTH} ${CANVAS_HEIGHT}`}
          role="group"
          aria-describedby="cluster-description"
        >
          {view.brokers.map((broker) => {
            const from = anchorOf(layout, broker.nodeId, 'up')
            const to = anchorOf(layout, 'controller', 'down')
            if (from === null || to === null) return null
            return (
              <line
                key={broker.brokerId}
                className={`link${broker.isolated ? ' link--cut' : ''}`}
                x1={from.x}
                y1={from.y}
                x2={to.x}
                y2={to.y}
              />
            )
          })}
          <g className="controller" data-node="controller">
            <rect
              className="controller-box"
              x={layout.controller.x - CONTROLLER_BOX.width / 2}
              y={layout.controller.y - CONTROLLER_BOX.height / 2}
              width={CONTROLLER_BOX.width}
              height={CONTROLLER_BOX.height}
              rx={12}
            />
            <text
              className="controller-name"
              x={layout.controller.x}
              y={layout.controller.y - 6}
              textAnchor="middle"
            >
              {t('nodes.controller')}
            </text>
            <text
              className="controller-role"
              x={layout.controller.x}
              y={layout.controller.y + 24}
              textAnchor="middle"
            >
              {t('cluster.controllerRole')}
            </text>
          </g>
          {view.brokers.map((broker) => (
            <BrokerNode
              key={broker.brokerId}
              broker={broker}
              at={layout.brokersById.get(broker.brokerId)!}
              width={layout.brokerWidth}
            />
          ))}
          {view.messages.map((message) => (
            <MessageDot key={message.id} message={message} layout={layout} nowMs={nowMs} />
          ))}
          <g className="legend" transform="translate(20, 24)">
            <text className="legend-title" x={0} y={5}>
              {t('cluster.legend')}
            </text>
            {LEGEND_KINDS.map((kind, i) => (
              <g key={kind} transform={`translate(0, ${30 + i * 30})`}>
                <circle className={`message message--${kind}`} cx={9} cy={0} r={9} />
                <text x={26} y={6}>
                  {t(`messageKinds.${kind}`)}
                </text>
              </g>
            ))}
          </g>
        </svg>
        {view.brokers.map((broker) => {
          const at = layout.brokersById.get(broker.brokerId)!
          return (
            <BrokerActions
              key={broker.brokerId}
              broker={broker}
              style={{
                left: `${((at.x - layout.brokerWidth / 2) / CANVAS_WIDTH) * 100}%`,
                width: `${(layout.brokerWidth / CANVAS_WIDTH) * 100}%`,
                top: `${((at.y + BROKER_BOX.height / 2 + 10) / CANVAS_HEIGHT) * 100}%`,
              }}
            />
          )
        })}
        {anyIsolated && (
          <button
            type="button"
            className="heal-network"
            onClick={() => dispatch({ type: 'healNetwork' })}
          >
            {t('cluster.healNetwork')}
          </button>
        )}
      </div>
    </section>
  )
}
