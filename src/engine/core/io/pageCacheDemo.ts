/**
 * A scripted, deterministic workload on one broker's page cache, run through the engine's real
 * page cache model (core/pageCache) and recorded frame by frame for the IO lab:
 *
 * - every simulated second a producer appends one 4 KiB batch (10 records) to the active segment;
 * - a tailing consumer fetches each batch right after it was written: it hits the cache (the
 *   "read-write relay": the bytes go from the producer's write to the consumer without the disk);
 * - from second 10 a lagging consumer reads an old segment that is only on disk, 16 KiB a second:
 *   its first read misses and opens a read-ahead window, and read-ahead keeps ahead of it; once
 *   through the old segment it reads the active one from the start and soon catches up;
 * - the kernel flusher wakes every 5 s and writes back pages dirty for 30 s (Linux defaults);
 * - optionally `log.flush.interval.messages` makes the broker fsync the active segment.
 *
 * Frames are computed up front, so stepping back is just showing an earlier frame.
 */
import { assert } from '../assert'
import {
  PAGE_SIZE_BYTES,
  createPageCache,
  durablePrefixBytes,
  flushDue,
  fsyncFile,
  onRead,
  onWrite,
  takePageEvents,
  type PageCacheCounters,
  type PageCacheState,
  type PageEvent,
} from '../pageCache'

export const DEMO_ACTIVE_SEGMENT = 'broker-1/orders-0/00000000000000004000.log'
export const DEMO_OLD_SEGMENT = 'broker-1/orders-0/00000000000000000000.log'
/** Pages drawn per file. */
export const DEMO_FILE_PAGES = 64
export const DEMO_STEP_MS = 1_000
export const DEMO_STEPS = 60
export const DEMO_RECORDS_PER_BATCH = 10
const BATCH_BYTES = PAGE_SIZE_BYTES
const LAGGING_START_STEP = 10
const LAGGING_READ_BYTES = 4 * PAGE_SIZE_BYTES
/**
 * Large enough that nothing is evicted and the dirty pages stay under `vm.dirty_background_ratio`
 * (10% = 102 pages): the story is hits, misses, dirty pages and the 30 s write-back.
 */
const CAPACITY_PAGES = 1024

export interface PageCacheDemoOptions {
  /**
   * `log.flush.interval.messages` (topic `flush.messages`): fsync the active segment once this
   * many records are unflushed. Null is Kafka's default, Long.MAX_VALUE: never.
   */
  readonly flushIntervalMessages: number | null
}

/** A page's lasting state: past the end of the file, on disk only, cached clean, cached dirty. */
export type PageResidence = 'absent' | 'onDisk' | 'clean' | 'dirty'

/** What happened to a page in this frame's step, if anything (the last fact wins). */
export type PageMark = 'hit' | 'miss' | 'readAhead' | 'writtenBack' | null

export interface DemoCell {
  readonly residence: PageResidence
  readonly mark: PageMark
}

export interface DemoFile {
  readonly path: string
  readonly role: 'active' | 'old'
  readonly cells: readonly DemoCell[]
}

/** One line of narration: who did what in this step, with numbers. */
export type DemoAction =
  | { readonly actor: 'producer'; readonly pages: number; readonly records: number }
  | { readonly actor: 'tailing'; readonly hits: number; readonly misses: number }
  | {
      readonly actor: 'lagging'
      readonly segment: 'old' | 'active'
      readonly hits: number
      readonly misses: number
      readonly readAhead: number
    }
  | { readonly actor: 'flusher'; readonly pages: number }
  | { readonly actor: 'fsync'; readonly pages: number }

export interface PageCacheDemoFrame {
  readonly step: number
  readonly atMs: number
  readonly actions: readonly DemoAction[]
  readonly files: readonly DemoFile[]
  readonly counters: Readonly<PageCacheCounters>
  readonly stepHits: number
  readonly stepMisses: number
  /** hits / (hits + misses) so far; null before any read. */
  readonly hitRatio: number | null
  /** This step's hits / (hits + misses); null when nobody read. */
  readonly stepHitRatio: number | null
  readonly activeSizeBytes: number
  /** Bytes of the active segment a power loss now would lose (the dirty tail). */
  readonly powerLossLostBytes: number
  /** Where each actor is, as a page index of its file (null: not started / not there). */
  readonly producerPage: number
  readonly laggingPage: number | null
  readonly laggingSegment: 'old' | 'active' | null
}

interface Marks {
  readonly byKey: Map<string, PageMark>
}

function markEvents(marks: Marks, events: readonly PageEvent[]): void {
  for (const event of events) {
    if (event.type === 'cacheDropped') continue
    const mark: PageMark | undefined = {
      pageHit: 'hit' as const,
      pageMiss: 'miss' as const,
      pageReadAhead: 'readAhead' as const,
      pageDirtied: undefined,
      pageWrittenBack: 'writtenBack' as const,
      pageEvicted: undefined,
    }[event.type]
    if (mark === undefined) continue
    for (let i = 0; i < event.pageCount; i += 1) {
      marks.byKey.set(`${event.path}#${event.firstPageIndex + i}`, mark)
    }
  }
}

function cellsOf(cache: PageCacheState, path: string, sizeBytes: number, marks: Marks): DemoCell[] {
  const filePages = Math.ceil(sizeBytes / PAGE_SIZE_BYTES)
  return Array.from({ length: DEMO_FILE_PAGES }, (_, pageIndex) => {
    const key = `${path}#${pageIndex}`
    const page = cache.pagesByKey[key]
    const residence: PageResidence =
      pageIndex >= filePages
        ? 'absent'
        : page === undefined
          ? 'onDisk'
          : page.dirtySinceMs === null
            ? 'clean'
            : 'dirty'
    return { residence, mark: marks.byKey.get(key) ?? null }
  })
}

