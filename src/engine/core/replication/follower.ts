/**
 * The replica fetcher (AbstractFetcherThread / ReplicaFetcherThread, KAFKA_SPEC §2.2): a follower
 * fetches from its leader at its LEO with the epoch it last fetched under, appends what comes back
 * keeping the leader's offsets and epochs, takes HW = min(leader's HW, own LEO), and fetches again.
 * A `divergingEpoch` answer makes it truncate to where its log and the leader's agree (KIP-101,
 * KAFKA-10554); errors back off for replica.fetch.backoff.ms.
 */
import { schedule } from '../clock'
import { emit } from '../emit'
import type { Env } from '../env'
import type { SimEvent } from '../events'
import {
  appendAsFollower,
  endOffsetForLeaderEpoch,
  latestLeaderEpoch,
  maybeIncrementLogStartOffset,
  truncateFullyAndStartAt,
  truncateTo,
} from '../log'
import { send } from '../network'
import { brokerConfigsOf, legacyOf } from './brokerConfigsOf'
import {
  brokerNode,
  NO_LEADER,
  type BrokerState,
  type ClusterState,
  type MessagePayload,
  type ReplicaState,
} from '../types'
import { logContextFor } from './brokerStorage'
import { applyFlushPolicy } from './leaderProduce'
import { rebuildProducerState, updateProducerState } from './producerState'

/** Sends the next fetch unless one is outstanding, the fetcher is stuck, or there is no leader. */
export function sendFetch(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  replica: ReplicaState,
  force = false,
): void {
  if (replica.role !== 'follower' || replica.fetchInFlight) return
  if (broker.fetcherPaused && !force) return
  const leader = replica.registration.leader
  if (leader === NO_LEADER || leader === broker.brokerId) return
  replica.fetchInFlight = true
  const requestId = state.nextRequestId++
  replica.fetchRequestId = requestId
  const legacy = legacyOf(state).highWatermarkTruncation
  replica.fetchSentAtMs = state.nowMs
  // A request lost on the way (cut link, dead leader) times out like replica.socket.timeout.ms.
  // One check per replica at a time: it re-arms itself for whatever fetch is then outstanding.
  if (!replica.fetchTimeoutScheduled)
    scheduleFetchTimeout(state, broker, replica, state.nowMs + REPLICA_SOCKET_TIMEOUT_MS)
  send(state, out, brokerNode(broker.brokerId), brokerNode(leader), {
    kind: 'fetchRequest',
    requestId,
    replicaId: broker.brokerId,
    topic: replica.topic,
    partition: replica.partition,
    fetchOffset: replica.log.logEndOffset,
    lastFetchedEpoch: legacy ? null : latestLeaderEpoch(replica.log),
    currentLeaderEpoch: replica.registration.leaderEpoch,
    maxBytes: brokerConfigsOf(state)['replica.fetch.max.bytes'],
  })
}

/** `replica.socket.timeout.ms` default. */
export const REPLICA_SOCKET_TIMEOUT_MS = 30_000

function scheduleFetchTimeout(
  state: ClusterState,
  broker: BrokerState,
  replica: ReplicaState,
  dueAtMs: number,
): void {
  replica.fetchTimeoutScheduled = true
  schedule(state.timers, state.nowMs, dueAtMs, {
    kind: 'fetchTimeout',
    brokerId: broker.brokerId,
    incarnation: broker.incarnation,
    key: `${replica.topic}-${replica.partition}`,
    requestId: 0,
  })
}

export function onFetchTimeout(
  state: ClusterState,
  broker: BrokerState,
  replica: ReplicaState,
): void {
  replica.fetchTimeoutScheduled = false
  if (!replica.fetchInFlight || replica.fetchRequestId === null) return
  const dueAtMs = replica.fetchSentAtMs + REPLICA_SOCKET_TIMEOUT_MS
  if (dueAtMs > state.nowMs) return scheduleFetchTimeout(state, broker, replica, dueAtMs)
  replica.fetchRequestId = null
  backOff(state, broker, replica)
}

function backOff(state: ClusterState, broker: BrokerState, replica: ReplicaState): void {
  const backoffMs = brokerConfigsOf(state)['replica.fetch.backoff.ms']
  replica.fetchInFlight = true // nothing else goes out until the backoff ends
  replica.fetchRequestId = null
  schedule(state.timers, state.nowMs, state.nowMs + backoffMs, {
    kind: 'fetcherBackoff',
    brokerId: broker.brokerId,
    incarnation: broker.incarnation,
    key: `${replica.topic}-${replica.partition}`,
  })
}

export function onFetcherBackoff(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  replica: ReplicaState,
): void {
  replica.fetchInFlight = false
  sendFetch(state, out, broker, replica)
}

