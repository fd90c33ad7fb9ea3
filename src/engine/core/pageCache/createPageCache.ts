import { assert } from '../assert'
import {
  DEFAULT_PAGE_CACHE_CONFIG,
  type PageCacheConfig,
  type PageCacheState,
} from './pageCacheTypes'

/** An empty cache for one broker; `config` overrides the Linux defaults. */
export function createPageCache(config: Partial<PageCacheConfig> = {}, nowMs = 0): PageCacheState {
  const full: PageCacheConfig = { ...DEFAULT_PAGE_CACHE_CONFIG, ...config }
  assert(Number.isInteger(full.capacityPages) && full.capacityPages >= 1, 'capacityPages >= 1')
  assert(
    Number.isInteger(full.readAheadPagesMax) && full.readAheadPagesMax >= 1,
    'readAheadPagesMax >= 1',
  )
  assert(full.writebackIntervalMs > 0, 'writebackIntervalMs > 0')
  assert(full.dirtyExpireMs >= 0, 'dirtyExpireMs >= 0')
  assert(full.eventsMax >= 0, 'eventsMax >= 0')
  return {
    config: full,
    nowMs,
    pagesByKey: {},
    newestKey: null,
    oldestKey: null,
    filesByPath: {},
    dirtyQueue: [],
    dirtyQueueHead: 0,
    // The flusher wakes on multiples of the interval, so its schedule does not depend on when
    // the cache was created or how time was stepped.
    nextWritebackAtMs:
      (Math.floor(nowMs / full.writebackIntervalMs) + 1) * full.writebackIntervalMs,
    counters: {
      hits: 0,
      misses: 0,
      readAheadPages: 0,
      dirtyPages: 0,
      cachedPages: 0,
      writebacks: 0,
      evictions: 0,
      eventsDropped: 0,
    },
    events: [],
  }
}
