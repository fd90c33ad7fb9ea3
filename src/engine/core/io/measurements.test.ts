/**
 * Goal: the measurement plan is small enough for CI at 'small', covers every chart of the page,
 * and results fold into chart data in a stable order whatever order they arrive in.
 * Method: inspect the plans and their task lists; add results in shuffled order and compare.
 */
import { describe, expect, test } from 'vitest'
import {
  MEASUREMENT_SIZES,
  addResult,
  compressionRatio,
  emptyResults,
  measurementPlan,
  megabytesPerSecond,
  microsecondsPerCall,
  planTasks,
  type MeasurementResult,
} from './measurements'

describe('plans', () => {
  test('every size measures every chart; larger sizes write more', () => {
    const totals = MEASUREMENT_SIZES.map((size) => {
      const plan = measurementPlan(size)
      const kinds = new Set(planTasks(plan).map((t) => t.kind))
      expect([...kinds].sort()).toEqual(
        [
          'batchSize',
          'batched',
          'compression',
          'partitions',
          'random',
          'sequential',
          'unbatched',
        ].sort(),
      )
      return plan.sequentialVsRandom.totalBytes + plan.batchSize.totalBytes
    })
    expect(totals).toEqual([...totals].sort((a, b) => a - b))
  })

  test('small writes a few tens of MB at most (it runs in CI, in an incognito OPFS)', () => {
    const plan = measurementPlan('small')
    const written =
      2 * plan.sequentialVsRandom.totalBytes +
      plan.batchSize.totalBytes * plan.batchSize.writeBytes.length +
      plan.partitions.totalBytes * plan.partitions.fileCounts.length
    expect(written).toBeLessThan(32 * 1024 * 1024)
    expect(planTasks(plan)).toHaveLength(4 + 7 + 4 + 4)
  })
})

describe('figures', () => {
  test('MB/s, µs per call and ratio', () => {
    expect(megabytesPerSecond(2_000_000, 1_000)).toBe(2)
    expect(microsecondsPerCall({ bytes: 100, calls: 4, ms: 2 })).toBe(500)
    const timing = {
      batchBytes: 16_384,
      batches: 1,
      inputBytes: 500,
      outputBytes: 100,
      compressMs: 1,
      decompressMs: 1,
    }
    expect(compressionRatio(timing)).toBe(5)
  })

  test('results land in a stable order whatever order they arrive in', () => {
    const timing = { bytes: 1, calls: 1, ms: 1 }
    const results: MeasurementResult[] = [
      { kind: 'batchSize', writeBytes: 4096, timing },
      { kind: 'partitions', files: 16, timing },
      { kind: 'batchSize', writeBytes: 256, timing },
      { kind: 'compression', codec: 'zstd', byBatchSize: [], roundTripOk: true },
      { kind: 'partitions', files: 1, timing },
      { kind: 'compression', codec: 'gzip', byBatchSize: [], roundTripOk: true },
      { kind: 'sequential', timing },
    ]
    const forward = results.reduce(addResult, emptyResults())
    const backward = [...results].reverse().reduce(addResult, emptyResults())
    expect(backward).toEqual(forward)
    expect(forward.batchSize.map((p) => p.writeBytes)).toEqual([256, 4096])
    expect(forward.compression.map((c) => c.codec)).toEqual(['gzip', 'zstd'])
    expect(forward.partitions.map((p) => p.files)).toEqual([1, 16])
    expect(forward.sequential).toEqual(timing)
  })
})
