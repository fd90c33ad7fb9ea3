/**
 * Goal: loading a log after a clean or an unclean shutdown matches `LogLoader` (KAFKA_SPEC §1.4):
 * no scan after a clean shutdown; otherwise every segment from the recovery point on is checked
 * batch by batch (size, magic, CRC-32C, contiguous offsets), cut at the first invalid or torn
 * batch, later segments deleted, indexes and the leader-epoch cache rebuilt — and it never throws,
 * whatever the bytes or file names.
 * Method: targeted cases (clean load, torn tail, L-1's flipped value byte, the recovery point,
 * lost index files, an unreadable checkpoint), then a fixed-seed fuzz of 600 damaged logs
 * (truncations, byte flips, overwritten ranges, garbage index files) checked against the batches
 * known to precede the damage, and a fuzz of random directories that must load without throwing.
 */
import fc from 'fast-check'
import { beforeAll, describe, expect, test } from 'vitest'
import { initCodecs } from './compression'
import { truncateEpochsFromEnd } from './leaderEpochCache'
import type { LogConfig } from './logConfig'
import { loadLog, type LoadLogOptions } from './logLoader'
import type { PartitionLogState } from './logState'
import { listSegmentBatches, readOffsetIndex, readTimeIndex, type BatchSummary } from './logView'
import { readLog } from './logRead'
import { closeLog } from './partitionLog'
import type { CompressionType } from './recordBatch'
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
  type TestContext,
} from './testing/logFixtures'

beforeAll(async () => {
  await initCodecs()
})

const DIR = 'broker-1/t-0'
const segmentPath = (base: number, suffix = '.log') =>
  `${DIR}/${String(base).padStart(20, '0')}${suffix}`

function loadOptions(config: LogConfig, overrides: Partial<LoadLogOptions> = {}): LoadLogOptions {
  return {
    logDir: 'broker-1',
    topic: 't',
    partition: 0,
    config,
    recoveryPoint: 0,
    logStartOffset: 0,
    hadCleanShutdown: false,
    ...overrides,
  }
}

/** Rewrites a stored file through the store's own operations (it has no positional write). */
function rewrite(ctx: TestContext, path: string, mutate: (bytes: Uint8Array) => Uint8Array) {
  const bytes = ctx.store.read(path, 0, ctx.store.size(path))
  ctx.store.remove(path)
  ctx.store.append(path, mutate(bytes))
}

function allBatches(
  ctx: TestContext,
  log: PartitionLogState,
): (BatchSummary & { segment: number })[] {
  return log.segments.flatMap((s) =>
    listSegmentBatches(ctx, log, s.baseOffset).map((b) => ({ ...b, segment: s.baseOffset })),
  )
}

