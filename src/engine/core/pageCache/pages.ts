import { assert, AssertionError } from '../assert'
import type {
  CachedFile,
  CachedPage,
  EvictionReason,
  PageCacheState,
  PageEvent,
  WritebackReason,
} from './pageCacheTypes'

/**
 * Page-level primitives shared by reads, writes, the flusher and file changes: the LRU list,
 * dirtying, write-back, eviction and events. Every counter and event changes here and only here.
 */

export function pageKey(path: string, pageIndex: number): string {
  return `${path}#${pageIndex}`
}

export function fileOf(state: PageCacheState, path: string): CachedFile {
  const existing = state.filesByPath[path]
  if (existing !== undefined) return existing
  const file: CachedFile = {
    sizeBytes: 0,
    lastReadPageIndex: null,
    readAheadMarkerPageIndex: null,
    readAheadWindowPages: 0,
  }
  state.filesByPath[path] = file
  return file
}

export function advanceClock(state: PageCacheState, nowMs: number): void {
  if (!Number.isInteger(nowMs)) throw new AssertionError(`nowMs must be an integer, got ${nowMs}`)
  if (nowMs < state.nowMs)
    throw new AssertionError(`page cache time goes back: ${nowMs} < ${state.nowMs}`)
  state.nowMs = nowMs
}

type RunEventType = Exclude<PageEvent['type'], 'cacheDropped'>

/** Records a fact about one page, merged into the previous event when it extends its run. */
export function emitPageEvent(
  state: PageCacheState,
  type: RunEventType,
  path: string,
  pageIndex: number,
  reason: WritebackReason | EvictionReason | null = null,
): void {
  const last = state.events[state.events.length - 1]
  const full = state.events.length >= state.config.eventsMax
  // A full buffer only counts what it drops (checked first: a busy cache must not build events
  // that nobody keeps).
  if (full && (last === undefined || last.type !== type)) {
    state.counters.eventsDropped += 1
    return
  }
  if (
    last !== undefined &&
    last.type === type &&
    last.atMs === state.nowMs &&
    'path' in last &&
    last.path === path &&
    last.firstPageIndex + last.pageCount === pageIndex &&
    ('reason' in last ? last.reason : null) === reason
  ) {
    state.events[state.events.length - 1] = { ...last, pageCount: last.pageCount + 1 }
    return
  }
  const base = { atMs: state.nowMs, path, firstPageIndex: pageIndex, pageCount: 1 }
  let event: PageEvent
  if (type === 'pageWrittenBack') {
    assert(
      reason === 'expired' ||
        reason === 'background' ||
        reason === 'fsync' ||
        reason === 'eviction',
      'write-back reason',
    )
    event = { type, ...base, reason }
  } else if (type === 'pageEvicted') {
    assert(reason === 'lru' || reason === 'truncated' || reason === 'removed', 'eviction reason')
    event = { type, ...base, reason }
  } else {
    event = { type, ...base }
  }
  pushEvent(state, event)
}

export function pushEvent(state: PageCacheState, event: PageEvent): void {
  if (state.events.length < state.config.eventsMax) state.events.push(event)
  else state.counters.eventsDropped += 1
}

// ---- LRU list ------------------------------------------------------------------------------

function unlink(state: PageCacheState, page: CachedPage): void {
  if (page.newerKey === null) state.newestKey = page.olderKey
  else pageAt(state, page.newerKey).olderKey = page.olderKey
  if (page.olderKey === null) state.oldestKey = page.newerKey
  else pageAt(state, page.olderKey).newerKey = page.newerKey
  page.newerKey = null
  page.olderKey = null
}

function linkNewest(state: PageCacheState, key: string, page: CachedPage): void {
  page.newerKey = null
  page.olderKey = state.newestKey
  if (state.newestKey === null) state.oldestKey = key
  else pageAt(state, state.newestKey).newerKey = key
  state.newestKey = key
}

/** Marks `page`, cached under `key`, most recently used. */
export function touchPage(state: PageCacheState, key: string, page: CachedPage): void {
  if (state.newestKey === key) return
  unlink(state, page)
  linkNewest(state, key, page)
}

export function pageAt(state: PageCacheState, key: string): CachedPage {
  const page = state.pagesByKey[key]
  // Not `assert`: its message would be built on every call of this hot path.
  if (page === undefined) throw new AssertionError(`page ${key} is not cached`)
  return page
}

// ---- Page life ------------------------------------------------------------------------------

/** Caches a page read from disk (clean) or about to be written (dirtied by the caller). */
export function insertPage(state: PageCacheState, path: string, pageIndex: number): CachedPage {
  const key = pageKey(path, pageIndex)
  if (state.pagesByKey[key] !== undefined) throw new AssertionError(`page ${key} is already cached`)
  while (state.counters.cachedPages >= state.config.capacityPages) evictOne(state)
  const page: CachedPage = { path, pageIndex, dirtySinceMs: null, newerKey: null, olderKey: null }
  state.pagesByKey[key] = page
  linkNewest(state, key, page)
  state.counters.cachedPages += 1
  return page
}

