/**
 * Produce at the leader (ReplicaManager.appendRecords, Partition.appendRecordsToLeader,
 * DelayedProduce; KAFKA_SPEC §2.5): acks must be -1, 0 or 1; acks=all is refused before the
 * append when the ISR is below min.insync.replicas; the leader appends (validation, offsets, its
 * leader epoch stamped into each batch); acks=1 answers now, acks=0 never answers (and on error
 * the broker just closes the connection), acks=all waits for the HW or the request timeout.
 */
import { schedule } from '../clock'
import { emit } from '../emit'
import type { Env } from '../env'
import { kafkaError, type KafkaError } from '../errors'
import type { SimEvent } from '../events'
import { appendAsLeader, flushLog, unflushedMessages } from '../log'
import type {
  BrokerState,
  ClusterState,
  DelayedProduce,
  MessagePayload,
  NodeId,
  ReplicaState,
} from '../types'
import { logContextFor } from './brokerStorage'
import { maybeIncrementHighWatermark } from './highWatermark'
import { completeParkedFetches } from './leaderFetch'
import { respondToClient } from './respond'
import { effectiveMinIsr } from './topics'
import { checkProducerBatch, updateProducerState } from './producerState'

type ProduceRequest = Extract<MessagePayload, { kind: 'produceRequest' }>

export function handleProduceRequest(
  state: ClusterState,
  env: Env,
  out: SimEvent[],
  broker: BrokerState,
  from: NodeId,
  request: ProduceRequest,
): void {
  const answer = (error: KafkaError | null, baseOffset: number) => {
    if (request.acks === 0) return // no response, ever; an error closes the connection
    respondToClient(state, out, broker, from, {
      kind: 'produceResponse',
      requestId: request.requestId,
      topic: request.topic,
      partition: request.partition,
      error,
      baseOffset,
    })
  }
  if (request.acks !== -1 && request.acks !== 0 && request.acks !== 1) {
    return answer(
      kafkaError('INVALID_REQUIRED_ACKS', `acks must be -1 (all), 0 or 1, not ${request.acks}.`),
      -1,
    )
  }
  const replica = broker.replicasByKey[`${request.topic}-${request.partition}`]
  if (replica === undefined || replica.role !== 'leader') {
    return answer(
      kafkaError(
        'NOT_LEADER_OR_FOLLOWER',
        `Broker ${broker.brokerId} is not the leader of ${request.topic}-${request.partition}.`,
      ),
      -1,
    )
  }
  const injected = broker.produceErrorsToInject
  if (injected !== undefined && injected.count > 0) {
    injected.count -= 1
    if (injected.count === 0) delete broker.produceErrorsToInject
    return answer(
      kafkaError(injected.error, `Injected fault: broker ${broker.brokerId} refused this request.`),
      -1,
    )
  }
  const minIsr = effectiveMinIsr(state, request.topic)
  if (request.acks === -1 && replica.registration.isr.length < minIsr) {
    return answer(
      kafkaError(
        'NOT_ENOUGH_REPLICAS',
        `The ISR of ${request.topic}-${request.partition} has ${replica.registration.isr.length} replica(s), fewer than min.insync.replicas = ${minIsr}; nothing was written.`,
      ),
      -1,
    )
  }
  const producerCheck = checkProducerBatch(replica, request.records)
  if (producerCheck.kind === 'error') return answer(producerCheck.error, -1)
  if (producerCheck.kind === 'duplicate') {
    // A retry of a batch that is already in the log: not appended again; the original offsets.
    const { firstOffset, lastOffset } = producerCheck.batch
    if (request.acks !== -1 || replica.highWatermark > lastOffset) return answer(null, firstOffset)
    return waitForHighWatermark(state, broker, replica, from, request, firstOffset, lastOffset + 1)
  }
  const ctx = logContextFor(state, env, broker)
  const result = appendAsLeader(ctx, replica.log, request.records, {
    leaderEpoch: replica.registration.leaderEpoch,
    nowMs: state.nowMs,
  })
  if (!result.ok) return answer(result.error, -1)
  const info = result.info
  updateProducerState(replica, info.batches)
  if (info.recordsCount === 0) return answer(null, info.firstOffset)
  emit(state, out, {
    type: 'recordsAppended',
    brokerId: broker.brokerId,
    topic: request.topic,
    partition: request.partition,
    baseOffset: info.firstOffset,
    lastOffset: info.lastOffset,
    leaderEpoch: replica.registration.leaderEpoch,
    role: 'leader',
  })
  applyFlushPolicy(state, env, broker, replica)
  completeParkedFetches(state, env, out, broker, replica, 'followers')
  maybeIncrementHighWatermark(state, env, out, broker, replica)
  if (request.acks !== -1) return answer(null, info.firstOffset)
  const requiredOffset = info.lastOffset + 1
  if (replica.highWatermark >= requiredOffset) return answer(null, info.firstOffset)
  waitForHighWatermark(state, broker, replica, from, request, info.firstOffset, requiredOffset)
}

