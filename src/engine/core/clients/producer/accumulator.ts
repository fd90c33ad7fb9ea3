/**
 * The RecordAccumulator (clients/producer/internals/RecordAccumulator.java; KAFKA_SPEC §3.3): one
 * deque of batches per partition, records appended to the last batch while it has room for them
 * under `batch.size`, memory taken from `buffer.memory` per batch (a record bigger than
 * `batch.size` gets a batch of its own size), and the uniform sticky partitioner choosing the
 * partition of records without one (switching only at batch boundaries).
 */
import { clientError, type KafkaError } from '../../errors'
import { RECORD_BATCH_OVERHEAD, sizeOfRecord } from '../../log'
import { nextInt, type RngState } from '../../rng'
import { partitionKey, type PartitionKey } from '../../types'
import { choosePartition } from '../choosePartition'
import {
  createStickyPartitionState,
  stickyPartitionForAppend,
  updateStickyPartition,
  type DrawInt,
  type StickyTopicMetadata,
} from '../stickyPartitioner'
import { encodesLikeJava, utf8Bytes } from '../utf8'
import type {
  BatchedRecord,
  ProducerBatch,
  ProducerClientState,
  ProducerRecordData,
  ProducerTopicMetadata,
} from './producerTypes'

export type AppendOutcome =
  | { kind: 'appended'; partition: number }
  /** `buffer.memory` is used up: the send blocks (up to `max.block.ms`) until batches complete. */
  | { kind: 'noMemory' }
  | { kind: 'failed'; error: KafkaError }

/**
 * A string field as the record size needs it: the string itself when the log's UTF-8 encoder
 * gives Java's bytes for it (no copy), else Java's bytes.
 */
function serialized(text: string | null): string | Uint8Array | null {
  return text === null || encodesLikeJava(text) ? text : utf8Bytes(text)
}

/** `DefaultRecord.sizeInBytes` of the record as the next one in `batch` (or a new batch). */
function recordSize(record: ProducerRecordData, batch: ProducerBatch | null): number {
  const offsetDelta = batch?.records.length ?? 0
  const timestampDelta = batch === null ? 0 : record.timestamp - batch.records[0]!.timestamp
  return sizeOfRecord(
    offsetDelta,
    timestampDelta,
    serialized(record.key),
    serialized(record.value),
    record.headers.length === 0
      ? []
      : record.headers.map((h) => ({
          key: h.key,
          value: h.value === null ? null : utf8Bytes(h.value),
        })),
  )
}

export function isBatchFull(batch: ProducerBatch, batchSize: number): boolean {
  return batch.closed || batch.sizeInBytes >= batchSize
}

function allBatchesFull(
  producer: ProducerClientState,
  key: PartitionKey,
  batchSize: number,
): boolean {
  const deque = producer.batchesByPartition[key]
  const last = deque?.[deque.length - 1]
  return last === undefined || isBatchFull(last, batchSize)
}

/**
 * What the partitioner needs from a topic's metadata, derived once per Metadata response: a
 * response replaces the topic's metadata object (never changes it), so the object is the key.
 */
const stickyTopicCache = new WeakMap<ProducerTopicMetadata, StickyTopicMetadata>()

function stickyTopic(metadata: ProducerTopicMetadata): StickyTopicMetadata {
  const cached = stickyTopicCache.get(metadata)
  if (cached !== undefined) return cached
  const availablePartitions: number[] = []
  metadata.leaders.forEach((leader, partition) => {
    if (leader >= 0) availablePartitions.push(partition)
  })
  const topic = { partitionCount: metadata.partitionCount, availablePartitions }
  stickyTopicCache.set(metadata, topic)
  return topic
}

/** Draws from the producer's RNG stream (a returned arrow: no per-call function naming). */
function drawFrom(rng: RngState): DrawInt {
  return (bound) => nextInt(rng, bound)
}

/**
 * Appends one record (`RecordAccumulator#append`). The topic's metadata must be known. The
 * record's partition: explicit, else the key's murmur2 hash, else the sticky partition.
 */
