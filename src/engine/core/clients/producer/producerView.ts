/**
 * The producers as the UI's producer panel shows them (plain data, part of every frame): the
 * accumulator's batches, producer id, epoch and sequences, requests in flight, calls still
 * blocked, and the latest outcomes of `send`.
 */
import { partitionKey, type ClusterState, type NodeId } from '../../types'
import { PRODUCER_NODE_PREFIX, type ProducerBatch, type ProducerClientState } from './producerTypes'

/** Outcomes shown per producer (the newest). */
export const PRODUCER_RESULTS_SHOWN = 20

export interface ProducerBatchView {
  batchId: number
  partitionKey: string
  recordCount: number
  sizeInBytes: number
  createdAtMs: number
  /** −1 before the first send (sequences are assigned when a batch is drained). */
  baseSequence: number
  attempts: number
  state: 'open' | 'ready' | 'retrying' | 'inFlight'
  lastError: string | null
  requestId: number | null
}

export interface ProducerView {
  nodeId: NodeId
  status: ProducerClientState['status']
  acks: -1 | 0 | 1
  idempotent: boolean
  transactionalId: string | null
  producerId: number
  producerEpoch: number
  /** The TransactionManager state, or null without `transactional.id`. */
  transactionState: string | null
  transactionPartitions: string[]
  lastError: string | null
  bufferUsedBytes: number
  bufferMemory: number
  batchSize: number
  lingerMs: number
  maxInFlight: number
  batches: ProducerBatchView[]
  sequences: { partitionKey: string; nextSequence: number; lastAckedSequence: number }[]
  /** `batches`: unanswered partitions of a produce request (0 for other kinds). */
  inFlightRequests: {
    requestId: number
    kind: string
    brokerId: number
    sentAtMs: number
    batches: number
  }[]
  pendingCalls: { opId: number; kind: string; blockedSinceMs: number }[]
  results: {
    recordId: number
    partitionKey: string
    offset: number
    error: string | null
    completedAtMs: number
  }[]
  recordsSent: number
}

function batchView(
  producer: ProducerClientState,
  batch: ProducerBatch,
  inFlight: boolean,
): ProducerBatchView {
  const full = batch.closed || batch.sizeInBytes >= producer.configs['batch.size']
  return {
    batchId: batch.batchId,
    partitionKey: partitionKey(batch.topic, batch.partition),
    recordCount: batch.records.length,
    sizeInBytes: batch.sizeInBytes,
    createdAtMs: batch.createdAtMs,
    baseSequence: batch.baseSequence,
    attempts: batch.attempts,
    state: inFlight ? 'inFlight' : batch.attempts > 0 ? 'retrying' : full ? 'ready' : 'open',
    lastError: batch.lastError,
    requestId: batch.inFlightRequestId,
  }
}

export function toProducerView(producer: ProducerClientState): ProducerView {
  const queued = Object.keys(producer.batchesByPartition)
    .sort()
    .flatMap((key) => producer.batchesByPartition[key]!.map((b) => batchView(producer, b, false)))
  const inFlight = Object.values(producer.inFlightBatches).map((b) => batchView(producer, b, true))
  const txn = producer.transaction
  return {
    nodeId: producer.nodeId,
    status: producer.status,
    acks: producer.requiredAcks,
    idempotent: producer.idempotent,
    transactionalId: producer.transactionalId,
    producerId: producer.producerId,
    producerEpoch: producer.producerEpoch,
    transactionState: txn?.state ?? null,
    transactionPartitions: txn === null ? [] : [...txn.partitions],
    lastError: txn?.lastError?.error ?? null,
    bufferUsedBytes: producer.bufferUsedBytes,
    bufferMemory: producer.configs['buffer.memory'],
    batchSize: producer.configs['batch.size'],
    lingerMs: producer.configs['linger.ms'],
    maxInFlight: producer.configs['max.in.flight.requests.per.connection'],
    batches: [...inFlight, ...queued].sort((a, b) => a.batchId - b.batchId),
    sequences: Object.keys(producer.sequences)
      .sort()
      .map((key) => ({ partitionKey: key, ...producer.sequences[key]! })),
    inFlightRequests: producer.inFlightRequests.map((r) => ({
      requestId: r.requestId,
      kind: r.kind,
      brokerId: r.brokerId,
      sentAtMs: r.sentAtMs,
      batches: r.batchIds.length,
    })),
    pendingCalls: producer.operations.map((op) => ({
      opId: op.opId,
      kind: op.kind,
      blockedSinceMs: op.startedAtMs,
    })),
    results: latestRecordResults(producer, PRODUCER_RESULTS_SHOWN),
    recordsSent: producer.nextRecordId - 1,
  }
}

/** The newest `count` records' outcomes, oldest first (results are kept per batch). */
function latestRecordResults(
  producer: ProducerClientState,
  count: number,
): ProducerView['results'] {
  const shown: ProducerView['results'] = []
  for (let r = producer.results.length - 1; r >= 0 && shown.length < count; r--) {
    const result = producer.results[r]!
    const key = partitionKey(result.topic, result.partition)
    const error = result.error?.error ?? null
    for (let i = result.recordIds.length - 1; i >= 0 && shown.length < count; i--) {
      shown.push({
        recordId: result.recordIds[i]!,
        partitionKey: key,
        offset: result.baseOffset >= 0 ? result.baseOffset + i : -1,
        error,
        completedAtMs: result.completedAtMs,
      })
    }
  }
  return shown.reverse()
}

function producerIndex(name: NodeId): number {
  return Number(name.slice(PRODUCER_NODE_PREFIX.length))
}

export function toProducerViews(state: ClusterState): ProducerView[] {
  return Object.keys(state.producersById)
    .sort((a, b) => producerIndex(a) - producerIndex(b))
    .map((name) => toProducerView(state.producersById[name]!))
}
