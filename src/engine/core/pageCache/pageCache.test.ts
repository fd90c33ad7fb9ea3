/**
 * Goal: the page cache model tells the stories the lessons need, with exact numbers: a tailing
 * consumer reads from memory; a lagging consumer misses once and read-ahead carries it; the
 * flusher writes back only pages dirty for 30 s, on its 5 s wakes; eviction is LRU and never
 * drops unwritten data; a power loss keeps only the clean prefix.
 * Method: small scripted scenarios with hand-computed counters and events, then a property test
 * of the structural invariants (counts, LRU list, plain data) under random operations.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  PAGE_SIZE_BYTES,
  createPageCache,
  dropAll,
  durablePrefixBytes,
  flushDue,
  fsyncFile,
  nextWritebackDueMs,
  onRead,
  onRemove,
  onRename,
  onTruncate,
  onWrite,
  takePageEvents,
  type PageCacheState,
} from './index'

const PAGE = PAGE_SIZE_BYTES
const LOG = 'broker-1/orders-0/00000000000000000000.log'

describe('reads', () => {
  test('a tailing consumer reads just-written pages from memory: 100% hits', () => {
    const cache = createPageCache({ capacityPages: 1024 })
    for (let i = 0; i < 100; i += 1) {
      const nowMs = i * 10
      onWrite(cache, LOG, i * 1000, 1000, nowMs) // a 1000-byte batch appended
      onRead(cache, LOG, i * 1000, 1000, nowMs + 1) // fetched right after
    }
    // 100 reads of 1000 bytes cross 24 page boundaries (4096·k < 100 000): 124 page reads.
    expect(cache.counters).toMatchObject({ hits: 124, misses: 0, readAheadPages: 0 })
    expect(cache.counters.dirtyPages).toBe(25) // nothing is 30 s old yet
  })

  test('a lagging consumer on cold data misses once, then read-ahead keeps ahead of it', () => {
    const cache = createPageCache({ capacityPages: 1024 })
    onWrite(cache, LOG, 0, 1024 * 1024, 0)
    fsyncFile(cache, LOG, 0)
    dropAll(cache, 1_000) // cold: e.g. the machine rebooted; the file (256 pages) is on disk
    const results = []
    for (let i = 0; i < 16; i += 1)
      results.push(onRead(cache, LOG, i * 4 * PAGE, 4 * PAGE, 2_000 + i))
    // Read 1 (pages 0-3) misses and opens a window of 8 - 4 = 4 pages (4-7, marker 4).
    expect(results[0]).toEqual({ hitPages: 0, missPages: 4, readAheadPages: 4 })
    // Each marker hit reads the next, larger window: 8-15, then 16-31, then 32-63 (max 32).
    expect(results[1]).toEqual({ hitPages: 4, missPages: 0, readAheadPages: 8 })
    expect(results[2]).toEqual({ hitPages: 4, missPages: 0, readAheadPages: 16 })
    expect(results[3]).toEqual({ hitPages: 4, missPages: 0, readAheadPages: 0 })
    expect(results[4]).toEqual({ hitPages: 4, missPages: 0, readAheadPages: 32 })
    expect(results[8]).toEqual({ hitPages: 4, missPages: 0, readAheadPages: 32 }) // 64-95
    expect(cache.counters).toMatchObject({ hits: 60, misses: 4, readAheadPages: 92 })
  })

  test('a random read reads only what it asked for; the next sequential read opens a window', () => {
    const cache = createPageCache({ capacityPages: 1024 })
    expect(onRead(cache, LOG, 100 * PAGE, PAGE, 0, 256 * PAGE)).toEqual({
      hitPages: 0,
      missPages: 1,
      readAheadPages: 0,
    })
    // Page 101 follows page 100: a 1-page request opens a 4-page window, 3 of them ahead.
    expect(onRead(cache, LOG, 101 * PAGE, PAGE, 1)).toEqual({
      hitPages: 0,
      missPages: 1,
      readAheadPages: 3,
    })
    expect(onRead(cache, LOG, 0, 10, 2)).toEqual({ hitPages: 0, missPages: 1, readAheadPages: 0 })
  })

  test('read-ahead stops at the end of the file', () => {
    const cache = createPageCache()
    expect(onRead(cache, LOG, 0, PAGE, 0, 2 * PAGE + 1)).toEqual({
      hitPages: 0,
      missPages: 1,
      readAheadPages: 2, // pages 1 and 2 (the file's last, partial page), not 3
    })
  })

  test('events describe runs of pages, for the UI', () => {
    const cache = createPageCache()
    onRead(cache, LOG, 0, 4 * PAGE, 7, 100 * PAGE)
    expect(takePageEvents(cache)).toEqual([
      { type: 'pageMiss', atMs: 7, path: LOG, firstPageIndex: 0, pageCount: 1 },
      { type: 'pageReadAhead', atMs: 7, path: LOG, firstPageIndex: 4, pageCount: 4 },
      { type: 'pageMiss', atMs: 7, path: LOG, firstPageIndex: 1, pageCount: 3 },
    ])
    expect(takePageEvents(cache)).toEqual([])
  })
})

describe('write-back', () => {
  test('the flusher writes back only pages dirty for 30 s, on its 5 s wakes', () => {
    const cache = createPageCache({ dirtyBackgroundRatioPercent: null })
    onWrite(cache, LOG, 0, 100, 0) // page 0
    onWrite(cache, LOG, PAGE, 100, 12_000) // page 1
    onWrite(cache, LOG, 2 * PAGE, 100, 25_001) // page 2
    takePageEvents(cache)
    expect(nextWritebackDueMs(cache)).toBe(30_000)
    expect(flushDue(cache, 29_999)).toBe(0)
    // At the 30 s wake page 0 has been dirty exactly 30 s: Linux writes inodes with
    // dirtied_when <= now - dirty_expire, so it goes.
    expect(flushDue(cache, 30_000)).toBe(1)
    expect(flushDue(cache, 44_999)).toBe(0) // at 35 s and 40 s page 1 is 23 s and 28 s dirty
    expect(flushDue(cache, 45_000)).toBe(1) // 33 s
    expect(flushDue(cache, 60_000)).toBe(1) // page 2: 34.999 s at the 60 s wake (55 s: 29.999 s)
    expect(takePageEvents(cache)).toEqual([
      wb(30_000, 0, 'expired'),
      wb(45_000, 1, 'expired'),
      wb(60_000, 2, 'expired'),
    ])
    expect(nextWritebackDueMs(cache)).toBeNull()
  })

  test('one long step writes back the same pages at the same times as many short ones', () => {
    const run = (steps: number[]) => {
      const cache = createPageCache({ dirtyBackgroundRatioPercent: null })
      onWrite(cache, LOG, 0, 3 * PAGE, 1_000)
      onWrite(cache, 'other.log', 0, PAGE, 7_000)
      for (const nowMs of steps) flushDue(cache, nowMs)
      return cache
    }
    const once = run([100_000])
    const many = run(Array.from({ length: 93 }, (_, i) => 1_000 * (i + 8))) // 8 s … 100 s
    expect(many).toEqual(once)
    expect(once.counters.writebacks).toBe(4)
  })

  test('above the background ratio the flusher also writes back the oldest dirty pages', () => {
    const cache = createPageCache({ capacityPages: 100, dirtyBackgroundRatioPercent: 10 })
    onWrite(cache, LOG, 0, 15 * PAGE, 1_000)
    expect(flushDue(cache, 5_000)).toBe(5) // 15 dirty > 10 allowed
    expect(takePageEvents(cache).at(-1)).toEqual({
      ...wb(5_000, 0, 'background'),
      pageCount: 5,
    })
    expect(cache.counters.dirtyPages).toBe(10)
  })

  test('fsync writes back one file now', () => {
    const cache = createPageCache()
    onWrite(cache, LOG, 0, 2 * PAGE, 0)
    onWrite(cache, 'other.log', 0, PAGE, 0)
    expect(fsyncFile(cache, LOG, 10)).toBe(2)
    expect(cache.counters).toMatchObject({ dirtyPages: 1, writebacks: 2 })
  })
})

describe('eviction', () => {
  test('the least recently used clean page goes first; dirty pages are written back before', () => {
    const cache = createPageCache({ capacityPages: 3, dirtyBackgroundRatioPercent: null })
    onWrite(cache, 'a', 0, 3 * PAGE, 0) // a0 a1 a2 (oldest first)
    fsyncFile(cache, 'a', 0)
    onRead(cache, 'a', 0, 10, 1) // a0 becomes most recent: a1 a2 a0
    onWrite(cache, 'b', 0, 10, 2) // evicts a1 → a2 a0 b0*
    onWrite(cache, 'c', 0, 10, 3) // evicts a2 → a0 b0* c0*
    onWrite(cache, 'd', 0, 10, 4) // a0 is the only clean page → b0* c0* d0*
    onWrite(cache, 'e', 0, 10, 5) // all dirty: b0 is written back, then evicted
    const evicted = takePageEvents(cache).filter(
      (event) => event.type === 'pageEvicted' || event.type === 'pageWrittenBack',
    )
    expect(evicted.map((event) => ('path' in event ? `${event.type} ${event.path}` : ''))).toEqual([
      'pageWrittenBack a', // the fsync (one run of 3 pages)
      'pageEvicted a',
      'pageEvicted a',
      'pageEvicted a',
      'pageWrittenBack b',
      'pageEvicted b',
    ])
    expect(
      evicted
        .filter((e) => e.type === 'pageEvicted')
        .map((e) => 'firstPageIndex' in e && e.firstPageIndex),
    ).toEqual([1, 2, 0, 0])
    expect(cache.counters).toMatchObject({
      evictions: 4,
      writebacks: 4,
      cachedPages: 3,
      dirtyPages: 3,
    })
  })
})

describe('durability', () => {
  test('a power loss keeps the clean prefix of a file; a crash of the process keeps everything', () => {
    const cache = createPageCache({ dirtyBackgroundRatioPercent: null })
    onWrite(cache, LOG, 0, 5 * PAGE, 0)
    fsyncFile(cache, LOG, 0)
    onWrite(cache, LOG, 2 * PAGE + 10, 100, 100) // page 2 dirty again
    onWrite(cache, LOG, 5 * PAGE, 100, 100) // page 5 appended, dirty
    const size = 5 * PAGE + 100
    expect(durablePrefixBytes(cache, LOG, size)).toBe(2 * PAGE)
    // A process crash: the engine calls nothing; the OS and its cache are still there.
    expect(onRead(cache, LOG, 0, size, 200).missPages).toBe(0)
    flushDue(cache, 30_000) // dirty 29.9 s at this wake: stays dirty
    expect(durablePrefixBytes(cache, LOG, size)).toBe(2 * PAGE)
    flushDue(cache, 35_000)
    expect(durablePrefixBytes(cache, LOG, size)).toBe(size)
    onWrite(cache, LOG, size, 50, 35_200)
    dropAll(cache, 35_300)
    expect(takePageEvents(cache).at(-1)).toEqual({
      type: 'cacheDropped',
      atMs: 35_300,
      pageCount: 6,
      dirtyPageCount: 1,
    })
    expect(cache.counters).toMatchObject({ cachedPages: 0, dirtyPages: 0 })
  })
})

describe('file changes', () => {
  test('truncate drops the pages past the end, rename keeps pages and dirt, remove drops all', () => {
    const cache = createPageCache({ dirtyBackgroundRatioPercent: null })
    onWrite(cache, 'x.log', 0, 4 * PAGE, 0)
    onTruncate(cache, 'x.log', 5_000, 1) // keeps pages 0 and 1 (partial)
    expect(cache.counters).toMatchObject({ cachedPages: 2, dirtyPages: 2, evictions: 0 })
    onRename(cache, 'x.log', 'x.log.deleted', 2)
    expect(Object.keys(cache.pagesByKey).sort()).toEqual(['x.log.deleted#0', 'x.log.deleted#1'])
    expect(fsyncFile(cache, 'x.log.deleted', 3)).toBe(2)
    onRemove(cache, 'x.log.deleted', 4)
    expect(cache.counters).toMatchObject({ cachedPages: 0, dirtyPages: 0 })
    expect(cache.newestKey).toBeNull()
  })
})

test('events beyond eventsMax are counted, not kept', () => {
  const cache = createPageCache({ eventsMax: 2 })
  onWrite(cache, 'a', 0, 1, 0)
  onWrite(cache, 'b', 0, 1, 0)
  onWrite(cache, 'c', 0, 1, 0)
  expect(cache.events).toHaveLength(2)
  expect(cache.counters.eventsDropped).toBe(1)
})

// ---- Invariants under random operations -------------------------------------------------------

type Op =
  | { type: 'write' | 'read'; file: number; page: number; pages: number; dtMs: number }
  | { type: 'fsync' | 'truncate' | 'remove'; file: number; page: number; dtMs: number }
  | { type: 'rename'; file: number; to: number; dtMs: number }
  | { type: 'flush' | 'drop'; dtMs: number }

const FILES = ['a', 'b', 'c']
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    type: fc.constantFrom('write' as const, 'read' as const),
    file: fc.nat({ max: 2 }),
    page: fc.nat({ max: 40 }),
    pages: fc.integer({ min: 1, max: 12 }),
    dtMs: fc.nat({ max: 8_000 }),
  }),
  fc.record({
    type: fc.constantFrom('fsync' as const, 'truncate' as const, 'remove' as const),
    file: fc.nat({ max: 2 }),
    page: fc.nat({ max: 40 }),
    dtMs: fc.nat({ max: 8_000 }),
  }),
  fc.record({
    type: fc.constant('rename' as const),
    file: fc.nat({ max: 2 }),
    to: fc.nat({ max: 2 }),
    dtMs: fc.nat({ max: 8_000 }),
  }),
  fc.record({
    type: fc.constantFrom('flush' as const, 'drop' as const),
    dtMs: fc.nat({ max: 40_000 }),
  }),
)

function checkInvariants(cache: PageCacheState): void {
  const pages = Object.values(cache.pagesByKey)
  expect(cache.counters.cachedPages).toBe(pages.length)
  expect(cache.counters.cachedPages).toBeLessThanOrEqual(cache.config.capacityPages)
  expect(cache.counters.dirtyPages).toBe(pages.filter((p) => p.dirtySinceMs !== null).length)
  // The LRU list links every cached page exactly once, both ways.
  const seen: string[] = []
  let newer: string | null = null
  for (let key = cache.newestKey; key !== null;) {
    const page = cache.pagesByKey[key]
    expect(page).toBeDefined()
    if (page === undefined) break
    expect(page.newerKey).toBe(newer)
    seen.push(key)
    newer = key
    key = page.olderKey
  }
  expect(cache.oldestKey).toBe(newer)
  expect(seen.sort()).toEqual(Object.keys(cache.pagesByKey).sort())
  // Plain data: a checkpoint (structuredClone) or a replay (JSON) gives back the same state.
  expect(JSON.parse(JSON.stringify(cache))).toEqual(cache)
}

test('counters, the LRU list and plain-data state stay consistent under random operations', () => {
  fc.assert(
    fc.property(fc.array(opArb, { maxLength: 60, size: 'max' }), (ops) => {
      const cache = createPageCache({ capacityPages: 16, eventsMax: 50 })
      let nowMs = 0
      for (const op of ops) {
        nowMs += op.dtMs
        switch (op.type) {
          case 'write':
            onWrite(cache, FILES[op.file] ?? 'a', op.page * 1000, op.pages * 1000, nowMs)
            break
          case 'read':
            onRead(cache, FILES[op.file] ?? 'a', op.page * 1000, op.pages * 1000, nowMs)
            break
          case 'fsync':
            fsyncFile(cache, FILES[op.file] ?? 'a', nowMs)
            break
          case 'truncate':
            onTruncate(cache, FILES[op.file] ?? 'a', op.page * 1000, nowMs)
            break
          case 'remove':
            onRemove(cache, FILES[op.file] ?? 'a', nowMs)
            break
          case 'rename':
            onRename(cache, FILES[op.file] ?? 'a', FILES[op.to] ?? 'a', nowMs)
            break
          case 'flush':
            flushDue(cache, nowMs)
            break
          case 'drop':
            dropAll(cache, nowMs)
            break
        }
        checkInvariants(cache)
        takePageEvents(cache)
      }
      // Everything dirty is at most 30 s + one 5 s wake away from the disk.
      flushDue(cache, nowMs + 35_000)
      expect(cache.counters.dirtyPages).toBe(0)
    }),
    { numRuns: 300 },
  )
})

function wb(atMs: number, firstPageIndex: number, reason: string) {
  return { type: 'pageWrittenBack', atMs, path: LOG, firstPageIndex, pageCount: 1, reason }
}
