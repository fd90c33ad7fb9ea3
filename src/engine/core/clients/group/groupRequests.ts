/**
 * A broker's answers to consumers' group and offset requests (KafkaApis#handleFindCoordinator,
 * ...JoinGroup, SyncGroup, Heartbeat, LeaveGroup, OffsetCommit, OffsetFetch, ListOffsets).
 * Group requests reach the group's coordinator or are answered NOT_COORDINATOR; ListOffsets
 * reaches the partition leader.
 */
import { assertNever } from '../../assert'
import { kafkaError, type KafkaError } from '../../errors'
import type { SimEvent } from '../../events'
import type { BrokerState, ClusterState, NodeId } from '../../types'
import {
  groupAt,
  handleHeartbeat,
  handleJoinGroup,
  handleLeaveGroup,
  handleSyncGroup,
  memberCheck,
  reply,
  touchMember,
} from './classicGroup'
import type { GroupMessagePayload } from './groupTypes'
import { coordinatorFor } from './offsetsTopic'
import { lastStableOffset } from '../transactions/stableOffset'

type Req<K extends GroupMessagePayload['kind']> = Extract<GroupMessagePayload, { kind: K }>

type GroupRequest = Req<
  | 'joinGroupRequest'
  | 'syncGroupRequest'
  | 'heartbeatRequest'
  | 'leaveGroupRequest'
  | 'offsetCommitRequest'
  | 'offsetFetchRequest'
>

/** The error answer to any group request, in that request's response shape. */
function errorResponse(request: GroupRequest, error: KafkaError): GroupMessagePayload {
  const base = { requestId: request.requestId, groupId: request.groupId, error }
  switch (request.kind) {
    case 'joinGroupRequest':
      return {
        ...base,
        kind: 'joinGroupResponse',
        generationId: -1,
        protocolName: null,
        leaderId: null,
        memberId: request.memberId,
        members: [],
      }
    case 'syncGroupRequest':
      return { ...base, kind: 'syncGroupResponse', assignment: [] }
    case 'heartbeatRequest':
      return { ...base, kind: 'heartbeatResponse' }
    case 'leaveGroupRequest':
      return { ...base, kind: 'leaveGroupResponse' }
    case 'offsetCommitRequest':
      return { ...base, kind: 'offsetCommitResponse', offsets: request.offsets }
    case 'offsetFetchRequest':
      return { ...base, kind: 'offsetFetchResponse', offsets: [] }
    default:
      return assertNever(request, 'group request')
  }
}

export function handleGroupMessage(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  from: NodeId,
  payload: GroupMessagePayload,
): void {
  switch (payload.kind) {
    case 'findCoordinatorRequest': {
      const coordinatorId = coordinatorFor(state, payload.groupId)
      reply(state, out, broker, from, {
        kind: 'findCoordinatorResponse',
        requestId: payload.requestId,
        groupId: payload.groupId,
        error:
          coordinatorId === null
            ? kafkaError('COORDINATOR_NOT_AVAILABLE', 'The coordinator is not available.')
            : null,
        coordinatorId: coordinatorId ?? -1,
      })
      return
    }
    case 'listOffsetsRequest':
      return handleListOffsets(state, out, broker, from, payload)
    case 'joinGroupRequest':
    case 'syncGroupRequest':
    case 'heartbeatRequest':
    case 'leaveGroupRequest':
    case 'offsetCommitRequest':
    case 'offsetFetchRequest': {
      const coordinatorId = coordinatorFor(state, payload.groupId)
      if (coordinatorId !== broker.brokerId) {
        const error =
          coordinatorId === null
            ? kafkaError('COORDINATOR_NOT_AVAILABLE', 'The coordinator is not available.')
            : kafkaError(
                'NOT_COORDINATOR',
                `Broker ${broker.brokerId} is not the coordinator of group ${payload.groupId}.`,
              )
        reply(state, out, broker, from, errorResponse(payload, error))
        return
      }
      return handleAtCoordinator(state, out, broker, from, payload)
    }
    default:
      // Responses only travel to consumers.
      return
  }
}

