/**
 * The transaction coordinator (transaction-coordinator TransactionCoordinator.scala,
 * TransactionMarkerChannelManager; KAFKA_SPEC §3.5). A `transactional.id` belongs to partition
 * `abs(hashCode) % 50` of `__transaction_state`; its coordinator is that partition's leader. This
 * simulation does not materialise `__transaction_state`: its partitions are spread over the
 * running, unfenced brokers, and the transaction records live in cluster state as if replicated,
 * so a new coordinator picks up where a crashed one stopped (with a higher coordinator epoch).
 *
 * InitProducerId bumps the epoch, which fences an older instance (an open transaction of the
 * older instance is aborted first); EndTxn moves the transaction to PrepareCommit/PrepareAbort,
 * answers, and the coordinator then writes a COMMIT/ABORT control batch into every partition of
 * the transaction (WriteTxnMarkers to each leader) before the transaction is complete.
 */
import { schedule } from '../../clock'
import { emit } from '../../emit'
import type { Env } from '../../env'
import { kafkaError, type KafkaError } from '../../errors'
import type { SimEvent } from '../../events'
import { appendAsLeader, encodeEndTransactionMarker } from '../../log'
import { send } from '../../network'
import { logContextFor } from '../../replication/brokerStorage'
import { maybeIncrementHighWatermark } from '../../replication/highWatermark'
import { completeParkedFetches } from '../../replication/leaderFetch'
import { applyFlushPolicy } from '../../replication/leaderProduce'
import { updateProducerState } from '../../replication/producerState'
import { respondToClient } from '../../replication/respond'
import {
  brokerNode,
  type BrokerId,
  type BrokerState,
  type ClusterState,
  type NodeId,
} from '../../types'
import { coordinatorPartitionFor } from '../coordinator'
import type { ProducerMessagePayload } from '../producer/producerTypes'
import type { TransactionMetadata } from './transactionTypes'

type Payload<K extends ProducerMessagePayload['kind']> = Extract<
  ProducerMessagePayload,
  { kind: K }
>

/** Broker `transaction.max.timeout.ms`. */
export const TRANSACTION_MAX_TIMEOUT_MS = 900_000
/** How often the coordinator retries markers that could not be written (no leader yet). */
const MARKER_RETRY_MS = 100
/** The coordinator's wait for a WriteTxnMarkers answer before sending it again. */
const MARKER_REQUEST_TIMEOUT_MS = 30_000
const SHORT_MAX = 32_767

/** The broker coordinating `transactionalId` now, or −1 when no broker is available. */
export function transactionCoordinatorFor(state: ClusterState, transactionalId: string): BrokerId {
  const partition = coordinatorPartitionFor(transactionalId)
  const alive = state.brokerIds.filter((id) => {
    const registration = state.controller.registrationsById[id]
    return registration !== undefined && !registration.fenced
  })
  if (alive.length === 0) return -1
  const brokerId = alive[partition % alive.length]!
  const record = state.transactions.coordinatorByPartition[partition]
  if (record === undefined || record.brokerId !== brokerId) {
    state.transactions.coordinatorByPartition[partition] = {
      brokerId,
      epoch: record === undefined ? 0 : record.epoch + 1,
    }
  }
  return brokerId
}

function coordinatorEpochFor(state: ClusterState, transactionalId: string): number {
  return (
    state.transactions.coordinatorByPartition[coordinatorPartitionFor(transactionalId)]?.epoch ?? 0
  )
}

function notCoordinator(broker: BrokerState, transactionalId: string): KafkaError {
  return kafkaError(
    'NOT_COORDINATOR',
    `Broker ${broker.brokerId} is not the transaction coordinator of ${transactionalId}.`,
  )
}

export function handleFindCoordinator(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  from: NodeId,
  request: Payload<'findTxnCoordinatorRequest'>,
): void {
  const coordinatorId = transactionCoordinatorFor(state, request.transactionalId)
  respondToClient(state, out, broker, from, {
    kind: 'findTxnCoordinatorResponse',
    requestId: request.requestId,
    error:
      coordinatorId < 0
        ? kafkaError('COORDINATOR_NOT_AVAILABLE', 'No broker can coordinate transactions now.')
        : null,
    coordinatorId,
  })
}

function allocateProducerId(state: ClusterState): number {
  return state.transactions.nextProducerId++
}

