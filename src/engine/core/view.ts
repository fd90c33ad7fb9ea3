/**
 * The serializable, UI-facing projection of the cluster: what a learner can see, computed from the
 * state after each advance or seek. It shows both sides of every disagreement (a crashed broker the
 * controller still believes alive), because those gaps are what the lessons are about.
 */
import { peekDue } from './clock'
import { isLinkBlocked } from './network'
import {
  brokerNode,
  type BrokerId,
  type ClusterState,
  type CrashMode,
  type MessageKind,
  type NodeId,
} from './types'

/**
 * `offline`: the process is down. `starting`: running, not registered yet. `fenced`: registered but
 * fenced by the controller (no heartbeat within the session timeout, or not yet unfenced).
 * `online`: registered and unfenced.
 */
export type BrokerStatus = 'offline' | 'starting' | 'fenced' | 'online'

export interface BrokerView {
  brokerId: BrokerId
  nodeId: NodeId
  status: BrokerStatus
  incarnation: number
  brokerEpoch: number | null
  /** What the controller believes; differs from `status` while a crash goes unnoticed. */
  controllerSees: 'unregistered' | 'fenced' | 'unfenced'
  lastContactMs: number | null
  isolated: boolean
  lastCrashMode: CrashMode | null
}

export interface MessageView {
  id: number
  kind: MessageKind
  from: NodeId
  to: NodeId
  sentAtMs: number
  deliverAtMs: number
}

export interface ClusterView {
  nowMs: number
  controllerNodeId: NodeId
  brokers: BrokerView[]
  messages: MessageView[]
  /** When the next thing happens (next due timer), or null if nothing is scheduled. */
  nextDueMs: number | null
}

export function toClusterView(state: ClusterState): ClusterView {
  const brokers = state.brokerIds.map((brokerId): BrokerView => {
    const broker = state.brokersById[brokerId]!
    const registration = state.controller.registrationsById[brokerId]
    const controllerSees =
      registration === undefined ? 'unregistered' : registration.fenced ? 'fenced' : 'unfenced'
    const status: BrokerStatus =
      broker.process === 'crashed'
        ? 'offline'
        : broker.brokerEpoch === null
          ? 'starting'
          : controllerSees === 'unfenced' && registration?.brokerEpoch === broker.brokerEpoch
            ? 'online'
            : 'fenced'
    const nodeId = brokerNode(brokerId)
    return {
      brokerId,
      nodeId,
      status,
      incarnation: broker.incarnation,
      brokerEpoch: broker.brokerEpoch,
      controllerSees,
      lastContactMs: registration?.lastContactMs ?? null,
      isolated: isLinkBlocked(state, nodeId, state.controller.nodeId),
      lastCrashMode: broker.lastCrashMode,
    }
  })
  const messages = Object.values(state.inFlightById)
    .map((m): MessageView => ({
      id: m.id,
      kind: m.payload.kind,
      from: m.from,
      to: m.to,
      sentAtMs: m.sentAtMs,
      deliverAtMs: m.deliverAtMs,
    }))
    .sort((a, b) => a.id - b.id)
  return {
    nowMs: state.nowMs,
    controllerNodeId: state.controller.nodeId,
    brokers,
    messages,
    nextDueMs: peekDue(state.timers)?.dueAtMs ?? null,
  }
}
