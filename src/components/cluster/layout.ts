/**
 * Where things go on the cluster canvas. The SVG's viewBox is the canvas's size in CSS pixels, so
 * a font size here is the size on screen (≥ 14 px). Pure math (d3-scale), no DOM: the context
 * menu and the tests place things with the same numbers as the drawing.
 *
 * Top to bottom: the KRaft controller with the clients beside it (producers on the left, consumers
 * on the right, in as many rows as they need), a gap where controller and client traffic travels,
 * the row of brokers (replication traffic runs along their bottom edge), then the partitions, in
 * as many columns as the width allows and the height needs.
 */
import { scaleLinear, scalePoint } from 'd3-scale'
import type { BrokerId, NodeId } from '../../engine'
import { CLIENT_BOX, layoutClientBand, NO_CLIENTS, type ClientNodes } from './clientBand'

export interface Size {
  width: number
  height: number
}

/** The canvas before its container is measured (and in tests). */
export const DEFAULT_SIZE: Size = { width: 900, height: 520 }
export const CONTROLLER_BOX = { width: 190, narrowWidth: 140, height: 48, top: 6 }
/** `height` with the usual three detail lines; narrow boxes wrap them onto more. */
export const BROKER_BOX = { height: 92, top: 90, maxWidth: 200 }
/** Broker box: name and status take 44 px, each detail line 16 px. */
const BROKER_HEAD = 44
const BROKER_LINE = 16
/** Room between the controller/client band and the brokers, where their traffic travels. */
const TRAFFIC_GAP = 36
/** Room under the brokers for the replication traffic along their bottom edge. */
const PARTITIONS_GAP = 14
export const SIDE = 8

export interface Point {
  x: number
  y: number
}

export interface ClusterLayout {
  width: number
  controller: Point
  controllerWidth: number
  /** Centres of the client boxes (`client-1`, `producer-N`, `consumer-N`). */
  clientsById: Map<NodeId, Point>
  clientWidth: number
  brokersById: Map<BrokerId, Point>
  brokerWidth: number
  brokerHeight: number
  /** Top of the partitions' key line. */
  partitionsTop: number
}

/** Width of each broker box when `count` brokers share `width`. */
export function brokerWidthFor(count: number, width: number): number {
  const step = count > 1 ? (width - 2 * SIDE) / count : width - 2 * SIDE
  return Math.min(BROKER_BOX.maxWidth, step - 12)
}

/** Height of a broker box holding `detailLines` lines under its name and status. */
export const brokerHeightFor = (detailLines: number) => BROKER_HEAD + BROKER_LINE * detailLines

export function layoutCluster(
  brokerIds: readonly BrokerId[],
  width: number,
  clients: ClientNodes = NO_CLIENTS,
  brokerDetailLines = 3,
): ClusterLayout {
  const controllerWidth = width < 640 ? CONTROLLER_BOX.narrowWidth : CONTROLLER_BOX.width
  const band = layoutClientBand(clients, width, CONTROLLER_BOX.top, controllerWidth)
  const brokerTop = Math.max(CONTROLLER_BOX.top + CONTROLLER_BOX.height, band.bottom) + TRAFFIC_GAP
  const brokerHeight = brokerHeightFor(brokerDetailLines)
  const x = scalePoint<BrokerId>()
    .domain([...brokerIds])
    .range([SIDE, width - SIDE])
    .padding(0.5)
  const brokersById = new Map<BrokerId, Point>()
  const y = brokerTop + brokerHeight / 2
  for (const id of brokerIds) brokersById.set(id, { x: x(id) ?? width / 2, y })
  return {
    width,
    controller: { x: width / 2, y: CONTROLLER_BOX.top + CONTROLLER_BOX.height / 2 },
    controllerWidth,
    clientsById: band.clientsById,
    clientWidth: band.clientWidth,
    brokersById,
    brokerWidth: brokerWidthFor(brokerIds.length, width),
    brokerHeight,
    partitionsTop: brokerTop + brokerHeight + PARTITIONS_GAP,
  }
}

export function brokerIdOf(node: NodeId): BrokerId | null {
  const match = /^broker-(\d+)$/.exec(node)
  return match ? Number(match[1]) : null
}

function brokerCenter(layout: ClusterLayout, node: NodeId): Point | undefined {
  const id = brokerIdOf(node)
  return id === null ? undefined : layout.brokersById.get(id)
}

