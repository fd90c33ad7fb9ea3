/**
 * Goal: the partition log rolls, indexes and reads exactly like Kafka 4.0 (KAFKA_SPEC §1.2–§1.3,
 * scenarios L-3, L-4, L-5), as leader and as follower.
 * Method: drive a log over a MemorySegmentStore with producer-built batches, then check the
 * observable values the scenarios list: file names and sizes, index entries, roll points, the
 * file positions a fetch reads (through the IO listener), and decoded fetch responses.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { initCodecs } from './compression'
import { describeSegments, listSegmentBatches, readOffsetIndex, readTimeIndex } from './logView'
import { appendAsFollower } from './logAppend'
import { fetchOffsetByTimestamp, LIST_OFFSETS_TIMESTAMP, readLog } from './logRead'
import { decodeRecordBatches } from './recordBatchReader'
import { encodeRecordBatch } from './recordBatchWriter'
import {
  appendOk,
  appendThousandByteBatches,
  configWith,
  newLog,
  newTestContext,
  smallRecordsBatch,
  T0,
} from './testing/logFixtures'

beforeAll(async () => {
  await initCodecs()
})

function l3Log() {
  const ctx = newTestContext()
  const log = newLog(ctx, { 'segment.bytes': 1_048_576, 'index.interval.bytes': 4096 })
  appendThousandByteBatches(ctx, log, 3000)
  return { ctx, log }
}

describe('L-3 Segment naming and size-based roll', () => {
  const { ctx, log } = l3Log()

  test('L-3 three segments named by 20-digit base offsets, with .index and .timeindex', () => {
    expect(ctx.store.list('broker-1/t-0')).toEqual([
      '00000000000000000000.index',
      '00000000000000000000.log',
      '00000000000000000000.timeindex',
      '00000000000000001048.index',
      '00000000000000001048.log',
      '00000000000000001048.timeindex',
      '00000000000000002096.index',
      '00000000000000002096.log',
      '00000000000000002096.timeindex',
      'leader-epoch-checkpoint',
    ])
  })

  test('L-3 sizes 1,048,000 / 1,048,000 / 904,000; offsets 0–1047, 1048–2095, 2096–2999; LEO 3000', () => {
    expect(describeSegments(log).map((s) => [s.baseOffset, s.sizeBytes])).toEqual([
      [0, 1_048_000],
      [1048, 1_048_000],
      [2096, 904_000],
    ])
    expect(ctx.store.size('broker-1/t-0/00000000000000001048.log')).toBe(1_048_000)
    const lastOffsets = [0, 1048, 2096].map(
      (base) => listSegmentBatches(ctx, log, base).at(-1)!.lastOffset,
    )
    expect(lastOffsets).toEqual([1047, 2095, 2999])
    expect(log.logEndOffset).toBe(3000)
  })

  test('L-3 closed segment 0: offset index 209 entries (1672 bytes) at 5, 10, …, 1045', () => {
    const entries = readOffsetIndex(ctx, log, 0)
    expect(entries.length).toBe(209)
    expect(ctx.store.size('broker-1/t-0/00000000000000000000.index')).toBe(1672)
    expect(entries).toEqual(
      Array.from({ length: 209 }, (_, i) => ({ offset: 5 * (i + 1), position: 5000 * (i + 1) })),
    )
    // Stored as relative offsets: the second segment's first entry holds 5, not 1053.
    const raw = ctx.store.read('broker-1/t-0/00000000000000001048.index', 0, 8)
    expect(Buffer.from(raw).toString('hex')).toBe('0000000500001388')
  })

  test('L-3 closed segment 0: time index 210 entries (2520 bytes) including the roll entry', () => {
    const entries = readTimeIndex(ctx, log, 0)
    expect(entries.length).toBe(210)
    expect(ctx.store.size('broker-1/t-0/00000000000000000000.timeindex')).toBe(2520)
    expect(entries[0]).toEqual({ timestamp: T0 + 5000, offset: 5 })
    expect(entries[208]).toEqual({ timestamp: T0 + 1_045_000, offset: 1045 })
    expect(entries[209]).toEqual({ timestamp: T0 + 1_047_000, offset: 1047 })
  })

  test('L-3 segment 1048 has the same pattern relative to 1048', () => {
    const offsets = readOffsetIndex(ctx, log, 1048)
    expect(offsets.length).toBe(209)
    expect(offsets[0]).toEqual({ offset: 1053, position: 5000 })
    expect(readTimeIndex(ctx, log, 1048).at(-1)).toEqual({
      timestamp: T0 + 2_095_000,
      offset: 2095,
    })
  })

  test('L-3 active segment 2096: 180 index entries (relative 5 … 900), no roll entry yet', () => {
    const offsets = readOffsetIndex(ctx, log, 2096)
    expect(offsets.length).toBe(180)
    expect(offsets.at(-1)).toEqual({ offset: 2096 + 900, position: 900_000 })
    expect(readTimeIndex(ctx, log, 2096).length).toBe(180)
  })

  test('L-3 each roll fsyncs the closed segment: the recovery point is the active base offset', () => {
    expect(log.recoveryPoint).toBe(2096)
  })
})

test('L-3 [3.x] with segment.bytes 1000, 70-byte EX1-size batches roll every 14 batches', () => {
  const ctx = newTestContext()
  const log = newLog(ctx, { 'segment.bytes': 1000 }, T0, '3.x')
  for (let i = 0; i < 30; i++) {
    appendOk(ctx, log, encodeRecordBatch({ records: [{ timestamp: T0, key: 'k', value: 'v' }] }), {
      nowMs: T0,
    })
  }
  expect(log.segments.map((s) => s.baseOffset)).toEqual([0, 14, 28])
  expect(configWith({}, '4.0')['segment.bytes']).toBe(1_073_741_824)
})

test('segment.bytes below 1 MiB is refused in 4.0 with INVALID_CONFIG', async () => {
  const { resolveLogConfig } = await import('./logConfig')
  const refused = resolveLogConfig({ 'segment.bytes': 1000 })
  expect(refused.ok).toBe(false)
  if (!refused.ok) expect(refused.error).toMatchObject({ error: 'INVALID_CONFIG', code: 40 })
  expect(resolveLogConfig({ 'retention.ms': -1 })).toMatchObject({
    ok: true,
    config: { 'retention.ms': null },
  })
})

describe('L-4 Time-based roll uses record timestamps, and only on append', () => {
  test('L-4 r2 rolls (3600001 > 3600000), idle hours roll nothing, r4 rolls (3600002 > 3600000)', () => {
    const ctx = newTestContext()
    const log = newLog(ctx, { 'segment.ms': 3_600_000, 'segment.jitter.ms': 0 })
    const W = T0
    const append = (ts: number, nowMs = ts) =>
      appendOk(ctx, log, smallRecordsBatch(1, ts), { nowMs })
    append(W)
    append(W + 3_600_000)
    expect(log.segments.map((s) => s.baseOffset)).toEqual([0])
    expect(append(W + 3_600_001).rolledToSegment).toBe(2)
    append(W + 3_600_002)
    expect(ctx.store.list('broker-1/t-0').filter((n) => n.endsWith('.log'))).toEqual([
      '00000000000000000000.log',
      '00000000000000000002.log',
    ])
    // Three idle hours: nothing appends, so nothing can roll.
    const wallClock = W + 3_600_002 + 3 * 3_600_000
    expect(log.segments.map((s) => s.baseOffset)).toEqual([0, 2])
    expect(append(W + 7_200_003, wallClock).rolledToSegment).toBe(4)
    expect(log.segments.map((s) => s.baseOffset)).toEqual([0, 2, 4])
  })

  test('a segment whose first batch has no timestamp rolls by wall clock since creation', () => {
    const ctx = newTestContext()
    const log = newLog(ctx, { 'segment.ms': 1000 })
    appendOk(ctx, log, smallRecordsBatch(1, -1), { nowMs: T0 })
    appendOk(ctx, log, smallRecordsBatch(1, -1), { nowMs: T0 + 1000 })
    expect(log.segments.length).toBe(1)
    appendOk(ctx, log, smallRecordsBatch(1, -1), { nowMs: T0 + 1001 })
    expect(log.segments.length).toBe(2)
  })

  test('segment.jitter.ms draws a per-segment jitter from the seeded source', () => {
    const ctx = newTestContext({ randomInt: (bound) => bound - 1 })
    const log = newLog(ctx, { 'segment.ms': 1000, 'segment.jitter.ms': 400 })
    expect(log.segments[0]!.rollJitterMs).toBe(399)
    appendOk(ctx, log, smallRecordsBatch(1, T0), { nowMs: T0 })
    // 602 > 1000 − 399 = 601
    appendOk(ctx, log, smallRecordsBatch(1, T0 + 602), { nowMs: T0 + 602 })
    expect(log.segments.length).toBe(2)
  })
})

describe('roll on a full index and on relative-offset overflow', () => {
  test('a full time index (one slot kept for the roll entry) rolls the segment', () => {
    const ctx = newTestContext()
    // 40 bytes: 5 offset-index slots, 3 time-index slots of which 2 usable.
    const log = newLog(ctx, { 'segment.bytes': 1_048_576, 'segment.index.bytes': 40 })
    appendThousandByteBatches(ctx, log, 30)
    // Entries at 5 and 10 fill the time index; the append of 11 rolls.
    expect(log.segments.map((s) => s.baseOffset)).toEqual([0, 11, 22])
    // The roll entry (T0 + 10000 → 10) is not strictly newer than the last entry: not added.
    expect(readTimeIndex(ctx, log, 0)).toEqual([
      { timestamp: T0 + 5000, offset: 5 },
      { timestamp: T0 + 10_000, offset: 10 },
    ])
  })

  test('offsets beyond baseOffset + 2^31 − 1 roll to a segment at the batch base offset', () => {
    const ctx = newTestContext()
    const log = newLog(ctx)
    const batch = smallRecordsBatch(2, T0)
    const view = new DataView(batch.buffer)
    expect(appendAsFollower(ctx, log, batch, T0).ok).toBe(true)
    view.setBigInt64(0, 2n ** 31n)
    const far = appendAsFollower(ctx, log, batch, T0)
    expect(far.ok && far.info.rolledToSegment).toBe(2 ** 31)
    expect(log.logEndOffset).toBe(2 ** 31 + 2)
  })
})

describe('L-5 Sparse index lookup; whole-batch fetch', () => {
  const { ctx, log } = l3Log()

  function fetchPositions(fetchOffset: number) {
    ctx.ioEvents.length = 0
    const result = readLog(ctx, log, {
      fetchOffset,
      maxBytes: 1,
      maxOffset: 3000,
      minOneMessage: true,
    })
    expect(result.ok).toBe(true)
    const headerReads = ctx.ioEvents
      .filter((e) => e.fileKind === 'log' && e.op === 'read' && e.length === 61)
      .map((e) => e.position)
    return { result, headerReads }
  }

  test('L-5 fetch(7): index floor (5, 5000), scan 5000 → 6000 → 7000, data starts at 7000', () => {
    const { result, headerReads } = fetchPositions(7)
    expect(headerReads).toEqual([5000, 6000, 7000])
    if (!result.ok) return
    expect(result.info.fetchOffsetMetadata).toEqual({
      messageOffset: 7,
      segmentBaseOffset: 0,
      relativePositionInSegment: 7000,
    })
    // minOneMessage: maxBytes 1, still the whole first batch.
    expect(result.info.records.length).toBe(1000)
    const dataRead = ctx.ioEvents.find((e) => e.fileKind === 'log' && e.length === 1000)
    expect(dataRead?.position).toBe(7000)
  })

  test('L-5 fetch(3): no index entry ≤ 3, scan from 0 → position 3000', () => {
    const { result, headerReads } = fetchPositions(3)
    expect(headerReads).toEqual([0, 1000, 2000, 3000])
    expect(result.ok && result.info.fetchOffsetMetadata.relativePositionInSegment).toBe(3000)
  })

  test('L-5 fetch(1047): floor (1045, 1045000) → 1047000; fetch(1048): segment 1048, position 0', () => {
    const at1047 = fetchPositions(1047)
    expect(at1047.headerReads).toEqual([1_045_000, 1_046_000, 1_047_000])
    expect(
      at1047.result.ok && at1047.result.info.fetchOffsetMetadata.relativePositionInSegment,
    ).toBe(1_047_000)
    const at1048 = fetchPositions(1048)
    expect(at1048.result.ok && at1048.result.info.fetchOffsetMetadata).toEqual({
      messageOffset: 1048,
      segmentBaseOffset: 1048,
      relativePositionInSegment: 0,
    })
  })

  test('L-5 a fetch returns whole batches up to maxBytes and stops at the segment end', () => {
    const result = readLog(ctx, log, {
      fetchOffset: 1040,
      maxBytes: 4500,
      maxOffset: 3000,
      minOneMessage: true,
    })
    expect(result.ok && result.info.records.length).toBe(4000)
    const tail = readLog(ctx, log, {
      fetchOffset: 1046,
      maxBytes: 10_000,
      maxOffset: 3000,
      minOneMessage: true,
    })
    const decoded = tail.ok ? decodeRecordBatches(tail.info.records) : null
    expect(decoded?.ok && decoded.value.map((b) => b.baseOffset)).toEqual([1046, 1047])
  })

  test('L-5 multi-record batches: seek(15) gets batch 10–19 first, first record 15, next position 50', () => {
    const fresh = newTestContext()
    const multi = newLog(fresh)
    for (let b = 0; b < 5; b++)
      appendOk(fresh, multi, smallRecordsBatch(10, T0 + b, `b${b}`), { nowMs: T0 + b })
    const result = readLog(fresh, multi, {
      fetchOffset: 15,
      maxBytes: 1_048_576,
      maxOffset: multi.logEndOffset,
      minOneMessage: true,
    })
    expect(result.ok).toBe(true)
    if (!result.ok) return
    const batches = decodeRecordBatches(result.info.records)
    expect(batches.ok).toBe(true)
    if (!batches.ok) return
    expect(batches.value[0]).toMatchObject({ baseOffset: 10, lastOffset: 19 })
    // The consumer drops records below its position.
    const consumed = batches.value.flatMap((b) => b.records).filter((r) => r.offset >= 15)
    expect(consumed[0]!.offset).toBe(15)
    expect(consumed.at(-1)!.offset + 1).toBe(50)
  })
})

describe('fetch offsets and isolation limits', () => {
  const ctx = newTestContext()
  const log = newLog(ctx)
  for (let i = 0; i < 10; i++) appendOk(ctx, log, smallRecordsBatch(1, T0), { nowMs: T0 })

  test('below the log start or above the log end is OFFSET_OUT_OF_RANGE', () => {
    log.logStartOffset = 2
    for (const fetchOffset of [1, 11]) {
      const result = readLog(ctx, log, {
        fetchOffset,
        maxBytes: 1000,
        maxOffset: 10,
        minOneMessage: true,
      })
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error).toMatchObject({ error: 'OFFSET_OUT_OF_RANGE', code: 1 })
    }
    log.logStartOffset = 0
  })

  test('between the high watermark and the log end the answer is empty, not an error', () => {
    for (const fetchOffset of [6, 8, 10]) {
      const result = readLog(ctx, log, {
        fetchOffset,
        maxBytes: 1000,
        maxOffset: 6,
        minOneMessage: true,
      })
      expect(result.ok && result.info.records.length).toBe(0)
    }
  })

  test('the high watermark cuts the response; followers read to the log end', () => {
    const consumer = readLog(ctx, log, {
      fetchOffset: 0,
      maxBytes: 100_000,
      maxOffset: 6,
      minOneMessage: true,
    })
    const decoded = consumer.ok ? decodeRecordBatches(consumer.info.records) : null
    expect(decoded?.ok && decoded.value.map((b) => b.baseOffset)).toEqual([0, 1, 2, 3, 4, 5])
    const follower = readLog(ctx, log, {
      fetchOffset: 4,
      maxBytes: 100_000,
      maxOffset: 10,
      minOneMessage: false,
    })
    const all = follower.ok ? decodeRecordBatches(follower.info.records) : null
    expect(all?.ok && all.value.length).toBe(6)
  })

  test('without minOneMessage a first batch larger than maxBytes is not returned', () => {
    const result = readLog(ctx, log, {
      fetchOffset: 0,
      maxBytes: 10,
      maxOffset: 10,
      minOneMessage: false,
    })
    expect(result.ok && result.info).toMatchObject({
      records: new Uint8Array(0),
      firstEntryIncomplete: true,
    })
  })
})

describe('leader and follower appends', () => {
  test('the leader assigns offsets and stamps its epoch without changing the caller buffer', () => {
    const ctx = newTestContext()
    const log = newLog(ctx)
    appendOk(ctx, log, smallRecordsBatch(3, T0), { nowMs: T0, leaderEpoch: 4 })
    const producerBatch = smallRecordsBatch(2, T0)
    const copy = producerBatch.slice()
    const info = appendOk(ctx, log, producerBatch, { nowMs: T0, leaderEpoch: 4 })
    expect(producerBatch).toEqual(copy)
    expect(info).toMatchObject({
      firstOffset: 3,
      lastOffset: 4,
      recordsCount: 2,
      segmentBaseOffset: 0,
    })
    expect(
      listSegmentBatches(ctx, log, 0).map((b) => [
        b.baseOffset,
        b.lastOffset,
        b.partitionLeaderEpoch,
      ]),
    ).toEqual([
      [0, 2, 4],
      [3, 4, 4],
    ])
    expect(log.leaderEpochCache).toEqual([{ epoch: 4, startOffset: 0 }])
  })

  test('LogAppendTime topics stamp the broker clock into maxTimestamp', () => {
    const ctx = newTestContext()
    const log = newLog(ctx, { 'message.timestamp.type': 'LogAppendTime' })
    const info = appendOk(ctx, log, smallRecordsBatch(2, T0 - 5000), { nowMs: T0 })
    expect(info.logAppendTimeMs).toBe(T0)
    const read = readLog(ctx, log, {
      fetchOffset: 0,
      maxBytes: 10_000,
      maxOffset: 2,
      minOneMessage: true,
    })
    const decoded = read.ok ? decodeRecordBatches(read.info.records) : null
    expect(decoded?.ok && decoded.value[0]!.records.map((r) => r.timestamp)).toEqual([T0, T0])
  })

  test('a follower keeps the leader offsets and epochs and refuses offsets it already has', () => {
    const leaderCtx = newTestContext()
    const leader = newLog(leaderCtx)
    appendOk(leaderCtx, leader, smallRecordsBatch(3, T0), { nowMs: T0, leaderEpoch: 2 })
    appendOk(leaderCtx, leader, smallRecordsBatch(2, T0), { nowMs: T0, leaderEpoch: 3 })
    const fetched = readLog(leaderCtx, leader, {
      fetchOffset: 0,
      maxBytes: 100_000,
      maxOffset: 5,
      minOneMessage: true,
    })
    if (!fetched.ok) throw new Error('fetch failed')

    const followerCtx = newTestContext()
    const follower = newLog(followerCtx)
    const appended = appendAsFollower(followerCtx, follower, fetched.info.records, T0)
    expect(appended.ok && appended.info).toMatchObject({ firstOffset: 0, lastOffset: 4 })
    expect(follower.logEndOffset).toBe(5)
    expect(follower.leaderEpochCache).toEqual([
      { epoch: 2, startOffset: 0 },
      { epoch: 3, startOffset: 3 },
    ])
    expect(followerCtx.store.read('broker-1/t-0/00000000000000000000.log', 0, 10_000)).toEqual(
      leaderCtx.store.read('broker-1/t-0/00000000000000000000.log', 0, 10_000),
    )
    const again = appendAsFollower(followerCtx, follower, fetched.info.records, T0)
    expect(again.ok).toBe(false)
    if (!again.ok) expect(again.unexpectedAppendOffset).toEqual({ firstOffset: 0, lastOffset: 4 })
  })

  test('a follower ignores a torn tail and refuses a corrupt batch', () => {
    const leaderCtx = newTestContext()
    const leader = newLog(leaderCtx)
    appendOk(leaderCtx, leader, smallRecordsBatch(1, T0), { nowMs: T0 })
    appendOk(leaderCtx, leader, smallRecordsBatch(1, T0), { nowMs: T0 })
    const bytes = leaderCtx.store.read('broker-1/t-0/00000000000000000000.log', 0, 100_000)
    const followerCtx = newTestContext()
    const follower = newLog(followerCtx)
    const torn = appendAsFollower(followerCtx, follower, bytes.subarray(0, bytes.length - 5), T0)
    expect(torn.ok && torn.info.lastOffset).toBe(0)
    const corrupt = bytes.slice(0, bytes.length)
    corrupt[corrupt.length - 1] = corrupt[corrupt.length - 1]! ^ 1
    const refused = appendAsFollower(followerCtx, follower, corrupt.subarray(bytes.length / 2), T0)
    expect(refused.ok || refused.error.error).toBe('CORRUPT_MESSAGE')
    expect(follower.logEndOffset).toBe(1)
  })
})

describe('offsetsForTimes (ListOffsets)', () => {
  const { ctx, log } = l3Log()

  test('the first offset whose timestamp is ≥ the target, through time index, offset index and scan', () => {
    expect(fetchOffsetByTimestamp(ctx, log, T0 + 7_000)).toMatchObject({
      offset: 7,
      timestamp: T0 + 7_000,
    })
    expect(fetchOffsetByTimestamp(ctx, log, T0 + 7_500)).toMatchObject({
      offset: 8,
      timestamp: T0 + 8_000,
    })
    expect(fetchOffsetByTimestamp(ctx, log, T0 + 1_500_000)).toMatchObject({
      offset: 1500,
      leaderEpoch: 0,
    })
    expect(fetchOffsetByTimestamp(ctx, log, 0)).toMatchObject({ offset: 0 })
    expect(fetchOffsetByTimestamp(ctx, log, T0 + 3_000_000)).toBeNull()
  })

  test('EARLIEST, LATEST and MAX_TIMESTAMP', () => {
    expect(fetchOffsetByTimestamp(ctx, log, LIST_OFFSETS_TIMESTAMP.EARLIEST)).toEqual({
      timestamp: -1,
      offset: 0,
      leaderEpoch: 0,
    })
    expect(fetchOffsetByTimestamp(ctx, log, LIST_OFFSETS_TIMESTAMP.LATEST)).toEqual({
      timestamp: -1,
      offset: 3000,
      leaderEpoch: 0,
    })
    expect(fetchOffsetByTimestamp(ctx, log, LIST_OFFSETS_TIMESTAMP.MAX_TIMESTAMP)).toEqual({
      timestamp: T0 + 2_999_000,
      offset: 2999,
      leaderEpoch: 0,
    })
  })
})
