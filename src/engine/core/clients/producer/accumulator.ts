/**
 * The RecordAccumulator (clients/producer/internals/RecordAccumulator.java; KAFKA_SPEC §3.3): one
 * deque of batches per partition, records appended to the last batch while it has room for them
 * under `batch.size`, memory taken from `buffer.memory` per batch (a record bigger than
 * `batch.size` gets a batch of its own size), and the uniform sticky partitioner choosing the
 * partition of records without one (switching only at batch boundaries).
 */
import { clientError, type KafkaError } from '../../errors'
import { RECORD_BATCH_OVERHEAD, sizeOfRecord, sizeOfRecordWithLengths } from '../../log'
import { nextInt, type RngState } from '../../rng'
import { partitionKey, type PartitionKey } from '../../types'
import { choosePartition, type PartitionChoice } from '../choosePartition'
import {
  createStickyPartitionState,
  stickyPartitionForAppend,
  updateStickyPartition,
  type DrawInt,
  type StickyTopicMetadata,
} from '../stickyPartitioner'
import { isAscii, serializedField, serializedHeaders, serializedLength } from '../utf8'
import type {
  ProducerBatch,
  ProducerClientState,
  ProducerRecordData,
  ProducerTopicMetadata,
} from './producerTypes'

/**
 * The partition the record was appended to; or `noMemory`: `buffer.memory` is used up, the send
 * blocks (up to `max.block.ms`) until batches complete; or the error the send fails with.
 */
export type AppendOutcome = number | 'noMemory' | KafkaError

/**
 * `DefaultRecord.sizeInBytes` of the record as the next one in `batch` (or a new batch), given
 * its key's and value's serialized lengths.
 */
function recordSize(
  record: ProducerRecordData,
  batch: ProducerBatch | null,
  keyLength: number,
  valueLength: number,
): number {
  const offsetDelta = batch === null ? 0 : batch.records.length
  const timestampDelta = batch === null ? 0 : record.timestamp - batch.records[0]!.timestamp
  if (record.headers.length === 0)
    return sizeOfRecordWithLengths(offsetDelta, timestampDelta, keyLength, valueLength)
  return sizeOfRecord(
    offsetDelta,
    timestampDelta,
    serializedField(record.key),
    serializedField(record.value),
    serializedHeaders(record.headers),
  )
}

export function isBatchFull(batch: ProducerBatch, batchSize: number): boolean {
  return batch.closed || batch.sizeInBytes >= batchSize
}

function isAsciiOrNull(text: string | null): boolean {
  return text === null || isAscii(text)
}

