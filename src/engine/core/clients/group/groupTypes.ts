/**
 * Plain-data state, wire messages, timers and events of consumer groups with the classic protocol:
 * the group coordinator's `ClassicGroup`s on the brokers (gc/classic/ClassicGroup.java) and the
 * consumers (`consumer-1`, ...) that join them. Everything here is JSON-safe, like the rest of the
 * cluster state, so checkpoints and replays copy it as is.
 */
import type { KafkaError } from '../../errors'
import type { BrokerId, NodeId } from '../../types'
import type { AssignorName, TopicPartition } from '../assignors/types'
import type { ConsumerState } from '../consumer/consumerTypes'
import type { RngState } from '../../rng'

/** `ClassicGroupState`. */
export type ClassicGroupStateName =
  'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead'

/** What a member sends in JoinGroup: its assignors and the `Subscription` it encodes for them. */
export interface MemberSubscriptionData {
  topics: string[]
  /** Cooperative: partitions still owned. Sticky (eager): the previous assignment (user data). */
  ownedPartitions: TopicPartition[]
  /** Generation of that ownership, −1 for none. */
  generation: number
}

/** `ClassicGroupMember`. */
export interface ClassicGroupMember {
  memberId: string
  groupInstanceId: string | null
  clientId: string
  /** The consumer node it talks from (where responses go). */
  node: NodeId
  sessionTimeoutMs: number
  rebalanceTimeoutMs: number
  protocols: AssignorName[]
  subscription: MemberSubscriptionData
  assignment: TopicPartition[]
  /** A JoinGroup waiting for the rebalance to complete (its request id), or null. */
  awaitingJoinRequestId: number | null
  /** A SyncGroup waiting for the leader's assignment (its request id), or null. */
  awaitingSyncRequestId: number | null
  /** Joined during the current rebalance (a new member). */
  isNew: boolean
  lastHeartbeatMs: number
  /** Ties the member's one pending session timer to it; older timers are ignored. */
  sessionTimerSeq: number
}

/** A committed offset (`OffsetAndMetadata`): the next offset the group will read. */
export interface CommittedOffset {
  offset: number
  committedAtMs: number
  /** The member that committed it ('' for a commit outside a generation). */
  memberId: string
}

/** What the coordinator last persisted for the group (written at every completed SyncGroup). */
export interface PersistedGroupMetadata {
  generationId: number
  protocolName: AssignorName | null
  leaderId: string | null
  members: Pick<
    ClassicGroupMember,
    | 'memberId'
    | 'groupInstanceId'
    | 'clientId'
    | 'node'
    | 'sessionTimeoutMs'
    | 'rebalanceTimeoutMs'
    | 'protocols'
    | 'subscription'
    | 'assignment'
  >[]
}

export interface ClassicGroup {
  groupId: string
  /** The broker that holds the group in memory (the leader of its `__consumer_offsets` partition). */
  coordinatorId: BrokerId
  /** The coordinator broker's incarnation that loaded the group (a restart loads it again). */
  coordinatorIncarnation: number
  state: ClassicGroupStateName
  generationId: number
  protocolName: AssignorName | null
  leaderId: string | null
  /** Members in join order (the JoinGroup response order the leader's assignor sees). */
  members: ClassicGroupMember[]
  /** Member ids handed out with MEMBER_ID_REQUIRED and not joined yet (KIP-394). */
  pendingMemberIds: string[]
  /** Identifies the current rebalance; a join deadline of an older one is ignored. */
  rebalanceSeq: number
  /** The first rebalance of an empty group waits `group.initial.rebalance.delay.ms`. */
  initialDelayActive: boolean
  /** Initial delayed join: a new member joined during the delay, so it is extended. */
  newMemberJoinedDuringDelay: boolean
  /** When the initial delayed join gives up extending (first join + rebalance timeout). */
  initialDelayEndsByMs: number
  /** Committed offsets by `topic-partition`. */
  offsets: Record<string, CommittedOffset>
  persisted: PersistedGroupMetadata | null
}