const brokerTop = (layout: ClusterLayout, broker: Point): Point => ({
  x: broker.x,
  y: broker.y - layout.brokerHeight / 2,
})
const controllerBottom = (layout: ClusterLayout): Point => ({
  x: layout.controller.x,
  y: layout.controller.y + CONTROLLER_BOX.height / 2,
})

/** The line drawn between the controller and a broker (what "isolate" cuts). */
export function controllerLink(layout: ClusterLayout, brokerId: BrokerId): [Point, Point] | null {
  const broker = layout.brokersById.get(brokerId)
  return broker === undefined ? null : [controllerBottom(layout), brokerTop(layout, broker)]
}

/**
 * Start and end of a message's straight path: controller traffic between the controller's bottom
 * and the broker's top; client traffic between the client's bottom and the broker's top; broker to
 * broker traffic (replica fetches) along the bottom edge of the brokers. Null for a node that is
 * not drawn.
 */
export function messagePath(
  layout: ClusterLayout,
  from: NodeId,
  to: NodeId,
): { from: Point; to: Point } | null {
  const end = (node: NodeId): Point | null => {
    if (node === 'controller') return controllerBottom(layout)
    const client = layout.clientsById.get(node)
    if (client !== undefined) return { x: client.x, y: client.y + CLIENT_BOX.height / 2 }
    const broker = brokerCenter(layout, node)
    return broker === undefined ? null : brokerTop(layout, broker)
  }
  const a = brokerCenter(layout, from)
  const b = brokerCenter(layout, to)
  if (a !== undefined && b !== undefined) {
    const y = a.y + layout.brokerHeight / 2
    return { from: { x: a.x, y }, to: { x: b.x, y } }
  }
  const p = end(from)
  const q = end(to)
  return p === null || q === null ? null : { from: p, to: q }
}

/** Position of a message at `nowMs`: a function of simulated time only, so a paused frame is exact. */
export function messagePosition(
  from: Point,
  to: Point,
  sentAtMs: number,
  deliverAtMs: number,
  nowMs: number,
): Point {
  const span = deliverAtMs - sentAtMs
  const progress = span <= 0 ? 1 : Math.min(1, Math.max(0, (nowMs - sentAtMs) / span))
  return { x: from.x + (to.x - from.x) * progress, y: from.y + (to.y - from.y) * progress }
}

/* ----------------------------------------------------------------------------------------------
 * Partitions: one block per partition, one log strip per replica, in columns.
 * -------------------------------------------------------------------------------------------- */

/** Where the partitions start with the usual brokers and no clients (`layout.partitionsTop`). */
export const PARTITIONS_TOP = BROKER_BOX.top + BROKER_BOX.height + PARTITIONS_GAP
/** The key line (committed, HW, LEO, ...) above the blocks. */
export const PARTITION_KEY_HEIGHT = 26
export const REPLICA_ROW_HEIGHT = 26
/** The block's label column (name, leader, epoch, ISR) needs four lines. */
export const PARTITION_LABEL_HEIGHT = 76
export const PARTITION_GAP = 10
/** Widths inside a column: the partition labels, the replica label, the summary. */
export const COLUMN = { label: 132, replica: 112, summary: 116, gap: 24, minWidth: 490 }
const CELL_MIN_WIDTH = 26
/** At most this many offsets per strip (the latest ones, up to the log end offset). */
export const LOG_WINDOW_MAX = 18

export interface PartitionBlock {
  key: string
  left: number
  top: number
  width: number
  height: number
  /** Width of the labels left of the strips (0 when they stack above them). */
  labelWidth: number
}

/** What the partitions' layout needs besides their shape and the canvas's size. */
export interface PartitionOptions {
  /** Widths of the key's items (see `keyItems`). */
  keyWidths?: readonly number[]
  /** Top of the key line: below the brokers (`layout.partitionsTop`). */
  top?: number
  /** On-screen width of the widest "ISR {…}" label (the largest replication factor). */
  isrWidth?: number
}

export interface PartitionsLayout {
  blocks: PartitionBlock[]
  columns: number
  /**
   * One line per partition (the leader's log, followers as LEO ticks): used when the full blocks
   * do not fit the screen, so up to 12 partitions stay visible at 1280×720.
   */
  compact: boolean
  /**
   * Narrow columns: the partition's labels (name, leader, epoch, ISR) go on a line above its
   * strips, so the strips keep room for at least MIN_CELLS offsets.
   */
  stacked: boolean
  /** Lines of the key above the blocks (it wraps rather than clipping). */
  keyRows: number
  /** The canvas height that holds everything (more than the container's when it must scroll). */
  height: number
}

