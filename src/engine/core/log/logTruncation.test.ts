/**
 * Goal: follower truncation behaves like `UnifiedLog.truncateTo` / `truncateFullyAndStartAt`:
 * later segments are deleted, the segment holding the target is cut at the batch containing it,
 * indexes and the newest timestamp are re-derived, and the log appends normally afterwards.
 * Method: truncate the 3000-batch L-3 log at offsets inside the active segment, inside an older
 * segment, and below the first segment, then check files, indexes, offsets, epochs and that a
 * re-append lands where a fresh log would put it.
 */
import { expect, test } from 'vitest'
import { readOffsetIndex, readTimeIndex } from './logView'
import { appendAsFollower } from './logAppend'
import { readLog } from './logRead'
import { truncateFullyAndStartAt, truncateTo } from './logTruncation'
import { decodeRecordBatches } from './recordBatchReader'
import {
  appendOk,
  appendThousandByteBatches,
  newLog,
  newTestContext,
  T0,
  thousandByteBatch,
} from './testing/logFixtures'

function l3Log() {
  const ctx = newTestContext()
  const log = newLog(ctx, { 'segment.bytes': 1_048_576 })
  appendThousandByteBatches(ctx, log, 1048 + 1048, 0)
  appendThousandByteBatches(ctx, log, 904, 1)
  return { ctx, log }
}

test('truncateTo inside an older segment deletes later segments and cuts at the batch', () => {
  const { ctx, log } = l3Log()
  expect(log.leaderEpochCache).toEqual([
    { epoch: 0, startOffset: 0 },
    { epoch: 1, startOffset: 2096 },
  ])
  expect(truncateTo(ctx, log, 1500, T0 + 5_000_000)).toBe(true)
  expect(log.segments.map((s) => [s.baseOffset, s.sizeBytes])).toEqual([
    [0, 1_048_000],
    [1048, 452_000],
  ])
  expect(log.logEndOffset).toBe(1500)
  expect(log.recoveryPoint).toBe(1500)
  expect(log.leaderEpochCache).toEqual([{ epoch: 0, startOffset: 0 }])
  // Index entries ≥ 1500 are gone; the newest timestamp is re-derived from what is left.
  expect(readOffsetIndex(ctx, log, 1048).at(-1)).toEqual({ offset: 1498, position: 450_000 })
  expect(readTimeIndex(ctx, log, 1048).at(-1)).toEqual({ timestamp: T0 + 1_498_000, offset: 1498 })
  expect(log.segments[1]!.maxTimestampSoFar).toBe(T0 + 1_499_000)
  expect(ctx.store.list('broker-1/t-0').filter((n) => n.includes('2096'))).toEqual([
    '00000000000000002096.index.deleted',
    '00000000000000002096.log.deleted',
    '00000000000000002096.timeindex.deleted',
  ])
  // Appending continues at 1500 and indexes like a fresh log.
  appendThousandByteBatches(ctx, log, 10, 2)
  expect(log.logEndOffset).toBe(1510)
  const read = readLog(ctx, log, {
    fetchOffset: 1499,
    maxBytes: 3000,
    maxOffset: 1510,
    minOneMessage: true,
  })
  const batches = read.ok ? decodeRecordBatches(read.info.records) : null
  expect(batches?.ok && batches.value.map((b) => [b.baseOffset, b.partitionLeaderEpoch])).toEqual([
    [1499, 0],
    [1500, 2],
    [1501, 2],
  ])
})

test('truncateTo at or beyond the log end removes nothing but drops a dangling epoch', () => {
  const ctx = newTestContext()
  const log = newLog(ctx)
  appendOk(ctx, log, thousandByteBatch(T0), { nowMs: T0, leaderEpoch: 0 })
  log.leaderEpochCache.push({ epoch: 5, startOffset: 1 })
  expect(truncateTo(ctx, log, 1, T0)).toBe(false)
  expect(log.leaderEpochCache).toEqual([{ epoch: 0, startOffset: 0 }])
})

test('truncateTo below the first segment truncates fully and starts there', () => {
  const ctx = newTestContext()
  const log = newLog(ctx, {}, T0)
  truncateFullyAndStartAt(ctx, log, 100, T0)
  appendOk(ctx, log, thousandByteBatch(T0), { nowMs: T0 })
  expect(truncateTo(ctx, log, 50, T0)).toBe(true)
  expect(log).toMatchObject({ logStartOffset: 50, logEndOffset: 50, leaderEpochCache: [] })
  expect(log.segments.map((s) => s.baseOffset)).toEqual([50])
})

test('truncateFullyAndStartAt: a follower behind the leader log start restarts at it', () => {
  const { ctx, log } = l3Log()
  truncateFullyAndStartAt(ctx, log, 5000, T0 + 5_000_000)
  expect(log).toMatchObject({ logStartOffset: 5000, logEndOffset: 5000, leaderEpochCache: [] })
  expect(log.segments.map((s) => [s.baseOffset, s.sizeBytes])).toEqual([[5000, 0]])
  const live = ctx.store.list('broker-1/t-0').filter((n) => !n.endsWith('.deleted'))
  expect(live).toEqual([
    '00000000000000005000.index',
    '00000000000000005000.log',
    '00000000000000005000.timeindex',
    'leader-epoch-checkpoint',
  ])
  const batch = thousandByteBatch(T0)
  new DataView(batch.buffer).setBigInt64(0, 5000n)
  new DataView(batch.buffer).setInt32(12, 3)
  const appended = appendAsFollower(ctx, log, batch, T0)
  expect(appended.ok && appended.info.firstOffset).toBe(5000)
  expect(log.leaderEpochCache).toEqual([{ epoch: 3, startOffset: 5000 }])
})
