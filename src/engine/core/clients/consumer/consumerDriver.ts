/**
 * Runs a consumer: after every response, timer or command it does whatever its state calls for
 * (find the coordinator, join, heartbeat, learn positions, fetch, and in `run` mode poll and
 * process), the way `KafkaConsumer#poll` and its heartbeat thread would.
 */
import { emit } from '../../emit'
import { clientError } from '../../errors'
import type { SimEvent } from '../../events'
import type { BrokerState, ClusterState, InFlightMessage } from '../../types'
import type { GroupTimerAction } from '../group/groupTypes'
import {
  appInPoll,
  armPollTimer,
  commitWithPlan,
  finishProcessing,
  offsetsAfter,
  pollRecords,
  schedulePollTimer,
  startProcessing,
  stopConsumer,
} from './consumerApp'
import { allConsumed, onOffsetCommitResponse } from './consumerCommits'
import {
  maybeFetch,
  onFetchLost,
  onFetchResponse,
  onListOffsetsResponse,
  onOffsetFetchResponse,
} from './consumerFetcher'
import { expireRequests, takeRequest, wakeAt } from './consumerNetwork'
import type { ConsumerRequest, ConsumerState } from './consumerTypes'
import {
  enableHeartbeat,
  inGeneration,
  joinAfterPrepare,
  leaveGroup,
  markCoordinatorUnknown,
  maybeStartJoin,
  onFindCoordinatorResponse,
  onHeartbeatResponse,
  onHeartbeatTimer,
  onJoinGroupResponse,
  onSyncGroupResponse,
  sendFindCoordinator,
} from './groupMembership'

export const CONSUMER_NODE_PATTERN = /^consumer-[1-9][0-9]{0,2}$/

export function isConsumerNode(node: string): boolean {
  return CONSUMER_NODE_PATTERN.test(node)
}

/** An eager member is inside a join (auto-commit before it, JoinGroup, SyncGroup): poll waits. */
function joinBlocksPoll(c: ConsumerState): boolean {
  if (c.protocol !== 'EAGER') return false
  return (
    c.memberState === 'PREPARING_REBALANCE' ||
    c.memberState === 'COMPLETING_REBALANCE' ||
    Object.values(c.requests).some((r) => r.purpose === 'beforeJoin')
  )
}

export function driveConsumer(state: ClusterState, out: SimEvent[], c: ConsumerState): void {
  if (c.status !== 'running' || c.failed) return
  if (c.groupId !== null && c.subscription.length > 0) {
    if (c.coordinatorId === null) {
      sendFindCoordinator(state, out, c)
    } else {
      if (inGeneration(c) && c.heartbeatDueMs === null) enableHeartbeat(state, c)
      if (appInPoll(c)) {
        maybeStartJoin(state, out, c, (purpose) =>
          commitWithPlan(state, out, c, allConsumed(c), purpose),
        )
      }
      if (c.status !== 'running') return
    }
  }
  maybeFetch(state, out, c)
  runLoop(state, out, c)
}

/** `run` mode: the application polls whenever it is not processing, and processes what it got. */
function runLoop(state: ClusterState, out: SimEvent[], c: ConsumerState): void {
  const run = c.run
  if (run === null) return
  for (let i = 0; i < 1000 && c.status === 'running' && !c.failed && appInPoll(c); i++) {
    if (joinBlocksPoll(c)) return
    const records = pollRecords(state, out, c)
    if (c.status !== 'running') return
    if (records.length === 0) {
      if (c.configs['enable.auto.commit'] && c.memberState === 'STABLE')
        wakeAt(state, c, c.autoCommitDueMs)
      break
    }
    if (run.commit === 'beforeProcessing') {
      const id = commitWithPlan(state, out, c, offsetsAfter(records), run.commitMode)
      if (c.status !== 'running') return
      if (id !== null && run.commitMode === 'sync') {
        c.awaitingCommitBatch = records
        c.blockingCommitId = id
        armPollTimer(state, c)
        break
      }
    }
    startProcessing(state, out, c, records)
    maybeFetch(state, out, c)
  }
}

/** A manual `poll()` command: the records are processed at once (the application is instant). */
export function manualPoll(state: ClusterState, out: SimEvent[], c: ConsumerState): void {
  if (!joinBlocksPoll(c)) {
    const records = pollRecords(state, out, c)
    if (c.status === 'running' && records.length > 0) startProcessing(state, out, c, records)
  }
  if (c.status === 'running') armPollTimer(state, c)
  driveConsumer(state, out, c)
}

