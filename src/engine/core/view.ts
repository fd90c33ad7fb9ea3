/**
 * The serializable, UI-facing projection of the cluster: what a learner can see, computed from the
 * state after each advance or seek. It shows both sides of every disagreement (a crashed broker the
 * controller still believes alive), because those gaps are what the lessons are about.
 */
import { peekDue } from './clock'
import { MODELLED_BROKER_CONFIGS, MODELLED_TOPIC_CONFIGS } from './config/alterConfigs'
import type { Env } from './env'
import { decodeAttributes, type BatchAttributes, type RecordBatchHeader } from './log'
import { batchesFrom } from './log/fileRecords'
import { logFilePath } from './log/logFiles'
import { logConfigFor } from './replication/brokerStorage'
import { resolveBrokerConfigs } from './scenario'
import { isLinkBlocked } from './network'
import { toProducerViews, type ProducerView } from './clients/producer/producerView'
import { toConsumerGroupsView, type ConsumerGroupsView } from './clients/group/groupsView'
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
  /** Index entry counts show how sparse the offset and time indexes are. */
  segments: {
    baseOffset: number
    sizeBytes: number
    offsetIndexEntries: number
    timeIndexEntries: number
  }[]
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
  /** Simulated producers: batches, ids, sequences, in-flight requests, latest send outcomes. */
  producers: ProducerView[]
  /** Consumer groups (state, generation, members, committed offsets, lag) and consumers. */
  consumerGroups: ConsumerGroupsView
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
              offsetIndexEntries: segment.offsetIndexEntries,
              timeIndexEntries: segment.timeIndexEntries,
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
    producers: toProducerViews(state),
    consumerGroups: toConsumerGroupsView(state),
    nextDueMs: peekDue(state.timers)?.dueAtMs ?? null,
  }
}

/* ----------------------------------------------------------------------------------------------
 * Asked for on demand (the inspector, the config panel), never part of every frame.
 * -------------------------------------------------------------------------------------------- */

/** One stored batch of a replica: its v2 header as read from the segment's bytes. */
export interface BatchHeaderView extends RecordBatchHeader {
  segmentBaseOffset: number
  position: number
  attributesDecoded: BatchAttributes
}

/** The batches a broker's replica of `partitionKey` holds, oldest first (empty if none). */
export function describeReplicaBatches(
  state: ClusterState,
  env: Env,
  brokerId: BrokerId,
  partitionKey: string,
): BatchHeaderView[] {
  const log = state.brokersById[brokerId]?.replicasByKey[partitionKey]?.log
  if (log === undefined) return []
  // No `onIo`: looking at the bytes is not IO of the simulated broker.
  const ctx = { store: env.store }
  return log.segments.flatMap((segment) =>
    [
      ...batchesFrom(ctx, logFilePath(log.dir, segment.baseOffset), segment.sizeBytes, 0, 'view'),
    ].map((batch) => ({
      ...batch.header,
      segmentBaseOffset: segment.baseOffset,
      position: batch.position,
      attributesDecoded: decodeAttributes(batch.header.attributes),
    })),
  )
}

export type ConfigValueView = number | string | boolean | null

/** The configs the simulator models, as they are now: what is set, and what applies. */
export interface ConfigsView {
  broker: { name: string; value: ConfigValueView; isDefault: boolean }[]
  topics: {
    topic: string
    configs: { name: string; value: ConfigValueView; isDefault: boolean }[]
  }[]
}

export function describeConfigs(state: ClusterState): ConfigsView {
  const brokerResolved: Record<string, ConfigValueView> = resolveBrokerConfigs(state.scenario)
  const brokerSet = state.scenario.brokerConfigs ?? {}
  return {
    broker: MODELLED_BROKER_CONFIGS.map((name) => ({
      name,
      value: brokerResolved[name] ?? null,
      isDefault: !Object.hasOwn(brokerSet, name),
    })),
    topics: Object.values(state.controller.topicsByName).map((topic) => {
      const log: Record<string, ConfigValueView> = { ...logConfigFor(state, topic.name) }
      return {
        topic: topic.name,
        configs: MODELLED_TOPIC_CONFIGS.map((name) => {
          const set = Object.hasOwn(topic.configs, name)
          const value = set
            ? topic.configs[name]!
            : name === 'min.insync.replicas' || name === 'unclean.leader.election.enable'
              ? (brokerResolved[name] ?? null)
              : (log[name] ?? null)
          return { name, value, isDefault: !set }
        }),
      }
    }),
  }
}