export function handleInitProducerId(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  from: NodeId,
  request: Payload<'initProducerIdRequest'>,
): void {
  const answer = (error: KafkaError | null, producerId = -1, producerEpoch = -1) =>
    respondToClient(state, out, broker, from, {
      kind: 'initProducerIdResponse',
      requestId: request.requestId,
      error,
      producerId,
      producerEpoch,
    })
  const tid = request.transactionalId
  // An idempotent producer without transactional.id: any broker hands out a fresh id.
  if (tid === null) return answer(null, allocateProducerId(state), 0)
  if (transactionCoordinatorFor(state, tid) !== broker.brokerId)
    return answer(notCoordinator(broker, tid))
  const timeoutMs = request.transactionTimeoutMs
  if (timeoutMs <= 0 || timeoutMs > TRANSACTION_MAX_TIMEOUT_MS) {
    return answer(
      kafkaError(
        'INVALID_TRANSACTION_TIMEOUT',
        `transaction.timeout.ms ${timeoutMs} must be positive and at most the broker's transaction.max.timeout.ms ${TRANSACTION_MAX_TIMEOUT_MS}.`,
      ),
    )
  }
  const txns = state.transactions.transactionsById
  const existing = txns[tid]
  if (existing === undefined) {
    txns[tid] = {
      transactionalId: tid,
      producerId: allocateProducerId(state),
      producerEpoch: 0,
      state: 'Empty',
      partitions: [],
      transactionTimeoutMs: request.transactionTimeoutMs,
      txnStartTimestampMs: -1,
      coordinatorEpoch: coordinatorEpochFor(state, tid),
      pendingMarkers: [],
      pendingInit: null,
    }
    return answer(null, txns[tid].producerId, 0)
  }
  existing.transactionTimeoutMs = request.transactionTimeoutMs
  if (existing.pendingInit !== null || isCompleting(existing)) {
    return answer(
      kafkaError('CONCURRENT_TRANSACTIONS', `The last transaction of ${tid} is still completing.`),
    )
  }
  if (existing.state === 'Ongoing') {
    // Fence the older instance: bump the epoch and abort its transaction with it; answer once
    // the abort markers are written (the new instance then gets one more epoch bump).
    existing.pendingInit = { requestId: request.requestId, from, coordinatorId: broker.brokerId }
    bumpEpoch(state, existing)
    beginCompletion(state, out, existing, 'ABORT')
    return
  }
  bumpEpoch(state, existing)
  answer(null, existing.producerId, existing.producerEpoch)
}

function bumpEpoch(state: ClusterState, txn: TransactionMetadata): void {
  if (txn.producerEpoch >= SHORT_MAX - 1) {
    txn.producerId = allocateProducerId(state)
    txn.producerEpoch = 0
  } else {
    txn.producerEpoch += 1
  }
}

function isCompleting(txn: TransactionMetadata): boolean {
  return txn.state === 'PrepareCommit' || txn.state === 'PrepareAbort'
}

/** Checks the request's producer against the record: fenced, or not this coordinator. */
function checkTxnRequest(
  state: ClusterState,
  broker: BrokerState,
  request: { transactionalId: string; producerId: number; producerEpoch: number },
): { txn: TransactionMetadata } | { error: KafkaError } {
  const tid = request.transactionalId
  if (transactionCoordinatorFor(state, tid) !== broker.brokerId)
    return { error: notCoordinator(broker, tid) }
  const txn = state.transactions.transactionsById[tid]
  if (txn === undefined || txn.producerId !== request.producerId) {
    return {
      error: kafkaError('INVALID_TXN_STATE', `No producer id ${request.producerId} for ${tid}.`),
    }
  }
  if (request.producerEpoch < txn.producerEpoch) {
    return {
      error: kafkaError(
        'PRODUCER_FENCED',
        `Producer epoch ${request.producerEpoch} of ${tid} is older than ${txn.producerEpoch}: a newer instance exists.`,
      ),
    }
  }
  return { txn }
}

export function handleAddPartitionsToTxn(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  from: NodeId,
  request: Payload<'addPartitionsToTxnRequest'>,
): void {
  const answer = (error: KafkaError | null) =>
    respondToClient(state, out, broker, from, {
      kind: 'addPartitionsToTxnResponse',
      requestId: request.requestId,
      error,
    })
  const checked = checkTxnRequest(state, broker, request)
  if ('error' in checked) return answer(checked.error)
  const txn = checked.txn
  if (isCompleting(txn) || txn.pendingInit !== null) {
    return answer(
      kafkaError('CONCURRENT_TRANSACTIONS', 'The previous transaction is still completing.'),
    )
  }
  if (txn.state !== 'Ongoing') {
    txn.state = 'Ongoing'
    txn.partitions = []
    txn.txnStartTimestampMs = state.nowMs
    schedule(state.timers, state.nowMs, state.nowMs + txn.transactionTimeoutMs, {
      kind: 'txnTimeoutCheck',
      transactionalId: txn.transactionalId,
      producerEpoch: txn.producerEpoch,
    })
  }
  for (const key of request.partitions) if (!txn.partitions.includes(key)) txn.partitions.push(key)
  txn.partitions.sort()
  answer(null)
}

