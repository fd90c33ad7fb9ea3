/**
 * The group coordinator's classic protocol (gc/GroupMetadataManager#classicGroupJoin, ...Sync,
 * ...Heartbeat, ...Leave; gc/classic/ClassicGroup): member ids (KIP-394 MEMBER_ID_REQUIRED),
 * the delayed join (`group.initial.rebalance.delay.ms` for an empty group, the rebalance timeout
 * otherwise), generations, protocol selection by vote, the leader's assignment handed out by
 * SyncGroup, session expiry, LeaveGroup and static membership (KIP-345).
 */
import { schedule } from '../../clock'
import { emit } from '../../emit'
import { kafkaError, type KafkaError } from '../../errors'
import type { SimEvent } from '../../events'
import { nextInt } from '../../rng'
import { resolveBrokerConfigs } from '../../scenario'
import type { BrokerState, ClusterState, MessagePayload, NodeId } from '../../types'
import { respondToClient } from '../../replication/respond'
import { selectGroupProtocol } from '../assignors/rebalanceProtocol'
import type {
  ClassicGroup,
  ClassicGroupMember,
  ClassicGroupStateName,
  GroupMessagePayload,
  MemberRemovalReason,
} from './groupTypes'
import { coordinatorFor, groupsOf } from './offsetsTopic'

type Req<K extends GroupMessagePayload['kind']> = Extract<GroupMessagePayload, { kind: K }>

const UUID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** `clientId + "-" + Uuid.randomUuid()`: Kafka's Uuid prints as 22 URL-safe base64 characters. */
function newMemberId(state: ClusterState, clientId: string): string {
  const rng = groupsOf(state).rng
  let uuid = ''
  for (let i = 0; i < 22; i++) uuid += UUID_ALPHABET[nextInt(rng, 64)]
  return `${clientId}-${uuid}`
}

export function reply(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  to: NodeId,
  payload: GroupMessagePayload,
): void {
  respondToClient(state, out, broker, to, payload as MessagePayload)
}

function setState(
  state: ClusterState,
  out: SimEvent[],
  group: ClassicGroup,
  next: ClassicGroupStateName,
): void {
  group.state = next
  emit(state, out, {
    type: 'groupStateChanged',
    groupId: group.groupId,
    coordinatorId: group.coordinatorId,
    state: next,
    generationId: group.generationId,
  })
}

/** What the coordinator writes to `__consumer_offsets` when a generation completes or empties. */
function persist(group: ClassicGroup): void {
  group.persisted = {
    generationId: group.generationId,
    protocolName: group.protocolName,
    leaderId: group.leaderId,
    members: group.members.map((m) => ({
      memberId: m.memberId,
      groupInstanceId: m.groupInstanceId,
      clientId: m.clientId,
      node: m.node,
      sessionTimeoutMs: m.sessionTimeoutMs,
      rebalanceTimeoutMs: m.rebalanceTimeoutMs,
      protocols: [...m.protocols],
      subscription: structuredClone(m.subscription),
      assignment: m.assignment.map((tp) => ({ ...tp })),
    })),
  }
}

function scheduleSession(state: ClusterState, group: ClassicGroup, member: ClassicGroupMember) {
  member.sessionTimerSeq += 1
  schedule(state.timers, state.nowMs, state.nowMs + member.sessionTimeoutMs, {
    kind: 'groupMemberSession',
    groupId: group.groupId,
    memberId: member.memberId,
    seq: member.sessionTimerSeq,
  })
}

/** A heartbeat, join or commit: the member is alive (`completeAndScheduleNextHeartbeatExpiration`). */
export function touchMember(state: ClusterState, group: ClassicGroup, member: ClassicGroupMember) {
  member.lastHeartbeatMs = state.nowMs
  scheduleSession(state, group, member)
}

