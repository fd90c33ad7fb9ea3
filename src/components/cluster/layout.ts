/**
 * Where things go on the cluster canvas, in viewBox units. Pure math (d3-scale), no DOM, so the
 * HTML fault buttons can be placed with the same numbers as the SVG boxes.
 */
import { scalePoint } from 'd3-scale'
import type { BrokerId, NodeId } from '../../engine'

export const CANVAS_WIDTH = 1000
export const CANVAS_HEIGHT = 560
export const CONTROLLER_BOX = { width: 260, height: 92 }
export const BROKER_BOX = { width: 190, height: 150 }

export interface Point {
  x: number
  y: number
}

export interface ClusterLayout {
  controller: Point
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
  return { controller: { x: CANVAS_WIDTH / 2, y: 80 }, brokersById, brokerWidth }
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
  const match = /^broker-(\d+)$/.exec(node)
  const center = match ? layout.brokersById.get(Number(match[1])) : undefined
  if (center === undefined) return null
  return {
    x: center.x,
    y: center.y + (towards === 'up' ? -BROKER_BOX.height / 2 : BROKER_BOX.height / 2),
  }
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
