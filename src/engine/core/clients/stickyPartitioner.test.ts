/**
 * Goal: records without a key are partitioned like Kafka 3.3+'s uniform sticky partitioner
 * (SCENARIOS P-3), including the batch-boundary switch and adaptive weighting.
 * Method: unit tests of each BuiltInPartitioner step, then a small accumulator model that follows
 * RecordAccumulator#append's call order (peek, append or close-and-recheck, update) with a seeded
 * PRNG, driven with P-3's workload: 100-byte values, batch.size 16384, 3 partitions.
 */
import { describe, expect, test } from 'vitest'
import { createRng, nextInt } from '../rng'
import { choosePartition } from './choosePartition'
import {
  createStickyPartitionState,
  nextStickyPartition,
  partitionLoadStatsFor,
  peekStickyPartition,
  stickyPartitionForAppend,
  updatePartitionLoadStats,
  updateStickyPartition,
  type DrawInt,
  type StickyPartitionState,
  type StickyTopicMetadata,
} from './stickyPartitioner'

const BATCH_SIZE = 16384
const RECORD_BATCH_OVERHEAD = 61 // DefaultRecordBatch header: counted when a new batch starts
const RECORD_BYTES = 109 // a record with null key and a 100-byte value, no headers
const THREE_PARTITIONS: StickyTopicMetadata = { partitionCount: 3, availablePartitions: [0, 1, 2] }

function seededDraw(seed: number): DrawInt {
  const rng = createRng(seed)
  return (bound) => nextInt(rng, bound)
}

/** A scripted draw: returns the given values in turn (each must be below its bound). */
function scriptedDraw(values: number[]): DrawInt {
  return (bound) => {
    const value = values.shift()
    if (value === undefined || value >= bound) throw new Error(`unexpected draw (bound ${bound})`)
    return value
  }
}

interface Batch {
  bytes: number
  records: number
  closed: boolean
}

/**
 * RecordAccumulator#append for records without partition affinity, in Kafka's order. The sender
 * is modelled as sending every closed batch at once; the open batch waits for linger.ms.
 */
function createAccumulator(topic: StickyTopicMetadata, draw: DrawInt) {
  let state: StickyPartitionState = createStickyPartitionState()
  const queues = new Map<number, Batch[]>()
  const queue = (partition: number): Batch[] => {
    let batches = queues.get(partition)
    if (batches === undefined) queues.set(partition, (batches = []))
    return batches
  }
  const allBatchesFull = (partition: number): boolean => {
    const last = queue(partition).at(-1)
    return last === undefined || last.closed || last.bytes >= BATCH_SIZE
  }
  const drainClosed = (partition: number): void => {
    queues.set(
      partition,
      queue(partition).filter((batch) => !batch.closed),
    )
  }

  return {
    queues,
    state: () => state,
    /** Appends one record and returns the partition and whether it opened a new batch. */
    append(recordBytes: number): { partition: number; newBatch: boolean } {
      for (;;) {
        const picked = stickyPartitionForAppend(state, allBatchesFull, BATCH_SIZE, topic, draw)
        state = picked.state
        const batches = queue(picked.partition)
        const last = batches.at(-1)
        if (last !== undefined && !last.closed && last.bytes + recordBytes <= BATCH_SIZE) {
          last.bytes += recordBytes
          last.records++
          state = updateStickyPartition(
            state,
            recordBytes,
            allBatchesFull(picked.partition),
            BATCH_SIZE,
            topic,
            draw,
          )
          return { partition: picked.partition, newBatch: false }
        }
        if (last !== undefined) last.closed = true // tryAppend failed: closeForRecordAppends
        // Second partitionChanged check, now that the last batch is full: a deferred switch happens
        // here, exactly at the batch boundary, and the append is retried on the new partition.
        const rechecked = stickyPartitionForAppend(state, allBatchesFull, BATCH_SIZE, topic, draw)
        state = rechecked.state
        drainClosed(picked.partition)
        if (rechecked.partition !== picked.partition) continue
        queue(picked.partition).push({
          bytes: RECORD_BATCH_OVERHEAD + recordBytes,
          records: 1,
          closed: false,
        })
        state = updateStickyPartition(
          state,
          RECORD_BATCH_OVERHEAD + recordBytes,
          allBatchesFull(picked.partition),
          BATCH_SIZE,
          topic,
          draw,
        )
        return { partition: picked.partition, newBatch: true }
      }
    },
  }
}

