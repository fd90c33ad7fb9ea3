import { liveDirtyEntries, pushEvent } from './pages'
import { PAGE_SIZE_BYTES, type PageCacheState } from './pageCacheTypes'
import { flushDue } from './writeback'

/**
 * What a power loss keeps of a file: the bytes before its first dirty page. Dirty pages never
 * reached the disk, and a log is only as good as its contiguous prefix (recovery truncates at
 * the first bad batch), so later clean pages do not count. A process crash loses nothing: the
 * OS, and its cache, survive it.
 */
export function durablePrefixBytes(
  state: PageCacheState,
  path: string,
  fileSizeBytes: number,
): number {
  let firstDirtyPage: number | null = null
  for (const { page } of liveDirtyEntries(state)) {
    if (page.path !== path || page.dirtySinceMs === null) continue
    if (firstDirtyPage === null || page.pageIndex < firstDirtyPage) firstDirtyPage = page.pageIndex
  }
  return firstDirtyPage === null
    ? fileSizeBytes
    : Math.min(fileSizeBytes, firstDirtyPage * PAGE_SIZE_BYTES)
}

/**
 * Power loss: every page is gone, dirty ones lost. Call `durablePrefixBytes` for each file first
 * to know what survived; file sizes and read-ahead history are kept for the caller's truncation.
 * Flusher wakes due before `nowMs` happen first: they came before the power went out.
 */
export function dropAll(state: PageCacheState, nowMs: number): void {
  flushDue(state, nowMs)
  const pageCount = state.counters.cachedPages
  const dirtyPageCount = state.counters.dirtyPages
  state.pagesByKey = {}
  state.newestKey = null
  state.oldestKey = null
  state.dirtyQueue = []
  state.dirtyQueueHead = 0
  state.counters.cachedPages = 0
  state.counters.dirtyPages = 0
  for (const file of Object.values(state.filesByPath)) {
    file.lastReadPageIndex = null
    file.readAheadMarkerPageIndex = null
    file.readAheadWindowPages = 0
  }
  pushEvent(state, { type: 'cacheDropped', atMs: nowMs, pageCount, dirtyPageCount })
}