/** Parks an acks=all request until the HW reaches `requiredOffset` or its timeout passes. */
function waitForHighWatermark(
  state: ClusterState,
  broker: BrokerState,
  replica: ReplicaState,
  from: NodeId,
  request: ProduceRequest,
  baseOffset: number,
  requiredOffset: number,
): void {
  const deadlineMs = state.nowMs + request.timeoutMs
  replica.delayedProduces.push({
    requestId: request.requestId,
    client: from,
    requiredOffset,
    baseOffset,
    deadlineMs,
  })
  armProduceTimer(state, broker, replica, deadlineMs, request.requestId)
}

/** Makes sure a produce-timeout timer fires by `atMs` (a pending earlier one covers it). */
function armProduceTimer(
  state: ClusterState,
  broker: BrokerState,
  replica: ReplicaState,
  atMs: number,
  requestId: number,
): void {
  const pending = replica.produceTimerAtMs
  if (pending !== null && pending <= atMs) return
  replica.produceTimerAtMs = atMs
  schedule(state.timers, state.nowMs, atMs, {
    kind: 'produceTimeout',
    brokerId: broker.brokerId,
    incarnation: broker.incarnation,
    key: `${replica.topic}-${replica.partition}`,
    requestId,
  })
}

/** `flush.messages`: fsync once this many messages are unflushed (default: never). */
export function applyFlushPolicy(
  state: ClusterState,
  env: Env,
  broker: BrokerState,
  replica: ReplicaState,
): void {
  const flushMessages = replica.log.config['flush.messages']
  if (flushMessages !== null && unflushedMessages(replica.log) >= flushMessages) {
    flushLog(logContextFor(state, env, broker), replica.log, state.nowMs)
  }
}

/**
 * The produce-timeout timer: every waiting request whose timeout passed first gets
 * REQUEST_TIMED_OUT (the data stays in the log), oldest first; then the timer is re-armed for the
 * earliest deadline still waiting.
 */
export function onProduceTimeout(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  replica: ReplicaState,
): void {
  if (replica.produceTimerAtMs !== state.nowMs) return // not the timer this replica counts on
  replica.produceTimerAtMs = null
  const nowMs = state.nowMs
  const expired = replica.delayedProduces.filter((d) => d.deadlineMs <= nowMs)
  if (expired.length > 0)
    replica.delayedProduces = replica.delayedProduces.filter((d) => d.deadlineMs > nowMs)
  for (const delayed of expired) {
    const error = kafkaError(
      'REQUEST_TIMED_OUT',
      `The high watermark did not reach ${delayed.requiredOffset} within the request timeout; the records stay in the log.`,
    )
    answerDelayed(state, out, broker, replica, delayed, error, delayed.baseOffset)
  }
  let next: DelayedProduce | null = null
  for (const delayed of replica.delayedProduces)
    if (next === null || delayed.deadlineMs < next.deadlineMs) next = delayed
  if (next !== null) armProduceTimer(state, broker, replica, next.deadlineMs, next.requestId)
}

/** A leader stepping down fails the produce requests still waiting. */
export function failDelayedProduces(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  replica: ReplicaState,
): void {
  for (const delayed of replica.delayedProduces) {
    const error = kafkaError(
      'NOT_LEADER_OR_FOLLOWER',
      `Broker ${broker.brokerId} is no longer the leader.`,
    )
    answerDelayed(state, out, broker, replica, delayed, error, -1)
  }
  replica.delayedProduces = []
}

/** Answers a waiting acks=all request with `error`. */
function answerDelayed(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  replica: ReplicaState,
  delayed: DelayedProduce,
  error: KafkaError,
  baseOffset: number,
): void {
  respondToClient(state, out, broker, delayed.client, {
    kind: 'produceResponse',
    requestId: delayed.requestId,
    topic: replica.topic,
    partition: replica.partition,
    error,
    baseOffset,
  })
}
