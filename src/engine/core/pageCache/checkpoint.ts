/**
 * Cheap copies of a page cache for the timeline's checkpoints. `structuredClone` of a busy cache
 * (a thousand page objects keyed by strings) costs far more than the rest of the cluster state;
 * here a checkpoint keeps the pages as flat arrays instead, sharing the (immutable) strings and
 * dirty-queue entries, and a restore rebuilds the objects in the same key order and with the same
 * links, so the restored cache is indistinguishable from the original.
 */
import type { CachedPage, PageCacheState } from './pageCacheTypes'

export interface PageCacheCheckpoint {
  readonly cache: Omit<PageCacheState, 'pagesByKey'>
  /** Per page, in `pagesByKey` order. */
  readonly keys: readonly string[]
  readonly pages: readonly CachedPage[]
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
  const keys = Object.keys(state.pagesByKey)
  const pages = keys.map((key) => ({ ...state.pagesByKey[key]! }))
  return { cache: copyShallow(state), keys, pages }
}

/** A live cache equal to the one the checkpoint was taken of; the checkpoint stays reusable. */
export function restorePageCache(checkpoint: PageCacheCheckpoint): PageCacheState {
  const pagesByKey: Record<string, CachedPage> = {}
  checkpoint.keys.forEach((key, i) => {
    pagesByKey[key] = { ...checkpoint.pages[i]! }
  })
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