/**
 * The group as broker `broker` holds it, loading it from `__consumer_offsets` when this broker has
 * just become its coordinator (or restarted): the last persisted generation, with every member's
 * session started afresh; a rebalance that was under way is lost with the old coordinator.
 */
export function groupAt(
  state: ClusterState,
  broker: BrokerState,
  groupId: string,
  create: boolean,
): ClassicGroup | null {
  const groups = groupsOf(state).groupsById
  let group = groups[groupId]
  if (group === undefined) {
    if (!create) return null
    group = {
      groupId,
      coordinatorId: broker.brokerId,
      coordinatorIncarnation: broker.incarnation,
      state: 'Empty',
      generationId: 0,
      protocolName: null,
      leaderId: null,
      members: [],
      pendingMemberIds: [],
      rebalanceSeq: 0,
      initialDelayActive: false,
      newMemberJoinedDuringDelay: false,
      initialDelayEndsByMs: 0,
      offsets: {},
      persisted: null,
    }
    groups[groupId] = group
    return group
  }
  if (
    group.coordinatorId !== broker.brokerId ||
    group.coordinatorIncarnation !== broker.incarnation
  ) {
    loadGroup(state, broker, group)
  }
  return group
}

function loadGroup(state: ClusterState, broker: BrokerState, group: ClassicGroup): void {
  const persisted = group.persisted
  group.coordinatorId = broker.brokerId
  group.coordinatorIncarnation = broker.incarnation
  group.rebalanceSeq += 1
  group.pendingMemberIds = []
  group.initialDelayActive = false
  group.newMemberJoinedDuringDelay = false
  group.generationId = persisted?.generationId ?? 0
  group.protocolName = persisted?.protocolName ?? null
  group.leaderId = persisted?.leaderId ?? null
  group.members = (persisted?.members ?? []).map((m): ClassicGroupMember => ({
    ...structuredClone(m),
    awaitingJoinRequestId: null,
    awaitingSyncRequestId: null,
    isNew: false,
    lastHeartbeatMs: state.nowMs,
    sessionTimerSeq: 0,
  }))
  group.state = group.members.length > 0 ? 'Stable' : 'Empty'
  for (const member of group.members) scheduleSession(state, group, member)
}

function maxRebalanceTimeoutMs(group: ClassicGroup): number {
  return group.members.reduce((max, m) => Math.max(max, m.rebalanceTimeoutMs), 0)
}

function scheduleJoinDeadline(state: ClusterState, group: ClassicGroup, atMs: number): void {
  schedule(state.timers, state.nowMs, Math.max(atMs, state.nowMs + 1), {
    kind: 'groupJoinDeadline',
    groupId: group.groupId,
    coordinatorId: group.coordinatorId,
    rebalanceSeq: group.rebalanceSeq,
  })
}

/** `prepareRebalance`: Empty → initial delayed join; otherwise wait up to the rebalance timeout. */
function prepareRebalance(state: ClusterState, out: SimEvent[], group: ClassicGroup): void {
  if (group.state === 'CompletingRebalance') {
    // Members waiting in SyncGroup learn that the generation they joined is over.
    for (const member of group.members) {
      if (member.awaitingSyncRequestId === null) continue
      reply(state, out, brokerOf(state, group), member.node, {
        kind: 'syncGroupResponse',
        requestId: member.awaitingSyncRequestId,
        groupId: group.groupId,
        error: kafkaError(
          'REBALANCE_IN_PROGRESS',
          'The group is rebalancing, so a rejoin is needed.',
        ),
        assignment: [],
      })
      member.awaitingSyncRequestId = null
    }
  }
  const wasEmpty = group.state === 'Empty'
  group.rebalanceSeq += 1
  setState(state, out, group, 'PreparingRebalance')
  const initialDelayMs = resolveBrokerConfigs(state.scenario)['group.initial.rebalance.delay.ms']
  if (wasEmpty && initialDelayMs > 0) {
    group.initialDelayActive = true
    group.newMemberJoinedDuringDelay = false
    group.initialDelayEndsByMs = state.nowMs + maxRebalanceTimeoutMs(group)
    scheduleJoinDeadline(
      state,
      group,
      state.nowMs + Math.min(initialDelayMs, maxRebalanceTimeoutMs(group)),
    )
  } else {
    group.initialDelayActive = false
    scheduleJoinDeadline(state, group, state.nowMs + maxRebalanceTimeoutMs(group))
  }
}