/**
 * The honest model of `__consumer_offsets` (see docs/engine-api.md): the topic's partitions are not
 * materialised as replicated logs; each one is placed like a created topic (striped, RF
 * min(3, brokers)) and led by its first replica the controller has not fenced; leadership moves
 * only when the leader is fenced. Commits are kept by the coordinator, and survive its failover as
 * Kafka's acks=all offset commits do.
 */
export interface OffsetsTopicModel {
  numPartitions: number
  replicationFactor: number
  /** Current leader per partition index, filled as groups use them. */
  leaderByPartition: Record<string, BrokerId>
}

/** The lesson ledger: what an application processed, per group and partition. */
export interface ProcessedLedger {
  /** Offsets processed at least once, as sorted disjoint [from, to) ranges. */
  ranges: [number, number][]
  processedCount: number
  duplicateCount: number
}

export interface ConsumerGroupsState {
  consumersByName: Record<string, ConsumerState>
  groupsById: Record<string, ClassicGroup>
  offsetsTopic: OffsetsTopicModel
  /** Per group (or consumer name without a group), per `topic-partition`. */
  ledgerByGroup: Record<string, Record<string, ProcessedLedger>>
  /** Idempotent consumers' dedupe stores: message ids already applied, per group. */
  dedupeStoreByGroup: Record<string, string[]>
  /** Member id UUIDs. */
  rng: RngState
}

type WithRequest<T> = T & { requestId: number; groupId: string }

export type GroupMessagePayload =
  | WithRequest<{ kind: 'findCoordinatorRequest' }>
  | WithRequest<{
      kind: 'findCoordinatorResponse'
      error: KafkaError | null
      coordinatorId: BrokerId
    }>
  | WithRequest<{
      kind: 'joinGroupRequest'
      memberId: string
      groupInstanceId: string | null
      clientId: string
      sessionTimeoutMs: number
      rebalanceTimeoutMs: number
      protocols: AssignorName[]
      subscription: MemberSubscriptionData
    }>
  | WithRequest<{
      kind: 'joinGroupResponse'
      error: KafkaError | null
      generationId: number
      protocolName: AssignorName | null
      leaderId: string | null
      memberId: string
      /** Only the leader gets the members and their subscriptions. */
      members: {
        memberId: string
        groupInstanceId: string | null
        subscription: MemberSubscriptionData
      }[]
    }>
  | WithRequest<{
      kind: 'syncGroupRequest'
      memberId: string
      groupInstanceId: string | null
      generationId: number
      assignments: { memberId: string; partitions: TopicPartition[] }[]
    }>
  | WithRequest<{
      kind: 'syncGroupResponse'
      error: KafkaError | null
      assignment: TopicPartition[]
    }>
  | WithRequest<{
      kind: 'heartbeatRequest'
      memberId: string
      groupInstanceId: string | null
      generationId: number
    }>
  | WithRequest<{ kind: 'heartbeatResponse'; error: KafkaError | null }>
  | WithRequest<{ kind: 'leaveGroupRequest'; memberId: string; groupInstanceId: string | null }>
  | WithRequest<{ kind: 'leaveGroupResponse'; error: KafkaError | null }>
  | WithRequest<{
      kind: 'offsetCommitRequest'
      memberId: string
      groupInstanceId: string | null
      generationId: number
      offsets: { topic: string; partition: number; offset: number }[]
    }>
  | WithRequest<{
      kind: 'offsetCommitResponse'
      error: KafkaError | null
      offsets: { topic: string; partition: number; offset: number }[]
    }>
  | WithRequest<{ kind: 'offsetFetchRequest'; partitions: TopicPartition[] }>
  | WithRequest<{
      kind: 'offsetFetchResponse'
      error: KafkaError | null
      /** −1: no committed offset. */
      offsets: { topic: string; partition: number; offset: number }[]
    }>
  | {
      kind: 'listOffsetsRequest'
      requestId: number
      topic: string
      partition: number
      /** −2 earliest, −1 latest (`ListOffsetsRequest.EARLIEST_TIMESTAMP` / `LATEST_TIMESTAMP`). */
      timestamp: -1 | -2
      isolationLevel: 'read_uncommitted' | 'read_committed'
    }
  | {
      kind: 'listOffsetsResponse'
      requestId: number
      topic: string
      partition: number
      error: KafkaError | null
      offset: number
    }