/** A stacked block's label line, above its strips. */
export const STACKED_LABEL_HEIGHT = 22
const blockHeight = (replicas: number, compact: boolean, stacked: boolean) =>
  compact
    ? COMPACT_ROW_HEIGHT + (stacked ? STACKED_LABEL_HEIGHT : 0)
    : stacked
      ? STACKED_LABEL_HEIGHT + Math.max(1, replicas) * REPLICA_ROW_HEIGHT
      : Math.max(PARTITION_LABEL_HEIGHT, Math.max(1, replicas) * REPLICA_ROW_HEIGHT)

/** A compact partition: one row, and a little air for the follower ticks under the strip. */
export const COMPACT_ROW_HEIGHT = 21
const COMPACT_MIN_WIDTH = 560
/** A strip shows at least this many offsets; narrower columns stack their labels. */
export const MIN_CELLS = 8

/**
 * Width of a strip's labels left of it: the partition's label column (as wide as its ISR line
 * needs) and the replica's, or in a compact row the one-line headline ending with the ISR.
 */
function labelWidth(compact: boolean, stacked: boolean, isrWidth: number): number {
  if (stacked) return compact ? 0 : COLUMN.replica
  return compact
    ? Math.max(COMPACT_LABEL_WIDTH, COMPACT_ISR_X + isrWidth + 12)
    : Math.max(COLUMN.label, isrWidth + 10) + COLUMN.replica
}
/** Whether a column this wide must stack its labels above the strips. */
const mustStack = (width: number, compact: boolean, isrWidth: number) =>
  width - labelWidth(compact, false, isrWidth) - COLUMN.summary - 8 < MIN_CELLS * CELL_MIN_WIDTH

/** Gap between the key's items when they wrap. */
const KEY_GAP = 16

/**
 * Places the key's items (their widths) on as few lines as the width allows: on one line spread
 * across the width, else wrapped.
 */
export function layoutKey(
  widths: readonly number[],
  width: number,
): { items: { x: number; row: number }[]; rows: number } {
  const total = widths.reduce((a, b) => a + b, 0)
  const spare = width - 2 * SIDE - total
  if (widths.length < 2 || spare >= KEY_GAP * (widths.length - 1)) {
    const gap = widths.length < 2 ? 0 : spare / (widths.length - 1)
    let x = SIDE
    const items = widths.map((w) => {
      const at = x
      x += w + gap
      return { x: at, row: 0 }
    })
    return { items, rows: 1 }
  }
  let x = SIDE
  let row = 0
  const items = widths.map((w) => {
    if (x > SIDE && x + w > width - SIDE) {
      x = SIDE
      row++
    }
    const at = { x, row }
    x += w + KEY_GAP
    return at
  })
  return { items, rows: row + 1 }
}

/**
 * Places the partition blocks in the fewest columns that fit the height, as long as a column
 * stays wide enough for its strips; if none fits, the compact one-line rows; beyond that the
 * canvas grows and scrolls.
 */
export function layoutPartitions(
  partitions: readonly { key: string; replicas: number }[],
  size: Size,
  options: PartitionOptions = {},
): PartitionsLayout {
  const { keyWidths = [], isrWidth = 0 } = options
  const keyRows = layoutKey(keyWidths, size.width).rows
  const top = (options.top ?? PARTITIONS_TOP) + keyRows * PARTITION_KEY_HEIGHT
  if (partitions.length === 0)
    return { blocks: [], columns: 1, compact: false, stacked: false, keyRows, height: size.height }
  const usable = size.width - 2 * SIDE
  const place = (columns: number, compact: boolean): PartitionsLayout => {
    const width = (usable - (columns - 1) * COLUMN.gap) / columns
    const stacked = mustStack(width, compact, isrWidth)
    const heights = partitions.map((p) => blockHeight(p.replicas, compact, stacked))
    const gap = compact && !stacked ? 0 : PARTITION_GAP
    const perColumn = Math.ceil(partitions.length / columns)
    let bottom = top
    const blocks = partitions.map((p, i) => {
      const column = Math.floor(i / perColumn)
      const row = i % perColumn
      let y = top
      for (let j = i - row; j < i; j++) y += heights[j]! + gap
      bottom = Math.max(bottom, y + heights[i]!)
      return {
        key: p.key,
        left: SIDE + column * (width + COLUMN.gap),
        top: y,
        width,
        height: heights[i]!,
        labelWidth: labelWidth(compact, stacked, isrWidth),
      }
    })
    return { blocks, columns, compact, stacked, keyRows, height: bottom + SIDE }
  }
  const fits = (layout: PartitionsLayout) => layout.height <= size.height
  let best = place(1, false)
  for (const compact of [false, true]) {
    const minWidth = compact ? COMPACT_MIN_WIDTH : COLUMN.minWidth
    const maxColumns = Math.max(1, Math.floor((usable + COLUMN.gap) / (minWidth + COLUMN.gap)))
    for (let columns = 1; columns <= maxColumns && !fits(best); columns++) {
      best = place(columns, compact)
    }
    if (fits(best)) break
  }
  return { ...best, height: Math.max(best.height, size.height) }
}