function brokerOf(state: ClusterState, group: ClassicGroup): BrokerState {
  return state.brokersById[group.coordinatorId]!
}

function allMembersJoined(group: ClassicGroup): boolean {
  return (
    group.pendingMemberIds.length === 0 &&
    group.members.every((m) => m.awaitingJoinRequestId !== null)
  )
}

/** `DelayedJoin#tryComplete`: a rebalance (not the initial delay) ends once everyone rejoined. */
function maybeCompleteJoin(state: ClusterState, out: SimEvent[], group: ClassicGroup): void {
  if (group.state === 'PreparingRebalance' && !group.initialDelayActive && allMembersJoined(group))
    completeJoin(state, out, group)
}

function removeMember(
  state: ClusterState,
  out: SimEvent[],
  group: ClassicGroup,
  member: ClassicGroupMember,
  reason: MemberRemovalReason,
): void {
  group.members = group.members.filter((m) => m !== member)
  if (group.leaderId === member.memberId) group.leaderId = group.members[0]?.memberId ?? null
  emit(state, out, {
    type: 'memberRemoved',
    groupId: group.groupId,
    memberId: member.memberId,
    reason,
  })
}

/** `completeClassicGroupJoin`: the next generation, its protocol and leader; JoinGroup answers. */
function completeJoin(state: ClusterState, out: SimEvent[], group: ClassicGroup): void {
  for (const member of [...group.members]) {
    if (member.awaitingJoinRequestId === null && member.groupInstanceId === null)
      removeMember(state, out, group, member, 'notRejoined')
  }
  group.pendingMemberIds = []
  group.initialDelayActive = false
  group.generationId += 1
  if (group.members.length === 0) {
    group.protocolName = null
    group.leaderId = null
    persist(group)
    setState(state, out, group, 'Empty')
    return
  }
  group.protocolName = selectGroupProtocol(
    group.members.map((m) => ({ memberId: m.memberId, assignors: m.protocols })),
  )
  if (group.leaderId === null || !group.members.some((m) => m.memberId === group.leaderId))
    group.leaderId = group.members[0]!.memberId
  setState(state, out, group, 'CompletingRebalance')
  const broker = brokerOf(state, group)
  for (const member of group.members) {
    touchMember(state, group, member)
    member.isNew = false
    if (member.awaitingJoinRequestId === null) continue
    const isLeader = member.memberId === group.leaderId
    reply(state, out, broker, member.node, {
      kind: 'joinGroupResponse',
      requestId: member.awaitingJoinRequestId,
      groupId: group.groupId,
      error: null,
      generationId: group.generationId,
      protocolName: group.protocolName,
      leaderId: group.leaderId,
      memberId: member.memberId,
      members: isLeader ? joinMembers(group) : [],
    })
    member.awaitingJoinRequestId = null
  }
}

export function onJoinDeadline(
  state: ClusterState,
  out: SimEvent[],
  action: { groupId: string; coordinatorId: number; rebalanceSeq: number },
): void {
  const group = groupsOf(state).groupsById[action.groupId]
  if (
    group === undefined ||
    group.rebalanceSeq !== action.rebalanceSeq ||
    group.state !== 'PreparingRebalance' ||
    !coordinatorAlive(state, group)
  )
    return
  if (group.initialDelayActive) {
    const initialDelayMs = resolveBrokerConfigs(state.scenario)['group.initial.rebalance.delay.ms']
    const remainingMs = group.initialDelayEndsByMs - state.nowMs
    if (group.newMemberJoinedDuringDelay && remainingMs > 0) {
      // InitialDelayedJoin: a member joined meanwhile, so wait once more (never past the timeout).
      group.newMemberJoinedDuringDelay = false
      scheduleJoinDeadline(state, group, state.nowMs + Math.min(initialDelayMs, remainingMs))
      return
    }
  }
  completeJoin(state, out, group)
}

