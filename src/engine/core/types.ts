/**
 * The simulation state. Everything here is plain data (numbers, strings, arrays, records; `null`
 * for "never") so a checkpoint is a structuredClone and a replay file is JSON. Names follow Kafka
 * (node.id, brokerEpoch, ...); ids of network nodes are strings such as `broker-1` or `controller`.
 */
import type { TimerQueue } from './clock'
import type { KafkaError } from './errors'
import type { PartitionLogState } from './log'
import type { PageCacheState } from './pageCache'
import type { ProducerStateEntry, TransactionIndexEntry } from './replication/producerState'
import type {
  ProducerClientState,
  ProducerMessagePayload,
  ProducerTimerAction,
} from './clients/producer/producerTypes'
import type { TransactionCoordinatorState } from './clients/transactions/transactionTypes'
import type {
  ConsumerGroupsState,
  GroupMessagePayload,
  GroupTimerAction,
} from './clients/group/groupTypes'
import type { RngState } from './rng'
import type { ScenarioConfig } from './scenario'

/** Kafka's `node.id` of a broker: 1, 2, 3, ... */
export type BrokerId = number

/** A network endpoint: `controller`, `broker-<id>`, later clients such as `producer-1`. */
export type NodeId = string

export const CONTROLLER_NODE: NodeId = 'controller'

export function brokerNode(brokerId: BrokerId): NodeId {
  return `broker-${brokerId}`
}

/** How a broker went down: the process died (the OS and its page cache survive) or the power did. */
export type CrashMode = 'process' | 'powerLoss'

/** `topic-partition`, Kafka's TopicPartition string form (`orders-0`). */
export type PartitionKey = string

export function partitionKey(topic: string, partition: number): PartitionKey {
  return `${topic}-${partition}`
}

/** Kafka's "no leader" (`LeaderAndIsr.NO_LEADER`). */
export const NO_LEADER = -1

/**
 * The controller's record of a partition (metadata/PartitionRegistration.java). Brokers hold a
 * copy that can be stale; the controller's is the truth.
 */
export interface PartitionRegistration {
  topic: string
  partition: number
  /** Assignment order; the first is the preferred leader. */
  replicas: BrokerId[]
  isr: BrokerId[]
  leader: BrokerId
  leaderEpoch: number
  partitionEpoch: number
  leaderRecoveryState: 'RECOVERED' | 'RECOVERING'
}

export interface TopicState {
  name: string
  partitions: number
  replicationFactor: number
  /** Topic-level overrides with Kafka's names (`min.insync.replicas`, `segment.bytes`, ...). */
  configs: Record<string, number | string | boolean>
}

/** What a partition leader tracks per follower (core/cluster/Replica.scala). */
export interface FollowerState {
  /** The follower's LEO as its last fetch told us; −1 until it has fetched from this leader. */
  logEndOffset: number
  lastFetchTimeMs: number
  lastFetchLeaderLogEndOffset: number
  lastCaughtUpTimeMs: number
}

/** A produce request with acks=all waiting for the high watermark (DelayedProduce). */
export interface DelayedProduce {
  requestId: number
  client: NodeId
  requiredOffset: number
  baseOffset: number
  deadlineMs: number
}

/** A fetch that found no data, parked until data arrives or its wait ends (DelayedFetch). */
export interface ParkedFetch {
  requestId: number
  from: NodeId
  /** The fetching broker, or null for a consumer. */
  replicaId: BrokerId | null
  fetchOffset: number
  maxBytes: number
  deadlineMs: number
  isolationLevel?: 'read_uncommitted' | 'read_committed'
}

/** One partition replica hosted by a broker. */
export interface ReplicaState {
  topic: string
  partition: number
  log: PartitionLogState
  highWatermark: number
  /** This broker's (possibly stale) copy of the partition's registration. */
  registration: PartitionRegistration
  role: 'leader' | 'follower'
  /** Leader only: per follower id. */
  followersById: Record<string, FollowerState>
  /** Leader only: an AlterPartition in flight (`maximal ISR` = the larger of the two). */
  pendingIsr: BrokerId[] | null
  /** When that AlterPartition was sent; an unanswered one is given up and retried later. */
  pendingIsrSentAtMs: number
  delayedProduces: DelayedProduce[]
  /**
   * When the pending produce-timeout timer fires (null: none). One timer serves the earliest
   * deadline of `delayedProduces`, re-armed for the next one when it fires, rather than one timer
   * per request left behind in the heap after the request completes.
   */
  produceTimerAtMs: number | null
  parkedFetches: ParkedFetch[]
  /** Follower only: a fetch request is on the wire or parked at the leader. */
  fetchInFlight: boolean
  /** Follower only: the request id of that fetch; other responses are stale. */
  fetchRequestId: number | null
  /** Follower only: when that fetch was sent, and whether a timeout check is scheduled. */
  fetchSentAtMs: number
  fetchTimeoutScheduled: boolean
  /** Follower only: the epoch this follower last fetched under (for divergence checks). */
  lastFetchedEpoch: number | null
  /** Idempotent producers' last batches, by producer id (ProducerStateManager). */
  producers: Record<string, ProducerStateEntry>
  /** Completed transactions in this log (the `.txnindex` of aborted ones is derived from it). */
  transactionIndex?: TransactionIndexEntry[]
}

