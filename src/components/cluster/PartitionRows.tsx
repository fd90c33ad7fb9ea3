/**
 * The partitions under the brokers: per partition its leader, leader epoch and ISR (the
 * controller's view), and per replica a log strip of the latest offsets as that broker holds them,
 * with the high watermark (HW), log end offset (LEO) and log start offset. Everything comes from
 * the engine's frame; d3-scale (layout.ts) only places the cells.
 */
import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import type { ClusterView } from '../../engine'
import {
  CANVAS_WIDTH,
  offsetWindow,
  PARTITION_HEADER_HEIGHT,
  PARTITIONS_TOP,
  REPLICA_ROW_HEIGHT,
  STRIP,
  type PartitionBlock,
} from './layout'

type PartitionView = ClusterView['partitions'][number]
type ReplicaView = PartitionView['replicaViews'][number]

const CELL_HEIGHT = 28
const list = (ids: readonly number[]) => `{${ids.join(', ')}}`

/** What a cell, the HW line, the LEO slot and the log start bar mean. */
export function PartitionKey() {
  const { t } = useTranslation()
  const top = PARTITIONS_TOP
  const row1 = top + 26
  const row2 = top + 60
  const cell = (x: number, y: number, className: string) => (
    <rect className={className} x={x} y={y - 19} width={24} height={24} rx={3} />
  )
  return (
    <g className="partition-key" aria-hidden="true">
      <line className="partition-key-rule" x1={20} x2={CANVAS_WIDTH - 20} y1={top} y2={top} />
      <text className="partition-key-title" x={20} y={row1}>
        {t('partitions.title')}
      </text>
      {cell(190, row1, 'log-cell log-cell--committed')}
      <text x={222} y={row1}>
        {t('partitions.keyCommitted')}
      </text>
      {cell(470, row1, 'log-cell log-cell--uncommitted')}
      <text x={502} y={row1}>
        {t('partitions.keyUncommitted')}
      </text>
      <g className="replica--out-of-isr">{cell(720, row1, 'log-cell log-cell--uncommitted')}</g>
      <text x={752} y={row1}>
        {t('partitions.keyOutOfIsr')}
      </text>
      <line className="hw-marker" x1={200} x2={200} y1={row2 - 22} y2={row2 + 8} />
      <text x={214} y={row2}>
        {t('partitions.keyHw')}
      </text>
      {cell(470, row2, 'log-cell log-cell--next')}
      <text x={502} y={row2}>
        {t('partitions.keyLeo')}
      </text>
      <line className="log-start-marker" x1={730} x2={730} y1={row2 - 22} y2={row2 + 8} />
      <text x={752} y={row2}>
        {t('partitions.keyLogStart')}
      </text>
    </g>
  )
}

export const PartitionRow = memo(function PartitionRow({
  partition,
  block,
}: {
  partition: PartitionView
  block: PartitionBlock
}) {
  const { t } = useTranslation()
  const scale = offsetWindow(partition.replicaViews.map((r) => r.logEndOffset))
  const baseline = block.top + 27
  const hasLeader = partition.leader >= 0
  return (
    <g
      className="partition"
      data-partition={partition.key}
      data-leader={partition.leader}
      data-leader-epoch={partition.leaderEpoch}
      data-isr={partition.isr.join(',')}
    >
      <text className="partition-name" x={STRIP.label} y={baseline}>
        {partition.key}
      </text>
      <g className={`leader-badge${hasLeader ? '' : ' leader-badge--none'}`}>
        <rect x={150} y={block.top + 6} width={200} height={30} rx={15} />
        <text x={250} y={baseline} textAnchor="middle">
          {hasLeader
            ? t('partitions.leader', { brokerId: partition.leader })
            : t('partitions.noLeader')}
        </text>
      </g>
      <text className="partition-detail" x={370} y={baseline}>
        {t('partitions.leaderEpoch', { epoch: partition.leaderEpoch })}
      </text>
      <text className="partition-detail" x={580} y={baseline}>
        {t('partitions.isr', { isr: list(partition.isr) })}
      </text>
      {partition.replicaViews.map((replica, i) => (
        <ReplicaStrip
          key={replica.brokerId}
          partitionKey={partition.key}
          replica={replica}
          top={block.top + PARTITION_HEADER_HEIGHT + i * REPLICA_ROW_HEIGHT}
          scale={scale}
        />
      ))}
    </g>
  )
})