/** The coordinator that holds the group in memory is up and still its coordinator. */
function coordinatorAlive(state: ClusterState, group: ClassicGroup): boolean {
  const broker = state.brokersById[group.coordinatorId]
  return (
    broker !== undefined &&
    broker.process === 'running' &&
    broker.incarnation === group.coordinatorIncarnation &&
    coordinatorFor(state, group.groupId) === group.coordinatorId
  )
}

/** A member's session ran out without a heartbeat: it is removed, and the group rebalances. */
export function onMemberSession(
  state: ClusterState,
  out: SimEvent[],
  action: { groupId: string; memberId: string; seq: number },
): void {
  const group = groupsOf(state).groupsById[action.groupId]
  if (group === undefined || !coordinatorAlive(state, group)) return
  const member = group.members.find((m) => m.memberId === action.memberId)
  if (member === undefined || member.sessionTimerSeq !== action.seq) return
  // `shouldKeepAlive`: a member parked in JoinGroup (not a new one) or SyncGroup stays.
  if (
    (member.awaitingJoinRequestId !== null && !member.isNew) ||
    member.awaitingSyncRequestId !== null
  ) {
    scheduleSession(state, group, member)
    return
  }
  removeMemberAndRebalance(state, out, group, member, 'sessionTimeout')
}

function removeMemberAndRebalance(
  state: ClusterState,
  out: SimEvent[],
  group: ClassicGroup,
  member: ClassicGroupMember,
  reason: MemberRemovalReason,
): void {
  removeMember(state, out, group, member, reason)
  if (group.state === 'Stable' || group.state === 'CompletingRebalance')
    prepareRebalance(state, out, group)
  maybeCompleteJoin(state, out, group)
}

function sessionTimeoutError(state: ClusterState, sessionTimeoutMs: number): KafkaError | null {
  const configs = resolveBrokerConfigs(state.scenario)
  const min = configs['group.min.session.timeout.ms']
  const max = configs['group.max.session.timeout.ms']
  if (sessionTimeoutMs < min || sessionTimeoutMs > max) {
    return kafkaError(
      'INVALID_SESSION_TIMEOUT',
      `session.timeout.ms ${sessionTimeoutMs} is outside the broker's [group.min.session.timeout.ms, group.max.session.timeout.ms] = [${min}, ${max}].`,
    )
  }
  return null
}

function joinError(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  from: NodeId,
  request: Req<'joinGroupRequest'>,
  error: KafkaError,
  memberId = request.memberId,
): void {
  reply(state, out, broker, from, {
    kind: 'joinGroupResponse',
    requestId: request.requestId,
    groupId: request.groupId,
    error,
    generationId: -1,
    protocolName: null,
    leaderId: null,
    memberId,
    members: [],
  })
}

function sameSubscription(member: ClassicGroupMember, request: Req<'joinGroupRequest'>): boolean {
  return (
    JSON.stringify([member.protocols, member.subscription.topics]) ===
    JSON.stringify([request.protocols, request.subscription.topics])
  )
}

/** Answers a join from a member of the current generation without a rebalance. */
function answerCurrentGeneration(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  group: ClassicGroup,
  member: ClassicGroupMember,
  requestId: number,
): void {
  reply(state, out, broker, member.node, {
    kind: 'joinGroupResponse',
    requestId,
    groupId: group.groupId,
    error: null,
    generationId: group.generationId,
    protocolName: group.protocolName,
    leaderId: group.leaderId,
    memberId: member.memberId,
    // A leader rejoining before it sent SyncGroup needs the members again to assign.
    members:
      group.state === 'CompletingRebalance' && member.memberId === group.leaderId
        ? joinMembers(group)
        : [],
  })
}