export interface BrokerState {
  brokerId: BrokerId
  /** Bumped on every start; timers and messages of an earlier incarnation are ignored. */
  incarnation: number
  process: 'running' | 'crashed'
  /** The epoch the controller gave this broker's current registration (null until registered). */
  brokerEpoch: number | null
  lastCrashMode: CrashMode | null
  /** Partition replicas this broker hosts, by `topic-partition`. */
  replicasByKey: Record<PartitionKey, ReplicaState>
  /** The broker's metadata image version (the controller's metadata offset it has applied). */
  metadataVersion: number
  /** Which brokers the metadata image says are fenced (ISR eligibility, KIP-903). */
  fencedBrokerIds: BrokerId[]
  /** `replication-offset-checkpoint`: high watermarks as last checkpointed (fsynced). */
  highWatermarkCheckpoint: Record<PartitionKey, number>
  /** The OS page cache of this broker's disk; survives a process crash, not a power loss. */
  pageCache: PageCacheState
  /** Fault: the replica fetcher is stuck (a hung thread or GC pause); heartbeats continue. */
  fetcherPaused: boolean
  /** Fault: drop this many of the broker's next responses to clients. */
  responsesToDrop: number
  /** Fault: answer this many of the next produce requests with this error, appending nothing. */
  produceErrorsToInject?: { error: 'NOT_LEADER_OR_FOLLOWER' | 'NOT_ENOUGH_REPLICAS'; count: number }
}

/** What the KRaft controller knows about a registered broker (BrokerHeartbeatManager). */
export interface BrokerRegistration {
  brokerId: BrokerId
  brokerEpoch: number
  fenced: boolean
  lastContactMs: number
}

export interface ControllerState {
  nodeId: NodeId
  registrationsById: Record<string, BrokerRegistration>
  nextBrokerEpoch: number
  topicsByName: Record<string, TopicState>
  partitionsByKey: Record<PartitionKey, PartitionRegistration>
  /** Bumped on every metadata change; brokers catch up through heartbeats. */
  metadataVersion: number
}

/** Raw records in v2 batch format, as on the wire. */
export type RecordBytes = Uint8Array

export interface MetadataImage {
  metadataVersion: number
  partitions: PartitionRegistration[]
  fencedBrokerIds: BrokerId[]
}

export type MessagePayload =
  | {
      kind: 'produceRequest'
      requestId: number
      topic: string
      partition: number
      acks: number
      timeoutMs: number
      records: RecordBytes
      /** Set by transactional producers (the request's `transactional_id`). */
      transactionalId?: string | null
    }
  | {
      kind: 'produceResponse'
      requestId: number
      topic: string
      partition: number
      error: KafkaError | null
      baseOffset: number
    }
  | {
      kind: 'fetchRequest'
      requestId: number
      /** The fetching broker, or null for a consumer. */
      replicaId: BrokerId | null
      topic: string
      partition: number
      fetchOffset: number
      lastFetchedEpoch: number | null
      currentLeaderEpoch: number
      maxBytes: number
      /** Consumers only; read_committed stops at the last stable offset. Default read_uncommitted. */
      isolationLevel?: 'read_uncommitted' | 'read_committed'
    }
  | {
      kind: 'fetchResponse'
      requestId: number
      replicaId: BrokerId | null
      topic: string
      partition: number
      fetchOffset: number
      error: KafkaError | null
      highWatermark: number
      logStartOffset: number
      logEndOffset: number
      divergingEpoch: { epoch: number; endOffset: number } | null
      records: RecordBytes
      /** Consumer fetches: the partition's last stable offset when read. */
      lastStableOffset?: number
      /** read_committed fetches: aborted transactions overlapping the returned range. */
      abortedTransactions?: { producerId: number; firstOffset: number }[]
    }
  | {
      kind: 'alterPartition'
      brokerId: BrokerId
      brokerEpoch: number
      topic: string
      partition: number
      leaderEpoch: number
      partitionEpoch: number
      newIsr: BrokerId[]
    }
  | { kind: 'alterPartitionResponse'; topic: string; partition: number; error: KafkaError | null }
  | { kind: 'metadataUpdate'; image: MetadataImage }
  | { kind: 'brokerRegistration'; brokerId: BrokerId; incarnation: number }
  | {
      kind: 'brokerRegistrationResponse'
      brokerId: BrokerId
      incarnation: number
      brokerEpoch: number
    }
  | {
      kind: 'brokerHeartbeat'
      brokerId: BrokerId
      incarnation: number
      brokerEpoch: number
      metadataVersion: number
    }
  | {
      kind: 'brokerHeartbeatResponse'
      brokerId: BrokerId
      incarnation: number
      isFenced: boolean
      /** The controller no longer knows this broker epoch (STALE_BROKER_EPOCH): register again. */
      staleBrokerEpoch: boolean
    }
  | ProducerMessagePayload
  | GroupMessagePayload

