/**
 * The page cache model's data: plain objects and arrays only, so a broker's cache survives
 * `structuredClone` (checkpoints) and JSON (replays), and "never" is null, not Infinity.
 */

/** Linux's page size on x86-64 and arm64. */
export const PAGE_SIZE_BYTES = 4096

export interface PageCacheConfig {
  /** Pages the cache may hold: the model's stand-in for the broker machine's free memory. */
  readonly capacityPages: number
  /** Largest read-ahead window in pages: Linux `read_ahead_kb` = 128 → 32 pages. */
  readonly readAheadPagesMax: number
  /** How often the flusher wakes: `vm.dirty_writeback_centisecs` = 500 → 5000 ms. */
  readonly writebackIntervalMs: number
  /** Age at which a dirty page is written back on the next wake: `vm.dirty_expire_centisecs` = 3000 → 30000 ms. */
  readonly dirtyExpireMs: number
  /**
   * `vm.dirty_background_ratio` (default 10), as a percentage of `capacityPages`: above it the
   * flusher, when it wakes, also writes back the oldest dirty pages until below. Null turns it off.
   */
  readonly dirtyBackgroundRatioPercent: number | null
  /** Events kept until `takePageEvents`; later ones are only counted (`eventsDropped`). */
  readonly eventsMax: number
}

export const DEFAULT_PAGE_CACHE_CONFIG: PageCacheConfig = {
  capacityPages: 16_384, // 64 MiB
  readAheadPagesMax: 32,
  writebackIntervalMs: 5_000,
  dirtyExpireMs: 30_000,
  dirtyBackgroundRatioPercent: 10,
  eventsMax: 2_000,
}

export interface CachedPage {
  readonly path: string
  readonly pageIndex: number
  /** When the page went from clean to dirty; null while clean. */
  dirtySinceMs: number | null
  /** LRU neighbours by key: towards the most and the least recently used page. */
  newerKey: string | null
  olderKey: string | null
}

/** Per file: its size and the read-ahead state (Linux `struct file_ra_state`, simplified). */
export interface CachedFile {
  sizeBytes: number
  /** Last page of the previous read, to tell sequential reads from random ones; null before any. */
  lastReadPageIndex: number | null
  /** First page of the current read-ahead window; reaching it triggers the next window. Null: no window. */
  readAheadMarkerPageIndex: number | null
  /** Size of the current read-ahead window in pages (0 when none). */
  readAheadWindowPages: number
}

/** A dirty page in the order pages became dirty; entries whose page was cleaned since are stale. */
export interface DirtyEntry {
  readonly key: string
  readonly dirtySinceMs: number
}

export interface PageCacheCounters {
  /** Requested pages found in the cache. */
  hits: number
  /** Requested pages read from disk. */
  misses: number
  /** Pages read from disk before anyone asked, by read-ahead. */
  readAheadPages: number
  /** Dirty pages now (a gauge). */
  dirtyPages: number
  /** Pages now cached (a gauge). */
  cachedPages: number
  /** Dirty pages written to disk (by the flusher, an fsync or an eviction). */
  writebacks: number
  /** Pages dropped to make room. */
  evictions: number
  /** Events not kept because `eventsMax` was reached. */
  eventsDropped: number
}

export type WritebackReason = 'expired' | 'background' | 'fsync' | 'eviction'
export type EvictionReason = 'lru' | 'truncated' | 'removed'

/**
 * Page-level facts for the UI to animate, past tense. One event covers a run of consecutive pages
 * of one file with the same fact at the same time (`pageCount` ≥ 1), so a 1 MiB read is one
 * event, not 256.
 */
export type PageEvent =
  | PageRunEvent<'pageHit'>
  | PageRunEvent<'pageMiss'>
  | PageRunEvent<'pageReadAhead'>
  | PageRunEvent<'pageDirtied'>
  | (PageRunEvent<'pageWrittenBack'> & { readonly reason: WritebackReason })
  | (PageRunEvent<'pageEvicted'> & { readonly reason: EvictionReason })
  | {
      readonly type: 'cacheDropped'
      readonly atMs: number
      readonly pageCount: number
      readonly dirtyPageCount: number
    }

export interface PageRunEvent<T extends string> {
  readonly type: T
  readonly atMs: number
  readonly path: string
  readonly firstPageIndex: number
  readonly pageCount: number
}

export interface PageCacheState {
  readonly config: PageCacheConfig
  /** Latest time seen; time only moves forward. */
  nowMs: number
  /** Key: `${path}#${pageIndex}` (see pageKey). */
  pagesByKey: Record<string, CachedPage>
  newestKey: string | null
  oldestKey: string | null
  filesByPath: Record<string, CachedFile>
  /** Dirty pages in the order they became dirty, from `dirtyQueueHead` on. */
  dirtyQueue: DirtyEntry[]
  dirtyQueueHead: number
  /** When the flusher wakes next. */
  nextWritebackAtMs: number
  counters: PageCacheCounters
  events: PageEvent[]
}

/** What one read found. */
export interface PageReadResult {
  readonly hitPages: number
  readonly missPages: number
  readonly readAheadPages: number
}