function joinMembers(group: ClassicGroup) {
  return group.members.map((m) => ({
    memberId: m.memberId,
    groupInstanceId: m.groupInstanceId,
    subscription: structuredClone(m.subscription),
  }))
}

export function handleJoinGroup(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  from: NodeId,
  request: Req<'joinGroupRequest'>,
): void {
  const fail = (error: KafkaError, memberId = request.memberId) =>
    joinError(state, out, broker, from, request, error, memberId)
  const unknownMember = () =>
    kafkaError(
      'UNKNOWN_MEMBER_ID',
      `Member ${request.memberId} is not in group ${request.groupId}.`,
    )
  const sessionError = sessionTimeoutError(state, request.sessionTimeoutMs)
  if (sessionError !== null) return fail(sessionError)
  const group = groupAt(state, broker, request.groupId, true)!
  if (
    group.members.length > 0 &&
    !request.protocols.some((p) => group.members.every((m) => m.protocols.includes(p)))
  ) {
    return fail(
      kafkaError(
        'INCONSISTENT_GROUP_PROTOCOL',
        `None of ${request.protocols.join(', ')} is supported by every member of group ${group.groupId}.`,
      ),
    )
  }
  const staticMember =
    request.groupInstanceId === null
      ? undefined
      : group.members.find((m) => m.groupInstanceId === request.groupInstanceId)

  if (request.memberId === '') {
    if (request.groupInstanceId !== null) {
      const memberId = newMemberId(state, request.clientId)
      if (staticMember !== undefined) {
        return replaceStaticMember(state, out, broker, from, group, staticMember, memberId, request)
      }
      return addMemberAndRebalance(state, out, from, group, memberId, request)
    }
    // KIP-394: a new dynamic member first gets its id, then joins with it.
    const memberId = newMemberId(state, request.clientId)
    group.pendingMemberIds.push(memberId)
    return fail(
      kafkaError(
        'MEMBER_ID_REQUIRED',
        'The group member needs to have a valid member id before actually entering a consumer group.',
      ),
      memberId,
    )
  }
  if (group.pendingMemberIds.includes(request.memberId)) {
    group.pendingMemberIds = group.pendingMemberIds.filter((id) => id !== request.memberId)
    return addMemberAndRebalance(state, out, from, group, request.memberId, request)
  }
  const member = group.members.find((m) => m.memberId === request.memberId)
  if (member === undefined) {
    if (staticMember !== undefined) {
      return fail(
        kafkaError(
          'FENCED_INSTANCE_ID',
          `group.instance.id ${request.groupInstanceId} is now used by member ${staticMember.memberId}.`,
        ),
      )
    }
    return fail(unknownMember())
  }
  const changed = !sameSubscription(member, request)
  member.node = from
  member.protocols = [...request.protocols]
  member.subscription = structuredClone(request.subscription)
  member.sessionTimeoutMs = request.sessionTimeoutMs
  member.rebalanceTimeoutMs = request.rebalanceTimeoutMs
  touchMember(state, group, member)
  switch (group.state) {
    case 'PreparingRebalance':
      member.awaitingJoinRequestId = request.requestId
      return maybeCompleteJoin(state, out, group)
    case 'CompletingRebalance':
    case 'Stable':
      if (
        !changed &&
        (group.state === 'CompletingRebalance' || member.memberId !== group.leaderId)
      ) {
        return answerCurrentGeneration(state, out, broker, group, member, request.requestId)
      }
      member.awaitingJoinRequestId = request.requestId
      prepareRebalance(state, out, group)
      return maybeCompleteJoin(state, out, group)
    default:
      return fail(unknownMember())
  }
}