function setHighWatermark(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  replica: ReplicaState,
  leaderHighWatermark: number,
) {
  const log = replica.log
  const next = Math.max(log.logStartOffset, Math.min(leaderHighWatermark, log.logEndOffset))
  if (next === replica.highWatermark) return
  replica.highWatermark = next
  emit(state, out, {
    type: 'highWatermarkAdvanced',
    brokerId: broker.brokerId,
    topic: replica.topic,
    partition: replica.partition,
    highWatermark: next,
  })
}

export function onFetchResponse(
  state: ClusterState,
  env: Env,
  out: SimEvent[],
  broker: BrokerState,
  response: Extract<MessagePayload, { kind: 'fetchResponse' }>,
): void {
  const replica = broker.replicasByKey[`${response.topic}-${response.partition}`]
  if (replica === undefined || replica.role !== 'follower') return
  // A response to a fetch we no longer wait for (leader change, timeout, truncation) is stale.
  if (replica.fetchRequestId !== response.requestId) return
  replica.fetchInFlight = false
  replica.fetchRequestId = null
  if (response.fetchOffset !== replica.log.logEndOffset)
    return sendFetch(state, out, broker, replica)
  const ctx = logContextFor(state, env, broker)
  const log = replica.log
  const truncated = (reason: 'divergingEpoch' | 'outOfRange') => {
    rebuildProducerState(state, env, broker, replica)
    emit(state, out, {
      type: 'logTruncated',
      brokerId: broker.brokerId,
      topic: replica.topic,
      partition: replica.partition,
      logEndOffset: log.logEndOffset,
      reason,
    })
  }
  if (response.error !== null) {
    if (response.error.error === 'OFFSET_OUT_OF_RANGE') {
      if (response.logEndOffset >= 0 && response.logEndOffset < log.logEndOffset) {
        truncateTo(ctx, log, response.logEndOffset, state.nowMs) // only after an unclean election
        replica.highWatermark = Math.min(replica.highWatermark, log.logEndOffset)
        truncated('outOfRange')
        return sendFetch(state, out, broker, replica)
      }
      if (response.logStartOffset > log.logEndOffset) {
        truncateFullyAndStartAt(ctx, log, response.logStartOffset, state.nowMs)
        replica.highWatermark = log.logEndOffset
        truncated('outOfRange')
        return sendFetch(state, out, broker, replica)
      }
    }
    return backOff(state, broker, replica)
  }
  if (response.divergingEpoch !== null) {
    const diverging = response.divergingEpoch
    // The leader could not answer for our epoch (older than its whole cache): fall back to our HW.
    const own = diverging.epoch >= 0 ? endOffsetForLeaderEpoch(log, diverging.epoch) : null
    const target =
      diverging.epoch < 0
        ? replica.highWatermark
        : Math.min(diverging.endOffset, own?.endOffset ?? diverging.endOffset)
    truncateTo(ctx, log, target, state.nowMs)
    replica.highWatermark = Math.min(replica.highWatermark, log.logEndOffset)
    truncated('divergingEpoch')
    return sendFetch(state, out, broker, replica)
  }
  if (response.records.length > 0) {
    const before = log.logEndOffset
    const result = appendAsFollower(ctx, log, response.records, state.nowMs)
    if (!result.ok) return backOff(state, broker, replica)
    updateProducerState(replica, result.info.batches)
    if (log.logEndOffset > before) {
      emit(state, out, {
        type: 'recordsAppended',
        brokerId: broker.brokerId,
        topic: replica.topic,
        partition: replica.partition,
        baseOffset: before,
        lastOffset: log.logEndOffset - 1,
        leaderEpoch: latestLeaderEpoch(log) ?? -1,
        role: 'follower',
      })
      applyFlushPolicy(state, env, broker, replica)
    }
  }
  setHighWatermark(state, out, broker, replica, response.highWatermark)
  if (response.logStartOffset > log.logStartOffset) {
    maybeIncrementLogStartOffset(
      ctx,
      log,
      response.logStartOffset,
      Math.max(replica.highWatermark, response.logStartOffset),
    )
  }
  sendFetch(state, out, broker, replica)
}

/** Legacy (≤ 0.10.2, before KIP-101): a replica becoming follower first truncates to its own HW. */
export function truncateToHighWatermarkIfLegacy(
  state: ClusterState,
  env: Env,
  out: SimEvent[],
  broker: BrokerState,
  replica: ReplicaState,
): void {
  if (!legacyOf(state).highWatermarkTruncation) return
  if (replica.log.logEndOffset <= replica.highWatermark) return
  truncateTo(logContextFor(state, env, broker), replica.log, replica.highWatermark, state.nowMs)
  rebuildProducerState(state, env, broker, replica)
  emit(state, out, {
    type: 'logTruncated',
    brokerId: broker.brokerId,
    topic: replica.topic,
    partition: replica.partition,
    logEndOffset: replica.log.logEndOffset,
    reason: 'highWatermark',
  })
}