describe('P-3 null keys are sticky, not round-robin', () => {
  test('P-3 ten 100-byte records back-to-back go to one partition, in one batch', () => {
    const accumulator = createAccumulator(THREE_PARTITIONS, seededDraw(7))
    const placed = Array.from({ length: 10 }, () => accumulator.append(RECORD_BYTES))
    const partitions = new Set(placed.map((p) => p.partition))
    expect(partitions.size).toBe(1)
    expect(placed.filter((p) => p.newBatch)).toHaveLength(1)
    const [partition] = partitions
    expect(accumulator.queues.get(partition!)).toEqual([
      { bytes: RECORD_BATCH_OVERHEAD + 10 * RECORD_BYTES, records: 10, closed: false },
    ])
  })

  test('P-3 the partition changes only after ≥ batch.size bytes, at a batch boundary', () => {
    const accumulator = createAccumulator(THREE_PARTITIONS, seededDraw(11))
    let stintBytes = 0
    let previous: number | null = null
    let boundarySwitches = 0
    for (let i = 0; i < 3000; i++) {
      const placed = accumulator.append(RECORD_BYTES)
      if (previous !== null && placed.partition !== previous) {
        expect(stintBytes).toBeGreaterThanOrEqual(BATCH_SIZE)
        // Either the old partition's batch was closed and sent (a boundary), or 2 × batch.size
        // went to it and the switch was forced mid-batch.
        const leftOpenBatch = (accumulator.queues.get(previous) ?? []).length > 0
        if (leftOpenBatch) expect(stintBytes).toBeGreaterThanOrEqual(2 * BATCH_SIZE)
        else boundarySwitches++
        stintBytes = 0
      }
      stintBytes += placed.newBatch ? RECORD_BATCH_OVERHEAD + RECORD_BYTES : RECORD_BYTES
      previous = placed.partition
    }
    expect(boundarySwitches).toBeGreaterThanOrEqual(3)
  })

  test('P-3 over 30,000 records each of 3 partitions gets roughly a third', () => {
    const accumulator = createAccumulator(THREE_PARTITIONS, seededDraw(20261122))
    const counts = [0, 0, 0]
    for (let i = 0; i < 30_000; i++) counts[accumulator.append(RECORD_BYTES).partition]!++
    for (const count of counts) {
      expect(count).toBeGreaterThan(30_000 * 0.25)
      expect(count).toBeLessThan(30_000 * 0.42)
    }
  })

  test('P-3 the same seed gives the same partitions (no hidden randomness)', () => {
    const run = (): number[] => {
      const accumulator = createAccumulator(THREE_PARTITIONS, seededDraw(99))
      return Array.from({ length: 2000 }, () => accumulator.append(RECORD_BYTES).partition)
    }
    expect(run()).toEqual(run())
  })

  test('P-3 an empty-string key is not null: "" → partition 0 of 3 by murmur2', () => {
    const choice = choosePartition(
      { topic: 't', partition: null, key: '', value: 'v' },
      {
        partitionCount: 3,
        availablePartitions: [0, 1, 2],
        partitionerIgnoreKeys: false,
        customPartitioner: null,
        maxBlockMs: 60000,
      },
    )
    expect(choice).toEqual({ kind: 'keyHash', partition: 0 })
  })
})

describe('BuiltInPartitioner steps', () => {
  test('P-3 updatePartitionInfo switches at batch.size only when enabled, always at 2×', () => {
    const draw = scriptedDraw([2, 0])
    let state = peekStickyPartition(createStickyPartitionState(), THREE_PARTITIONS, draw).state
    expect(state.partition).toBe(2)
    state = updateStickyPartition(state, BATCH_SIZE, false, BATCH_SIZE, THREE_PARTITIONS, draw)
    expect(state).toMatchObject({ partition: 2, producedBytes: BATCH_SIZE }) // deferred
    state = updateStickyPartition(state, BATCH_SIZE - 1, false, BATCH_SIZE, THREE_PARTITIONS, draw)
    expect(state.partition).toBe(2) // 32767 < 2 × batch.size
    state = updateStickyPartition(state, 1, false, BATCH_SIZE, THREE_PARTITIONS, draw)
    expect(state).toMatchObject({ partition: 0, producedBytes: 0 }) // forced at 32768
  })

  test('P-3 a deferred switch completes before the next append once all batches are full', () => {
    const draw = scriptedDraw([1, 2])
    let state = peekStickyPartition(createStickyPartitionState(), THREE_PARTITIONS, draw).state
    state = updateStickyPartition(state, BATCH_SIZE + 5, false, BATCH_SIZE, THREE_PARTITIONS, draw)
    expect(state.partition).toBe(1)
    const notFull = stickyPartitionForAppend(state, () => false, BATCH_SIZE, THREE_PARTITIONS, draw)
    expect(notFull.partition).toBe(1)
    const full = stickyPartitionForAppend(state, () => true, BATCH_SIZE, THREE_PARTITIONS, draw)
    expect(full.partition).toBe(2)
    expect(full.state).toMatchObject({ partition: 2, producedBytes: 0 })
  })

  test('P-3 the next partition is drawn among available partitions, or all if none is', () => {
    const oneAvailable: StickyTopicMetadata = { partitionCount: 3, availablePartitions: [1] }
    expect(nextStickyPartition(null, oneAvailable, scriptedDraw([0]))).toBe(1)
    const noneAvailable: StickyTopicMetadata = { partitionCount: 3, availablePartitions: [] }
    expect(nextStickyPartition(null, noneAvailable, scriptedDraw([2]))).toBe(2)
  })
})

