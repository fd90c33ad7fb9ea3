/**
 * The producer's side of transactions (clients/producer/internals/TransactionManager.java):
 * FindCoordinator, InitProducerId (which fences older instances of the same `transactional.id`),
 * AddPartitionsToTxn before the first batch to a partition goes out, and EndTxn once every batch
 * of the transaction is done. One coordinator request at a time, like Kafka's.
 */
import { emit } from '../../emit'
import { kafkaError, type KafkaError } from '../../errors'
import type { SimEvent } from '../../events'
import type { ClusterState, PartitionKey } from '../../types'
import { resetSequences } from '../producer/idempotence'
import { leastLoadedNode, sendProducerRequest } from '../producer/metadata'
import type { ProducerClientState, ProducerMessagePayload } from '../producer/producerTypes'
import type { TransactionClientState } from './transactionTypes'

/** `TransactionManager`'s retry wait after CONCURRENT_TRANSACTIONS on AddPartitionsToTxn. */
const ADD_PARTITIONS_RETRY_BACKOFF_MS = 20

const TXN_REQUEST_KINDS = new Set([
  'findCoordinator',
  'initProducerId',
  'addPartitionsToTxn',
  'endTxn',
])

export function createTransactionClientState(): TransactionClientState {
  return {
    state: 'UNINITIALIZED',
    coordinatorId: -1,
    partitions: [],
    pendingPartitions: [],
    addingPartitions: [],
    endTxnInFlight: false,
    retryAtMs: 0,
    lastError: null,
  }
}

/** Records of a transaction go to a partition only after the coordinator added it. */
export function canDrainTransactional(producer: ProducerClientState, key: PartitionKey): boolean {
  const txn = producer.transaction!
  return txn.partitions.includes(key) && txn.state !== 'FATAL_ERROR'
}

/** `maybeAddPartition`: the first record for a partition in this transaction. */
export function maybeAddPartition(producer: ProducerClientState, key: PartitionKey): void {
  const txn = producer.transaction
  if (txn === null) return
  if (
    txn.partitions.includes(key) ||
    txn.pendingPartitions.includes(key) ||
    txn.addingPartitions.includes(key)
  )
    return
  txn.pendingPartitions.push(key)
}

/** A batch of the transaction failed: the transaction can only be aborted now. */
export function onTransactionalBatchFailed(producer: ProducerClientState, error: KafkaError): void {
  const txn = producer.transaction!
  if (error.error === 'INVALID_PRODUCER_EPOCH' || error.error === 'PRODUCER_FENCED') {
    fence(producer, error)
    return
  }
  if (txn.state === 'IN_TRANSACTION' || txn.state === 'COMMITTING_TRANSACTION') {
    txn.state = 'ABORTABLE_ERROR'
    txn.lastError = error
  }
}

function fence(producer: ProducerClientState, error: KafkaError): void {
  const txn = producer.transaction!
  txn.state = 'FATAL_ERROR'
  txn.lastError = kafkaError(
    'PRODUCER_FENCED',
    `There is a newer producer with the same transactional.id ${producer.transactionalId}, or the ` +
      `transaction timed out; this producer is fenced (${error.error}).`,
  )
  producer.idState = 'fenced'
}

function txnRequestInFlight(producer: ProducerClientState): boolean {
  return producer.inFlightRequests.some((r) => TXN_REQUEST_KINDS.has(r.kind))
}

/** True while the transaction still has records that are not yet acknowledged or failed. */
function hasIncomplete(producer: ProducerClientState): boolean {
  return (
    Object.keys(producer.batchesByPartition).length > 0 ||
    Object.keys(producer.inFlightBatches).length > 0
  )
}

/** Sends the next coordinator request the transaction needs, if any. */
export function pollTransaction(
  state: ClusterState,
  out: SimEvent[],
  producer: ProducerClientState,
): void {
  const txn = producer.transaction
  if (txn === null || txn.state === 'FATAL_ERROR') return
  if (state.nowMs < txn.retryAtMs || txnRequestInFlight(producer)) return
  const tid = producer.transactionalId!
  const completing = txn.state === 'COMMITTING_TRANSACTION' || txn.state === 'ABORTING_TRANSACTION'
  const needsInit =
    txn.state === 'INITIALIZING' || (txn.state === 'READY' && producer.epochBumpPending)
  const needsCoordinator =
    needsInit || txn.pendingPartitions.length > 0 || (completing && txn.partitions.length > 0)
  if (!needsCoordinator) {
    if (completing && !hasIncomplete(producer)) completeLocally(txn)
    return
  }
  if (txn.coordinatorId < 0) {
    sendProducerRequest(
      state,
      out,
      producer,
      leastLoadedNode(state, producer),
      'findCoordinator',
      (requestId) => ({ kind: 'findTxnCoordinatorRequest', requestId, transactionalId: tid }),
    )
    return
  }
  const coordinator = txn.coordinatorId
  if (needsInit) {
    producer.idState = 'initializing'
    sendProducerRequest(state, out, producer, coordinator, 'initProducerId', (requestId) => ({
      kind: 'initProducerIdRequest',
      requestId,
      transactionalId: tid,
      transactionTimeoutMs: producer.configs['transaction.timeout.ms'],
    }))
    return
  }
  if (txn.pendingPartitions.length > 0) {
    txn.addingPartitions = [...txn.pendingPartitions].sort()
    txn.pendingPartitions = []
    sendProducerRequest(state, out, producer, coordinator, 'addPartitionsToTxn', (requestId) => ({
      kind: 'addPartitionsToTxnRequest',
      requestId,
      transactionalId: tid,
      producerId: producer.producerId,
      producerEpoch: producer.producerEpoch,
      partitions: txn.addingPartitions,
    }))
    return
  }
  // EndTxn waits until every batch of the transaction is acknowledged (or failed), so no data
  // can land after its marker.
  if (completing && !hasIncomplete(producer) && !txn.endTxnInFlight) {
    txn.endTxnInFlight = true
    sendProducerRequest(state, out, producer, coordinator, 'endTxn', (requestId) => ({
      kind: 'endTxnRequest',
      requestId,
      transactionalId: tid,
      producerId: producer.producerId,
      producerEpoch: producer.producerEpoch,
      commit: txn.state === 'COMMITTING_TRANSACTION',
    }))
  }
}