export function handleEndTxn(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  from: NodeId,
  request: Payload<'endTxnRequest'>,
): void {
  const answer = (error: KafkaError | null) =>
    respondToClient(state, out, broker, from, {
      kind: 'endTxnResponse',
      requestId: request.requestId,
      error,
    })
  const checked = checkTxnRequest(state, broker, request)
  if ('error' in checked) return answer(checked.error)
  const txn = checked.txn
  const result = request.commit ? 'COMMIT' : 'ABORT'
  const done = request.commit ? 'CompleteCommit' : 'CompleteAbort'
  if (txn.state === done) return answer(null) // a retry of an EndTxn that already went through
  if (isCompleting(txn)) {
    return answer(kafkaError('CONCURRENT_TRANSACTIONS', 'The transaction is still completing.'))
  }
  if (txn.state !== 'Ongoing') {
    return answer(
      kafkaError(
        'INVALID_TXN_STATE',
        `Cannot ${request.commit ? 'commit' : 'abort'} in state ${txn.state}.`,
      ),
    )
  }
  beginCompletion(state, out, txn, result)
  answer(null)
}

/** PrepareCommit/PrepareAbort: write the markers into every partition of the transaction. */
function beginCompletion(
  state: ClusterState,
  out: SimEvent[],
  txn: TransactionMetadata,
  result: 'COMMIT' | 'ABORT',
): void {
  txn.state = result === 'COMMIT' ? 'PrepareCommit' : 'PrepareAbort'
  txn.coordinatorEpoch = coordinatorEpochFor(state, txn.transactionalId)
  txn.pendingMarkers = txn.partitions.map((key) => {
    const registration = state.controller.partitionsByKey[key]!
    return { topic: registration.topic, partition: registration.partition, requestId: null }
  })
  sendMarkers(state, out, txn)
}

function sendMarkers(state: ClusterState, out: SimEvent[], txn: TransactionMetadata): void {
  if (txn.pendingMarkers.length === 0) return completeTransaction(state, out, txn)
  const coordinatorId = transactionCoordinatorFor(state, txn.transactionalId)
  let waiting = false
  for (const marker of txn.pendingMarkers) {
    if (marker.requestId !== null) continue
    const leader =
      state.controller.partitionsByKey[`${marker.topic}-${marker.partition}`]?.leader ?? -1
    if (coordinatorId < 0 || leader < 0) {
      waiting = true
      continue
    }
    marker.requestId = state.nextRequestId++
    marker.sentAtMs = state.nowMs
    send(state, out, brokerNode(coordinatorId), brokerNode(leader), {
      kind: 'writeTxnMarkersRequest',
      requestId: marker.requestId,
      transactionalId: txn.transactionalId,
      producerId: txn.producerId,
      producerEpoch: txn.producerEpoch,
      coordinatorEpoch: txn.coordinatorEpoch,
      result: txn.state === 'PrepareCommit' ? 'COMMIT' : 'ABORT',
      topic: marker.topic,
      partition: marker.partition,
    })
  }
  const retryAt = waiting ? MARKER_RETRY_MS : MARKER_REQUEST_TIMEOUT_MS
  schedule(state.timers, state.nowMs, state.nowMs + retryAt, {
    kind: 'txnMarkerRetry',
    transactionalId: txn.transactionalId,
  })
}

/** The marker retry timer: resend markers that got no answer or had no leader to go to. */
export function onTxnMarkerRetry(state: ClusterState, out: SimEvent[], transactionalId: string) {
  const txn = state.transactions.transactionsById[transactionalId]
  if (txn === undefined || !isCompleting(txn)) return
  for (const marker of txn.pendingMarkers) {
    if (
      marker.requestId !== null &&
      state.nowMs - (marker.sentAtMs ?? 0) >= MARKER_REQUEST_TIMEOUT_MS
    )
      marker.requestId = null
  }
  if (txn.pendingMarkers.some((m) => m.requestId === null)) sendMarkers(state, out, txn)
  else
    schedule(state.timers, state.nowMs, state.nowMs + MARKER_RETRY_MS, {
      kind: 'txnMarkerRetry',
      transactionalId,
    })
}

