/**
 * The only way simulated time moves: fire every due timer, strictly in (dueAtMs, seq) order.
 * Calling it once or in many small steps gives the same state (step-size invariance), which is
 * what lets the UI play back at any frame rate and scrub anywhere.
 */
import { assert, assertNever, AssertionError } from './assert'
import { peekDue, popDue, schedule, type Timer } from './clock'
import { emit } from './emit'
import type { Env } from './env'
import type { SimEvent } from './events'
import { assertInvariants } from './invariants'
import { takeDelivered } from './network'
import {
  applyMetadataImage,
  onBrokerTask,
  onLogFileDeletion,
  onReplicaTimer,
} from './replication/brokerReplicas'
import { CLIENT_NODE, clientReceive } from './replication/clientRequests'
import { electPreferredLeaders, handleAlterPartition } from './replication/controller'
import { onFetchResponse } from './replication/follower'
import { onAlterPartitionResponse } from './replication/isr'
import { handleFetchRequest } from './replication/leaderFetch'
import { handleProduceRequest } from './replication/leaderProduce'
import {
  brokerReceiveLifecycle,
  controllerReceiveLifecycle,
  onBrokerHeartbeatTimer,
  onBrokerSessionCheck,
} from './rules/brokerLifecycle'
import { resolveBrokerConfigs } from './scenario'
import { isProducerNode } from './clients/producer/producerTypes'
import {
  brokerReceiveProducerProtocol,
  onProducerTimer,
  producerReceive,
} from './clients/producer/producerRouting'
import { isGroupMessage } from './clients/group/groupTypes'
import { onGroupTimer } from './clients/group/groupTimers'
import { handleGroupMessage } from './clients/group/groupRequests'
import {
  consumerReceive,
  isConsumerNode,
  onConsumerConnectionLost,
} from './clients/consumer/consumerDriver'
import { type BrokerState, type ClusterState, type InFlightMessage } from './types'

const BROKER_NODE_PREFIX = 'broker-'

/** Set by tests (and dev builds) to check every invariant after every timer. */
export const debug = { checkInvariants: false }

export function advanceTo(state: ClusterState, env: Env, targetMs: number): SimEvent[] {
  assert(Number.isInteger(targetMs), 'simulated time is an integer number of milliseconds')
  assert(targetMs >= state.nowMs, 'time only moves forward; use the timeline to seek back')
  const events: SimEvent[] = []
  for (
    let next = peekDue(state.timers);
    next !== null && next.dueAtMs <= targetMs;
    next = peekDue(state.timers)
  ) {
    popDue(state.timers)
    state.nowMs = next.dueAtMs
    fireTimer(state, env, events, next)
    if (debug.checkInvariants) assertInvariants(state)
  }
  state.nowMs = targetMs
  return events
}

function fireTimer(state: ClusterState, env: Env, out: SimEvent[], timer: Timer): void {
  const action = timer.action
  switch (action.kind) {
    case 'deliver':
      deliver(state, env, out, action.messageId)
      return
    case 'brokerHeartbeat':
      onBrokerHeartbeatTimer(state, out, action.brokerId, action.incarnation)
      return
    case 'brokerSessionCheck':
      onBrokerSessionCheck(state, out, action.brokerId, action.brokerEpoch)
      return
    case 'isrExpiration':
    case 'highWatermarkCheckpoint':
    case 'pageCacheFlusher':
    case 'logRetentionCheck':
      onBrokerTask(state, env, out, action)
      return
    case 'logFileDeletion':
      onLogFileDeletion(state, env, action)
      return
    case 'fetchWaitExpired':
    case 'produceTimeout':
    case 'fetcherBackoff':
    case 'fetchTimeout':
      onReplicaTimer(state, env, out, action)
      return
    case 'producerWake':
    case 'txnMarkerRetry':
    case 'txnTimeoutCheck':
      onProducerTimer(state, out, action)
      return
    case 'consumerTimer':
    case 'groupJoinDeadline':
    case 'groupMemberSession':
      onGroupTimer(state, out, action)
      return
    case 'leaderImbalanceCheck': {
      const configs = resolveBrokerConfigs(state.scenario)
      if (configs['auto.leader.rebalance.enable']) electPreferredLeaders(state, out)
      const periodMs = configs['leader.imbalance.check.interval.seconds'] * 1000
      schedule(state.timers, state.nowMs, state.nowMs + periodMs, action)
      return
    }
    default:
      assertNever(action, 'timer action')
  }
}

function deliver(state: ClusterState, env: Env, out: SimEvent[], messageId: number): void {
  const message = takeDelivered(state, out, messageId)
  if (message === null) return
  if (message.to === state.controller.nodeId) {
    if (message.payload.kind === 'alterPartition')
      handleAlterPartition(state, out, message.from, message.payload)
    else controllerReceiveLifecycle(state, out, message)
    return
  }
  if (message.to === CLIENT_NODE) {
    clientReceive(state, out, message.payload)
    return
  }
  if (isProducerNode(message.to)) {
    producerReceive(state, out, message)
    return
  }
  if (isConsumerNode(message.to)) {
    consumerReceive(state, out, message)
    return
  }
  // `broker-<id>` → the broker with that node.id (brokersById is keyed by the id's decimal form).
  const broker = message.to.startsWith(BROKER_NODE_PREFIX)
    ? state.brokersById[message.to.slice(BROKER_NODE_PREFIX.length)]
    : undefined
  if (broker === undefined) throw new AssertionError(`message to unknown node ${message.to}`)
  if (broker.process !== 'running') {
    emit(state, out, {
      type: 'messageDropped',
      messageId,
      kind: message.payload.kind,
      from: message.from,
      to: message.to,
      reason: 'receiverDown',
    })
    if (isConsumerNode(message.from)) onConsumerConnectionLost(state, out, broker, message)
    return
  }
  brokerReceive(state, env, out, broker, message)
}

function brokerReceive(
  state: ClusterState,
  env: Env,
  out: SimEvent[],
  broker: BrokerState,
  message: InFlightMessage,
): void {
  if (brokerReceiveLifecycle(state, out, broker, message)) return
  if (brokerReceiveProducerProtocol(state, env, out, broker, message)) return
  const payload = message.payload
  if (isGroupMessage(payload)) return handleGroupMessage(state, out, broker, message.from, payload)
  switch (payload.kind) {
    case 'metadataUpdate':
      applyMetadataImage(state, env, out, broker, payload.image)
      return
    case 'produceRequest':
      handleProduceRequest(state, env, out, broker, message.from, payload)
      return
    case 'fetchRequest':
      handleFetchRequest(state, env, out, broker, message.from, payload)
      return
    case 'fetchResponse':
      onFetchResponse(state, env, out, broker, payload)
      return
    case 'alterPartitionResponse':
      onAlterPartitionResponse(state, env, out, broker, payload)
      return
    default:
      assert(false, `a broker does not handle ${payload.kind}`)
  }
}
