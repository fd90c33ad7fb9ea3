/**
 * The consumer's side of the classic group protocol (AbstractCoordinator, ConsumerCoordinator):
 * FindCoordinator, `onJoinPrepare` (auto-commit, then revoke all for EAGER or only what is no
 * longer subscribed for COOPERATIVE), JoinGroup (with MEMBER_ID_REQUIRED), the leader's
 * assignment, SyncGroup, `onJoinComplete` (cooperative: revoke what moved and rejoin at once),
 * the heartbeat thread, and what each error code makes the member do.
 */
import { emit } from '../../emit'
import { type KafkaError } from '../../errors'
import type { SimEvent } from '../../events'
import type { ClusterState, MessagePayload } from '../../types'
import { tpKey } from '../assignors/assignorSupport'
import { assignPartitions } from '../assignors/assignPartitions'
import type { MemberSubscription, TopicPartition } from '../assignors/types'
import type { GroupMessagePayload } from '../group/groupTypes'
import { anyLiveBroker, consumerTimer, pendingOf, sendRequest, wakeAt } from './consumerNetwork'
import type { ConsumerState, OwnedPartition } from './consumerTypes'

type Res<K extends GroupMessagePayload['kind']> = Extract<GroupMessagePayload, { kind: K }>

const GROUP_REQUEST_KINDS = [
  'joinGroup',
  'syncGroup',
  'heartbeat',
  'offsetCommit',
  'offsetFetch',
] as const

export function partitionNames(partitions: readonly TopicPartition[]): string[] {
  return partitions.map((tp) => `${tp.topic}-${tp.partition}`)
}

function newOwned(tp: TopicPartition): OwnedPartition {
  return {
    topic: tp.topic,
    partition: tp.partition,
    position: null,
    buffer: [],
    fetchOffset: null,
    fetchInFlight: null,
    positionPending: null,
    backoffUntilMs: 0,
  }
}

export function ownedPartitions(consumer: ConsumerState): TopicPartition[] {
  return consumer.owned.map(({ topic, partition }) => ({ topic, partition }))
}

/** A member in a generation can commit, fetch committed offsets and heartbeat. */
export function inGeneration(consumer: ConsumerState): boolean {
  return consumer.memberState === 'STABLE' || consumer.memberState === 'COMPLETING_REBALANCE'
}

export function sendFindCoordinator(state: ClusterState, out: SimEvent[], c: ConsumerState): void {
  if (c.groupId === null || pendingOf(c, 'findCoordinator').length > 0) return
  if (state.nowMs < c.retryAtMs) return wakeAt(state, c, c.retryAtMs)
  const brokerId = anyLiveBroker(state)
  if (brokerId === null) {
    c.retryAtMs = state.nowMs + c.configs['retry.backoff.ms']
    return wakeAt(state, c, c.retryAtMs)
  }
  const groupId = c.groupId
  sendRequest(state, out, c, brokerId, 'findCoordinator', (requestId) => ({
    kind: 'findCoordinatorRequest',
    requestId,
    groupId,
  }))
}

/** `markCoordinatorUnknown`: forget the coordinator; a join under way starts over after. */
export function markCoordinatorUnknown(state: ClusterState, c: ConsumerState): void {
  c.coordinatorId = null
  c.heartbeatDueMs = null
  for (const request of Object.values(c.requests)) {
    if ((GROUP_REQUEST_KINDS as readonly string[]).includes(request.kind)) {
      delete c.requests[request.requestId]
      if (request.kind === 'offsetFetch') {
        for (const p of c.owned) if (p.positionPending === 'committed') p.positionPending = null
      }
    }
  }
  if (c.memberState === 'PREPARING_REBALANCE' || c.memberState === 'COMPLETING_REBALANCE') {
    c.memberState = 'UNJOINED'
    c.rejoinNeeded = true
  }
  c.retryAtMs = state.nowMs + c.configs['retry.backoff.ms']
  c.blockingCommitId = null
}