describe('adaptive partitioning (partitioner.adaptive.partitioning.enable)', () => {
  test('P-3 Kafka example: queue sizes 0 3 1 → weights 4 1 3 → table 4 5 8', () => {
    const stats = updatePartitionLoadStats([0, 3, 1], [0, 1, 2], 3)
    expect(stats).toEqual({ cumulativeFrequencyTable: [4, 5, 8], partitionIds: [0, 1, 2] })
    // Draws 0..3 map to partition 0, 4 to partition 1, 5..7 to partition 2.
    const picks = [0, 1, 2, 3, 4, 5, 6, 7].map((r) =>
      nextStickyPartition(stats, THREE_PARTITIONS, scriptedDraw([r])),
    )
    expect(picks).toEqual([0, 0, 0, 0, 1, 2, 2, 2])
  })

  test('P-3 no weighting when queues are equal, or fewer than 2 partitions', () => {
    expect(updatePartitionLoadStats([2, 2, 2], [0, 1, 2], 3)).toBeNull()
    expect(updatePartitionLoadStats([5], [0], 1)).toBeNull()
    expect(updatePartitionLoadStats([1, 1], [0, 1], 0)).toBeNull()
    // Equal queues but one partition excluded: still weighted over the remaining ones.
    expect(updatePartitionLoadStats([2, 2, 2], [0, 2, 1], 2)).toEqual({
      cumulativeFrequencyTable: [1, 2],
      partitionIds: [0, 2],
    })
  })

  test('P-3 partitionReady: leaderless partitions left out, busy unavailable ones excluded', () => {
    const queue = (partition: number, queuedBatches: number, extra: object = {}) => ({
      partition,
      queuedBatches,
      leaderKnown: true,
      excludedAsUnavailable: false,
      ...extra,
    })
    // Not every partition has a queue yet: uniform.
    expect(partitionLoadStatsFor([queue(0, 1), queue(1, 0)], 3, true)).toBeNull()
    expect(partitionLoadStatsFor([queue(0, 1), queue(1, 0), queue(2, 4)], 3, false)).toBeNull()
    expect(partitionLoadStatsFor([queue(0, 1), queue(1, 0), queue(2, 4)], 3, true)).toEqual({
      cumulativeFrequencyTable: [4, 9, 10],
      partitionIds: [0, 1, 2],
    })
    expect(
      partitionLoadStatsFor(
        [queue(0, 1), queue(1, 0, { leaderKnown: false }), queue(2, 1)],
        3,
        true,
      ),
    ).toEqual({ cumulativeFrequencyTable: [1, 2], partitionIds: [0, 2] })
    expect(
      partitionLoadStatsFor(
        [queue(0, 1), queue(1, 2, { excludedAsUnavailable: true }), queue(2, 1)],
        3,
        true,
      ),
    ).toEqual({ cumulativeFrequencyTable: [1, 2], partitionIds: [0, 2] })
    // An idle partition is never excluded (Kafka skips empty queues before the check).
    expect(
      partitionLoadStatsFor(
        [queue(0, 1), queue(1, 0, { excludedAsUnavailable: true }), queue(2, 1)],
        3,
        true,
      ),
    ).toEqual({ cumulativeFrequencyTable: [1, 3, 4], partitionIds: [0, 1, 2] })
  })

  test('P-3 weighted picks favour the partition with the shortest queue', () => {
    const stats = updatePartitionLoadStats([0, 9, 9], [0, 1, 2], 3)
    const draw = seededDraw(5)
    const counts = [0, 0, 0]
    for (let i = 0; i < 3000; i++) counts[nextStickyPartition(stats, THREE_PARTITIONS, draw)]!++
    expect(counts[0]).toBeGreaterThan(counts[1]! * 5)
    expect(counts[0]).toBeGreaterThan(counts[2]! * 5)
  })
})
