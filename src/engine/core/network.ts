/**
 * The simulated network between brokers, the controller and clients. Latency and loss are drawn
 * from the `network` PRNG stream; blocked links model partitions and isolated brokers. Each
 * directed link delivers in order, like the TCP connections Kafka relies on.
 */
import { schedule } from './clock'
import { emit } from './emit'
import type { SimEvent } from './events'
import { chancePerMille, nextIntBetween } from './rng'
import { resolveNetwork } from './scenario'
import type { ClusterState, InFlightMessage, MessagePayload, NodeId } from './types'

export const IN_FLIGHT_MESSAGES_MAX = 10_000

export function linkKey(a: NodeId, b: NodeId): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`
}

export function isLinkBlocked(state: ClusterState, a: NodeId, b: NodeId): boolean {
  const blocked = state.network.blockedLinks
  return blocked.length > 0 && blocked.includes(linkKey(a, b))
}

/**
 * Puts a message on the wire. A message on a blocked link, or one the loss model drops, never
 * arrives; both are reported so the learner can see why nothing came back.
 */
export function send(
  state: ClusterState,
  out: SimEvent[],
  from: NodeId,
  to: NodeId,
  payload: MessagePayload,
): void {
  const id = state.nextMessageId++
  if (isLinkBlocked(state, from, to)) {
    emit(state, out, {
      type: 'messageDropped',
      messageId: id,
      kind: payload.kind,
      from,
      to,
      reason: 'linkDown',
    })
    return
  }
  const network = resolveNetwork(state.scenario)
  // Draw latency before loss so the latency sequence does not depend on the loss setting.
  const latencyMs =
    nextIntBetween(state.rng.network, network.latencyMsMin, network.latencyMsMax) +
    (state.network.extraLatencyMsByNode[from] ?? 0) +
    (state.network.extraLatencyMsByNode[to] ?? 0)
  if (chancePerMille(state.rng.network, network.lossPerMille)) {
    emit(state, out, {
      type: 'messageDropped',
      messageId: id,
      kind: payload.kind,
      from,
      to,
      reason: 'lost',
    })
    return
  }
  const directed = `${from}>${to}`
  const fifoFloorMs = state.network.lastDeliverAtMsByLink[directed] ?? 0
  const deliverAtMs = Math.max(state.nowMs + latencyMs, fifoFloorMs)
  state.network.lastDeliverAtMsByLink[directed] = deliverAtMs
  const message: InFlightMessage = { id, from, to, sentAtMs: state.nowMs, deliverAtMs, payload }
  state.inFlightById[id] = message
  schedule(state.timers, state.nowMs, deliverAtMs, { kind: 'deliver', messageId: id })
}

/** Removes a due message from the wire; returns null if the link went down meanwhile. */
export function takeDelivered(
  state: ClusterState,
  out: SimEvent[],
  messageId: number,
): InFlightMessage | null {
  const message = state.inFlightById[messageId]
  if (message === undefined) return null
  delete state.inFlightById[messageId]
  if (isLinkBlocked(state, message.from, message.to)) {
    emit(state, out, {
      type: 'messageDropped',
      messageId,
      kind: message.payload.kind,
      from: message.from,
      to: message.to,
      reason: 'linkDown',
    })
    return null
  }
  return message
}

/** Cuts every link between `node` and the other `nodes`. */
export function isolate(state: ClusterState, node: NodeId, nodes: NodeId[]): void {
  for (const other of nodes) {
    if (other === node) continue
    const key = linkKey(node, other)
    if (!state.network.blockedLinks.includes(key)) state.network.blockedLinks.push(key)
  }
  state.network.blockedLinks.sort()
}

/** Heals every cut link and slow node. */
export function heal(state: ClusterState): void {
  state.network.blockedLinks = []
  state.network.extraLatencyMsByNode = {}
}