function addMemberAndRebalance(
  state: ClusterState,
  out: SimEvent[],
  from: NodeId,
  group: ClassicGroup,
  memberId: string,
  request: Req<'joinGroupRequest'>,
): void {
  const member: ClassicGroupMember = {
    memberId,
    groupInstanceId: request.groupInstanceId,
    clientId: request.clientId,
    node: from,
    sessionTimeoutMs: request.sessionTimeoutMs,
    rebalanceTimeoutMs: request.rebalanceTimeoutMs,
    protocols: [...request.protocols],
    subscription: structuredClone(request.subscription),
    assignment: [],
    awaitingJoinRequestId: request.requestId,
    awaitingSyncRequestId: null,
    isNew: true,
    lastHeartbeatMs: state.nowMs,
    sessionTimerSeq: 0,
  }
  group.members.push(member)
  group.leaderId ??= memberId
  touchMember(state, group, member)
  if (group.state === 'PreparingRebalance') {
    if (group.initialDelayActive) group.newMemberJoinedDuringDelay = true
  } else {
    prepareRebalance(state, out, group)
  }
  maybeCompleteJoin(state, out, group)
}

/**
 * KIP-345: a static member rejoining with a new member id takes over its old identity. In a
 * stable group it gets the current generation and its old assignment back, without a rebalance.
 */
function replaceStaticMember(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  from: NodeId,
  group: ClassicGroup,
  member: ClassicGroupMember,
  memberId: string,
  request: Req<'joinGroupRequest'>,
): void {
  const oldMemberId = member.memberId
  const changed = !sameSubscription(member, request)
  // The old instance's parked requests are fenced.
  const fenced = kafkaError(
    'FENCED_INSTANCE_ID',
    `group.instance.id ${member.groupInstanceId} rejoined as ${memberId}.`,
  )
  if (member.awaitingJoinRequestId !== null) {
    reply(state, out, broker, member.node, {
      kind: 'joinGroupResponse',
      requestId: member.awaitingJoinRequestId,
      groupId: group.groupId,
      error: fenced,
      generationId: -1,
      protocolName: null,
      leaderId: null,
      memberId: oldMemberId,
      members: [],
    })
    member.awaitingJoinRequestId = null
  }
  member.memberId = memberId
  member.node = from
  member.clientId = request.clientId
  member.protocols = [...request.protocols]
  member.subscription = structuredClone(request.subscription)
  member.sessionTimeoutMs = request.sessionTimeoutMs
  member.rebalanceTimeoutMs = request.rebalanceTimeoutMs
  if (group.leaderId === oldMemberId) group.leaderId = memberId
  touchMember(state, group, member)
  if (group.state === 'Stable' && !changed) {
    persist(group)
    return answerCurrentGeneration(state, out, broker, group, member, request.requestId)
  }
  member.awaitingJoinRequestId = request.requestId
  if (group.state !== 'PreparingRebalance') prepareRebalance(state, out, group)
  maybeCompleteJoin(state, out, group)
}

/** Checks a request's member id, instance id and generation against the group. */
export function memberCheck(
  group: ClassicGroup | null,
  memberId: string,
  groupInstanceId: string | null,
  generationId: number,
): { member: ClassicGroupMember; group: ClassicGroup } | KafkaError {
  if (group === null || group.state === 'Dead' || group.state === 'Empty')
    return kafkaError('UNKNOWN_MEMBER_ID', `Member ${memberId} is not in the group.`)
  const member = group.members.find((m) => m.memberId === memberId)
  if (member === undefined) {
    if (
      groupInstanceId !== null &&
      group.members.some((m) => m.groupInstanceId === groupInstanceId)
    )
      return kafkaError(
        'FENCED_INSTANCE_ID',
        `group.instance.id ${groupInstanceId} belongs to a newer member.`,
      )
    return kafkaError('UNKNOWN_MEMBER_ID', `Member ${memberId} is not in group ${group.groupId}.`)
  }
  if (generationId !== group.generationId) {
    return kafkaError(
      'ILLEGAL_GENERATION',
      `Generation ${generationId} is not the group's current generation ${group.generationId}.`,
    )
  }
  return { member, group }
}

