/**
 * The producer's built-in "uniform sticky" partitioner for records without a usable key
 * (KIP-794, Kafka 3.3+; clients/producer/internals/BuiltInPartitioner.java and the calls to it in
 * RecordAccumulator#append / #partitionReady).
 *
 * The producer sticks to one partition until at least `batch.size` bytes went to it, then picks
 * the next one at random. The switch waits for a batch boundary (every queued batch of the current
 * partition is full or sent) so it does not leave a small tail batch behind, but happens anyway
 * once `2 × batch.size` bytes went to the partition.
 *
 * Adaptive partitioning (`partitioner.adaptive.partitioning.enable`, on by default) is implemented
 * as in Kafka: the random pick is weighted against partitions with more queued batches, using the
 * cumulative frequency table of `updatePartitionLoadStats`. The caller decides which partitions are
 * excluded by `partitioner.availability.timeout.ms` (that needs the node latency stats of the
 * accumulator) and passes the resulting queue sizes in; after each ready check (Kafka's
 * `partitionReady`) it stores `partitionLoadStatsFor(...)` in `state.loadStats`.
 *
 * Pure state machine: the state is plain data, each function returns a new state, and randomness
 * comes in as `draw(bound)` (e.g. `(bound) => nextInt(rng, bound)` on the producer's RNG stream).
 * Kafka draws `Utils.toPositive(ThreadLocalRandom.nextInt()) % bound`; drawing an integer in
 * [0, bound) directly gives the same distribution (up to Kafka's negligible modulo bias).
 */
import { assert } from '../assert'

/** An integer in [0, boundExclusive), from a seeded PRNG. */
export type DrawInt = (boundExclusive: number) => number

/** What the partitioner needs to know about the topic from the producer's metadata. */
export interface StickyTopicMetadata {
  /** Number of partitions of the topic. */
  readonly partitionCount: number
  /** Partitions whose leader is known (`Cluster#availablePartitionsForTopic`), ascending. */
  readonly availablePartitions: readonly number[]
}

/**
 * `BuiltInPartitioner.PartitionLoadStats`: a cumulative frequency table over the partitions that
 * may be picked, built from their queue sizes (fewer queued batches = more likely).
 */
export interface PartitionLoadStats {
  readonly cumulativeFrequencyTable: readonly number[]
  readonly partitionIds: readonly number[]
}

/** Per-topic state of the built-in partitioner (`StickyPartitionInfo` + load stats). */
export interface StickyPartitionState {
  /** The current sticky partition; null until the first record without partition affinity. */
  readonly partition: number | null
  /** Bytes appended to the current sticky partition since it was picked. */
  readonly producedBytes: number
  /** Adaptive-partitioning stats; null = uniform choice among available partitions. */
  readonly loadStats: PartitionLoadStats | null
}

export function createStickyPartitionState(): StickyPartitionState {
  return { partition: null, producedBytes: 0, loadStats: null }
}

/**
 * `BuiltInPartitioner#nextPartition`: a uniform pick among available partitions (or among all
 * partitions if none is available), or a weighted pick when load stats exist.
 */
export function nextStickyPartition(
  loadStats: PartitionLoadStats | null,
  topic: StickyTopicMetadata,
  draw: DrawInt,
): number {
  assert(topic.partitionCount > 0, 'a topic has at least one partition')
  if (loadStats === null) {
    const available = topic.availablePartitions
    if (available.length > 0) return available[draw(available.length)]!
    return draw(topic.partitionCount)
  }
  const table = loadStats.cumulativeFrequencyTable
  const total = table[table.length - 1]
  assert(total !== undefined && total > 0, 'load stats cover at least one partition')
  const weightedRandom = draw(total)
  // The index of the first entry strictly greater than weightedRandom (Kafka uses
  // Arrays.binarySearch and takes `abs(result + 1)`, which lands on the same index).
  let low = 0
  let high = table.length - 1
  while (low < high) {
    const mid = (low + high) >>> 1
    if (table[mid]! > weightedRandom) high = mid
    else low = mid + 1
  }
  return loadStats.partitionIds[low]!
}

/**
 * `BuiltInPartitioner#peekCurrentPartitionInfo`: the current sticky partition, picking the first
 * one if there is none yet.
 */
export function peekStickyPartition(
  state: StickyPartitionState,
  topic: StickyTopicMetadata,
  draw: DrawInt,
): { readonly state: StickyPartitionState; readonly partition: number } {
  if (state.partition !== null) return { state, partition: state.partition }
  const partition = nextStickyPartition(state.loadStats, topic, draw)
  return { state: { ...state, partition, producedBytes: 0 }, partition }
}

/**
 * `BuiltInPartitioner#updatePartitionInfo`: counts `appendedBytes` towards the current partition
 * and switches to a new random partition once `batchSize` bytes went to it and switching is
 * enabled, or unconditionally at `2 × batchSize`.
 *
 * @param enableSwitch RecordAccumulator passes `allBatchesFull(deque)`: true when the partition's
 *   last queued batch is full (or nothing is queued). Switching mid-batch would leave a small batch.
 */
export function updateStickyPartition(
  state: StickyPartitionState,
  appendedBytes: number,
  enableSwitch: boolean,
  batchSize: number,
  topic: StickyTopicMetadata,
  draw: DrawInt,
): StickyPartitionState {
  assert(state.partition !== null, 'update follows a peek')
  assert(appendedBytes >= 0, 'appended bytes are never negative')
  const producedBytes = state.producedBytes + appendedBytes
  if ((producedBytes >= batchSize && enableSwitch) || producedBytes >= batchSize * 2) {
    return {
      ...state,
      partition: nextStickyPartition(state.loadStats, topic, draw),
      producedBytes: 0,
    }
  }
  return { partition: state.partition, producedBytes, loadStats: state.loadStats }
}