function ReplicaStrip({
  partitionKey,
  replica,
  top,
  scale,
}: {
  partitionKey: string
  replica: ReplicaView
  top: number
  scale: ReturnType<typeof offsetWindow>
}) {
  const { t } = useTranslation()
  const { x, cellWidth, first } = scale
  const lastShown = first + Math.round((STRIP.right - STRIP.left) / cellWidth) - 1
  const from = Math.max(first, replica.logStartOffset)
  const to = Math.min(replica.logEndOffset - 1, lastShown)
  const offsets: number[] = []
  for (let o = from; o <= to; o++) offsets.push(o)
  const state = !replica.online ? 'offline' : !replica.inIsr ? 'outOfIsr' : replica.role
  const className = [
    'replica',
    `replica--${replica.role}`,
    replica.inIsr ? '' : 'replica--out-of-isr',
    replica.online ? '' : 'replica--offline',
  ]
    .filter(Boolean)
    .join(' ')
  const cellTop = top + (REPLICA_ROW_HEIGHT - CELL_HEIGHT) / 2
  const markerTop = cellTop - 3
  const markerBottom = cellTop + CELL_HEIGHT + 3
  const showMarker = (offset: number) => offset >= first && offset <= lastShown + 1
  return (
    <g
      className={className}
      data-replica={`${partitionKey}@${replica.brokerId}`}
      data-role={replica.role}
      data-online={replica.online}
      data-in-isr={replica.inIsr}
      data-log-start-offset={replica.logStartOffset}
      data-log-end-offset={replica.logEndOffset}
      data-high-watermark={replica.highWatermark}
    >
      <text className="replica-label" x={STRIP.label + 16} y={top + 24}>
        {t('partitions.replica', {
          brokerId: replica.brokerId,
          state: t(`partitions.states.${state}`),
        })}
      </text>
      <rect
        className="log-strip"
        x={STRIP.left}
        y={cellTop}
        width={STRIP.right - STRIP.left}
        height={CELL_HEIGHT}
      />
      {offsets.map((offset) => (
        <g key={offset}>
          <rect
            className={`log-cell ${offset < replica.highWatermark ? 'log-cell--committed' : 'log-cell--uncommitted'}`}
            x={x(offset) + 1}
            y={cellTop}
            width={cellWidth - 2}
            height={CELL_HEIGHT}
            rx={3}
          />
          <text
            className="log-offset"
            x={x(offset) + cellWidth / 2}
            y={cellTop + 21}
            textAnchor="middle"
          >
            {offset}
          </text>
        </g>
      ))}
      {replica.logEndOffset <= lastShown && (
        <rect
          className="log-cell log-cell--next"
          x={x(replica.logEndOffset) + 1}
          y={cellTop}
          width={cellWidth - 2}
          height={CELL_HEIGHT}
          rx={3}
        />
      )}
      {replica.logStartOffset >= first && replica.logStartOffset <= lastShown && (
        <line
          className="log-start-marker"
          x1={x(replica.logStartOffset)}
          x2={x(replica.logStartOffset)}
          y1={markerTop}
          y2={markerBottom}
        />
      )}
      {showMarker(replica.highWatermark) && (
        <line
          className="hw-marker"
          x1={x(replica.highWatermark)}
          x2={x(replica.highWatermark)}
          y1={markerTop}
          y2={markerBottom}
        />
      )}
      <text className="replica-summary" x={STRIP.summary} y={top + 24}>
        {t('partitions.summary', { hw: replica.highWatermark, leo: replica.logEndOffset })}
      </text>
    </g>
  )
}