/** The serialized length of a null or ASCII key or value (−1 for null). */
export function asciiLength(text: string | null): number {
  return text === null ? -1 : text.length
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

/** What the partitioner needs from a topic's metadata, and the topic's partition keys. */
interface TopicPartitioning extends StickyTopicMetadata {
  readonly topic: string
  /** `partitionKey(topic, p)` for each partition of the metadata. */
  readonly keys: readonly PartitionKey[]
}

/**
 * Derived once per Metadata response: a response replaces the topic's metadata object (never
 * changes it), so the object is the key.
 */
const topicCache = new WeakMap<ProducerTopicMetadata, TopicPartitioning>()
/** The last lookup, checked first: a producer's appends mostly go to one topic. */
let lastLookup: { metadata: ProducerTopicMetadata; derived: TopicPartitioning } | null = null

function topicPartitioning(metadata: ProducerTopicMetadata, topic: string): TopicPartitioning {
  if (lastLookup?.metadata === metadata && lastLookup.derived.topic === topic)
    return lastLookup.derived
  const cached = topicCache.get(metadata)
  if (cached !== undefined && cached.topic === topic) {
    lastLookup = { metadata, derived: cached }
    return cached
  }
  const availablePartitions: number[] = []
  const keys: PartitionKey[] = []
  metadata.leaders.forEach((leader, partition) => {
    if (leader >= 0) availablePartitions.push(partition)
  })
  for (let partition = 0; partition < metadata.partitionCount; partition++)
    keys.push(partitionKey(topic, partition))
  const derived = { topic, partitionCount: metadata.partitionCount, availablePartitions, keys }
  topicCache.set(metadata, derived)
  lastLookup = { metadata, derived }
  return derived
}

function keyOf(topic: TopicPartitioning, partition: number): PartitionKey {
  return topic.keys[partition] ?? partitionKey(topic.topic, partition)
}

/** The draw function of the last RNG stream asked for (one per record would be garbage). */
let lastDraw: { rng: RngState; draw: DrawInt } | null = null

/** Draws from the producer's RNG stream (a returned arrow: no per-call function naming). */
function drawFrom(rng: RngState): DrawInt {
  if (lastDraw?.rng !== rng) lastDraw = { rng, draw: (bound) => nextInt(rng, bound) }
  return lastDraw.draw
}

/**
 * The partition of a record without one (`RecordAccumulator#append`'s partitioner steps, see
 * `stickyPartitionForAppend`). While the sticky partition's last batch has room, that is the
 * answer and the state stays as it is, without asking the partitioner.
 */
function stickyPartition(
  producer: ProducerClientState,
  topic: TopicPartitioning,
  batchSize: number,
  draw: DrawInt,
): number {
  const state = producer.stickyByTopic[topic.topic]
  const current = state === undefined ? null : state.partition
  if (current !== null && !allBatchesFull(producer, keyOf(topic, current), batchSize))
    return current
  const picked = stickyPartitionForAppend(
    state ?? createStickyPartitionState(),
    (p) => allBatchesFull(producer, keyOf(topic, p), batchSize),
    batchSize,
    topic,
    draw,
  )
  producer.stickyByTopic[topic.topic] = picked.state
  return picked.partition
}

/** The memory a new batch for a record of `size` bytes (header included) would fail on, if any. */
function recordTooLarge(producer: ProducerClientState, size: number): KafkaError | null {
  const configs = producer.configs
  if (size <= configs['max.request.size'] && size <= configs['buffer.memory']) return null
  return clientError(
    'RecordTooLargeException',
    `The message is ${size} bytes when serialized which is larger than ` +
      (size > configs['max.request.size']
        ? `${configs['max.request.size']}, which is the value of the max.request.size configuration.`
        : `the total memory buffer you have configured with the buffer.memory configuration.`),
  )
}

/**
 * Appends one record (`RecordAccumulator#append`). The topic's metadata must be known. The
 * record's partition: explicit, else the key's murmur2 hash, else the sticky partition. The
 * record itself goes into the batch (its size is counted from its strings' lengths; the batch is
 * encoded once, when it is drained).
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
  const topic = topicPartitioning(metadata, record.topic)
  // A record without partition or key needs no partitioning step: it is the sticky partitioner's.
  const choice =
    record.partition === null && record.key === null
      ? STICKY
      : choosePartition(record, {
          partitionCount: metadata.partitionCount,
          availablePartitions: topic.availablePartitions,
          partitionerIgnoreKeys: configs['partitioner.ignore.keys'],
          customPartitioner: null,
          maxBlockMs: configs['max.block.ms'],
        })
  if ('error' in choice) return choice
  const sticky = choice.kind === 'sticky'
  const draw = sticky ? drawFrom(producer.rng) : null
  const partition = sticky ? stickyPartition(producer, topic, batchSize, draw!) : choice.partition

  const key = keyOf(topic, partition)
  const deque = (producer.batchesByPartition[key] ??= [])
  const last = deque.length === 0 ? null : deque[deque.length - 1]!
  const ascii = isAsciiOrNull(record.key) && isAsciiOrNull(record.value)
  const keyLength = ascii ? asciiLength(record.key) : serializedLength(record.key)
  const valueLength = ascii ? asciiLength(record.value) : serializedLength(record.value)
  let appendedBytes: number
  const sizeInLast =
    last === null || last.closed ? 0 : recordSize(record, last, keyLength, valueLength)
  if (last !== null && !last.closed && last.sizeInBytes + sizeInLast <= batchSize) {
    appendedBytes = sizeInLast
    last.records.push(record)
    last.sizeInBytes += appendedBytes
    if (!ascii) last.asciiOnly = false
  } else {
    const size = RECORD_BATCH_OVERHEAD + recordSize(record, null, keyLength, valueLength)
    const tooLarge = recordTooLarge(producer, size)
    if (tooLarge !== null) return tooLarge
    const allocatedBytes = Math.max(batchSize, size)
    if (producer.bufferUsedBytes + allocatedBytes > configs['buffer.memory']) return 'noMemory'
    if (last !== null) last.closed = true
    producer.bufferUsedBytes += allocatedBytes
    producer.liveBatchCreatedAtMs.push(nowMs)
    deque.push({
      batchId: nextBatchId(),
      topic: record.topic,
      partition,
      records: [record],
      createdAtMs: nowMs,
      sizeInBytes: size,
      asciiOnly: ascii,
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
      draw!,
    )
  }
  return partition
}

const STICKY: PartitionChoice = { kind: 'sticky' }

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
