/**
 * The Sender (clients/producer/internals/Sender.java, RecordAccumulator#ready/#drain): takes
 * ready batches to their partition's leader, at most `max.in.flight.requests.per.connection`
 * requests per broker, and handles the answers: success, retry after an exponential backoff, or
 * failure (retries exhausted, `delivery.timeout.ms` passed, a non-retriable error). With
 * idempotence, each batch gets a sequence at its first send and keeps it on retries; a retried
 * batch goes out only when it is the oldest unacknowledged one of its partition, which is what
 * keeps the order intact with 5 requests in flight (KAFKA_SPEC §3.4).
 */
import { emit } from '../../emit'
import { clientError, isRetriable, kafkaError, KAFKA_ERRORS, type KafkaError } from '../../errors'
import type { SimEvent } from '../../events'
import {
  appendRecord,
  appendRecordWithLengths,
  buildRecordBatch,
  createRecordBatchWriter,
  type BatchHeaderFields,
} from '../../log'
import { nextInt } from '../../rng'
import { partitionKey, type ClusterState, type MessagePayload } from '../../types'
import { serializedField, serializedHeaders } from '../utf8'
import {
  asciiLength,
  dropDeque,
  isBatchFull,
  oldestLiveBatchCreatedAtMs,
  releaseBatch,
  reenqueue,
  removeFromDeque,
} from './accumulator'
import {
  findInFlightRequest,
  inFlightTo,
  removeInFlightRequest,
  requestMetadataUpdate,
  sendProducerRequest,
} from './metadata'
import type { ProducerBatch, ProducerClientState, SendResult } from './producerTypes'
import {
  canDrainTransactional,
  onTransactionalBatchFailed,
} from '../transactions/transactionManager'

type ProduceResponse = Extract<MessagePayload, { kind: 'produceResponse' }>

/** Results kept per producer (the newest). */
export const PRODUCER_RESULTS_MAX = 10_000

/** Errors after which the producer's metadata is stale (`InvalidMetadataException`, disconnects). */
const METADATA_ERRORS: ReadonlySet<string> = new Set([
  'NOT_LEADER_OR_FOLLOWER',
  'UNKNOWN_TOPIC_OR_PARTITION',
  'LEADER_NOT_AVAILABLE',
  'FENCED_LEADER_EPOCH',
  'UNKNOWN_LEADER_EPOCH',
  'NETWORK_EXCEPTION',
  'REQUEST_TIMED_OUT',
])

/** Keeps an outcome; the oldest go once the newer ones alone cover `PRODUCER_RESULTS_MAX` records. */
export function recordResult(producer: ProducerClientState, result: SendResult): void {
  producer.results.push(result)
  producer.resultRecordCount += result.recordIds.length
  let oldest = producer.results[0]!
  while (producer.resultRecordCount - oldest.recordIds.length >= PRODUCER_RESULTS_MAX) {
    producer.results.shift()
    producer.resultRecordCount -= oldest.recordIds.length
    oldest = producer.results[0]!
  }
}

/** `ExponentialBackoff(retry.backoff.ms, 2, retry.backoff.max.ms, jitter 0.2)`. */
function retryBackoffMs(producer: ProducerClientState, attempts: number): number {
  const base = producer.configs['retry.backoff.ms']
  const max = Math.max(base, producer.configs['retry.backoff.max.ms'])
  const exp = Math.min(max, base * 2 ** Math.max(0, attempts - 1))
  const jitterPerMille = 800 + nextInt(producer.rng, 401)
  return Math.max(1, Math.round((exp * jitterPerMille) / 1000))
}

function sequenceState(producer: ProducerClientState, key: string) {
  return (producer.sequences[key] ??= { nextSequence: 0, lastAckedSequence: -1 })
}

function finishBatch(
  state: ClusterState,
  out: SimEvent[],
  producer: ProducerClientState,
  batch: ProducerBatch,
  baseOffset: number,
  error: KafkaError | null,
): void {
  releaseBatch(producer, batch)
  recordResult(producer, {
    recordIds: batch.records.map((record) => record.recordId),
    topic: batch.topic,
    partition: batch.partition,
    baseOffset: error === null ? baseOffset : -1,
    error,
    completedAtMs: state.nowMs,
  })
  emit(state, out, {
    type: 'producerBatchCompleted',
    producer: producer.nodeId,
    topic: batch.topic,
    partition: batch.partition,
    baseOffset: error === null ? baseOffset : -1,
    recordCount: batch.records.length,
    baseSequence: batch.baseSequence,
    attempts: batch.attempts,
    error: error?.error ?? null,
  })
}

