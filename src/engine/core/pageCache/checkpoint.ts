/**
 * Cheap copies of a page cache for the timeline's checkpoints. `structuredClone` of a busy cache
 * (a thousand page objects keyed by strings) costs far more than the rest of the cluster state;
 * here a checkpoint keeps the pages as flat typed arrays instead (the LRU links as positions),
 * sharing the (immutable) strings and dirty-queue entries, and a restore rebuilds the objects in the
 * same key order and with the same links, so the restored cache is indistinguishable from the
 * original.
 */
import { assert } from '../assert'
import type { CachedPage, PageCacheState } from './pageCacheTypes'

export interface PageCacheCheckpoint {
  readonly cache: Omit<PageCacheState, 'pagesByKey'>
  /** Per page, in `pagesByKey` order: its key, file, page index and dirtying time (NaN: clean). */
  readonly keys: readonly string[]
  readonly paths: readonly string[]
  readonly pageIndexes: Int32Array
  readonly dirtySinceMs: Float64Array
  /** The LRU list from the most to the least recently used page, as positions in `keys`. */
  readonly lru: Int32Array
}

function copyShallow(state: PageCacheState): Omit<PageCacheState, 'pagesByKey'> {
  const filesByPath: PageCacheState['filesByPath'] = {}
  for (const [path, file] of Object.entries(state.filesByPath)) filesByPath[path] = { ...file }
  return {
    config: state.config, // never changes
    nowMs: state.nowMs,
    newestKey: state.newestKey,
    oldestKey: state.oldestKey,
    filesByPath,
    // Entries and events are replaced, never changed in place, so the arrays can share them.
    dirtyQueue: state.dirtyQueue.slice(),
    dirtyQueueHead: state.dirtyQueueHead,
    nextWritebackAtMs: state.nextWritebackAtMs,
    counters: { ...state.counters },
    events: state.events.slice(),
  }
}

/** A copy of `state` that later changes to `state` do not touch. */
export function checkpointPageCache(state: PageCacheState): PageCacheCheckpoint {
  const pagesByKey = state.pagesByKey
  const keys = Object.keys(pagesByKey)
  const count = keys.length
  const paths = new Array<string>(count)
  const pageIndexes = new Int32Array(count)
  const dirtySinceMs = new Float64Array(count)
  const positions = new Map<string, number>()
  for (let i = 0; i < count; i++) {
    const key = keys[i]!
    const page = pagesByKey[key]!
    positions.set(key, i)
    paths[i] = page.path
    pageIndexes[i] = page.pageIndex
    dirtySinceMs[i] = page.dirtySinceMs ?? NaN
  }
  const lru = new Int32Array(count)
  let linked = 0
  for (let key = state.newestKey; key !== null; key = pagesByKey[key]!.olderKey) {
    lru[linked++] = positions.get(key)!
  }
  assert(linked === count, 'every cached page is on the LRU list')
  return { cache: copyShallow(state), keys, paths, pageIndexes, dirtySinceMs, lru }
}

/** A live cache equal to the one the checkpoint was taken of; the checkpoint stays reusable. */
export function restorePageCache(checkpoint: PageCacheCheckpoint): PageCacheState {
  const { keys, paths, pageIndexes, dirtySinceMs, lru } = checkpoint
  const pagesByKey: Record<string, CachedPage> = {}
  const pages = new Array<CachedPage>(keys.length)
  for (let i = 0; i < keys.length; i++) {
    const dirty = dirtySinceMs[i]!
    const page: CachedPage = {
      path: paths[i]!,
      pageIndex: pageIndexes[i]!,
      dirtySinceMs: Number.isNaN(dirty) ? null : dirty,
      newerKey: null,
      olderKey: null,
    }
    pagesByKey[keys[i]!] = page
    pages[i] = page
  }
  for (let j = 0; j < lru.length; j++) {
    const page = pages[lru[j]!]!
    page.newerKey = j > 0 ? keys[lru[j - 1]!]! : null
    page.olderKey = j + 1 < lru.length ? keys[lru[j + 1]!]! : null
  }
  const cache = checkpoint.cache
  return {
    ...cache,
    filesByPath: copyShallow({ ...cache, pagesByKey }).filesByPath,
    dirtyQueue: cache.dirtyQueue.slice(),
    counters: { ...cache.counters },
    events: cache.events.slice(),
    pagesByKey,
  }
}

/**
 * Roughly how much memory a checkpoint holds (for the timeline's budget): per page its slots in
 * the arrays (strings are shared), per file its copied state, and the copied queue and event
 * arrays (their entries are shared).
 */
export function pageCacheCheckpointBytes(checkpoint: PageCacheCheckpoint): number {
  const files = Object.keys(checkpoint.cache.filesByPath).length
  const queued = checkpoint.cache.dirtyQueue.length + checkpoint.cache.events.length
  return 512 + 32 * checkpoint.keys.length + 128 * files + 8 * queued
}