/** Lost the generation (UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION, poll timeout): rejoin afresh. */
export function resetGeneration(c: ConsumerState, resetMemberId: boolean): void {
  c.generationId = -1
  if (resetMemberId) c.memberId = ''
  c.memberState = 'UNJOINED'
  c.rejoinNeeded = true
  c.heartbeatDueMs = null
}

function revoke(
  state: ClusterState,
  out: SimEvent[],
  c: ConsumerState,
  partitions: readonly TopicPartition[],
  how: 'partitionsRevoked' | 'partitionsLost',
): void {
  if (partitions.length === 0) return
  const keys = new Set(partitions.map(tpKey))
  c.owned = c.owned.filter((p) => !keys.has(tpKey(p)))
  emit(state, out, { type: how, consumer: c.name, partitions: partitionNames(partitions) })
}

/** The join may start: the application is inside poll() and nothing of a join is under way. */
export function maybeStartJoin(
  state: ClusterState,
  out: SimEvent[],
  c: ConsumerState,
  commitConsumed: (purpose: 'beforeJoin') => number | null,
): void {
  if (c.coordinatorId === null || c.groupId === null || c.subscription.length === 0) return
  const needed = c.memberState === 'UNJOINED' || (c.rejoinNeeded && c.memberState === 'STABLE')
  if (!needed) return
  if (Object.values(c.requests).some((r) => r.purpose === 'beforeJoin')) return
  if (pendingOf(c, 'joinGroup').length > 0 || pendingOf(c, 'syncGroup').length > 0) return
  // onJoinPrepare: with auto-commit, commit what was consumed first (synchronously).
  if (c.configs['enable.auto.commit'] && c.memberState === 'STABLE' && c.owned.length > 0) {
    if (commitConsumed('beforeJoin') !== null) return
  }
  joinAfterPrepare(state, out, c)
}

/** The rest of `onJoinPrepare` and the JoinGroup request. */
export function joinAfterPrepare(state: ClusterState, out: SimEvent[], c: ConsumerState): void {
  if (c.coordinatorId === null || c.groupId === null) return
  if (c.generationId === -1 && c.owned.length > 0) {
    revoke(state, out, c, ownedPartitions(c), 'partitionsLost')
  } else if (c.protocol === 'EAGER') {
    revoke(state, out, c, ownedPartitions(c), 'partitionsRevoked')
  } else {
    const gone = ownedPartitions(c).filter((tp) => !c.subscription.includes(tp.topic))
    revoke(state, out, c, gone, 'partitionsRevoked')
  }
  c.memberState = 'PREPARING_REBALANCE'
  c.rejoinNeeded = false
  c.heartbeatDueMs = null
  sendJoin(state, out, c)
}

function sendJoin(state: ClusterState, out: SimEvent[], c: ConsumerState): void {
  const groupId = c.groupId!
  const cooperative = c.protocol === 'COOPERATIVE'
  const sticky = c.assignors.includes('sticky')
  const subscription = {
    topics: [...c.subscription],
    ownedPartitions: cooperative
      ? ownedPartitions(c)
      : sticky
        ? c.previousAssignment.map((tp) => ({ ...tp }))
        : [],
    generation: cooperative ? c.generationId : sticky ? c.previousGeneration : -1,
  }
  sendRequest(state, out, c, c.coordinatorId!, 'joinGroup', (requestId) => ({
    kind: 'joinGroupRequest',
    requestId,
    groupId,
    memberId: c.memberId,
    groupInstanceId: c.configs['group.instance.id'],
    clientId: c.clientId,
    sessionTimeoutMs: c.configs['session.timeout.ms'],
    rebalanceTimeoutMs: c.configs['max.poll.interval.ms'],
    protocols: [...c.assignors],
    subscription,
  }))
}

export function failConsumer(
  state: ClusterState,
  out: SimEvent[],
  c: ConsumerState,
  error: KafkaError,
): void {
  c.lastError = error
  c.failed = true
  c.heartbeatDueMs = null
  emit(state, out, {
    type: 'consumerError',
    consumer: c.name,
    error: error.error,
    message: error.message,
  })
}

