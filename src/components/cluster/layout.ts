/**
 * Where things go on the cluster canvas, in viewBox units. Pure math (d3-scale), no DOM, so the
 * HTML fault buttons can be placed with the same numbers as the SVG boxes.
 */
import { scaleLinear, scalePoint } from 'd3-scale'
import type { BrokerId, NodeId } from '../../engine'

export const CANVAS_WIDTH = 1000
/** Height of the nodes area (controller, client, brokers and their fault buttons). */
export const CANVAS_HEIGHT = 560
export const CONTROLLER_BOX = { width: 260, height: 92 }
export const BROKER_BOX = { width: 190, height: 150 }
export const CLIENT_BOX = { width: 130, height: 56 }
const CLIENT_CENTER = { x: 20 + CLIENT_BOX.width / 2, y: 215 }

export interface Point {
  x: number
  y: number
}

export interface ClusterLayout {
  controller: Point
  client: Point
  brokersById: Map<BrokerId, Point>
  brokerWidth: number
}

export function layoutCluster(brokerIds: readonly BrokerId[]): ClusterLayout {
  const x = scalePoint<BrokerId>()
    .domain([...brokerIds])
    .range([0, CANVAS_WIDTH])
    .padding(0.5)
  const step = brokerIds.length > 1 ? x.step() : CANVAS_WIDTH
  const brokerWidth = Math.min(BROKER_BOX.width, step - 16)
  const brokersById = new Map<BrokerId, Point>()
  for (const id of brokerIds) brokersById.set(id, { x: x(id) ?? CANVAS_WIDTH / 2, y: 360 })
  return {
    controller: { x: CANVAS_WIDTH / 2, y: 80 },
    client: CLIENT_CENTER,
    brokersById,
    brokerWidth,
  }
}

function brokerCenter(layout: ClusterLayout, node: NodeId): Point | undefined {
  const match = /^broker-(\d+)$/.exec(node)
  return match ? layout.brokersById.get(Number(match[1])) : undefined
}

/** The point a message leaves from or arrives at: the facing edge of the node's box. */
export function anchorOf(
  layout: ClusterLayout,
  node: NodeId,
  towards: 'up' | 'down',
): Point | null {
  if (node === 'controller') {
    return { x: layout.controller.x, y: layout.controller.y + CONTROLLER_BOX.height / 2 }
  }
  if (node === 'client-1') {
    // The client sits above and left of the brokers: messages leave from its bottom edge.
    return { x: layout.client.x, y: layout.client.y + CLIENT_BOX.height / 2 }
  }
  const center = brokerCenter(layout, node)
  if (center === undefined) return null
  return {
    x: center.x,
    y: center.y + (towards === 'up' ? -BROKER_BOX.height / 2 : BROKER_BOX.height / 2),
  }
}

/**
 * Start and end of a message's straight path. Controller traffic runs vertically between the
 * boxes; client traffic runs from the client's edge to the top of the broker; broker-to-broker
 * traffic (replica fetches) runs along the bottom edges of the brokers.
 */
export function messagePath(
  layout: ClusterLayout,
  from: NodeId,
  to: NodeId,
): { from: Point; to: Point } | null {
  if (from === 'controller' || to === 'controller') {
    const upward = to === 'controller'
    const a = anchorOf(layout, from, upward ? 'up' : 'down')
    const b = anchorOf(layout, to, upward ? 'down' : 'up')
    return a === null || b === null ? null : { from: a, to: b }
  }
  const clientEnd = (broker: Point): Point =>
    broker.x - layout.brokerWidth / 2 > layout.client.x + CLIENT_BOX.width / 2
      ? { x: layout.client.x + CLIENT_BOX.width / 2, y: layout.client.y }
      : { x: layout.client.x, y: layout.client.y + CLIENT_BOX.height / 2 }
  const brokerTop = (broker: Point): Point => ({ x: broker.x, y: broker.y - BROKER_BOX.height / 2 })
  if (from === 'client-1' || to === 'client-1') {
    const broker = brokerCenter(layout, from === 'client-1' ? to : from)
    if (broker === undefined) return null
    return from === 'client-1'
      ? { from: clientEnd(broker), to: brokerTop(broker) }
      : { from: brokerTop(broker), to: clientEnd(broker) }
  }
  const a = brokerCenter(layout, from)
  const b = brokerCenter(layout, to)
  if (a === undefined || b === undefined) return null
  const y = a.y + BROKER_BOX.height / 2
  return { from: { x: a.x, y }, to: { x: b.x, y } }
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
 * Partitions: one block per partition under the brokers, one log strip per replica.
 * -------------------------------------------------------------------------------------------- */

/** How many offsets a log strip shows (the latest ones, up to the log end offset). */
export const LOG_WINDOW = 18
/** Below the brokers' fault buttons (up to four rows of them on a narrow canvas). */
export const PARTITIONS_TOP = CANVAS_HEIGHT + 60
/** The key (what a cell, HW and LEO look like) above the partition blocks. */
export const PARTITION_KEY_HEIGHT = 76
export const PARTITION_HEADER_HEIGHT = 40
export const REPLICA_ROW_HEIGHT = 36
export const PARTITION_GAP = 18
export const STRIP = { left: 300, right: 840, label: 20, summary: 856 }

export interface PartitionBlock {
  key: string
  top: number
  height: number
}

/** Vertical placement of each partition block, and the canvas height that holds them all. */
export function layoutPartitions(partitions: readonly { key: string; replicas: number }[]): {
  blocks: PartitionBlock[]
  height: number
} {
  if (partitions.length === 0) return { blocks: [], height: CANVAS_HEIGHT }
  let top = PARTITIONS_TOP + PARTITION_KEY_HEIGHT
  const blocks = partitions.map((p) => {
    const height = PARTITION_HEADER_HEIGHT + Math.max(1, p.replicas) * REPLICA_ROW_HEIGHT
    const block = { key: p.key, top, height }
    top += height + PARTITION_GAP
    return block
  })
  return { blocks, height: top }
}

/**
 * The offsets a partition's strips show: the same window for every replica (so cells line up and
 * HW/LEO compare at a glance), ending at the largest log end offset (its empty "next" slot).
 */
export function offsetWindow(logEndOffsets: readonly number[]): {
  first: number
  last: number
  x: (offset: number) => number
  cellWidth: number
} {
  const last = Math.max(0, ...logEndOffsets)
  const first = Math.max(0, last - LOG_WINDOW + 1)
  const scale = scaleLinear()
    .domain([first, first + LOG_WINDOW])
    .range([STRIP.left, STRIP.right])
  return { first, last, x: (offset) => scale(offset), cellWidth: scale(first + 1) - scale(first) }
}