/** Fails a batch for good; a batch that had a sequence leaves a gap the epoch bump repairs. */
export function failBatch(
  state: ClusterState,
  out: SimEvent[],
  producer: ProducerClientState,
  batch: ProducerBatch,
  error: KafkaError,
): void {
  removeFromDeque(producer, batch)
  delete producer.inFlightBatches[batch.batchId]
  if (producer.idempotent && batch.baseSequence >= 0 && !isFencing(error))
    producer.epochBumpPending = true
  if (producer.transaction !== null) onTransactionalBatchFailed(producer, error)
  finishBatch(state, out, producer, batch, -1, error)
}

function isFencing(error: KafkaError): boolean {
  return error.error === 'INVALID_PRODUCER_EPOCH' || error.error === 'PRODUCER_FENCED'
}

function deliveryExpiredAt(producer: ProducerClientState, createdAtMs: number, nowMs: number) {
  return nowMs >= createdAtMs + producer.configs['delivery.timeout.ms']
}

function deliveryExpired(producer: ProducerClientState, batch: ProducerBatch, nowMs: number) {
  return deliveryExpiredAt(producer, batch.createdAtMs, nowMs)
}

function expiryError(producer: ProducerClientState, batch: ProducerBatch, nowMs: number) {
  return clientError(
    'TimeoutException',
    `Expiring ${batch.records.length} record(s) for ${batch.topic}-${batch.partition}:` +
      `${nowMs - batch.createdAtMs} ms has passed since batch creation ` +
      `(delivery.timeout.ms = ${producer.configs['delivery.timeout.ms']}).`,
  )
}

/** Batches older than `delivery.timeout.ms`, queued or on the wire, fail with a TimeoutException. */
export function expireBatches(
  state: ClusterState,
  out: SimEvent[],
  producer: ProducerClientState,
): void {
  const oldest = oldestLiveBatchCreatedAtMs(producer)
  if (oldest === null || !deliveryExpiredAt(producer, oldest, state.nowMs)) return
  let expired: ProducerBatch[] | null = null
  for (const key in producer.batchesByPartition)
    for (const batch of producer.batchesByPartition[key]!)
      if (deliveryExpired(producer, batch, state.nowMs)) (expired ??= []).push(batch)
  for (const batch of Object.values(producer.inFlightBatches))
    if (deliveryExpired(producer, batch, state.nowMs)) (expired ??= []).push(batch)
  if (expired === null) return
  expired.sort((a, b) => a.batchId - b.batchId)
  for (const batch of expired)
    failBatch(state, out, producer, batch, expiryError(producer, batch, state.nowMs))
}

/** `RecordAccumulator#ready` for a partition's first batch. */
function isReady(
  producer: ProducerClientState,
  deque: ProducerBatch[],
  nowMs: number,
  memoryBlocked: boolean,
): boolean {
  const head = deque[0]!
  if (head.attempts > 0) return nowMs >= head.retryAtMs
  return (
    deque.length > 1 ||
    isBatchFull(head, producer.configs['batch.size']) ||
    nowMs >= head.createdAtMs + producer.configs['linger.ms'] ||
    producer.flushing ||
    memoryBlocked
  )
}

/** When the head batch of a deque becomes ready by waiting (for the wake-up timer). */
export function readyAtMs(producer: ProducerClientState, deque: ProducerBatch[]): number {
  const head = deque[0]!
  if (head.attempts > 0) return head.retryAtMs
  return head.createdAtMs + producer.configs['linger.ms']
}

/** `shouldStopDrainBatchesForPartition`: idempotence keeps retries in sequence order. */
function idempotenceAllowsDrain(
  producer: ProducerClientState,
  key: string,
  head: ProducerBatch,
): boolean {
  if (!producer.idempotent) return true
  if (producer.idState !== 'ready' || producer.epochBumpPending) return false
  if (head.baseSequence < 0) return true
  for (const batch of Object.values(producer.inFlightBatches)) {
    if (partitionKey(batch.topic, batch.partition) !== key) continue
    if (batch.baseSequence >= 0 && batch.baseSequence < head.baseSequence) return false
  }
  return true
}

/**
 * The batch's bytes, each record encoded once into a buffer of the batch's estimated size (exact
 * without compression: the batch is that very buffer), like `MemoryRecordsBuilder`.
 */
function buildBytes(producer: ProducerClientState, batch: ProducerBatch): Uint8Array {
  const writer = createRecordBatchWriter({
    compression: producer.configs['compression.type'],
    capacityBytes: batch.sizeInBytes,
  })
  for (const r of batch.records) {
    const headers = serializedHeaders(r.headers)
    if (batch.asciiOnly) {
      const { key, value } = r
      appendRecordWithLengths(
        writer,
        r.timestamp,
        key,
        asciiLength(key),
        value,
        asciiLength(value),
        headers,
      )
    } else {
      const key = serializedField(r.key)
      const value = serializedField(r.value)
      appendRecord(writer, r.timestamp, key, value, headers)
    }
  }
  const fields: BatchHeaderFields =
    batch.producerId >= 0
      ? {
          producerId: batch.producerId,
          producerEpoch: batch.producerEpoch,
          baseSequence: batch.baseSequence,
          isTransactional: batch.isTransactional,
        }
      : { isTransactional: batch.isTransactional }
  return buildRecordBatch(writer, fields, true)
}