/** Errors any group response may carry; true when handled. */
function commonGroupError(
  state: ClusterState,
  out: SimEvent[],
  c: ConsumerState,
  error: KafkaError,
): boolean {
  switch (error.error) {
    case 'NOT_COORDINATOR':
    case 'COORDINATOR_NOT_AVAILABLE':
      markCoordinatorUnknown(state, c)
      wakeAt(state, c, c.retryAtMs)
      return true
    case 'UNKNOWN_MEMBER_ID':
      resetGeneration(c, true)
      return true
    case 'ILLEGAL_GENERATION':
      resetGeneration(c, false)
      return true
    case 'FENCED_INSTANCE_ID':
    case 'INCONSISTENT_GROUP_PROTOCOL':
    case 'INVALID_SESSION_TIMEOUT':
      failConsumer(state, out, c, error)
      return true
    default:
      return false
  }
}

export function onFindCoordinatorResponse(
  state: ClusterState,
  out: SimEvent[],
  c: ConsumerState,
  response: Res<'findCoordinatorResponse'>,
): void {
  if (response.error !== null || response.coordinatorId < 0) {
    c.retryAtMs = state.nowMs + c.configs['retry.backoff.ms']
    wakeAt(state, c, c.retryAtMs)
    return
  }
  c.coordinatorId = response.coordinatorId
  emit(state, out, {
    type: 'coordinatorFound',
    consumer: c.name,
    groupId: response.groupId,
    coordinatorId: response.coordinatorId,
  })
  if (inGeneration(c)) enableHeartbeat(state, c)
}

export function onJoinGroupResponse(
  state: ClusterState,
  out: SimEvent[],
  c: ConsumerState,
  response: Res<'joinGroupResponse'>,
): void {
  if (response.error !== null) {
    if (response.error.error === 'MEMBER_ID_REQUIRED') {
      c.memberId = response.memberId
      sendJoin(state, out, c)
      return
    }
    if (!commonGroupError(state, out, c, response.error)) {
      c.memberState = 'UNJOINED'
      c.rejoinNeeded = true
    }
    return
  }
  c.memberId = response.memberId
  c.generationId = response.generationId
  c.protocolName = response.protocolName
  c.memberState = 'COMPLETING_REBALANCE'
  enableHeartbeat(state, c)
  const assignments =
    response.leaderId === response.memberId && response.members.length > 0
      ? leaderAssign(state, response)
      : []
  const groupId = c.groupId!
  sendRequest(state, out, c, c.coordinatorId!, 'syncGroup', (requestId) => ({
    kind: 'syncGroupRequest',
    requestId,
    groupId,
    memberId: c.memberId,
    groupInstanceId: c.configs['group.instance.id'],
    generationId: c.generationId,
    assignments,
  }))
}

/** `ConsumerCoordinator#onLeaderElected`: the leader runs the group's assignor on its metadata. */
function leaderAssign(
  state: ClusterState,
  response: Res<'joinGroupResponse'>,
): { memberId: string; partitions: TopicPartition[] }[] {
  const members: MemberSubscription[] = response.members.map((m) => ({
    memberId: m.memberId,
    groupInstanceId: m.groupInstanceId,
    topics: m.subscription.topics,
    ownedPartitions: m.subscription.ownedPartitions,
    generation: m.subscription.generation < 0 ? null : m.subscription.generation,
  }))
  const partitionsPerTopic: Record<string, number> = {}
  for (const member of members) {
    for (const topic of member.topics) {
      const spec = state.controller.topicsByName[topic]
      if (spec !== undefined) partitionsPerTopic[topic] = spec.partitions
    }
  }
  const assignment = assignPartitions(response.protocolName ?? 'range', {
    members,
    partitionsPerTopic,
  })
  return members.map((m) => ({ memberId: m.memberId, partitions: assignment[m.memberId] ?? [] }))
}