function handleAtCoordinator(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  from: NodeId,
  request: GroupRequest,
): void {
  switch (request.kind) {
    case 'joinGroupRequest':
      return handleJoinGroup(state, out, broker, from, request)
    case 'syncGroupRequest':
      return handleSyncGroup(state, out, broker, from, request)
    case 'heartbeatRequest':
      return handleHeartbeat(state, out, broker, from, request)
    case 'leaveGroupRequest':
      return handleLeaveGroup(state, out, broker, from, request)
    case 'offsetCommitRequest':
      return handleOffsetCommit(state, out, broker, from, request)
    case 'offsetFetchRequest':
      return handleOffsetFetch(state, out, broker, from, request)
    default:
      return assertNever(request, 'group request')
  }
}

/**
 * `ClassicGroup#validateOffsetCommit`: a commit outside any generation is fine for an empty
 * group (manual assignment, admin tools); otherwise the member and generation must be current,
 * and not while the group waits for the leader's assignment.
 */
function commitError(
  group: ReturnType<typeof groupAt>,
  request: Req<'offsetCommitRequest'>,
): KafkaError | null {
  if (group === null) return null
  if (request.generationId < 0 && group.state === 'Empty') return null
  if (group.state === 'CompletingRebalance')
    return kafkaError('REBALANCE_IN_PROGRESS', 'The group is rebalancing, so a rejoin is needed.')
  const checked = memberCheck(
    group,
    request.memberId,
    request.groupInstanceId,
    request.generationId,
  )
  return 'error' in checked ? checked : null
}

function handleOffsetCommit(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  from: NodeId,
  request: Req<'offsetCommitRequest'>,
): void {
  const existing = groupAt(state, broker, request.groupId, false)
  const error = commitError(existing, request)
  if (error === null) {
    const group = existing ?? groupAt(state, broker, request.groupId, true)!
    for (const { topic, partition, offset } of request.offsets) {
      group.offsets[`${topic}-${partition}`] = {
        offset,
        committedAtMs: state.nowMs,
        memberId: request.memberId,
      }
    }
    const member = group.members.find((m) => m.memberId === request.memberId)
    if (member !== undefined) touchMember(state, group, member)
  }
  reply(state, out, broker, from, {
    kind: 'offsetCommitResponse',
    requestId: request.requestId,
    groupId: request.groupId,
    error,
    offsets: request.offsets,
  })
}

function handleOffsetFetch(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  from: NodeId,
  request: Req<'offsetFetchRequest'>,
): void {
  const group = groupAt(state, broker, request.groupId, false)
  reply(state, out, broker, from, {
    kind: 'offsetFetchResponse',
    requestId: request.requestId,
    groupId: request.groupId,
    error: null,
    offsets: request.partitions.map(({ topic, partition }) => ({
      topic,
      partition,
      offset: group?.offsets[`${topic}-${partition}`]?.offset ?? -1,
    })),
  })
}

/**
 * ListOffsets at the leader: EARLIEST → log start offset; LATEST → the high watermark for
 * read_uncommitted (the leader's LEO capped at what consumers may see), the last stable offset
 * (first offset of the oldest open transaction, at most the HW) for read_committed.
 */
function handleListOffsets(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  from: NodeId,
  request: Req<'listOffsetsRequest'>,
): void {
  const replica = broker.replicasByKey[`${request.topic}-${request.partition}`]
  const answer = (error: KafkaError | null, offset: number) =>
    reply(state, out, broker, from, {
      kind: 'listOffsetsResponse',
      requestId: request.requestId,
      topic: request.topic,
      partition: request.partition,
      error,
      offset,
    })
  if (replica === undefined || replica.role !== 'leader') {
    return answer(
      kafkaError(
        'NOT_LEADER_OR_FOLLOWER',
        `Broker ${broker.brokerId} is not the leader of ${request.topic}-${request.partition}.`,
      ),
      -1,
    )
  }
  const latest =
    request.isolationLevel === 'read_committed' ? lastStableOffset(replica) : replica.highWatermark
  answer(null, request.timestamp === -2 ? replica.log.logStartOffset : latest)
}
