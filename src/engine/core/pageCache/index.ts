/**
 * The page cache model: per broker, an LRU of 4 KiB pages over segment files with dirty pages,
 * a flusher, read-ahead and hit/miss accounting. The browser cannot see the OS cache, so this
 * model is what shows why tailing consumers read from memory. Pure and deterministic: time comes
 * in as `nowMs`; state is plain data.
 */
export { createPageCache } from './createPageCache'
export { onRead } from './onRead'
export { onWrite } from './onWrite'
export { flushDue, fsyncFile, nextWritebackDueMs } from './writeback'
export { onRemove, onRename, onTruncate } from './fileChanges'
export { dropAll, durablePrefixBytes } from './durability'
export { takePageEvents } from './takePageEvents'
export {
  checkpointPageCache,
  pageCacheCheckpointBytes,
  restorePageCache,
  type PageCacheCheckpoint,
} from './checkpoint'
export { initialWindowPages, nextWindowPages } from './readAhead'
export {
  DEFAULT_PAGE_CACHE_CONFIG,
  PAGE_SIZE_BYTES,
  type CachedFile,
  type CachedPage,
  type EvictionReason,
  type PageCacheConfig,
  type PageCacheCounters,
  type PageCacheState,
  type PageEvent,
  type PageReadResult,
  type WritebackReason,
} from './pageCacheTypes'
