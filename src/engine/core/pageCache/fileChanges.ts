import { dropPage, fileOf, pageAt, pageKey } from './pages'
import { PAGE_SIZE_BYTES, type CachedPage, type PageCacheState } from './pageCacheTypes'
import { flushDue } from './writeback'

/**
 * File-level changes the cache must follow: truncation (recovery, divergence), removal (retention)
 * and renames (Kafka renames a segment to `.deleted` before removing it).
 */

/** Keys of the file's cached pages, most recently used first. */
function pagesOfFile(state: PageCacheState, path: string): { key: string; page: CachedPage }[] {
  const found: { key: string; page: CachedPage }[] = []
  for (let key = state.newestKey; key !== null;) {
    const page = pageAt(state, key)
    if (page.path === path) found.push({ key, page })
    key = page.olderKey
  }
  return found
}

/**
 * `ftruncate(2)`: pages wholly past the new end leave the cache, dirty or not (their bytes no
 * longer exist); the partial last page stays.
 */
export function onTruncate(
  state: PageCacheState,
  path: string,
  sizeBytes: number,
  nowMs: number,
): void {
  flushDue(state, nowMs)
  const keepPages = Math.ceil(sizeBytes / PAGE_SIZE_BYTES)
  const dropped = pagesOfFile(state, path)
    .filter(({ page }) => page.pageIndex >= keepPages)
    .sort((a, b) => a.page.pageIndex - b.page.pageIndex)
  for (const { key } of dropped) dropPage(state, key, 'truncated')
  const file = fileOf(state, path)
  file.sizeBytes = sizeBytes
  if (file.readAheadMarkerPageIndex !== null && file.readAheadMarkerPageIndex >= keepPages) {
    file.readAheadMarkerPageIndex = null
    file.readAheadWindowPages = 0
  }
  if (file.lastReadPageIndex !== null && file.lastReadPageIndex >= keepPages) {
    file.lastReadPageIndex = null
  }
}

/** `unlink(2)`: every page of the file leaves the cache; dirty data is discarded, not written. */
export function onRemove(state: PageCacheState, path: string, nowMs: number): void {
  flushDue(state, nowMs)
  const dropped = pagesOfFile(state, path).sort((a, b) => a.page.pageIndex - b.page.pageIndex)
  for (const { key } of dropped) dropPage(state, key, 'removed')
  delete state.filesByPath[path]
}

/**
 * `rename(2)`: the pages stay cached, dirty or not, in the same LRU places, under the new name.
 * An existing file at `to` is replaced (its pages are dropped), as POSIX rename does.
 */
export function onRename(state: PageCacheState, from: string, to: string, nowMs: number): void {
  flushDue(state, nowMs)
  if (from === to) return
  onRemove(state, to, nowMs)
  const renamedKeys = new Map<string, string>()
  for (const { key, page } of pagesOfFile(state, from)) {
    const newKey = pageKey(to, page.pageIndex)
    const moved: CachedPage = { ...page, path: to }
    state.pagesByKey[newKey] = moved
    delete state.pagesByKey[key]
    // Re-point the neighbours (or the list ends) at the new key; the neighbours' own keys are
    // read from `moved`, which always holds the current ones.
    if (moved.newerKey === null) state.newestKey = newKey
    else pageAt(state, moved.newerKey).olderKey = newKey
    if (moved.olderKey === null) state.oldestKey = newKey
    else pageAt(state, moved.olderKey).newerKey = newKey
    renamedKeys.set(key, newKey)
  }
  if (renamedKeys.size > 0) {
    state.dirtyQueue = state.dirtyQueue.map((entry) => {
      const newKey = renamedKeys.get(entry.key)
      return newKey === undefined ? entry : { key: newKey, dirtySinceMs: entry.dirtySinceMs }
    })
  }
  const file = state.filesByPath[from]
  if (file !== undefined) {
    state.filesByPath[to] = file
    delete state.filesByPath[from]
  }
}