export function consumerReceive(
  state: ClusterState,
  out: SimEvent[],
  message: InFlightMessage,
): void {
  const c = state.consumerGroups.consumersByName[message.to]
  if (c === undefined || c.status !== 'running') {
    emit(state, out, {
      type: 'messageDropped',
      messageId: message.id,
      kind: message.payload.kind,
      from: message.from,
      to: message.to,
      reason: 'receiverDown',
    })
    return
  }
  const payload = message.payload
  if (!('requestId' in payload)) return
  const request = takeRequest(c, payload.requestId)
  if (request === null) return
  switch (payload.kind) {
    case 'findCoordinatorResponse':
      onFindCoordinatorResponse(state, out, c, payload)
      break
    case 'joinGroupResponse':
      onJoinGroupResponse(state, out, c, payload)
      break
    case 'syncGroupResponse':
      onSyncGroupResponse(state, out, c, payload)
      break
    case 'heartbeatResponse':
      onHeartbeatResponse(state, out, c, payload, request.sentAtMs)
      break
    case 'offsetCommitResponse':
      onOffsetCommitResponse(state, out, c, payload)
      afterCommit(state, out, c, request, payload.error === null)
      break
    case 'offsetFetchResponse':
      onOffsetFetchResponse(state, out, c, payload)
      break
    case 'listOffsetsResponse':
      onListOffsetsResponse(state, c, payload)
      break
    case 'fetchResponse':
      onFetchResponse(state, out, c, payload)
      break
    default:
      break
  }
  driveConsumer(state, out, c)
}

function afterCommit(
  state: ClusterState,
  out: SimEvent[],
  c: ConsumerState,
  request: ConsumerRequest,
  ok: boolean,
): void {
  if (request.purpose === 'beforeJoin') {
    if (c.memberState === 'STABLE' || c.memberState === 'UNJOINED') joinAfterPrepare(state, out, c)
    return
  }
  if (ok && c.crashPlan?.when === 'afterCommit') return stopConsumer(state, out, c, 'crashed')
  unblockCommit(state, out, c, request.requestId)
}

/** A commitSync the run loop waited for is over: go on with the batch that waited for it. */
function unblockCommit(state: ClusterState, out: SimEvent[], c: ConsumerState, requestId: number) {
  if (c.blockingCommitId !== requestId) return
  c.blockingCommitId = null
  const waiting = c.awaitingCommitBatch
  c.awaitingCommitBatch = null
  if (waiting !== null) startProcessing(state, out, c, waiting)
  else c.pollDeadlineMs = null
}

export function onConsumerTimer(
  state: ClusterState,
  out: SimEvent[],
  action: Extract<GroupTimerAction, { kind: 'consumerTimer' }>,
): void {
  const c = state.consumerGroups.consumersByName[action.consumer]
  if (c === undefined || c.incarnation !== action.incarnation || c.status !== 'running') return
  switch (action.what) {
    case 'heartbeat':
      if (action.token === c.heartbeatToken) onHeartbeatTimer(state, out, c)
      break
    case 'pollTimeout':
      if (c.pollTimerAtMs !== action.token) break // a timer this consumer no longer counts on
      c.pollTimerAtMs = null
      if (c.pollDeadlineMs === null) break
      if (state.nowMs >= c.pollDeadlineMs) pollTimeout(state, out, c)
      else schedulePollTimer(state, c, c.pollDeadlineMs)
      break
    case 'processingDone':
      if (c.processing?.token === action.token) finishProcessing(state, out, c)
      break
    case 'crash':
      if (c.processing?.token === action.token) return stopConsumer(state, out, c, 'crashed')
      break
    case 'retry':
      if (c.wakeAtMs === action.token) c.wakeAtMs = null
      break
    case 'requestTimeout': {
      // A drive between two timed-out requests, as when every request had its own timer (the
      // drive after the last one comes below).
      let first = true
      expireRequests(state, c, action.token, (request) => {
        if (!first) driveConsumer(state, out, c)
        first = false
        requestTimedOut(state, out, c, request)
      })
      break
    }
  }
  driveConsumer(state, out, c)
}

/**
 * A request reached a broker whose process is down: the OS resets the connection, so the client
 * learns at once (after a power loss nothing answers and `request.timeout.ms` has to run out).
 */
export function onConsumerConnectionLost(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  message: InFlightMessage,
): void {
  if (broker.lastCrashMode !== 'process') return
  const c = state.consumerGroups.consumersByName[message.from]
  if (c === undefined || c.status !== 'running' || !('requestId' in message.payload)) return
  const request = takeRequest(c, message.payload.requestId)
  if (request === null) return
  requestTimedOut(state, out, c, request)
  driveConsumer(state, out, c)
}

function requestTimedOut(
  state: ClusterState,
  out: SimEvent[],
  c: ConsumerState,
  request: ConsumerRequest,
): void {
  switch (request.kind) {
    case 'fetch':
    case 'listOffsets':
    case 'offsetFetch':
      onFetchLost(c, request.requestId)
      if (request.kind === 'offsetFetch') markCoordinatorUnknown(state, c)
      return
    case 'produce':
      return
    case 'offsetCommit':
      c.lastCommitError = clientError('TimeoutException', 'The commit was not answered in time.')
      markCoordinatorUnknown(state, c)
      if (request.purpose === 'beforeJoin') return joinAfterPrepare(state, out, c)
      return unblockCommit(state, out, c, request.requestId)
    default:
      markCoordinatorUnknown(state, c)
  }
}

/**
 * `max.poll.interval.ms` ran out while the application was busy: the heartbeat thread gives up
 * the membership (a dynamic member sends LeaveGroup; a static one just stops, KIP-345).
 */
function pollTimeout(state: ClusterState, out: SimEvent[], c: ConsumerState): void {
  c.pollDeadlineMs = null
  emit(state, out, { type: 'pollIntervalExceeded', consumer: c.name, memberId: c.memberId })
  if (c.memberState !== 'UNJOINED') leaveGroup(state, out, c)
}
