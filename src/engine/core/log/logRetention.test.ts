/**
 * Goal: retention deletes exactly what Kafka 4.0 deletes (KAFKA_SPEC §1.5, scenario L-7): whole
 * segments, oldest first, stopping at the first that may not go, never data at or above the high
 * watermark, rolling first when even the active segment must go; then `.deleted` files vanish
 * after `file.delete.delay.ms`.
 * Method: build the L-3 log (3000 × 1000-byte batches, 1 MiB segments) and run retention passes
 * with different `retention.bytes`, `retention.ms` and high watermarks; check segments, log start
 * offset, remaining size, the files in the store and the leader-epoch cache.
 */
import { describe, expect, test } from 'vitest'
import type { LogConfigOverrides } from './logConfig'
import { deleteFilesPendingDeletion, deleteOldSegments } from './logRetention'
import { readLog } from './logRead'
import { maybeIncrementLogStartOffset } from './logTruncation'
import { logSizeInBytes } from './partitionLog'
import {
  appendOk,
  appendThousandByteBatches,
  newLog,
  newTestContext,
  smallRecordsBatch,
  T0,
} from './testing/logFixtures'

function l3Log(overrides: LogConfigOverrides = {}) {
  const ctx = newTestContext()
  const log = newLog(ctx, { 'segment.bytes': 1_048_576, ...overrides })
  appendThousandByteBatches(ctx, log, 3000)
  return { ctx, log }
}

const NOW = T0 + 3_000_000

describe('L-7 Size retention', () => {
  test('L-7 retention.bytes 2,000,000: nothing deleted (diff 1,000,000 < first segment 1,048,000)', () => {
    const { ctx, log } = l3Log({ 'retention.bytes': 2_000_000 })
    expect(logSizeInBytes(log)).toBe(3_000_000)
    const result = deleteOldSegments(ctx, log, { nowMs: NOW, highWatermark: 3000 })
    expect(result.deletedSegments).toEqual([])
    expect(log.logStartOffset).toBe(0)
  })

  test('L-7 retention.bytes 1,900,000: segment 0 goes, logStartOffset 1048, 1,952,000 bytes remain', () => {
    const { ctx, log } = l3Log({ 'retention.bytes': 1_900_000 })
    const result = deleteOldSegments(ctx, log, { nowMs: NOW, highWatermark: 3000 })
    expect(result).toEqual({
      deletedSegments: [0],
      reasons: ['retentionSizeBreach'],
      logStartOffset: 1048,
    })
    expect(logSizeInBytes(log)).toBe(1_952_000)
    expect(log.segments.map((s) => s.baseOffset)).toEqual([1048, 2096])
    const fetched = readLog(ctx, log, {
      fetchOffset: 1000,
      maxBytes: 1000,
      maxOffset: 3000,
      minOneMessage: true,
    })
    expect(fetched.ok || fetched.error.error).toBe('OFFSET_OUT_OF_RANGE')
  })

  test('L-7 retention.bytes 0: all three deletable → roll to an empty segment at 3000, logStartOffset 3000', () => {
    const { ctx, log } = l3Log({ 'retention.bytes': 0 })
    const result = deleteOldSegments(ctx, log, { nowMs: NOW, highWatermark: 3000 })
    expect(result.deletedSegments).toEqual([0, 1048, 2096])
    expect(log.logStartOffset).toBe(3000)
    expect(log.segments.map((s) => [s.baseOffset, s.sizeBytes])).toEqual([[3000, 0]])
    expect(log.logEndOffset).toBe(3000)
    // The leader-epoch cache follows the log start offset.
    expect(log.leaderEpochCache).toEqual([{ epoch: 0, startOffset: 3000 }])
  })

  test('data at or above the high watermark is never deleted', () => {
    const { ctx, log } = l3Log({ 'retention.bytes': 0 })
    const result = deleteOldSegments(ctx, log, { nowMs: NOW, highWatermark: 2000 })
    expect(result.deletedSegments).toEqual([0])
    expect(log.logStartOffset).toBe(1048)
  })
})