export type MessageKind = MessagePayload['kind']

export interface InFlightMessage {
  id: number
  from: NodeId
  to: NodeId
  sentAtMs: number
  deliverAtMs: number
  payload: MessagePayload
}

export interface NetworkState {
  /** Unordered links that drop every message, as `a|b` with a < b. */
  blockedLinks: string[]
  /** Per directed link, the latest delivery time handed out: links are FIFO like TCP. */
  lastDeliverAtMsByLink: Record<string, number>
  /** Fault: extra one-way latency on every message to or from a node (a slow follower). */
  extraLatencyMsByNode: Record<NodeId, number>
}

export type TimerAction =
  | { kind: 'deliver'; messageId: number }
  | { kind: 'isrExpiration'; brokerId: BrokerId; incarnation: number }
  | { kind: 'highWatermarkCheckpoint'; brokerId: BrokerId; incarnation: number }
  | { kind: 'pageCacheFlusher'; brokerId: BrokerId; incarnation: number }
  | { kind: 'logRetentionCheck'; brokerId: BrokerId; incarnation: number }
  | { kind: 'logFileDeletion'; brokerId: BrokerId; incarnation: number }
  | {
      kind: 'fetchWaitExpired'
      brokerId: BrokerId
      incarnation: number
      key: PartitionKey
      requestId: number
    }
  | {
      kind: 'produceTimeout'
      brokerId: BrokerId
      incarnation: number
      key: PartitionKey
      requestId: number
    }
  | { kind: 'fetcherBackoff'; brokerId: BrokerId; incarnation: number; key: PartitionKey }
  | {
      kind: 'fetchTimeout'
      brokerId: BrokerId
      incarnation: number
      key: PartitionKey
      requestId: number
    }
  | { kind: 'leaderImbalanceCheck' }
  | { kind: 'brokerHeartbeat'; brokerId: BrokerId; incarnation: number }
  | { kind: 'brokerSessionCheck'; brokerId: BrokerId; brokerEpoch: number }
  | ProducerTimerAction
  | GroupTimerAction

/** Independent PRNG streams, one per subsystem. */
export interface RngStreams {
  network: RngState
}

/** A request a client sent and is waiting on (the engine's client stand-in, `client-1`). */
export interface PendingClientRequest {
  requestId: number
  kind: 'produce' | 'fetch'
  topic: string
  partition: number
  sentAtMs: number
}

/** What a client got back, kept for lessons, tests and the UI. */
export interface ClientResult {
  requestId: number
  kind: 'produce' | 'fetch'
  topic: string
  partition: number
  completedAtMs: number
  error: KafkaError | null
  /** Produce: the base offset (−1 with acks=0). Fetch: the first offset returned, or −1. */
  baseOffset: number
  /** Fetch only: offsets of the records returned (after dropping those below the fetch offset). */
  offsets: number[]
  values: string[]
  highWatermark: number | null
}

export interface ClusterState {
  seed: number
  scenario: ScenarioConfig
  nowMs: number
  rng: RngStreams
  timers: TimerQueue
  brokerIds: BrokerId[]
  brokersById: Record<string, BrokerState>
  controller: ControllerState
  network: NetworkState
  inFlightById: Record<string, InFlightMessage>
  nextMessageId: number
  nextRequestId: number
  pendingClientRequests: Record<string, PendingClientRequest>
  /** Most recent first is not guaranteed; ordered by completion. Capped. */
  clientResults: ClientResult[]
  /** Sequence number of the next event; events are numbered across the whole run. */
  nextEventSeq: number
  /** Simulated producers (`producer-1`, ...) by node id. */
  producersById: Record<NodeId, ProducerClientState>
  /** Transaction coordinators' state (`__transaction_state`) and producer id allocation. */
  transactions: TransactionCoordinatorState
  /** Consumers (`consumer-1`, ...), group coordinators' groups and committed offsets. */
  consumerGroups: ConsumerGroupsState
}