/**
 * Whether a drain pass could do anything: some partition's first batch is ready and its leader is
 * unknown (a metadata refresh is due) or has room for another request. Most calls find nothing,
 * and then nothing needs sorting.
 */
function anyDrainable(
  producer: ProducerClientState,
  nowMs: number,
  memoryBlocked: boolean,
): boolean {
  const maxInFlight = producer.configs['max.in.flight.requests.per.connection']
  for (const key in producer.batchesByPartition) {
    const deque = producer.batchesByPartition[key]!
    if (deque.length === 0 || !isReady(producer, deque, nowMs, memoryBlocked)) continue
    const head = deque[0]!
    const leader = producer.metadata.topics[head.topic]?.leaders[head.partition] ?? -1
    if (leader < 0 || inFlightTo(producer, leader) < maxInFlight) return true
  }
  return false
}

/**
 * One drain pass (`RecordAccumulator#drain`): for each broker with room for another request, the
 * ready first batch of every partition it leads, up to `max.request.size` (at least one), go out
 * as one produce request. Returns true when something was sent, so the caller loops until
 * nothing more can go (further batches of a partition need further requests).
 */
export function drainOnce(
  state: ClusterState,
  out: SimEvent[],
  producer: ProducerClientState,
  memoryBlocked: boolean,
): boolean {
  if (!anyDrainable(producer, state.nowMs, memoryBlocked)) return false
  const maxInFlight = producer.configs['max.in.flight.requests.per.connection']
  const maxRequestSize = producer.configs['max.request.size']
  const byBroker = new Map<number, { batches: ProducerBatch[]; bytes: number }>()
  for (const key of Object.keys(producer.batchesByPartition).sort()) {
    const deque = producer.batchesByPartition[key]
    if (deque === undefined || deque.length === 0) continue
    const head = deque[0]!
    if (!isReady(producer, deque, state.nowMs, memoryBlocked)) continue
    const leader = producer.metadata.topics[head.topic]?.leaders[head.partition] ?? -1
    if (leader < 0) {
      requestMetadataUpdate(producer, head.topic)
      continue
    }
    if (inFlightTo(producer, leader) >= maxInFlight) continue
    const request = byBroker.get(leader) ?? { batches: [], bytes: 0 }
    if (request.batches.length > 0 && request.bytes + head.sizeInBytes > maxRequestSize) continue
    if (!idempotenceAllowsDrain(producer, key, head)) continue
    if (producer.transaction !== null && !canDrainTransactional(producer, key)) continue
    deque.shift()
    if (deque.length === 0) dropDeque(producer, key)
    prepareForSend(producer, key, head)
    request.batches.push(head)
    request.bytes += head.sizeInBytes
    byBroker.set(leader, request)
  }
  for (const [leader, request] of [...byBroker].sort((a, b) => a[0] - b[0]))
    sendBatches(state, out, producer, request.batches, leader)
  return byBroker.size > 0
}

/** Closes the batch, gives it its sequence (first send) and the current producer id and epoch. */
function prepareForSend(producer: ProducerClientState, key: string, batch: ProducerBatch): void {
  batch.closed = true
  if (producer.idempotent) {
    const pidChanged =
      batch.producerId !== producer.producerId || batch.producerEpoch !== producer.producerEpoch
    if (batch.baseSequence < 0) {
      const sequences = sequenceState(producer, key)
      batch.baseSequence = sequences.nextSequence
      sequences.nextSequence = (sequences.nextSequence + batch.records.length) % 0x8000_0000
      batch.bytes = null
    }
    if (pidChanged) {
      batch.producerId = producer.producerId
      batch.producerEpoch = producer.producerEpoch
      batch.bytes = null
    }
  }
  batch.bytes ??= buildBytes(producer, batch)
  batch.attempts += 1
}

