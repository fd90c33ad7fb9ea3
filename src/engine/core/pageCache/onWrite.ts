import { AssertionError } from '../assert'
import { fileOf, insertPage, markDirty, pageKey, touchPage } from './pages'
import { PAGE_SIZE_BYTES, type PageCacheState } from './pageCacheTypes'
import { flushDue } from './writeback'

/**
 * A `write(2)` into the cache (write-back caching): the pages covering `[position, position +
 * length)` become most recently used and dirty; nothing reaches the disk until the flusher, an
 * fsync or an eviction writes them back. Simplified: a write to an uncached page never reads it
 * from disk first (true for appends past the end of file, which is all Kafka's log does).
 * @returns pages that went from clean (or uncached) to dirty
 */
export function onWrite(
  state: PageCacheState,
  path: string,
  position: number,
  length: number,
  nowMs: number,
): number {
  if (!Number.isInteger(position) || position < 0 || !Number.isInteger(length) || length < 0)
    throw new AssertionError(`bad write position ${position} or length ${length}`)
  flushDue(state, nowMs)
  if (length === 0) return 0
  const file = fileOf(state, path)
  file.sizeBytes = Math.max(file.sizeBytes, position + length)
  const firstPage = Math.floor(position / PAGE_SIZE_BYTES)
  const lastPage = Math.floor((position + length - 1) / PAGE_SIZE_BYTES)
  let dirtied = 0
  for (let pageIndex = firstPage; pageIndex <= lastPage; pageIndex += 1) {
    const key = pageKey(path, pageIndex)
    const cached = state.pagesByKey[key]
    if (cached === undefined) {
      markDirty(state, insertPage(state, path, pageIndex))
      dirtied += 1
      continue
    }
    touchPage(state, key, cached)
    if (cached.dirtySinceMs === null) {
      markDirty(state, cached)
      dirtied += 1
    }
  }
  return dirtied
}