describe('targeted recovery cases', () => {
  test('after a clean shutdown nothing is scanned and the log is as it was', () => {
    const ctx = newTestContext()
    const log = newLog(ctx, { 'segment.bytes': 1_048_576 })
    appendThousandByteBatches(ctx, log, 2500)
    closeLog(ctx, log, T0 + 3_000_000)
    ctx.ioEvents.length = 0
    const loaded = loadLog(
      ctx,
      loadOptions(log.config, { hadCleanShutdown: true, recoveryPoint: log.recoveryPoint }),
      T0 + 4_000_000,
    )
    expect(loaded.recoveredSegments).toEqual([])
    expect(ctx.ioEvents.some((e) => e.purpose === 'recovery')).toBe(false)
    const keep = (l: PartitionLogState) =>
      l.segments.map((s) => [
        s.baseOffset,
        s.sizeBytes,
        s.offsetIndexEntries,
        s.timeIndexEntries,
        s.maxTimestampSoFar,
      ])
    expect(keep(loaded.log)).toEqual(keep(log))
    expect(loaded.log).toMatchObject({
      logEndOffset: 2500,
      recoveryPoint: 2500,
      leaderEpochCache: log.leaderEpochCache,
    })
  })

  test('a torn tail is cut back to the last whole batch; appends continue there', () => {
    const ctx = newTestContext()
    const log = newLog(ctx)
    for (let i = 0; i < 10; i++) appendOk(ctx, log, smallRecordsBatch(3, T0), { nowMs: T0 })
    const size = ctx.store.size(segmentPath(0))
    ctx.store.truncate(segmentPath(0), size - 20)
    const loaded = loadLog(ctx, loadOptions(log.config), T0)
    expect(loaded.log.logEndOffset).toBe(27)
    expect(loaded.truncatedBytes).toBe(size / 10 - 20)
    expect(loaded.stopReasons[0]).toMatch(/torn batch/)
    expect(appendOk(ctx, loaded.log, smallRecordsBatch(1, T0), { nowMs: T0 }).firstOffset).toBe(27)
  })

  test('L-1 a flipped value byte stops recovery at that batch and deletes later segments', () => {
    const ctx = newTestContext()
    const log = newLog(ctx, { 'segment.bytes': 1_048_576 })
    appendThousandByteBatches(ctx, log, 2500)
    // Batch 1100 sits at position 52,000 of segment 1048; its value ends 2 bytes before the end.
    rewrite(ctx, segmentPath(1048), (bytes) => {
      bytes[53_000 - 2] = bytes[53_000 - 2]! ^ 0xff
      return bytes
    })
    const loaded = loadLog(ctx, loadOptions(log.config), T0 + 3_000_000)
    expect(loaded.log.logEndOffset).toBe(1100)
    expect(loaded.stopReasons[0]).toMatch(/^segment 1048: Record is corrupt .* at position 52000$/)
    expect(loaded.deletedSegments).toEqual([2096])
    expect(loaded.log.segments.map((s) => [s.baseOffset, s.sizeBytes])).toEqual([
      [0, 1_048_000],
      [1048, 52_000],
    ])
    expect(readOffsetIndex(ctx, loaded.log, 1048).at(-1)).toEqual({
      offset: 1098,
      position: 50_000,
    })
  })

  test('segments below the recovery point are not scanned', () => {
    const ctx = newTestContext()
    const log = newLog(ctx, { 'segment.bytes': 1_048_576 })
    appendThousandByteBatches(ctx, log, 2500)
    ctx.ioEvents.length = 0
    const loaded = loadLog(ctx, loadOptions(log.config, { recoveryPoint: 2096 }), T0 + 3_000_000)
    expect(loaded.recoveredSegments).toEqual([2096])
    const scanned = new Set(
      ctx.ioEvents
        .filter((e) => e.purpose === 'recovery' && e.fileKind === 'log')
        .map((e) => e.path),
    )
    expect([...scanned]).toEqual([segmentPath(2096)])
    expect(loaded.log.logEndOffset).toBe(2500)
  })

  test('lost index files are rebuilt from the log, even below the recovery point', () => {
    const ctx = newTestContext()
    const log = newLog(ctx, { 'segment.bytes': 1_048_576 })
    appendThousandByteBatches(ctx, log, 1500)
    const before = readTimeIndex(ctx, log, 0)
    ctx.store.remove(segmentPath(0, '.index'))
    ctx.store.remove(segmentPath(0, '.timeindex'))
    ctx.store.append(`${DIR}/00000000000000000077.index`, new Uint8Array(8)) // orphan
    const loaded = loadLog(
      ctx,
      loadOptions(log.config, { hadCleanShutdown: true, recoveryPoint: 1500 }),
      T0,
    )
    expect(loaded.recoveredSegments).toEqual([0])
    expect(readOffsetIndex(ctx, loaded.log, 0)).toEqual(readOffsetIndex(ctx, log, 0))
    expect(readTimeIndex(ctx, loaded.log, 0)).toEqual(before)
    expect(ctx.store.exists(`${DIR}/00000000000000000077.index`)).toBe(false)
  })

  test('an unreadable leader-epoch-checkpoint is rebuilt from the batches', () => {
    const ctx = newTestContext()
    const log = newLog(ctx)
    appendOk(ctx, log, smallRecordsBatch(2, T0), { nowMs: T0, leaderEpoch: 1 })
    appendOk(ctx, log, smallRecordsBatch(2, T0), { nowMs: T0, leaderEpoch: 4 })
    rewrite(ctx, `${DIR}/leader-epoch-checkpoint`, () => new TextEncoder().encode('garbage'))
    const loaded = loadLog(
      ctx,
      loadOptions(log.config, { hadCleanShutdown: true, recoveryPoint: 4 }),
      T0,
    )
    expect(loaded.log.leaderEpochCache).toEqual([
      { epoch: 1, startOffset: 0 },
      { epoch: 4, startOffset: 2 },
    ])
    expect(new TextDecoder().decode(ctx.store.read(`${DIR}/leader-epoch-checkpoint`, 0, 100))).toBe(
      '0\n2\n1 0\n4 2\n',
    )
  })

  test('leftover .deleted, .swap and temp files are removed at load', () => {
    const ctx = newTestContext()
    const log = newLog(ctx)
    for (const name of [
      '00000000000000000000.log.deleted',
      'x.swap',
      'leader-epoch-checkpoint.tmp',
    ]) {
      ctx.store.append(`${DIR}/${name}`, new Uint8Array(3))
    }
    loadLog(ctx, loadOptions(log.config), T0)
    expect(ctx.store.list(DIR)).toEqual([
      '00000000000000000000.index',
      '00000000000000000000.log',
      '00000000000000000000.timeindex',
      'leader-epoch-checkpoint',
    ])
  })
})