function sendBatches(
  state: ClusterState,
  out: SimEvent[],
  producer: ProducerClientState,
  batches: ProducerBatch[],
  leader: number,
): void {
  const acks = producer.requiredAcks
  const requestId = sendProducerRequest(
    state,
    out,
    producer,
    leader,
    'produce',
    (id) =>
      batches.map((batch) => ({
        kind: 'produceRequest' as const,
        requestId: id,
        topic: batch.topic,
        partition: batch.partition,
        acks,
        timeoutMs: producer.configs['request.timeout.ms'],
        records: batch.bytes!,
        ...(producer.transactionalId !== null ? { transactionalId: producer.transactionalId } : {}),
      })),
    batches.map((batch) => batch.batchId),
  )
  if (acks === 0) {
    // No answer will come: the batches are done once written to the socket, offset −1.
    removeInFlightRequest(producer, requestId)
    for (const batch of batches) finishBatch(state, out, producer, batch, -1, null)
    return
  }
  for (const batch of batches) {
    batch.inFlightRequestId = requestId
    producer.inFlightBatches[batch.batchId] = batch
  }
}

/** The Sender's `completeBatch` / `canRetry` for one answered (or failed) produce request. */
export function onBatchAnswer(
  state: ClusterState,
  out: SimEvent[],
  producer: ProducerClientState,
  batch: ProducerBatch,
  error: KafkaError | null,
  baseOffset: number,
): void {
  delete producer.inFlightBatches[batch.batchId]
  batch.inFlightRequestId = null
  const key = partitionKey(batch.topic, batch.partition)
  if (error === null || error.error === 'DUPLICATE_SEQUENCE_NUMBER') {
    if (producer.idempotent && batch.producerEpoch === producer.producerEpoch) {
      const sequences = sequenceState(producer, key)
      const lastSequence = batch.baseSequence + batch.records.length - 1
      sequences.lastAckedSequence = Math.max(sequences.lastAckedSequence, lastSequence)
    }
    // A legacy duplicate answer has no offsets (Sender treats it as success, offset −1).
    finishBatch(state, out, producer, batch, error === null ? baseOffset : -1, null)
    return
  }
  if (METADATA_ERRORS.has(error.error)) requestMetadataUpdate(producer, batch.topic)
  if (canRetry(state, producer, batch, error)) {
    batch.lastError = error.error
    batch.retryAtMs = state.nowMs + retryBackoffMs(producer, batch.attempts)
    reenqueue(producer, batch)
    emit(state, out, {
      type: 'producerBatchRetrying',
      producer: producer.nodeId,
      topic: batch.topic,
      partition: batch.partition,
      baseSequence: batch.baseSequence,
      attempts: batch.attempts,
      error: error.error,
    })
    return
  }
  failBatch(state, out, producer, batch, error)
}

function canRetry(
  state: ClusterState,
  producer: ProducerClientState,
  batch: ProducerBatch,
  error: KafkaError,
): boolean {
  if (batch.attempts > producer.configs.retries) return false
  if (deliveryExpired(producer, batch, state.nowMs)) return false
  if (producer.transaction?.state === 'FATAL_ERROR') return false
  if (producer.idempotent && batch.producerEpoch !== producer.producerEpoch) return false
  if (error.error === 'OUT_OF_ORDER_SEQUENCE_NUMBER' && producer.idempotent) {
    // Retriable only while an earlier batch of the partition is still unresolved: this one was
    // refused because of that gap and goes again after it (TransactionManager#canRetry).
    const sequences = sequenceState(producer, partitionKey(batch.topic, batch.partition))
    return batch.baseSequence !== sequences.lastAckedSequence + 1
  }
  return error.error in KAFKA_ERRORS && isRetriable(error.error as keyof typeof KAFKA_ERRORS)
}

/** A produce response arrived (one per partition of the request). */
export function onProduceResponse(
  state: ClusterState,
  out: SimEvent[],
  producer: ProducerClientState,
  response: ProduceResponse,
): void {
  const request = findInFlightRequest(producer, response.requestId)
  if (request === undefined) return
  const batch = request.batchIds
    .map((id) => producer.inFlightBatches[id])
    .find((b) => b?.topic === response.topic && b.partition === response.partition)
  request.batchIds = request.batchIds.filter((id) => id !== batch?.batchId)
  if (request.batchIds.length === 0) removeInFlightRequest(producer, response.requestId)
  if (batch === undefined || batch.inFlightRequestId !== response.requestId) return // expired
  onBatchAnswer(state, out, producer, batch, response.error, response.baseOffset)
}

/** A produce request got no answer: request timeout, or the connection went down. */
export function onProduceRequestFailed(
  state: ClusterState,
  out: SimEvent[],
  producer: ProducerClientState,
  batchIds: readonly number[],
  requestId: number,
  timedOut: boolean,
): void {
  const error = timedOut
    ? kafkaError('REQUEST_TIMED_OUT', `No answer within request.timeout.ms; disconnecting.`)
    : kafkaError('NETWORK_EXCEPTION', `The connection to the broker was closed.`)
  for (const batchId of batchIds) {
    const batch = producer.inFlightBatches[batchId]
    if (batch === undefined || batch.inFlightRequestId !== requestId) continue
    onBatchAnswer(state, out, producer, batch, error, -1)
  }
}
