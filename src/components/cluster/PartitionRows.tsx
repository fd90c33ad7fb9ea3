/**
 * The partitions under the brokers: per partition its leader, leader epoch and ISR (the
 * controller's view), and per replica a log strip of the latest offsets as that broker holds them:
 * segment boundaries, log start offset, high watermark (HW) and log end offset (LEO). Everything
 * comes from the engine's frame; d3-scale (layout.ts) only places the cells.
 */
import { memo, type MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import type { ClusterView } from '../../engine'
import type { Selection } from '../inspector/selection'
import { opensMenu } from './nodeInteraction'
import {
  COLUMN,
  COMPACT_ISR_X,
  layoutKey,
  offsetWindow,
  PARTITION_KEY_HEIGHT,
  COMPACT_ROW_HEIGHT,
  REPLICA_ROW_HEIGHT,
  stripExtent,
  type PartitionBlock,
} from './layout'
import { textWidth } from './textFit'

type PartitionView = ClusterView['partitions'][number]
type ReplicaView = PartitionView['replicaViews'][number]

const list = (ids: readonly number[]) => `{${ids.join(', ')}}`

export interface ReplicaHandlers {
  onSelect: (selection: Selection) => void
  onMenu: (
    brokerId: number,
    partitionKey: string,
    element: Element,
    at: { x: number; y: number } | null,
  ) => void
}

type KeyItem = { className: string; marker: 'cell' | 'line'; text: string }

/** The key's items, and their widths (for layoutKey): a marker, then its text. */
export function keyItems(t: TFunction): { items: KeyItem[]; widths: number[] } {
  const items: KeyItem[] = [
    {
      className: 'log-cell log-cell--committed',
      marker: 'cell',
      text: t('inspector.key.committed'),
    },
    {
      className: 'log-cell log-cell--uncommitted',
      marker: 'cell',
      text: t('inspector.key.uncommitted'),
    },
    { className: 'hw-marker', marker: 'line', text: t('inspector.key.hw') },
    { className: 'log-cell log-cell--next', marker: 'cell', text: t('inspector.key.leo') },
    { className: 'log-start-marker', marker: 'line', text: t('inspector.key.logStart') },
    { className: 'segment-marker', marker: 'line', text: t('inspector.key.segment') },
  ]
  return { items, widths: items.map((item) => 22 + textWidth(item.text)) }
}

/**
 * What a cell, the HW line, the LEO slot, the log start and a segment boundary mean: one line, or
 * more where the canvas is narrow.
 */
export const PartitionKey = memo(function PartitionKey({
  width,
  top,
}: {
  width: number
  top: number
}) {
  const { t } = useTranslation()
  const { items, widths } = keyItems(t)
  const placed = layoutKey(widths, width).items
  return (
    <g className="partition-key" aria-hidden="true">
      <line className="partition-key-rule" x1={8} x2={width - 8} y1={top} y2={top} />
      {items.map((item, i) => {
        const at = placed[i]!.x
        const y = top + 16 + placed[i]!.row * PARTITION_KEY_HEIGHT
        return (
          <g key={item.className}>
            {item.marker === 'cell' ? (
              <rect className={item.className} x={at} y={y - 13} width={16} height={16} rx={3} />
            ) : (
              <line className={item.className} x1={at + 8} x2={at + 8} y1={y - 15} y2={y + 5} />
            )}
            <text x={at + 22} y={y}>
              {item.text}
            </text>
          </g>
        )
      })}
    </g>
  )
})

interface RowProps {
  partition: PartitionView
  block: PartitionBlock
  selection: Selection | null
  handlers: ReplicaHandlers
  /** Labels on a line above the strips (narrow columns). */
  stacked: boolean
}

/** A block's strips and the offsets they show (one window for all its replicas). */
function stripAndWindow(partition: PartitionView, block: PartitionBlock, stacked: boolean) {
  const strip = stripExtent(block, stacked)
  const scale = offsetWindow(
    partition.replicaViews.map((r) => r.logEndOffset),
    strip,
  )
  return { strip, scale }
}

/**
 * A partition on one line, when the full blocks do not fit: name, leader, epoch, ISR, the
 * leader's log strip, and every follower's log end offset as a tick under it (dashed when out of
 * the ISR). The name opens the menu of the leader's replica.
 */
export const CompactPartitionRow = memo(function CompactPartitionRow({
  partition,
  block,
  selection,
  handlers,
  stacked,
}: RowProps) {
  const { t } = useTranslation()
  const { strip, scale } = stripAndWindow(partition, block, stacked)
  const shown =
    partition.replicaViews.find((r) => r.brokerId === partition.leader) ?? partition.replicaViews[0]
  const x = block.left
  const y = block.top + 15
  const key = partition.key
  return (
    <g
      className="partition partition--compact"
      data-partition={key}
      data-leader={partition.leader}
      data-leader-epoch={partition.leaderEpoch}
      data-isr={partition.isr.join(',')}
    >
      <text
        className="partition-name"
        x={x}
        y={y}
        role="button"
        tabIndex={0}
        aria-haspopup="menu"
        aria-label={`${key}. ${t('inspector.menu.hint')}`}
        onClick={() =>
          shown &&
          handlers.onSelect({ kind: 'replica', brokerId: shown.brokerId, partitionKey: key })
        }
        onKeyDown={(event) => {
          if (shown === undefined) return
          if (event.key === ' ')
            handlers.onSelect({ kind: 'replica', brokerId: shown.brokerId, partitionKey: key })
          else if (opensMenu(event)) handlers.onMenu(shown.brokerId, key, event.currentTarget, null)
          else return
          event.preventDefault()
          event.stopPropagation()
        }}
      >
        {key}
      </text>
      <PartitionHeadline partition={partition} x={x} top={block.top} />
      {shown !== undefined && (
        <ReplicaStrip
          partitionKey={key}
          replica={shown}
          top={strip.top}
          rowHeight={COMPACT_ROW_HEIGHT - 2}
          labelX={null}
          strip={strip}
          scale={scale}
          selectedOffset={
            selection?.kind === 'batch' &&
            selection.brokerId === shown.brokerId &&
            selection.partitionKey === key
              ? selection.offset
              : null
          }
          selected={false}
          handlers={handlers}
        />
      )}
      {partition.replicaViews
        .filter((r) => r !== shown && r.logEndOffset >= scale.first)
        .map((r) => {
          const at = Math.min(scale.x(r.logEndOffset), strip.right)
          const bottom = strip.top + COMPACT_ROW_HEIGHT
          return (
            <path
              key={r.brokerId}
              className={`follower-tick${r.inIsr && r.online ? '' : ' follower-tick--out'}`}
              d={`M${at},${bottom - 5} l-4,5 h8 z`}
            >
              <title>
                {t('inspector.followerTick', { brokerId: r.brokerId, leo: r.logEndOffset })}
              </title>
            </path>
          )
        })}
    </g>
  )
})

export const PartitionRow = memo(function PartitionRow({
  partition,
  block,
  selection,
  handlers,
  stacked,
}: RowProps) {
  const { t } = useTranslation()
  const { strip, scale } = stripAndWindow(partition, block, stacked)
  const hasLeader = partition.leader >= 0
  const x = block.left
  return (
    <g
      className="partition"
      data-partition={partition.key}
      data-leader={partition.leader}
      data-leader-epoch={partition.leaderEpoch}
      data-isr={partition.isr.join(',')}
    >
      <text className="partition-name" x={x} y={block.top + 15}>
        {partition.key}
      </text>
      {stacked ? (
        <PartitionHeadline partition={partition} x={x} top={block.top} />
      ) : (
        <>
          <g className={`leader-badge${hasLeader ? '' : ' leader-badge--none'}`}>
            <rect x={x} y={block.top + 21} width={COLUMN.label - 10} height={20} rx={10} />
            <text x={x + (COLUMN.label - 10) / 2} y={block.top + 36} textAnchor="middle">
              {hasLeader
                ? t('inspector.leaderShort', { brokerId: partition.leader })
                : t('inspector.noLeaderShort')}
            </text>
          </g>
          <text className="partition-detail" x={x} y={block.top + 57}>
            {t('partitions.leaderEpoch', { epoch: partition.leaderEpoch })}
          </text>
          <text className="partition-detail" x={x} y={block.top + 74}>
            {t('partitions.isr', { isr: list(partition.isr) })}
          </text>
        </>
      )}
      {partition.replicaViews.map((replica, i) => (
        <ReplicaStrip
          key={replica.brokerId}
          partitionKey={partition.key}
          replica={replica}
          top={strip.top + i * REPLICA_ROW_HEIGHT}
          rowHeight={REPLICA_ROW_HEIGHT}
          labelX={stacked ? x : x + block.labelWidth - COLUMN.replica}
          strip={strip}
          scale={scale}
          selectedOffset={
            selection?.kind === 'batch' &&
            selection.brokerId === replica.brokerId &&
            selection.partitionKey === partition.key
              ? selection.offset
              : null
          }
          selected={
            selection?.kind === 'replica' &&
            selection.brokerId === replica.brokerId &&
            selection.partitionKey === partition.key
          }
          handlers={handlers}
        />
      ))}
    </g>
  )
})

/** Leader, leader epoch and ISR on one line, after the partition's name (compact or stacked). */
function PartitionHeadline({
  partition,
  x,
  top,
}: {
  partition: PartitionView
  x: number
  top: number
}) {
  const { t } = useTranslation()
  const hasLeader = partition.leader >= 0
  const y = top + 15
  return (
    <>
      <g className={`leader-badge${hasLeader ? '' : ' leader-badge--none'}`}>
        <rect x={x + 88} y={top + 1} width={92} height={18} rx={9} />
        <text x={x + 134} y={y} textAnchor="middle">
          {hasLeader
            ? t('inspector.leaderShort', { brokerId: partition.leader })
            : t('inspector.noLeaderShort')}
        </text>
      </g>
      <text className="partition-detail" x={x + 186} y={y}>
        {t('inspector.epochShort', { epoch: partition.leaderEpoch })}
      </text>
      <text className="partition-detail" x={x + COMPACT_ISR_X} y={y}>
        {t('partitions.isr', { isr: `{${partition.isr.join(',')}}` })}
      </text>
    </>
  )
}

function ReplicaStrip({
  partitionKey,
  replica,
  top,
  rowHeight,
  labelX,
  strip,
  scale,
  selectedOffset,
  selected,
  handlers,
}: {
  partitionKey: string
  replica: ReplicaView
  top: number
  rowHeight: number
  /** null: no label (a compact row labels the partition instead). */
  labelX: number | null
  strip: ReturnType<typeof stripExtent>
  scale: ReturnType<typeof offsetWindow>
  selectedOffset: number | null
  selected: boolean
  handlers: ReplicaHandlers
}) {
  const { t } = useTranslation()
  const { x, cellWidth, first, count } = scale
  const lastShown = first + count - 1
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
    selected ? 'is-selected' : '',
  ]
    .filter(Boolean)
    .join(' ')
  const cellHeight = rowHeight - 4
  const cellTop = top + 2
  const markerTop = cellTop - 3
  const markerBottom = cellTop + cellHeight + 3
  const visible = (offset: number) => offset >= first && offset <= lastShown + 1
  const { brokerId } = replica
  const selectReplica = () => handlers.onSelect({ kind: 'replica', brokerId, partitionKey })
  const openMenu = (event: MouseEvent<SVGElement>) => {
    event.preventDefault()
    const box = event.currentTarget.ownerSVGElement!.getBoundingClientRect()
    handlers.onMenu(brokerId, partitionKey, event.currentTarget, {
      x: event.clientX - box.left,
      y: event.clientY - box.top,
    })
  }
  const label = t('partitions.replica', { brokerId, state: t(`partitions.states.${state}`) })
  const segmentStarts = replica.segments
    .map((s) => s.baseOffset)
    .filter((o) => o > replica.logStartOffset && o >= first && o <= lastShown)
  return (
    <g
      className={className}
      data-replica={`${partitionKey}@${brokerId}`}
      data-role={replica.role}
      data-online={replica.online}
      data-in-isr={replica.inIsr}
      data-log-start-offset={replica.logStartOffset}
      data-log-end-offset={replica.logEndOffset}
      data-high-watermark={replica.highWatermark}
      onContextMenu={openMenu}
    >
      {labelX !== null && (
        <text
          className="replica-label"
          x={labelX}
          y={top + rowHeight - 8}
          role="button"
          tabIndex={0}
          aria-haspopup="menu"
          aria-label={`${partitionKey}, ${label}. ${t('inspector.menu.hint')}`}
          onClick={selectReplica}
          onKeyDown={(event) => {
            if (event.key === ' ') selectReplica()
            else if (opensMenu(event))
              handlers.onMenu(brokerId, partitionKey, event.currentTarget, null)
            else return
            event.preventDefault()
            event.stopPropagation()
          }}
        >
          {t('inspector.replicaShort', { brokerId, state: t(`inspector.states.${state}`) })}
        </text>
      )}
      <rect
        className="log-strip"
        x={strip.left}
        y={cellTop}
        width={strip.right - strip.left}
        height={cellHeight}
        onClick={selectReplica}
      />
      {offsets.map((offset) => (
        <g
          key={offset}
          className="log-cell-group"
          data-offset={offset}
          onClick={() => handlers.onSelect({ kind: 'batch', brokerId, partitionKey, offset })}
        >
          <rect
            className={`log-cell ${offset < replica.highWatermark ? 'log-cell--committed' : 'log-cell--uncommitted'}${offset === selectedOffset ? ' log-cell--selected' : ''}`}
            x={x(offset) + 1}
            y={cellTop}
            width={cellWidth - 2}
            height={cellHeight}
            rx={3}
          />
          <text
            className="log-offset"
            x={x(offset) + cellWidth / 2}
            y={cellTop + cellHeight - 5}
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
          height={cellHeight}
          rx={3}
        />
      )}
      {segmentStarts.map((offset) => (
        <line
          key={offset}
          className="segment-marker"
          x1={x(offset)}
          x2={x(offset)}
          y1={markerTop}
          y2={markerBottom}
        />
      ))}
      {replica.logStartOffset >= first && replica.logStartOffset <= lastShown && (
        <line
          className="log-start-marker"
          x1={x(replica.logStartOffset)}
          x2={x(replica.logStartOffset)}
          y1={markerTop}
          y2={markerBottom}
        />
      )}
      {visible(replica.highWatermark) && (
        <line
          className="hw-marker"
          x1={x(replica.highWatermark)}
          x2={x(replica.highWatermark)}
          y1={markerTop}
          y2={markerBottom}
        />
      )}
      <text className="replica-summary" x={strip.summary} y={top + rowHeight - 8}>
        {t('partitions.summary', { hw: replica.highWatermark, leo: replica.logEndOffset })}
      </text>
    </g>
  )
}
