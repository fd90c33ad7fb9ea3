/**
 * A simulated KafkaConsumer (classic group protocol) as plain data: its configs, its view of the
 * group (`AbstractCoordinator`'s member id, generation and `MemberState`), the partitions it owns
 * with their positions and fetched-but-not-returned records, and the application around it,
 * whose processing is modelled (a time per record), never run as a callback.
 */
import type { KafkaError } from '../../errors'
import type { BrokerId } from '../../types'
import type { AssignorName, RebalanceProtocol, TopicPartition } from '../assignors/types'
import type { ConsumerConfigs } from '../../config/consumerConfigs'

/** `AbstractCoordinator.MemberState`. */
export type MemberState = 'UNJOINED' | 'PREPARING_REBALANCE' | 'COMPLETING_REBALANCE' | 'STABLE'

export interface BufferedRecord {
  offset: number
  timestamp: number
  key: string | null
  value: string | null
}

/** An owned partition (`SubscriptionState.TopicPartitionState`). */
export interface OwnedPartition {
  topic: string
  partition: number
  /** The offset of the next record `poll()` returns; null until it is known. */
  position: number | null
  /** Fetched records not yet returned by `poll()`, in offset order. */
  buffer: BufferedRecord[]
  /** The offset the next fetch asks for (after the buffered records). */
  fetchOffset: number | null
  fetchInFlight: number | null
  /** Waiting for OffsetFetch (committed) or ListOffsets (reset) to learn the position. */
  positionPending: 'committed' | 'reset' | null
  /** After a fetch error: no fetch before this time. */
  backoffUntilMs: number
}

/** How the application commits in `run()`. */
export type CommitStrategy = 'auto' | 'afterProcessing' | 'beforeProcessing' | 'none'

export interface RunSettings {
  /** Simulated processing time per record. */
  processingMs: number
  commit: CommitStrategy
  /** commitSync (blocks the loop until answered) or commitAsync. */
  commitMode: 'sync' | 'async'
  /** Idempotent consumer: skip records whose message id (the key) is in the group's dedupe store. */
  dedupe: boolean
  /** Retry topics: records whose value contains `failMarker` fail and go to `nextTopic`. */
  retry: {
    failMarker: string
    nextTopic: string
    /** This consumer waits until a record's timestamp + delayMs before processing it. */
    delayMs: number
  } | null
}

export type PolledRecord = BufferedRecord & { topic: string; partition: number }

export interface ProcessingBatch {
  records: PolledRecord[]
  /** When each record's processing ends. */
  doneAtMs: number[]
  startedAtMs: number
  token: number
}

/** Pending requests, by request id. */
export interface ConsumerRequest {
  requestId: number
  kind:
    | 'findCoordinator'
    | 'joinGroup'
    | 'syncGroup'
    | 'heartbeat'
    | 'leaveGroup'
    | 'offsetCommit'
    | 'offsetFetch'
    | 'listOffsets'
    | 'fetch'
    | 'produce'
  brokerId: BrokerId
  sentAtMs: number
  /** offsetCommit: why it was sent. */
  purpose?: 'auto' | 'sync' | 'async' | 'beforeJoin' | 'close'
}

export interface ConsumerState {
  name: string
  /** 1, 2, ... on every (re)start; timers and responses of an earlier one are ignored. */
  incarnation: number
  status: 'running' | 'crashed' | 'closed'
  /** The configs as given (to restart with), and resolved. */
  rawConfigs: Record<string, unknown>
  configs: ConsumerConfigs
  groupId: string | null
  clientId: string
  protocol: RebalanceProtocol
  assignors: AssignorName[]
  subscription: string[]
  coordinatorId: BrokerId | null
  memberId: string
  generationId: number
  /** The assignor the group chose (from JoinGroup). */
  protocolName: AssignorName | null
  memberState: MemberState
  rejoinNeeded: boolean
  owned: OwnedPartition[]
  /** Sticky (eager) user data: the previous assignment and its generation. */
  previousAssignment: TopicPartition[]
  previousGeneration: number
  requests: Record<string, ConsumerRequest>
  /** Next heartbeat due (null: heartbeat thread disabled), and its timer's token. */
  heartbeatDueMs: number | null
  heartbeatToken: number
  /** When `max.poll.interval.ms` runs out (null: inside poll). */
  pollDeadlineMs: number | null
  /**
   * When the pending poll timer fires (null: none). One timer serves every later deadline: each
   * poll moves the deadline on, and a timer that fires before the current deadline re-arms for
   * it, so the heap holds one poll timer per consumer instead of one per poll.
   */
  pollTimerAtMs: number | null
  /**
   * When the pending `request.timeout.ms` timer fires (null: none): one timer at the earliest
   * deadline of the pending requests, re-armed for the next when it fires, rather than one per
   * request left in the heap after its response came.
   */
  requestTimerAtMs: number | null
  autoCommitDueMs: number
  /** Retry after an error (coordinator discovery, join). */
  retryAtMs: number
  /** The pending wake-up timer (see `wakeAt`), or null. */
  wakeAtMs: number | null
  /** A fatal error (FENCED_INSTANCE_ID, poll threw): the application stopped. */
  failed: boolean
  /** The application: manual polls, or a modelled poll loop. */
  run: RunSettings | null
  processing: ProcessingBatch | null
  /** The run loop waits for this commit (sync) before it polls or processes again. */
  blockingCommitId: number | null
  /** Records returned by poll, to be processed once their commit-before-processing is answered. */
  awaitingCommitBatch: PolledRecord[] | null
  crashPlan: { when: 'beforeCommit' | 'afterCommit' | 'afterRecords'; records: number } | null
  nextToken: number
  lastError: KafkaError | null
  /** The latest refused commit (CommitFailedException, REBALANCE_IN_PROGRESS, ...). */
  lastCommitError: KafkaError | null
  /** Lesson figures. */
  stats: ConsumerStats
}

export interface ConsumerStats {
  polledCount: number
  processedCount: number
  /** Records processed that this group had processed before (at-least-once duplicates). */
  duplicateCount: number
  /** Idempotent consumer: duplicates recognised and skipped. */
  duplicatesSkipped: number
  /** Records sent on to a retry or dead-letter topic. */
  forwardedCount: number
  /** The latest processed batches, newest last (capped). */
  recent: ProcessedBatchView[]
}

export interface ProcessedBatchView {
  partitionKey: string
  fromOffset: number
  toOffset: number
  duplicates: number
  atMs: number
  incarnation: number
}
