/**
 * How a consumer talks to brokers: every request is remembered by id until its response comes or
 * `request.timeout.ms` runs out (then the consumer treats the connection as lost), and the
 * consumer's own wake-ups (retries, auto-commit while idle) go through one timer.
 */
import { schedule } from '../../clock'
import type { SimEvent } from '../../events'
import { send } from '../../network'
import { brokerNode, type BrokerId, type ClusterState, type MessagePayload } from '../../types'
import type { GroupTimerAction } from '../group/groupTypes'
import type { ConsumerRequest, ConsumerState } from './consumerTypes'

type ConsumerTimerWhat = Extract<GroupTimerAction, { kind: 'consumerTimer' }>['what']

export function consumerTimer(
  state: ClusterState,
  consumer: ConsumerState,
  atMs: number,
  what: ConsumerTimerWhat,
  token: number,
): void {
  schedule(state.timers, state.nowMs, Math.max(atMs, state.nowMs + 1), {
    kind: 'consumerTimer',
    consumer: consumer.name,
    incarnation: consumer.incarnation,
    what,
    token,
  })
}

/** Wakes the consumer at `atMs` (an earlier pending wake-up covers it: the consumer re-plans then). */
export function wakeAt(state: ClusterState, consumer: ConsumerState, atMs: number): void {
  const pending = consumer.wakeAtMs
  if (pending !== null && pending > state.nowMs && pending <= atMs) return
  const at = Math.max(atMs, state.nowMs + 1)
  consumer.wakeAtMs = at
  consumerTimer(state, consumer, at, 'retry', at)
}

export function sendRequest(
  state: ClusterState,
  out: SimEvent[],
  consumer: ConsumerState,
  brokerId: BrokerId,
  kind: ConsumerRequest['kind'],
  build: (requestId: number) => MessagePayload,
  purpose?: ConsumerRequest['purpose'],
): number {
  const requestId = state.nextRequestId++
  consumer.requests[requestId] = {
    requestId,
    kind,
    brokerId,
    sentAtMs: state.nowMs,
    ...(purpose !== undefined ? { purpose } : {}),
  }
  send(state, out, consumer.name, brokerNode(brokerId), build(requestId))
  armRequestTimer(state, consumer, requestDeadlineMs(consumer, state.nowMs))
  return requestId
}

/** When a request sent at `sentAtMs` times out (`request.timeout.ms`). */
function requestDeadlineMs(consumer: ConsumerState, sentAtMs: number): number {
  return sentAtMs + Math.max(1, consumer.configs['request.timeout.ms'])
}

/** Makes sure the request timer fires by `atMs` (a pending earlier one covers it). */
function armRequestTimer(state: ClusterState, consumer: ConsumerState, atMs: number): void {
  const pending = consumer.requestTimerAtMs
  if (pending !== null && pending <= atMs) return
  consumer.requestTimerAtMs = Math.max(atMs, state.nowMs + 1)
  consumerTimer(state, consumer, atMs, 'requestTimeout', consumer.requestTimerAtMs)
}

/**
 * The request timer fired (`token` is its time): takes out the requests whose timeout passed, in
 * the order they were sent, each handed to `timedOut` (which may send new ones), then re-arms the
 * timer for the earliest deadline still pending. A timer the consumer no longer counts on does
 * nothing.
 */
export function expireRequests(
  state: ClusterState,
  consumer: ConsumerState,
  token: number,
  timedOut: (request: ConsumerRequest) => void,
): void {
  if (consumer.requestTimerAtMs !== token) return
  consumer.requestTimerAtMs = null
  const expired = Object.values(consumer.requests)
    .filter((r) => requestDeadlineMs(consumer, r.sentAtMs) <= state.nowMs)
    .sort((a, b) => a.requestId - b.requestId)
  for (const request of expired) {
    if (takeRequest(consumer, request.requestId) !== null) timedOut(request)
  }
  let next: number | null = null
  for (const request of Object.values(consumer.requests)) {
    const deadline = requestDeadlineMs(consumer, request.sentAtMs)
    if (next === null || deadline < next) next = deadline
  }
  if (next !== null) armRequestTimer(state, consumer, next)
}

export function pendingOf(
  consumer: ConsumerState,
  kind: ConsumerRequest['kind'],
): ConsumerRequest[] {
  return Object.values(consumer.requests).filter((r) => r.kind === kind)
}

/** Takes a request out of the pending set; null for a response nobody waits for any more. */
export function takeRequest(consumer: ConsumerState, requestId: number): ConsumerRequest | null {
  const request = consumer.requests[requestId]
  if (request === undefined) return null
  delete consumer.requests[requestId]
  return request
}

/** The partition leader as the cluster metadata says (clients refresh it quickly). */
export function leaderOf(state: ClusterState, topic: string, partition: number): BrokerId | null {
  const leader = state.controller.partitionsByKey[`${topic}-${partition}`]?.leader
  return leader === undefined || leader < 0 ? null : leader
}

/** A broker to ask for metadata or the coordinator: the first one the controller has not fenced. */
export function anyLiveBroker(state: ClusterState): BrokerId | null {
  return (
    state.brokerIds.find((id) => {
      const registration = state.controller.registrationsById[id]
      return registration !== undefined && !registration.fenced
    }) ?? null
  )
}