/** A transaction that never touched a partition ends without asking the coordinator. */
function completeLocally(txn: TransactionClientState): void {
  txn.state = 'READY'
  txn.partitions = []
  txn.lastError = null
}

function retryLater(state: ClusterState, producer: ProducerClientState, ms: number): void {
  producer.transaction!.retryAtMs = state.nowMs + ms
}

/** Answers from the coordinator. Returns false for a message that is not about transactions. */
export function onTransactionResponse(
  state: ClusterState,
  out: SimEvent[],
  producer: ProducerClientState,
  payload: ProducerMessagePayload,
): boolean {
  const txn = producer.transaction
  const backoff = producer.configs['retry.backoff.ms']
  switch (payload.kind) {
    case 'findTxnCoordinatorResponse':
      if (txn === null) return true
      if (payload.error !== null || payload.coordinatorId < 0) retryLater(state, producer, backoff)
      else txn.coordinatorId = payload.coordinatorId
      return true
    case 'initProducerIdResponse': {
      if (payload.error !== null) {
        producer.idState = 'uninitialized'
        if (txn === null) return true
        if (payload.error.error === 'PRODUCER_FENCED') {
          fence(producer, payload.error)
          return true
        }
        const name = payload.error.error
        if (name === 'NOT_COORDINATOR' || name === 'COORDINATOR_NOT_AVAILABLE') {
          txn.coordinatorId = -1
        } else if (name !== 'CONCURRENT_TRANSACTIONS') {
          txn.state = 'FATAL_ERROR' // e.g. INVALID_TRANSACTION_TIMEOUT: initTransactions throws
          txn.lastError = payload.error
          return true
        }
        retryLater(state, producer, backoff)
        return true
      }
      producer.producerId = payload.producerId
      producer.producerEpoch = payload.producerEpoch
      producer.idState = 'ready'
      resetSequences(producer)
      producer.epochBumpPending = false
      if (txn !== null && txn.state === 'INITIALIZING') txn.state = 'READY'
      emit(state, out, {
        type: 'producerIdAssigned',
        producer: producer.nodeId,
        producerId: payload.producerId,
        producerEpoch: payload.producerEpoch,
      })
      return true
    }
    case 'addPartitionsToTxnResponse': {
      if (txn === null) return true
      const adding = txn.addingPartitions
      txn.addingPartitions = []
      const error = payload.error
      if (error === null) {
        txn.partitions.push(...adding)
        return true
      }
      if (error.error === 'PRODUCER_FENCED' || error.error === 'INVALID_PRODUCER_EPOCH') {
        fence(producer, error)
        return true
      }
      txn.pendingPartitions.push(...adding)
      if (error.error === 'NOT_COORDINATOR' || error.error === 'COORDINATOR_NOT_AVAILABLE')
        txn.coordinatorId = -1
      if (error.error === 'CONCURRENT_TRANSACTIONS')
        retryLater(state, producer, ADD_PARTITIONS_RETRY_BACKOFF_MS)
      else retryLater(state, producer, backoff)
      return true
    }
    case 'endTxnResponse': {
      if (txn === null) return true
      txn.endTxnInFlight = false
      const error = payload.error
      if (error === null) {
        completeLocally(txn)
        return true
      }
      if (error.error === 'PRODUCER_FENCED' || error.error === 'INVALID_PRODUCER_EPOCH') {
        fence(producer, error)
        return true
      }
      if (error.error === 'NOT_COORDINATOR' || error.error === 'COORDINATOR_NOT_AVAILABLE')
        txn.coordinatorId = -1
      retryLater(state, producer, backoff)
      return true
    }
    default:
      return false
  }
}

/** A coordinator request got no answer: find the coordinator again and retry. */
export function onTransactionRequestFailed(
  state: ClusterState,
  producer: ProducerClientState,
  kind: string,
): void {
  const txn = producer.transaction
  if (kind === 'initProducerId') producer.idState = 'uninitialized'
  if (txn === null) return
  if (kind === 'addPartitionsToTxn') {
    txn.pendingPartitions.push(...txn.addingPartitions)
    txn.addingPartitions = []
  }
  if (kind === 'endTxn') txn.endTxnInFlight = false
  txn.coordinatorId = -1
  retryLater(state, producer, producer.configs['retry.backoff.ms'])
}

/** When the transaction code wants to run again (a retry backoff). */
export function transactionWakeAtMs(producer: ProducerClientState): number | null {
  const txn = producer.transaction
  if (txn === null || txn.retryAtMs <= 0) return null
  return txn.retryAtMs
}