export type GroupMessageKind = GroupMessagePayload['kind']

const GROUP_MESSAGE_KINDS: ReadonlySet<string> = new Set<GroupMessageKind>([
  'findCoordinatorRequest',
  'findCoordinatorResponse',
  'joinGroupRequest',
  'joinGroupResponse',
  'syncGroupRequest',
  'syncGroupResponse',
  'heartbeatRequest',
  'heartbeatResponse',
  'leaveGroupRequest',
  'leaveGroupResponse',
  'offsetCommitRequest',
  'offsetCommitResponse',
  'offsetFetchRequest',
  'offsetFetchResponse',
  'listOffsetsRequest',
  'listOffsetsResponse',
])

export function isGroupMessage(payload: { kind: string }): payload is GroupMessagePayload {
  return GROUP_MESSAGE_KINDS.has(payload.kind)
}

/** Timers of consumers (`consumer`, `incarnation`) and of group coordinators. */
export type GroupTimerAction =
  | {
      kind: 'consumerTimer'
      consumer: string
      incarnation: number
      /** What is due; `token` ties it to the state that scheduled it (stale ones are ignored). */
      what: 'heartbeat' | 'pollTimeout' | 'processingDone' | 'retry' | 'requestTimeout' | 'crash'
      token: number
    }
  | { kind: 'groupJoinDeadline'; groupId: string; coordinatorId: BrokerId; rebalanceSeq: number }
  | { kind: 'groupMemberSession'; groupId: string; memberId: string; seq: number }

const GROUP_TIMER_KINDS: ReadonlySet<string> = new Set([
  'consumerTimer',
  'groupJoinDeadline',
  'groupMemberSession',
])

export function isGroupTimer(action: { kind: string }): action is GroupTimerAction {
  return GROUP_TIMER_KINDS.has(action.kind)
}

/** Why a member left the group. */
export type MemberRemovalReason = 'sessionTimeout' | 'leaveGroup' | 'notRejoined' | 'fenced'

export type GroupSimEventBody =
  | { type: 'consumerStarted'; consumer: string; groupId: string | null; incarnation: number }
  | { type: 'consumerStopped'; consumer: string; how: 'crashed' | 'closed' }
  | { type: 'coordinatorFound'; consumer: string; groupId: string; coordinatorId: BrokerId }
  | {
      type: 'groupStateChanged'
      groupId: string
      coordinatorId: BrokerId
      state: ClassicGroupStateName
      generationId: number
    }
  | {
      type: 'groupRebalanced'
      groupId: string
      generationId: number
      protocolName: AssignorName | null
      leaderId: string | null
      memberIds: string[]
    }
  | {
      type: 'memberRemoved'
      groupId: string
      memberId: string
      reason: MemberRemovalReason
    }
  | {
      type: 'partitionsRevoked' | 'partitionsAssigned' | 'partitionsLost'
      consumer: string
      partitions: string[]
    }
  | {
      type: 'offsetsCommitted'
      consumer: string
      groupId: string
      offsets: Record<string, number>
      error: KafkaError['error'] | null
    }
  | {
      type: 'recordsPolled'
      consumer: string
      partitions: Record<string, [number, number]>
      count: number
    }
  | { type: 'consumerError'; consumer: string; error: KafkaError['error']; message: string }
  | { type: 'pollIntervalExceeded'; consumer: string; memberId: string }