export function handleSyncGroup(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  from: NodeId,
  request: Req<'syncGroupRequest'>,
): void {
  const group = groupAt(state, broker, request.groupId, false)
  const answer = (error: KafkaError | null, assignment: ClassicGroupMember['assignment']) =>
    reply(state, out, broker, from, {
      kind: 'syncGroupResponse',
      requestId: request.requestId,
      groupId: request.groupId,
      error,
      assignment,
    })
  const checked = memberCheck(
    group,
    request.memberId,
    request.groupInstanceId,
    request.generationId,
  )
  if ('error' in checked) return answer(checked, [])
  const { member } = checked
  const g = checked.group
  if (g.state === 'PreparingRebalance')
    return answer(
      kafkaError('REBALANCE_IN_PROGRESS', 'The group is rebalancing, so a rejoin is needed.'),
      [],
    )
  if (g.state === 'Stable')
    return answer(
      null,
      member.assignment.map((tp) => ({ ...tp })),
    )
  member.awaitingSyncRequestId = request.requestId
  touchMember(state, g, member)
  if (member.memberId !== g.leaderId) return
  for (const m of g.members) {
    m.assignment = (
      request.assignments.find((a) => a.memberId === m.memberId)?.partitions ?? []
    ).map((tp) => ({ ...tp }))
  }
  persist(g)
  setState(state, out, g, 'Stable')
  emit(state, out, {
    type: 'groupRebalanced',
    groupId: g.groupId,
    generationId: g.generationId,
    protocolName: g.protocolName,
    leaderId: g.leaderId,
    memberIds: g.members.map((m) => m.memberId),
  })
  for (const m of g.members) {
    if (m.awaitingSyncRequestId === null) continue
    reply(state, out, broker, m.node, {
      kind: 'syncGroupResponse',
      requestId: m.awaitingSyncRequestId,
      groupId: g.groupId,
      error: null,
      assignment: m.assignment.map((tp) => ({ ...tp })),
    })
    m.awaitingSyncRequestId = null
  }
}

export function handleHeartbeat(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  from: NodeId,
  request: Req<'heartbeatRequest'>,
): void {
  const group = groupAt(state, broker, request.groupId, false)
  const answer = (error: KafkaError | null) =>
    reply(state, out, broker, from, {
      kind: 'heartbeatResponse',
      requestId: request.requestId,
      groupId: request.groupId,
      error,
    })
  const checked = memberCheck(
    group,
    request.memberId,
    request.groupInstanceId,
    request.generationId,
  )
  if ('error' in checked) return answer(checked)
  touchMember(state, checked.group, checked.member)
  if (checked.group.state === 'PreparingRebalance')
    return answer(
      kafkaError('REBALANCE_IN_PROGRESS', 'The group is rebalancing, so a rejoin is needed.'),
    )
  answer(null)
}

export function handleLeaveGroup(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  from: NodeId,
  request: Req<'leaveGroupRequest'>,
): void {
  const group = groupAt(state, broker, request.groupId, false)
  const member = group?.members.find(
    (m) =>
      m.memberId === request.memberId ||
      (request.groupInstanceId !== null && m.groupInstanceId === request.groupInstanceId),
  )
  const error =
    group === null || member === undefined
      ? kafkaError('UNKNOWN_MEMBER_ID', `Member ${request.memberId} is not in the group.`)
      : null
  if (group !== null && member !== undefined)
    removeMemberAndRebalance(state, out, group, member, 'leaveGroup')
  reply(state, out, broker, from, {
    kind: 'leaveGroupResponse',
    requestId: request.requestId,
    groupId: request.groupId,
    error,
  })
}