export function onSyncGroupResponse(
  state: ClusterState,
  out: SimEvent[],
  c: ConsumerState,
  response: Res<'syncGroupResponse'>,
): void {
  if (response.error !== null) {
    if (!commonGroupError(state, out, c, response.error)) {
      // REBALANCE_IN_PROGRESS: this generation is over before it started; join again.
      c.memberState = 'UNJOINED'
      c.rejoinNeeded = true
    }
    return
  }
  const assigned = response.assignment
  const assignedKeys = new Set(assigned.map(tpKey))
  const ownedKeys = new Set(c.owned.map(tpKey))
  const revoked = ownedPartitions(c).filter((tp) => !assignedKeys.has(tpKey(tp)))
  const added = assigned.filter((tp) => !ownedKeys.has(tpKey(tp)))
  revoke(state, out, c, revoked, 'partitionsRevoked')
  c.owned.push(...added.map(newOwned))
  c.previousAssignment = assigned.map((tp) => ({ ...tp }))
  c.previousGeneration = c.generationId
  c.memberState = 'STABLE'
  // Cooperative: partitions were taken away, so rejoin at once to hand them to their new owner.
  c.rejoinNeeded = c.protocol === 'COOPERATIVE' && revoked.length > 0
  c.autoCommitDueMs = state.nowMs + c.configs['auto.commit.interval.ms']
  emit(state, out, {
    type: 'partitionsAssigned',
    consumer: c.name,
    partitions: partitionNames(added),
  })
}

export function enableHeartbeat(state: ClusterState, c: ConsumerState): void {
  scheduleHeartbeat(state, c, state.nowMs + c.configs['heartbeat.interval.ms'])
}

function scheduleHeartbeat(state: ClusterState, c: ConsumerState, atMs: number): void {
  c.heartbeatDueMs = atMs
  c.nextToken += 1
  c.heartbeatToken = c.nextToken
  consumerTimer(state, c, atMs, 'heartbeat', c.heartbeatToken)
}

/** The heartbeat thread's turn. */
export function onHeartbeatTimer(state: ClusterState, out: SimEvent[], c: ConsumerState): void {
  if (c.heartbeatDueMs === null || c.coordinatorId === null || !inGeneration(c)) return
  if (pendingOf(c, 'heartbeat').length > 0) return
  const groupId = c.groupId!
  sendRequest(state, out, c, c.coordinatorId, 'heartbeat', (requestId) => ({
    kind: 'heartbeatRequest',
    requestId,
    groupId,
    memberId: c.memberId,
    groupInstanceId: c.configs['group.instance.id'],
    generationId: c.generationId,
  }))
}

export function onHeartbeatResponse(
  state: ClusterState,
  out: SimEvent[],
  c: ConsumerState,
  response: Res<'heartbeatResponse'>,
  sentAtMs: number,
): void {
  if (response.error !== null) {
    if (response.error.error === 'REBALANCE_IN_PROGRESS') {
      c.rejoinNeeded = true
    } else if (commonGroupError(state, out, c, response.error)) {
      return
    }
  }
  if (!inGeneration(c) || c.coordinatorId === null) return
  scheduleHeartbeat(
    state,
    c,
    Math.max(state.nowMs + 1, sentAtMs + c.configs['heartbeat.interval.ms']),
  )
}

/** Sends LeaveGroup (dynamic members only, KIP-345) and forgets the generation. */
export function leaveGroup(state: ClusterState, out: SimEvent[], c: ConsumerState): void {
  if (
    c.coordinatorId !== null &&
    c.groupId !== null &&
    c.memberId !== '' &&
    c.configs['group.instance.id'] === null
  ) {
    const groupId = c.groupId
    const memberId = c.memberId
    sendRequest(state, out, c, c.coordinatorId, 'leaveGroup', (requestId): MessagePayload => ({
      kind: 'leaveGroupRequest',
      requestId,
      groupId,
      memberId,
      groupInstanceId: null,
    }))
  }
  resetGeneration(c, c.configs['group.instance.id'] === null)
}