/**
 * The partition-selection step of `RecordAccumulator#append` for a record without partition
 * affinity (`peekCurrentPartitionInfo` + `partitionChanged`): peek the sticky partition and, if all
 * its batches are full by now, let a switch deferred by {@link updateStickyPartition} complete.
 *
 * Kafka runs this check twice per append, and so should the caller:
 * 1. before appending to the partition's last batch;
 * 2. if the record did not fit, after closing that batch and before opening a new one. This is
 *    where a deferred switch lands on a batch boundary: if the partition changed, retry the append
 *    from step 1 on the new partition.
 * After appending, call {@link updateStickyPartition} with the appended bytes (the record, plus
 * the batch header for a new batch) and `allBatchesFull` of that partition.
 *
 * @param allBatchesFull Whether the partition's last queued batch is full, or its queue is empty.
 */
export function stickyPartitionForAppend(
  state: StickyPartitionState,
  allBatchesFull: (partition: number) => boolean,
  batchSize: number,
  topic: StickyTopicMetadata,
  draw: DrawInt,
): { readonly state: StickyPartitionState; readonly partition: number } {
  let current = peekStickyPartition(state, topic, draw)
  // Kafka loops until the partition is stable; after one switch producedBytes is 0, so a second
  // switch cannot happen and two rounds always suffice.
  for (let round = 0; round < 2; round++) {
    if (!allBatchesFull(current.partition)) return current
    const updated = updateStickyPartition(current.state, 0, true, batchSize, topic, draw)
    if (updated.partition === current.partition) return { ...current, state: updated }
    current = { state: updated, partition: updated.partition! }
  }
  return current
}

/**
 * `BuiltInPartitioner#updatePartitionLoadStats`: turns the queue sizes (queued batches per
 * partition with a known leader, in `partitionIds` order) into a cumulative frequency table.
 * Returns null, meaning "pick uniformly", when adaptive partitioning has nothing to weigh: fewer
 * than 2 partitions, nothing left to pick, or all queues equal and none excluded.
 *
 * @param queueSizes Queued batches per partition. Its length is the number of partitions with a
 *   batch queue; entries past `length` belong to excluded partitions (Kafka shrinks the logical
 *   length for partitions excluded by `partitioner.availability.timeout.ms`).
 */
export function updatePartitionLoadStats(
  queueSizes: readonly number[],
  partitionIds: readonly number[],
  length: number,
): PartitionLoadStats | null {
  assert(queueSizes.length === partitionIds.length, 'one queue size per partition id')
  assert(length <= queueSizes.length, 'the logical length fits the arrays')
  if (length < 1 || queueSizes.length < 2) return null

  let maxSizePlus1 = queueSizes[0]!
  let allEqual = true
  for (let i = 1; i < length; i++) {
    if (queueSizes[i] !== maxSizePlus1) allEqual = false
    if (queueSizes[i]! > maxSizePlus1) maxSizePlus1 = queueSizes[i]!
  }
  maxSizePlus1++
  if (allEqual && length === queueSizes.length) return null

  // Invert the sizes (a longer queue gets a smaller weight) and fold them into a running sum.
  // Example from Kafka: sizes 0 3 1 → weights 4 1 3 → table 4 5 8.
  const table: number[] = []
  for (let i = 0; i < length; i++) {
    table.push(maxSizePlus1 - queueSizes[i]! + (i > 0 ? table[i - 1]! : 0))
  }
  return { cumulativeFrequencyTable: table, partitionIds: partitionIds.slice(0, length) }
}

/** One partition's queue as `RecordAccumulator#partitionReady` sees it. */
export interface PartitionQueueLoad {
  readonly partition: number
  /** Batches queued for the partition (the deque size). */
  readonly queuedBatches: number
  /** False when the producer's metadata knows no leader for the partition. */
  readonly leaderKnown: boolean
  /**
   * True when `partitioner.availability.timeout.ms > 0` and the leader's node has not drained
   * (sent) for longer than that timeout: the partition is left out of the random pick.
   */
  readonly excludedAsUnavailable: boolean
}

/**
 * Load stats as `RecordAccumulator#partitionReady` computes them for one topic. Adaptive
 * partitioning starts only once every partition of the topic has a batch queue (`queues` covers
 * them all); partitions without a leader are left out; excluded ones shorten the logical length.
 *
 * @param queues One entry per partition that has a batch queue, in partition order.
 */
export function partitionLoadStatsFor(
  queues: readonly PartitionQueueLoad[],
  partitionCount: number,
  adaptivePartitioningEnabled: boolean,
): PartitionLoadStats | null {
  if (!adaptivePartitioningEnabled || queues.length < partitionCount) return null
  const withLeader = queues.filter((queue) => queue.leaderKnown)
  // Kafka writes excluded partitions into the arrays and then overwrites them with the next
  // partition (it decrements the index); keeping the included ones first gives the same table.
  // Kafka skips an empty queue before its exclusion check, so an idle partition is never excluded.
  const isExcluded = (queue: PartitionQueueLoad): boolean =>
    queue.excludedAsUnavailable && queue.queuedBatches > 0
  const included = withLeader.filter((queue) => !isExcluded(queue))
  const excluded = withLeader.filter(isExcluded)
  const ordered = [...included, ...excluded]
  // `queueSizes.length` is the number of queues (including leaderless ones) in Kafka.
  const queueSizes = ordered.map((queue) => queue.queuedBatches)
  const partitionIds = ordered.map((queue) => queue.partition)
  while (queueSizes.length < queues.length) {
    queueSizes.push(0)
    partitionIds.push(-1)
  }
  return updatePartitionLoadStats(queueSizes, partitionIds, included.length)
}
