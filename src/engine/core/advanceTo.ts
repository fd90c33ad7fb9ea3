/**
 * The only way simulated time moves: fire every due timer, strictly in (dueAtMs, seq) order.
 * Calling it once or in many small steps gives the same state (step-size invariance), which is
 * what lets the UI play back at any frame rate and scrub anywhere.
 */
import { assert, assertNever } from './assert'
import { peekDue, popDue, type Timer } from './clock'
import { emit } from './emit'
import type { SimEvent } from './events'
import { assertInvariants } from './invariants'
import { takeDelivered } from './network'
import {
  brokerReceive,
  controllerReceive,
  onBrokerHeartbeatTimer,
  onBrokerSessionCheck,
} from './rules/brokerLifecycle'
import { brokerNode, type ClusterState } from './types'

/** Set by tests (and dev builds) to check every invariant after every timer. */
export const debug = { checkInvariants: false }

export function advanceTo(state: ClusterState, targetMs: number): SimEvent[] {
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
    fireTimer(state, events, next)
    if (debug.checkInvariants) assertInvariants(state)
  }
  state.nowMs = targetMs
  return events
}

function fireTimer(state: ClusterState, out: SimEvent[], timer: Timer): void {
  const action = timer.action
  switch (action.kind) {
    case 'deliver':
      deliver(state, out, action.messageId)
      return
    case 'brokerHeartbeat':
      onBrokerHeartbeatTimer(state, out, action.brokerId, action.incarnation)
      return
    case 'brokerSessionCheck':
      onBrokerSessionCheck(state, out, action.brokerId, action.brokerEpoch)
      return
    default:
      assertNever(action, 'timer action')
  }
}

function deliver(state: ClusterState, out: SimEvent[], messageId: number): void {
  const message = takeDelivered(state, out, messageId)
  if (message === null) return
  if (message.to === state.controller.nodeId) {
    controllerReceive(state, out, message)
    return
  }
  const brokerId = state.brokerIds.find((id) => brokerNode(id) === message.to)
  assert(brokerId !== undefined, `message to unknown node ${message.to}`)
  const broker = state.brokersById[brokerId]!
  if (broker.process !== 'running') {
    emit(state, out, {
      type: 'messageDropped',
      messageId,
      kind: message.payload.kind,
      from: message.from,
      to: message.to,
      reason: 'receiverDown',
    })
    return
  }
  brokerReceive(state, out, message)
}