describe('recovery fuzz', () => {
  /**
   * A log with small [3.x] segments (about five batches each), batches of 1–8 records, some
   * compressed, two leader epochs: damage can land anywhere in any kind of batch.
   */
  function buildBaseLog() {
    const ctx = newTestContext({ pageBytes: 512 })
    const log = newLog(ctx, { 'segment.bytes': 1000, 'index.interval.bytes': 300 }, T0, '3.x')
    const codecs: CompressionType[] = ['none', 'none', 'gzip', 'none', 'lz4', 'snappy', 'zstd']
    for (let i = 0; i < 48; i++) {
      const count = 1 + ((i * 5) % 8)
      const records = Array.from({ length: count }, (_, r) => ({
        timestamp: T0 + i * 100 + r,
        key: r % 3 === 0 ? null : `key-${i}-${r}`,
        value: `value-${i}-${r}-`.repeat(1 + ((i + r) % 4)),
      }))
      const batch = encodeRecordBatch({ compression: codecs[i % codecs.length]!, records })
      appendOk(ctx, log, batch, { nowMs: T0 + i * 100, leaderEpoch: i < 30 ? 0 : 3 })
    }
    return { ctx, log }
  }

  // Built in beforeAll: zstd needs initCodecs() first, and describe bodies run before that.
  let base: ReturnType<typeof buildBaseLog>
  let original: (BatchSummary & { segment: number })[]
  let pristine: ReturnType<TestContext['store']['snapshot']>
  let segmentBases: number[]
  let originalBytes: Map<number, Uint8Array>
  beforeAll(() => {
    base = buildBaseLog()
    original = allBatches(base.ctx, base.log)
    pristine = base.ctx.store.snapshot()
    segmentBases = base.log.segments.map((s) => s.baseOffset)
    originalBytes = new Map(
      segmentBases.map((b) => [b, base.ctx.store.read(segmentPath(b), 0, 1_000_000)] as const),
    )
  })

  test('the base log has several segments, codecs and epochs', () => {
    expect(segmentBases.length).toBeGreaterThanOrEqual(10)
    expect(base.log.leaderEpochCache.map((e) => e.epoch)).toEqual([0, 3])
    expect(new Set(original.map((b) => b.compression)).size).toBe(5)
  })

  type Damage =
    | { kind: 'truncate'; segment: number; fraction: number }
    | { kind: 'flip'; segment: number; fraction: number; xor: number }
    | { kind: 'overwrite'; segment: number; fraction: number; garbage: Uint8Array }
    | { kind: 'indexGarbage'; segment: number; garbage: Uint8Array }

  const arbDamage: fc.Arbitrary<Damage> = fc.oneof(
    {
      weight: 3,
      arbitrary: fc.record({
        kind: fc.constant('truncate' as const),
        segment: fc.nat(),
        fraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      }),
    },
    {
      weight: 5,
      arbitrary: fc.record({
        kind: fc.constant('flip' as const),
        segment: fc.nat(),
        fraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        xor: fc.integer({ min: 1, max: 255 }),
      }),
    },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('overwrite' as const),
        segment: fc.nat(),
        fraction: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        garbage: fc.uint8Array({ minLength: 1, maxLength: 80 }),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        kind: fc.constant('indexGarbage' as const),
        segment: fc.nat(),
        garbage: fc.uint8Array({ maxLength: 40 }),
      }),
    },
  )

  test('600 damaged logs: every batch before the damage survives, nothing after it', () => {
    let cases = 0
    fc.assert(
      fc.property(arbDamage, (damage) => {
        cases++
        base.ctx.store.restore(pristine)
        const segment = segmentBases[damage.segment % segmentBases.length]!
        const bytes = originalBytes.get(segment)!
        const position = 'fraction' in damage ? Math.floor(damage.fraction * bytes.length) : 0
        // The batch hit, and whether the damage is invisible by design: the CRC does not cover
        // partitionLeaderEpoch (bytes 12–15), so a leader can stamp it without recomputing.
        const inSegment = original.filter((b) => b.segment === segment)
        let hit: BatchSummary | null = null
        let undetectable = false
        if (damage.kind === 'indexGarbage') {
          rewrite(base.ctx, segmentPath(segment, '.index'), () => damage.garbage)
          undetectable = true
        } else {
          hit = inSegment.find(
            (b) => position >= b.position && position < b.position + b.sizeInBytes,
          )!
          if (damage.kind === 'truncate') {
            base.ctx.store.truncate(segmentPath(segment), position)
          } else if (damage.kind === 'flip') {
            const within = position - hit.position
            undetectable = within >= 12 && within < 16
            rewrite(base.ctx, segmentPath(segment), (b) => {
              b[position] = b[position]! ^ damage.xor
              return b
            })
          } else {
            const end = Math.min(bytes.length, position + damage.garbage.length)
            const changed = damage.garbage
              .subarray(0, end - position)
              .some((v, i) => v !== bytes[position + i])
            const firstChanged = damage.garbage
              .subarray(0, end - position)
              .findIndex((v, i) => v !== bytes[position + i])
            if (!changed) undetectable = true
            else {
              const at = position + firstChanged
              hit = inSegment.find((b) => at >= b.position && at < b.position + b.sizeInBytes)!
              const onlyEpochBytes = damage.garbage.subarray(0, end - position).every((v, i) => {
                const p = position + i
                const batch = inSegment.find(
                  (b) => p >= b.position && p < b.position + b.sizeInBytes,
                )!
                return v === bytes[p] || (p - batch.position >= 12 && p - batch.position < 16)
              })
              undetectable = onlyEpochBytes
            }
            rewrite(base.ctx, segmentPath(segment), (b) => {
              b.set(damage.garbage.subarray(0, end - position), position)
              return b
            })
          }
        }

        const loaded = loadLog(base.ctx, loadOptions(base.log.config), T0 + 10_000)
        const log = loaded.log
        const survivors = allBatches(base.ctx, log)
        const expected =
          undetectable || hit === null
            ? original
            : original.filter((b) => b.lastOffset < hit!.baseOffset)
        const strip = (b: BatchSummary) => [
          b.baseOffset,
          b.lastOffset,
          b.sizeInBytes,
          b.maxTimestamp,
        ]
        expect(survivors.map(strip)).toEqual(expected.map(strip))
        const expectedEnd = expected.length === 0 ? 0 : expected.at(-1)!.lastOffset + 1
        expect(log.logEndOffset).toBe(expectedEnd)
        if (!undetectable) {
          expect(log.leaderEpochCache).toEqual(
            truncateEpochsFromEnd(
              [...base.log.leaderEpochCache.map((e) => ({ ...e }))],
              expectedEnd,
            )
              ? truncatedCache(expectedEnd)
              : base.log.leaderEpochCache,
          )
        }
        // The kept bytes are the original bytes, and a fetch from the start returns them all.
        const read = readLog(base.ctx, log, {
          fetchOffset: 0,
          maxBytes: 1_000_000,
          maxOffset: log.logEndOffset,
          minOneMessage: true,
        })
        expect(read.ok).toBe(true)
        if (read.ok && expected.length > 0 && !undetectable) {
          const decoded = decodeRecordBatches(read.info.records)
          expect(decoded.ok && decoded.value.length).toBe(
            expected.filter((b) => b.segment === segmentBases[0]).length,
          )
        }
        // Every surviving offset can be found through the rebuilt indexes.
        for (const b of expected.filter((_, i) => i % 7 === 0)) {
          const found = readLog(base.ctx, log, {
            fetchOffset: b.lastOffset,
            maxBytes: 1,
            maxOffset: log.logEndOffset,
            minOneMessage: true,
          })
          expect(found.ok && found.info.fetchOffsetMetadata.relativePositionInSegment).toBe(
            b.position,
          )
        }
      }),
      { numRuns: 600 },
    )
    expect(cases).toBe(600)
  })

  function truncatedCache(endOffset: number) {
    const copy = base.log.leaderEpochCache.map((e) => ({ ...e }))
    truncateEpochsFromEnd(copy, endOffset)
    return copy
  }

  test('random directories (any names, any bytes) load without throwing', () => {
    const arbName = fc.oneof(
      fc.nat(200).map((n) => `${String(n).padStart(20, '0')}.log`),
      fc.nat(200).map((n) => `${String(n).padStart(20, '0')}.index`),
      fc.nat(200).map((n) => `${String(n).padStart(20, '0')}.timeindex`),
      fc.constantFrom('leader-epoch-checkpoint', 'x.deleted', '123.log', 'partition.metadata'),
      fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes('/')),
    )
    fc.assert(
      fc.property(
        fc.array(fc.tuple(arbName, fc.uint8Array({ maxLength: 300 })), { maxLength: 8 }),
        fc.boolean(),
        fc.nat(300),
        fc.nat(300),
        (files, clean, recoveryPoint, logStartOffset) => {
          const ctx = newTestContext()
          for (const [name, bytes] of files) ctx.store.append(`${DIR}/${name}`, bytes)
          const loaded = loadLog(
            ctx,
            loadOptions(configWith({ 'segment.index.bytes': 64 }), {
              hadCleanShutdown: clean,
              recoveryPoint,
              logStartOffset,
            }),
            T0,
          )
          const log = loaded.log
          expect(log.segments.length).toBeGreaterThan(0)
          expect(log.logStartOffset).toBeLessThanOrEqual(
            Math.max(log.logEndOffset, log.logStartOffset),
          )
          const read = readLog(ctx, log, {
            fetchOffset: log.logStartOffset,
            maxBytes: 1000,
            maxOffset: log.logEndOffset,
            minOneMessage: true,
          })
          expect(read.ok || read.error.error).toBeTruthy()
        },
      ),
      { numRuns: 300 },
    )
  })
})