function completeTransaction(state: ClusterState, out: SimEvent[], txn: TransactionMetadata) {
  const result = txn.state === 'PrepareCommit' ? 'COMMIT' : 'ABORT'
  txn.state = result === 'COMMIT' ? 'CompleteCommit' : 'CompleteAbort'
  emit(state, out, {
    type: 'transactionCompleted',
    transactionalId: txn.transactionalId,
    producerId: txn.producerId,
    producerEpoch: txn.producerEpoch,
    result,
    partitions: [...txn.partitions],
  })
  txn.partitions = []
  const init = txn.pendingInit
  if (init === null) return
  txn.pendingInit = null
  bumpEpoch(state, txn)
  const coordinator = state.brokersById[init.coordinatorId]
  if (coordinator === undefined || coordinator.process !== 'running') return
  respondToClient(state, out, coordinator, init.from, {
    kind: 'initProducerIdResponse',
    requestId: init.requestId,
    error: null,
    producerId: txn.producerId,
    producerEpoch: txn.producerEpoch,
  })
}

/** `transaction.timeout.ms` passed with the transaction still open: abort it, fencing the producer. */
export function onTxnTimeoutCheck(
  state: ClusterState,
  out: SimEvent[],
  transactionalId: string,
  producerEpoch: number,
): void {
  const txn = state.transactions.transactionsById[transactionalId]
  if (txn === undefined || txn.state !== 'Ongoing' || txn.producerEpoch !== producerEpoch) return
  if (state.nowMs < txn.txnStartTimestampMs + txn.transactionTimeoutMs) return
  bumpEpoch(state, txn)
  beginCompletion(state, out, txn, 'ABORT')
}

/** A partition leader writes the marker (`ReplicaManager#appendRecords` with origin Coordinator). */
export function handleWriteTxnMarkers(
  state: ClusterState,
  env: Env,
  out: SimEvent[],
  broker: BrokerState,
  from: NodeId,
  request: Payload<'writeTxnMarkersRequest'>,
): void {
  const answer = (error: KafkaError | null) =>
    send(state, out, brokerNode(broker.brokerId), from, {
      kind: 'writeTxnMarkersResponse',
      requestId: request.requestId,
      transactionalId: request.transactionalId,
      topic: request.topic,
      partition: request.partition,
      error,
    })
  const replica = broker.replicasByKey[`${request.topic}-${request.partition}`]
  if (replica === undefined || replica.role !== 'leader') {
    return answer(
      kafkaError(
        'NOT_LEADER_OR_FOLLOWER',
        `Broker ${broker.brokerId} is not the leader of ${request.topic}-${request.partition}.`,
      ),
    )
  }
  const marker = encodeEndTransactionMarker({
    type: request.result,
    producerId: request.producerId,
    producerEpoch: request.producerEpoch,
    coordinatorEpoch: request.coordinatorEpoch,
    timestamp: state.nowMs,
  })
  const result = appendAsLeader(logContextFor(state, env, broker), replica.log, marker, {
    leaderEpoch: replica.registration.leaderEpoch,
    nowMs: state.nowMs,
    origin: 'coordinator',
  })
  if (!result.ok) return answer(result.error)
  updateProducerState(replica, result.info.batches)
  const entry = replica.transactionIndex?.find((e) => e.lastOffset === result.info.firstOffset)
  if (entry !== undefined) entry.result = request.result
  emit(state, out, {
    type: 'recordsAppended',
    brokerId: broker.brokerId,
    topic: request.topic,
    partition: request.partition,
    baseOffset: result.info.firstOffset,
    lastOffset: result.info.lastOffset,
    leaderEpoch: replica.registration.leaderEpoch,
    role: 'leader',
  })
  applyFlushPolicy(state, env, broker, replica)
  completeParkedFetches(state, env, out, broker, replica, 'followers')
  maybeIncrementHighWatermark(state, env, out, broker, replica)
  answer(null)
}

/** The coordinator hears back from a partition leader. */
export function onWriteTxnMarkersResponse(
  state: ClusterState,
  out: SimEvent[],
  response: Payload<'writeTxnMarkersResponse'>,
): void {
  const txn = state.transactions.transactionsById[response.transactionalId]
  if (txn === undefined || !isCompleting(txn)) return
  const marker = txn.pendingMarkers.find((m) => m.requestId === response.requestId)
  if (marker === undefined) return
  if (response.error !== null) {
    marker.requestId = null // the leader moved: send it again to the new one
    schedule(state.timers, state.nowMs, state.nowMs + MARKER_RETRY_MS, {
      kind: 'txnMarkerRetry',
      transactionalId: txn.transactionalId,
    })
    return
  }
  txn.pendingMarkers = txn.pendingMarkers.filter((m) => m !== marker)
  if (txn.pendingMarkers.length === 0) completeTransaction(state, out, txn)
}