/** Where a compact row's strip starts at least: after the name, the leader, the epoch, the ISR. */
export const COMPACT_LABEL_WIDTH = 348
/** Where a compact (or stacked) headline's ISR starts. */
export const COMPACT_ISR_X = 248

/** Horizontal extent of the strips inside a block. */
export function stripExtent(
  block: PartitionBlock,
  stacked = false,
): {
  left: number
  right: number
  summary: number
  /** Top of the first strip (below the label line when stacked). */
  top: number
} {
  const left = block.left + block.labelWidth
  const summary = block.left + block.width - COLUMN.summary
  return {
    left,
    right: summary - 8,
    summary,
    top: block.top + (stacked ? STACKED_LABEL_HEIGHT : 0),
  }
}

/**
 * The offsets a partition's strips show: the same window for every replica (so cells line up and
 * HW/LEO compare at a glance), ending at the largest log end offset (its empty "next" slot).
 */
export function offsetWindow(
  logEndOffsets: readonly number[],
  strip: { left: number; right: number },
): {
  first: number
  last: number
  /** Offsets shown, the "next" slot included. */
  count: number
  x: (offset: number) => number
  cellWidth: number
} {
  const count = Math.max(
    1,
    Math.min(LOG_WINDOW_MAX, Math.floor((strip.right - strip.left) / CELL_MIN_WIDTH)),
  )
  const last = Math.max(0, ...logEndOffsets)
  const first = Math.max(0, last - count + 1)
  const scale = scaleLinear()
    .domain([first, first + count])
    .range([strip.left, strip.right])
  return {
    first,
    last,
    count,
    x: (offset) => scale(offset),
    cellWidth: scale(first + 1) - scale(first),
  }
}

/** How much the drawing may be enlarged on a big screen (text grows with it). */
export const ZOOM_MAX = 1.5
/** Zoom never squeezes the drawing below this width (the brokers' text would overflow). */
const ZOOM_MIN_WIDTH = COLUMN.minWidth + 2 * SIDE

/**
 * The largest zoom (1 to ZOOM_MAX, in steps of 0.05) at which the whole cluster still fits the
 * canvas: big screens get bigger text; small ones keep the 1:1 pixel sizes (and scroll if needed).
 */
export function fitZoom(
  partitions: readonly { key: string; replicas: number }[],
  size: Size,
  options: Omit<PartitionOptions, 'top'> & {
    /** The partitions' top at a canvas width (the brokers and clients above them wrap). */
    topFor?: (width: number) => number
  } = {},
): number {
  const { topFor = () => PARTITIONS_TOP, ...rest } = options
  // Never trade the full replica rows, the side-by-side labels or the key's line for bigger text.
  const base = layoutPartitions(partitions, size, { ...rest, top: topFor(size.width) })
  for (let zoom = ZOOM_MAX; zoom > 1; zoom = Math.round((zoom - 0.05) * 100) / 100) {
    const inner = { width: size.width / zoom, height: size.height / zoom }
    const layout = layoutPartitions(partitions, inner, { ...rest, top: topFor(inner.width) })
    const block = layout.blocks[0]
    const strip = block && stripExtent(block, layout.stacked)
    if (
      inner.width >= ZOOM_MIN_WIDTH &&
      layout.height <= inner.height &&
      (strip === undefined || strip.right - strip.left >= MIN_CELLS * CELL_MIN_WIDTH) &&
      layout.compact === base.compact &&
      layout.stacked === base.stacked &&
      layout.keyRows === base.keyRows
    )
      return zoom
  }
  return 1
}

/** Presenter mode's smallest zoom: the canvas's text grows with the page's (22 px over 16). */
export const PRESENTER_ZOOM = 1.35