function ratio(hits: number, misses: number): number | null {
  return hits + misses === 0 ? null : hits / (hits + misses)
}

/** Runs the whole script and returns frame 0 (the start) to frame `DEMO_STEPS`. */
export function runPageCacheDemo(options: PageCacheDemoOptions): PageCacheDemoFrame[] {
  const { flushIntervalMessages } = options
  assert(
    flushIntervalMessages === null ||
      (Number.isInteger(flushIntervalMessages) && flushIntervalMessages >= 1),
    'flushIntervalMessages is null or a positive integer',
  )
  const cache = createPageCache({ capacityPages: CAPACITY_PAGES })
  const oldSizeBytes = DEMO_FILE_PAGES * PAGE_SIZE_BYTES
  let activeSizeBytes = 0
  let unflushedRecords = 0
  let laggingSegment: 'old' | 'active' | null = null
  let laggingPosition = 0
  const frames: PageCacheDemoFrame[] = []

  const frame = (
    step: number,
    actions: DemoAction[],
    marks: Marks,
    stepHits: number,
    stepMisses: number,
  ): PageCacheDemoFrame => ({
    step,
    atMs: step * DEMO_STEP_MS,
    actions,
    files: [
      {
        path: DEMO_ACTIVE_SEGMENT,
        role: 'active',
        cells: cellsOf(cache, DEMO_ACTIVE_SEGMENT, activeSizeBytes, marks),
      },
      {
        path: DEMO_OLD_SEGMENT,
        role: 'old',
        cells: cellsOf(cache, DEMO_OLD_SEGMENT, oldSizeBytes, marks),
      },
    ],
    counters: { ...cache.counters },
    stepHits,
    stepMisses,
    hitRatio: ratio(cache.counters.hits, cache.counters.misses),
    stepHitRatio: ratio(stepHits, stepMisses),
    activeSizeBytes,
    powerLossLostBytes:
      activeSizeBytes - durablePrefixBytes(cache, DEMO_ACTIVE_SEGMENT, activeSizeBytes),
    producerPage: Math.ceil(activeSizeBytes / PAGE_SIZE_BYTES),
    laggingPage: laggingSegment === null ? null : Math.floor(laggingPosition / PAGE_SIZE_BYTES),
    laggingSegment,
  })

  frames.push(frame(0, [], { byKey: new Map() }, 0, 0))
  for (let step = 1; step <= DEMO_STEPS; step += 1) {
    const nowMs = step * DEMO_STEP_MS
    const actions: DemoAction[] = []
    const marks: Marks = { byKey: new Map() }
    const before = { ...cache.counters }

    // 1. The flusher's wakes due by now come first: they happened during the last second.
    const flushed = flushDue(cache, nowMs)
    if (flushed > 0) actions.push({ actor: 'flusher', pages: flushed })
    markEvents(marks, takePageEvents(cache))

    // 2. The producer's batch lands in the page cache (FileChannel.write, no fsync).
    const writePosition = activeSizeBytes
    onWrite(cache, DEMO_ACTIVE_SEGMENT, writePosition, BATCH_BYTES, nowMs)
    activeSizeBytes += BATCH_BYTES
    unflushedRecords += DEMO_RECORDS_PER_BATCH
    actions.push({ actor: 'producer', pages: 1, records: DEMO_RECORDS_PER_BATCH })
    if (flushIntervalMessages !== null && unflushedRecords >= flushIntervalMessages) {
      const pages = fsyncFile(cache, DEMO_ACTIVE_SEGMENT, nowMs)
      unflushedRecords = 0
      actions.push({ actor: 'fsync', pages })
    }
    markEvents(marks, takePageEvents(cache))

    // 3. The tailing consumer fetches the batch that was just written.
    const tail = onRead(cache, DEMO_ACTIVE_SEGMENT, writePosition, BATCH_BYTES, nowMs)
    actions.push({ actor: 'tailing', hits: tail.hitPages, misses: tail.missPages })
    markEvents(marks, takePageEvents(cache))

    // 4. The lagging consumer works through the old segment, then the active one.
    if (step >= LAGGING_START_STEP) {
      if (laggingSegment === null) laggingSegment = 'old'
      if (laggingSegment === 'old' && laggingPosition >= oldSizeBytes) {
        laggingSegment = 'active'
        laggingPosition = 0
      }
      const path = laggingSegment === 'old' ? DEMO_OLD_SEGMENT : DEMO_ACTIVE_SEGMENT
      const sizeBytes = laggingSegment === 'old' ? oldSizeBytes : activeSizeBytes
      const length = Math.min(LAGGING_READ_BYTES, sizeBytes - laggingPosition)
      if (length > 0) {
        const read = onRead(cache, path, laggingPosition, length, nowMs, sizeBytes)
        laggingPosition += length
        actions.push({
          actor: 'lagging',
          segment: laggingSegment,
          hits: read.hitPages,
          misses: read.missPages,
          readAhead: read.readAheadPages,
        })
      }
      markEvents(marks, takePageEvents(cache))
    }

    const stepHits = cache.counters.hits - before.hits
    const stepMisses = cache.counters.misses - before.misses
    frames.push(frame(step, actions, marks, stepHits, stepMisses))
  }
  return frames
}