describe('time retention', () => {
  test('a segment goes when now − its newest timestamp > retention.ms (strictly), oldest first', () => {
    const { ctx, log } = l3Log({ 'retention.ms': 1_000_000 })
    // Segment 0's newest record is T0 + 1,047,000.
    expect(
      deleteOldSegments(ctx, log, { nowMs: T0 + 2_047_000, highWatermark: 3000 }).deletedSegments,
    ).toEqual([])
    const result = deleteOldSegments(ctx, log, { nowMs: T0 + 2_047_001, highWatermark: 3000 })
    expect(result).toMatchObject({
      deletedSegments: [0],
      reasons: ['retentionMsBreach'],
      logStartOffset: 1048,
    })
  })

  test('an expired non-empty active segment is rolled, then deleted; an empty one stays', () => {
    const ctx = newTestContext()
    const log = newLog(ctx, { 'retention.ms': 60_000 })
    appendOk(ctx, log, smallRecordsBatch(3, T0), { nowMs: T0 })
    const result = deleteOldSegments(ctx, log, { nowMs: T0 + 60_001, highWatermark: 3 })
    expect(result.deletedSegments).toEqual([0])
    expect(log.segments.map((s) => s.baseOffset)).toEqual([3])
    expect(log.logStartOffset).toBe(3)
    expect(
      deleteOldSegments(ctx, log, { nowMs: T0 + 999_999_999, highWatermark: 3 }).deletedSegments,
    ).toEqual([])
  })

  test('the scan stops at the first segment that may not go: no holes', () => {
    const ctx = newTestContext()
    // [3.x] tiny segments so that every batch gets its own segment.
    const log = newLog(ctx, { 'segment.bytes': 100, 'retention.ms': 10_000 }, T0, '3.x')
    appendOk(ctx, log, smallRecordsBatch(1, T0), { nowMs: T0 })
    appendOk(ctx, log, smallRecordsBatch(1, T0 + 50_000), { nowMs: T0 + 50_000 })
    appendOk(ctx, log, smallRecordsBatch(1, T0 + 1_000), { nowMs: T0 + 50_000 })
    expect(log.segments.map((s) => s.baseOffset)).toEqual([0, 1, 2])
    // Segments 0 and 2 are expired, 1 is not: only 0 goes.
    const result = deleteOldSegments(ctx, log, { nowMs: T0 + 55_000, highWatermark: 3 })
    expect(result.deletedSegments).toEqual([0])
    expect(log.segments.map((s) => s.baseOffset)).toEqual([1, 2])
  })
})

test('deleted segments are renamed .deleted and removed after file.delete.delay.ms', () => {
  const { ctx, log } = l3Log({ 'retention.bytes': 1_900_000, 'file.delete.delay.ms': 60_000 })
  deleteOldSegments(ctx, log, { nowMs: NOW, highWatermark: 3000 })
  const names = () =>
    ctx.store.list('broker-1/t-0').filter((n) => n.startsWith('00000000000000000000'))
  expect(names()).toEqual([
    '00000000000000000000.index.deleted',
    '00000000000000000000.log.deleted',
    '00000000000000000000.timeindex.deleted',
  ])
  expect(deleteFilesPendingDeletion(ctx, log, NOW + 59_999)).toEqual([])
  expect(deleteFilesPendingDeletion(ctx, log, NOW + 60_000).length).toBe(3)
  expect(names()).toEqual([])
  expect(log.filesPendingDeletion).toEqual([])
})

test('DeleteRecords moves the log start offset up to the HW; retention then drops whole segments below it', () => {
  const { ctx, log } = l3Log()
  const tooFar = maybeIncrementLogStartOffset(ctx, log, 2500, 2000)
  expect(tooFar.ok || tooFar.error.error).toBe('OFFSET_OUT_OF_RANGE')
  expect(maybeIncrementLogStartOffset(ctx, log, 1500, 3000)).toEqual({ ok: true, updated: true })
  expect(log.logStartOffset).toBe(1500)
  expect(log.leaderEpochCache).toEqual([{ epoch: 0, startOffset: 1500 }])
  const result = deleteOldSegments(ctx, log, { nowMs: NOW, highWatermark: 3000 })
  expect(result).toMatchObject({ deletedSegments: [0], reasons: ['logStartOffsetBreach'] })
  // The segment holding the log start offset stays; the log start offset does not move back.
  expect(log.logStartOffset).toBe(1500)
})
