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

/** One broker's copy of a partition, as that broker sees it. */
export interface ReplicaView {
  brokerId: BrokerId
  role: 'leader' | 'follower'
  /** The broker is running; a crashed broker's replica shows what its disk holds. */
  online: boolean
  inIsr: boolean
  logStartOffset: number
  logEndOffset: number
  highWatermark: number
  /** Offsets up to here are fsynced (the recovery point). */
  recoveryPoint: number
  leaderEpochCache: { epoch: number; startOffset: number }[]
  segments: { baseOffset: number; sizeBytes: number }[]
}

export interface PartitionView {
  key: string
  topic: string
  partition: number
  replicas: BrokerId[]
  isr: BrokerId[]
  /** −1 when the partition has no leader. */
  leader: BrokerId
  leaderEpoch: number
  partitionEpoch: number
  leaderRecoveryState: 'RECOVERED' | 'RECOVERING'
  replicaViews: ReplicaView[]
}

export interface PageCacheView {
  brokerId: BrokerId
  cachedPages: number
  dirtyPages: number
  hits: number
  misses: number
}

export interface ClientResultView {
  requestId: number
  kind: 'produce' | 'fetch'
  partitionKey: string
  completedAtMs: number
  error: string | null
  baseOffset: number
  offsets: number[]
  values: string[]
}

export interface ClusterView {
  nowMs: number
  controllerNodeId: NodeId
  brokers: BrokerView[]
  partitions: PartitionView[]
  pageCaches: PageCacheView[]
  clientResults: ClientResultView[]
  messages: MessageView[]
  /** When the next thing happens (next due timer), or null if nothing is scheduled. */
  nextDueMs: number | null
}

/** The UI shows the latest client results only. */
export const CLIENT_RESULTS_SHOWN = 20

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
  const partitions = Object.values(state.controller.partitionsByKey).map(
    (registration): PartitionView => {
      const key = `${registration.topic}-${registration.partition}`
      const replicaViews = registration.replicas.flatMap((brokerId): ReplicaView[] => {
        const broker = state.brokersById[brokerId]
        const replica = broker?.replicasByKey[key]
        if (broker === undefined || replica === undefined) return []
        const log = replica.log
        return [
          {
            brokerId,
            role: replica.role,
            online: broker.process === 'running',
            inIsr: registration.isr.includes(brokerId),
            logStartOffset: log.logStartOffset,
            logEndOffset: log.logEndOffset,
            highWatermark: replica.highWatermark,
            recoveryPoint: log.recoveryPoint,
            leaderEpochCache: log.leaderEpochCache.map((e) => ({ ...e })),
            segments: log.segments.map((segment) => ({
              baseOffset: segment.baseOffset,
              sizeBytes: segment.sizeBytes,
            })),
          },
        ]
      })
      return {
        key,
        topic: registration.topic,
        partition: registration.partition,
        replicas: [...registration.replicas],
        isr: [...registration.isr],
        leader: registration.leader,
        leaderEpoch: registration.leaderEpoch,
        partitionEpoch: registration.partitionEpoch,
        leaderRecoveryState: registration.leaderRecoveryState,
        replicaViews,
      }
    },
  )
  const pageCaches = state.brokerIds.map((brokerId): PageCacheView => {
    const counters = state.brokersById[brokerId]!.pageCache.counters
    return {
      brokerId,
      cachedPages: counters.cachedPages,
      dirtyPages: counters.dirtyPages,
      hits: counters.hits,
      misses: counters.misses,
    }
  })
  const clientResults = state.clientResults
    .slice(-CLIENT_RESULTS_SHOWN)
    .map((r): ClientResultView => ({
      requestId: r.requestId,
      kind: r.kind,
      partitionKey: `${r.topic}-${r.partition}`,
      completedAtMs: r.completedAtMs,
      error: r.error?.error ?? null,
      baseOffset: r.baseOffset,
      offsets: [...r.offsets],
      values: [...r.values],
    }))
  return {
    nowMs: state.nowMs,
    controllerNodeId: state.controller.nodeId,
    brokers,
    partitions,
    pageCaches,
    clientResults,
    messages,
    nextDueMs: peekDue(state.timers)?.dueAtMs ?? null,
  }
}
