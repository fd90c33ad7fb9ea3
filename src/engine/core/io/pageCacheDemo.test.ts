/**
 * Goal: the IO lab's page cache demo tells its story with the real page cache model: the tailing
 * consumer only hits (the read-write relay, no disk read), the lagging consumer misses once on
 * the cold old segment and read-ahead carries it, the flusher writes back pages dirty for 30 s on
 * its 5 s wakes, `log.flush.interval.messages` keeps the dirty tail short, and a power loss would
 * lose exactly the dirty tail.
 * Method: run the scripted workload and check hand-computed numbers at chosen steps; run it twice
 * to check determinism.
 */
import { describe, expect, test } from 'vitest'
import { PAGE_SIZE_BYTES } from '../pageCache'
import {
  DEMO_FILE_PAGES,
  DEMO_STEPS,
  runPageCacheDemo,
  type PageCacheDemoFrame,
} from './pageCacheDemo'

const frames = runPageCacheDemo({ flushIntervalMessages: null })
const at = (step: number): PageCacheDemoFrame => {
  const frame = frames[step]
  if (frame === undefined) throw new Error(`no frame ${step}`)
  return frame
}

describe('the default run (Kafka never fsyncs on its own)', () => {
  test('frame 0 is the start, one frame per simulated second after it', () => {
    expect(frames).toHaveLength(DEMO_STEPS + 1)
    expect(at(0).counters).toMatchObject({ hits: 0, misses: 0, dirtyPages: 0, cachedPages: 0 })
    expect(at(0).hitRatio).toBeNull()
    expect(at(0).files[0]!.cells.every((c) => c.residence === 'absent')).toBe(true)
    expect(at(0).files[1]!.cells.every((c) => c.residence === 'onDisk')).toBe(true)
    expect(frames.map((f) => f.atMs)).toEqual(frames.map((_, i) => i * 1000))
  })

  test('the tailing consumer reads every batch from memory: hits only, no disk read', () => {
    for (const frame of frames.slice(1, 10)) {
      expect(frame.actions).toContainEqual({ actor: 'tailing', hits: 1, misses: 0 })
      expect(frame.stepMisses).toBe(0)
      const written = frame.files[0]!.cells[frame.step - 1]!
      expect(written).toEqual({ residence: 'dirty', mark: 'hit' })
    }
    expect(at(9).counters).toMatchObject({ hits: 9, misses: 0, dirtyPages: 9 })
    expect(at(9).hitRatio).toBe(1)
  })

  test('the lagging consumer misses once on the cold segment, then read-ahead keeps ahead', () => {
    const first = at(10).actions.find((a) => a.actor === 'lagging')
    // Pages 0-3 miss; the window opens past them: 8 - 4 = 4 pages (4-7) read ahead.
    expect(first).toEqual({ actor: 'lagging', segment: 'old', hits: 0, misses: 4, readAhead: 4 })
    const old = at(10).files[1]!.cells
    expect(old.slice(0, 4).map((c) => c.mark)).toEqual(['miss', 'miss', 'miss', 'miss'])
    expect(old.slice(4, 8).map((c) => c.mark)).toEqual(Array(4).fill('readAhead'))
    expect(old[8]).toEqual({ residence: 'onDisk', mark: null })
    expect(at(10).stepHitRatio).toBeCloseTo(1 / 5)
    // Next: 4-7 hit, the marker at 4 reads 8-15; then 16-31; then 32-63 (the 128 KiB maximum).
    expect(at(11).actions).toContainEqual({
      actor: 'lagging',
      segment: 'old',
      hits: 4,
      misses: 0,
      readAhead: 8,
    })
    expect(frames.reduce((sum, f) => sum + f.stepMisses, 0)).toBe(4)
    expect(at(DEMO_STEPS).counters.readAheadPages).toBe(DEMO_FILE_PAGES - 4)
  })

  test('having read the old segment, the lagging consumer catches up through the cache', () => {
    // 64 pages at 4 a second: the old segment lasts seconds 10-25; the active one follows.
    expect(at(25).laggingSegment).toBe('old')
    expect(at(26).laggingSegment).toBe('active')
    for (const frame of frames.slice(26)) {
      const lagging = frame.actions.find((a) => a.actor === 'lagging')
      if (lagging !== undefined) expect(lagging).toMatchObject({ misses: 0 })
    }
    // It reads 4 pages a second, the producer writes 1: it catches up at second 34.
    expect(at(34).laggingPage).toBe(at(34).producerPage)
    expect(at(DEMO_STEPS).hitRatio).toBeGreaterThan(0.95)
  })

  test('the flusher writes back pages dirty for 30 s, on its 5 s wakes', () => {
    // Pages are dirtied at seconds 1, 2, ...; the wake at 30 s finds none 30 s old.
    for (const frame of frames.slice(1, 31)) {
      expect(frame.actions.some((a) => a.actor === 'flusher')).toBe(false)
    }
    // The wake at 35 s (run before second 35's batch) writes back pages dirtied at 1-5 s.
    expect(at(35).actions).toContainEqual({ actor: 'flusher', pages: 5 })
    expect(
      at(35)
        .files[0]!.cells.slice(0, 5)
        .map((c) => c.mark),
    ).toEqual(Array(5).fill('writtenBack'))
    expect(at(35).files[0]!.cells[0]!.residence).toBe('clean')
    expect(at(DEMO_STEPS).counters.writebacks).toBe(30) // wakes at 35 … 60 s, 5 pages each
  })

  test('a power loss would lose the dirty tail; the clean prefix is on disk', () => {
    expect(at(20).powerLossLostBytes).toBe(20 * PAGE_SIZE_BYTES)
    expect(at(35).powerLossLostBytes).toBe((35 - 5) * PAGE_SIZE_BYTES)
    expect(at(35).counters.dirtyPages).toBe(30)
  })

  test('the same script gives the same frames', () => {
    expect(runPageCacheDemo({ flushIntervalMessages: null })).toEqual(frames)
  })
})

describe('log.flush.interval.messages', () => {
  test('= 10 (one batch): each batch is fsynced at once, nothing stays dirty', () => {
    const fsynced = runPageCacheDemo({ flushIntervalMessages: 10 })
    for (const frame of fsynced.slice(1)) {
      expect(frame.actions).toContainEqual({ actor: 'fsync', pages: 1 })
      expect(frame.counters.dirtyPages).toBe(0)
      expect(frame.powerLossLostBytes).toBe(0)
    }
    // The relay still works: the pages stay cached after the fsync.
    expect(fsynced[DEMO_STEPS]!.counters.misses).toBe(4)
  })

  test('= 50: an fsync every 5 batches; at most 4 batches dirty in between', () => {
    const fsynced = runPageCacheDemo({ flushIntervalMessages: 50 })
    expect(fsynced[5]!.actions).toContainEqual({ actor: 'fsync', pages: 5 })
    expect(Math.max(...fsynced.map((f) => f.counters.dirtyPages))).toBe(4)
  })

  test('rejects a non-positive interval', () => {
    expect(() => runPageCacheDemo({ flushIntervalMessages: 0 })).toThrow()
  })
})