export function markDirty(state: PageCacheState, page: CachedPage): void {
  // Linux keeps the first dirtying time (`dirtied_when`) until write-back; re-dirtying a dirty
  // page changes nothing, so a hot page still expires 30 s after it first became dirty.
  if (page.dirtySinceMs !== null) return
  page.dirtySinceMs = state.nowMs
  state.dirtyQueue.push({ key: pageKey(page.path, page.pageIndex), dirtySinceMs: state.nowMs })
  state.counters.dirtyPages += 1
  emitPageEvent(state, 'pageDirtied', page.path, page.pageIndex)
}

export function writeBack(state: PageCacheState, page: CachedPage, reason: WritebackReason): void {
  assert(page.dirtySinceMs !== null, 'only a dirty page is written back')
  page.dirtySinceMs = null
  state.counters.dirtyPages -= 1
  state.counters.writebacks += 1
  emitPageEvent(state, 'pageWrittenBack', page.path, page.pageIndex, reason)
}

/**
 * Drops a page. For 'lru' it must be clean (written back first); for 'truncated' / 'removed'
 * its dirty data is discarded with the file's bytes, as the kernel does.
 */
export function dropPage(state: PageCacheState, key: string, reason: EvictionReason): void {
  const page = pageAt(state, key)
  if (page.dirtySinceMs !== null) {
    assert(reason !== 'lru', 'dirty pages are written back before eviction')
    state.counters.dirtyPages -= 1
  }
  unlink(state, page)
  delete state.pagesByKey[key]
  state.counters.cachedPages -= 1
  if (reason === 'lru') state.counters.evictions += 1
  emitPageEvent(state, 'pageEvicted', page.path, page.pageIndex, reason)
}

/**
 * Frees one slot: the least recently used clean page, or, when every page is dirty, the least
 * recently used page after writing it back. (Linux reclaim likewise skips dirty pages and starts
 * their write-back; the model does that write instantly.)
 */
function evictOne(state: PageCacheState): void {
  // When every page is dirty there is no clean page to find: skip the walk over the whole list.
  if (state.counters.dirtyPages < state.counters.cachedPages) {
    for (let key = state.oldestKey; key !== null;) {
      const page = pageAt(state, key)
      if (page.dirtySinceMs === null) {
        dropPage(state, key, 'lru')
        return
      }
      key = page.newerKey
    }
  }
  const oldest = state.oldestKey
  assert(oldest !== null, 'a full cache has an oldest page')
  writeBack(state, pageAt(state, oldest), 'eviction')
  dropPage(state, oldest, 'lru')
}

/** The dirty-queue entries that are still current, oldest first (stale ones are skipped). */
export function* liveDirtyEntries(
  state: PageCacheState,
): Generator<{ key: string; page: CachedPage }> {
  for (let i = state.dirtyQueueHead; i < state.dirtyQueue.length; i += 1) {
    const entry = state.dirtyQueue[i]
    if (entry === undefined) continue
    const page = state.pagesByKey[entry.key]
    if (page !== undefined && page.dirtySinceMs === entry.dirtySinceMs)
      yield { key: entry.key, page }
  }
}

/**
 * Drops stale entries from the dirty queue once they outnumber live ones, so the queue stays
 * proportional to the dirty pages (pages cleaned by fsync or eviction leave stale entries behind).
 */
export function compactDirtyQueue(state: PageCacheState): void {
  const length = state.dirtyQueue.length - state.dirtyQueueHead
  // Entries before the head are done with; they are dropped once they are half the array (else
  // the array, which every checkpoint copies, would grow for as long as the broker writes).
  const consumed = state.dirtyQueueHead >= 64 && state.dirtyQueueHead >= length
  if (!consumed && (length < 64 || length <= 2 * state.counters.dirtyPages)) return
  const live: { key: string; dirtySinceMs: number }[] = []
  // A page cleaned and dirtied again in the same millisecond has two identical entries; keep one.
  const seen = new Set<string>()
  // The loop of `liveDirtyEntries`, without a generator: this runs on the write path.
  for (let i = state.dirtyQueueHead; i < state.dirtyQueue.length; i += 1) {
    const entry = state.dirtyQueue[i]
    if (entry === undefined) continue
    const page = state.pagesByKey[entry.key]
    if (page === undefined || page.dirtySinceMs !== entry.dirtySinceMs) continue
    if (page.dirtySinceMs === null || seen.has(entry.key)) continue
    seen.add(entry.key)
    live.push({ key: entry.key, dirtySinceMs: page.dirtySinceMs })
  }
  state.dirtyQueue = live
  state.dirtyQueueHead = 0
}