export function appendToAccumulator(
  producer: ProducerClientState,
  record: ProducerRecordData,
  metadata: ProducerTopicMetadata,
  nowMs: number,
  nextBatchId: () => number,
): AppendOutcome {
  const configs = producer.configs
  const batchSize = configs['batch.size']
  const topic = stickyTopic(metadata)
  const choice = choosePartition(record, {
    partitionCount: metadata.partitionCount,
    availablePartitions: topic.availablePartitions,
    partitionerIgnoreKeys: configs['partitioner.ignore.keys'],
    customPartitioner: null,
    maxBlockMs: configs['max.block.ms'],
  })
  if ('error' in choice) return { kind: 'failed', error: choice }
  const draw = drawFrom(producer.rng)
  let partition: number
  const sticky = choice.kind === 'sticky'
  if (choice.kind === 'sticky') {
    const picked = stickyPartitionForAppend(
      producer.stickyByTopic[record.topic] ?? createStickyPartitionState(),
      (p) => allBatchesFull(producer, partitionKey(record.topic, p), batchSize),
      batchSize,
      topic,
      draw,
    )
    producer.stickyByTopic[record.topic] = picked.state
    partition = picked.partition
  } else {
    partition = choice.partition
  }

  const key = partitionKey(record.topic, partition)
  const deque = (producer.batchesByPartition[key] ??= [])
  const last = deque[deque.length - 1] ?? null
  const batched: BatchedRecord = {
    recordId: record.recordId,
    key: record.key,
    value: record.value,
    headers: record.headers,
    timestamp: record.timestamp,
  }
  let appendedBytes: number
  const sizeInLast = last === null || last.closed ? 0 : recordSize(record, last)
  if (last !== null && !last.closed && last.sizeInBytes + sizeInLast <= batchSize) {
    appendedBytes = sizeInLast
    last.records.push(batched)
    last.sizeInBytes += appendedBytes
  } else {
    const size = RECORD_BATCH_OVERHEAD + recordSize(record, null)
    if (size > configs['max.request.size'] || size > configs['buffer.memory']) {
      return {
        kind: 'failed',
        error: clientError(
          'RecordTooLargeException',
          `The message is ${size} bytes when serialized which is larger than ` +
            (size > configs['max.request.size']
              ? `${configs['max.request.size']}, which is the value of the max.request.size configuration.`
              : `the total memory buffer you have configured with the buffer.memory configuration.`),
        ),
      }
    }
    const allocatedBytes = Math.max(batchSize, size)
    if (producer.bufferUsedBytes + allocatedBytes > configs['buffer.memory']) {
      return { kind: 'noMemory' }
    }
    if (last !== null) last.closed = true
    producer.bufferUsedBytes += allocatedBytes
    producer.liveBatchCreatedAtMs.push(nowMs)
    deque.push({
      batchId: nextBatchId(),
      topic: record.topic,
      partition,
      records: [batched],
      createdAtMs: nowMs,
      sizeInBytes: size,
      allocatedBytes,
      closed: false,
      attempts: 0,
      retryAtMs: 0,
      producerId: -1,
      producerEpoch: -1,
      baseSequence: -1,
      isTransactional: producer.transactionalId !== null,
      bytes: null,
      inFlightRequestId: null,
      lastError: null,
    })
    appendedBytes = size
  }
  if (sticky) {
    producer.stickyByTopic[record.topic] = updateStickyPartition(
      producer.stickyByTopic[record.topic]!,
      appendedBytes,
      allBatchesFull(producer, key, batchSize),
      batchSize,
      topic,
      draw,
    )
  }
  return { kind: 'appended', partition }
}

/** Returns a finished batch's memory to the pool. */
export function releaseBatch(producer: ProducerClientState, batch: ProducerBatch): void {
  producer.bufferUsedBytes = Math.max(0, producer.bufferUsedBytes - batch.allocatedBytes)
  const times = producer.liveBatchCreatedAtMs
  // Batches are created in time order, so the list is sorted: remove one entry of this time.
  let low = 0
  let high = times.length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (times[mid]! < batch.createdAtMs) low = mid + 1
    else high = mid
  }
  if (times[low] === batch.createdAtMs) times.splice(low, 1)
}

/** The creation time of the oldest batch not yet completed, or null. */
export function oldestLiveBatchCreatedAtMs(producer: ProducerClientState): number | null {
  return producer.liveBatchCreatedAtMs[0] ?? null
}

/** Removes a batch from its deque (it was drained, failed or aborted). */
export function removeFromDeque(producer: ProducerClientState, batch: ProducerBatch): void {
  const key = partitionKey(batch.topic, batch.partition)
  const deque = producer.batchesByPartition[key]
  if (deque === undefined) return
  const index = deque.indexOf(batch)
  if (index >= 0) deque.splice(index, 1)
  if (deque.length === 0) dropDeque(producer, key)
}

/**
 * Forgets a partition's emptied deque. The map is rebuilt without it rather than `delete`d from:
 * deleting turns an object into a slow dictionary that every pump of the producer walks.
 */
export function dropDeque(producer: ProducerClientState, key: PartitionKey): void {
  const kept: Record<PartitionKey, ProducerBatch[]> = {}
  for (const other in producer.batchesByPartition)
    if (other !== key) kept[other] = producer.batchesByPartition[other]!
  producer.batchesByPartition = kept
}

/**
 * `RecordAccumulator#reenqueue` / `insertInSequenceOrder`: a retried batch goes back to the front
 * of its deque; with idempotence, batches are kept in sequence order.
 */
export function reenqueue(producer: ProducerClientState, batch: ProducerBatch): void {
  const key = partitionKey(batch.topic, batch.partition)
  const deque = (producer.batchesByPartition[key] ??= [])
  batch.closed = true
  if (batch.baseSequence < 0) {
    deque.unshift(batch)
    return
  }
  let index = 0
  while (
    index < deque.length &&
    deque[index]!.baseSequence >= 0 &&
    deque[index]!.baseSequence < batch.baseSequence
  ) {
    index++
  }
  deque.splice(index, 0, batch)
}

/** Records in the accumulator and on the wire. */
export function hasIncompleteBatches(producer: ProducerClientState): boolean {
  return (
    Object.keys(producer.batchesByPartition).length > 0 ||
    Object.keys(producer.inFlightBatches).length > 0
  )
}
