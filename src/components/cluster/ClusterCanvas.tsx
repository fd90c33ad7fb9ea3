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
import { pausedFetchers, selectEvents, selectNowMs, selectView } from '../store/selectors'
import { BrokerActions } from './BrokerActions'
import { BrokerNode } from './BrokerNode'
import { MessageDot } from './MessageDot'
import { PartitionKey, PartitionRow } from './PartitionRows'
import {
  anchorOf,
  BROKER_BOX,
  CANVAS_WIDTH,
  CLIENT_BOX,
  CONTROLLER_BOX,
  layoutCluster,
  layoutPartitions,
} from './layout'

const LEGEND_KINDS = [
  'brokerRegistration',
  'brokerHeartbeat',
  'brokerHeartbeatResponse',
  'metadataUpdate',
] as const
/** Client and replication traffic: requests filled, responses hollow (shape, not colour alone). */
const DATA_LEGEND_KINDS = ['produceRequest', 'fetchRequest', 'alterPartition'] as const

export function ClusterCanvas() {
  const view = useSim(selectView)
  if (view === null) return null
  return <ClusterDrawing view={view} />
}

function ClusterDrawing({ view }: { view: ClusterView }) {
  const { t } = useTranslation()
  const { dispatch } = useAppServices()
  const nowMs = useSim(selectNowMs)
  const events = useSim(selectEvents)
  const paused = useMemo(() => pausedFetchers(events), [events])
  const brokerIds = useMemo(() => view.brokers.map((b) => b.brokerId), [view.brokers])
  const layout = useMemo(() => layoutCluster(brokerIds), [brokerIds])
  // Cheap arithmetic: recomputed with the frame, so the drawing stays a function of the frame.
  const partitionLayout = layoutPartitions(
    view.partitions.map((p) => ({ key: p.key, replicas: p.replicaViews.length })),
  )
  const canvasHeight = partitionLayout.height
  const showClient =
    view.partitions.length > 0 ||
    view.messages.some((m) => m.from === 'client-1' || m.to === 'client-1')
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
      <div className="cluster-stage" style={{ aspectRatio: `${CANVAS_WIDTH} / ${canvasHeight}` }}>
        <svg
          className="cluster-svg"
          viewBox={`0 0 ${CANVAS_WIDTH} ${canvasHeight}`}
          role="group"
          aria-describedby="cluster-description"
        >
          <defs>
            <pattern
              id="hatch-out-of-isr"
              width={8}
              height={8}
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width={8} height={8} fill="#fff7e6" />
              <line x1={0} y1={0} x2={0} y2={8} stroke="#e69f00" strokeWidth={3} />
            </pattern>
          </defs>
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
          {showClient && (
            <g className="client-node" data-node="client-1">
              <rect
                className="client-box"
                x={layout.client.x - CLIENT_BOX.width / 2}
                y={layout.client.y - CLIENT_BOX.height / 2}
                width={CLIENT_BOX.width}
                height={CLIENT_BOX.height}
                rx={10}
              />
              <text
                className="client-name"
                x={layout.client.x}
                y={layout.client.y + 8}
                textAnchor="middle"
              >
                {t('nodes.client')}
              </text>
            </g>
          )}
          {view.partitions.length > 0 && <PartitionKey />}
          {view.partitions.map((partition, i) => (
            <PartitionRow
              key={partition.key}
              partition={partition}
              block={partitionLayout.blocks[i]!}
            />
          ))}
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
          {showClient && (
            <g className="legend" transform="translate(700, 24)">
              {DATA_LEGEND_KINDS.map((kind, i) => (
                <g key={kind} transform={`translate(0, ${i * 30})`}>
                  <circle className={`message message--${kind}`} cx={9} cy={0} r={9} />
                  <text x={26} y={6}>
                    {t(`messageKinds.${kind}`)}
                  </text>
                </g>
              ))}
              <g transform={`translate(0, ${DATA_LEGEND_KINDS.length * 30})`}>
                <circle className="message message--legend-hollow" cx={9} cy={0} r={8} />
                <text x={26} y={6}>
                  {t('cluster.legendResponse')}
                </text>
              </g>
            </g>
          )}
        </svg>
        {view.brokers.map((broker) => {
          const at = layout.brokersById.get(broker.brokerId)!
          return (
            <BrokerActions
              key={broker.brokerId}
              broker={broker}
              fetcherPaused={paused.has(broker.brokerId)}
              style={{
                left: `${((at.x - layout.brokerWidth / 2) / CANVAS_WIDTH) * 100}%`,
                width: `${(layout.brokerWidth / CANVAS_WIDTH) * 100}%`,
                top: `${((at.y + BROKER_BOX.height / 2 + 10) / canvasHeight) * 100}%`,
              }}
            />
          )
        })}
        {anyIsolated && (
          <button
            type="button"
            className="heal-network"
            style={{ top: `${(150 / canvasHeight) * 100}%` }}
            onClick={() => dispatch({ type: 'healNetwork' })}
          >
            {t('cluster.healNetwork')}
          </button>
        )}
      </div>
    </section>
  )
}
