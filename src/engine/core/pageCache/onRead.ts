import { assert, AssertionError } from '../assert'
import { emitPageEvent, fileOf, insertPage, pageKey, touchPage } from './pages'
import { initialWindowPages, nextWindowPages } from './readAhead'
import {
  PAGE_SIZE_BYTES,
  type CachedFile,
  type PageCacheState,
  type PageReadResult,
} from './pageCacheTypes'
import { flushDue } from './writeback'

/**
 * A `read(2)` (or the page-cache side of `sendfile`) of `[position, position + length)`:
 * requested pages found in the cache are hits, the others misses read from disk, and a
 * sequential reader gets read-ahead. The model of Linux's on-demand read-ahead, simplified:
 *
 * 1. A read is sequential when it is the first read of the file and starts at page 0, or starts
 *    on the page where the previous read ended or the next one. (Linux also looks for cached
 *    history pages to detect interleaved streams; the model does not.)
 * 2. The first miss of a sequential read opens a window just past the request: initial size
 *    2-4x the request (`initialWindowPages`), minus the requested pages when it is larger, at most
 *    `readAheadPagesMax` (32 pages = 128 KiB). Its first page is the marker (Linux PG_readahead).
 * 3. A read that hits the marker reads the next window (`nextWindowPages`: 2-4x, up to the max)
 *    right after the current one; its first page becomes the marker. A steady sequential reader
 *    therefore finds its pages cached before it asks.
 * 4. A random read that misses reads only what it asked for and forgets the window.
 * 5. Read-ahead stops at the end of the file and skips pages already cached; all reads are
 *    instantaneous (no pages "in flight").
 *
 * @param fileSizeBytes the file's size, when the caller knows it better than the cache (which
 *   otherwise tracks it from writes and truncations)
 */
export function onRead(
  state: PageCacheState,
  path: string,
  position: number,
  length: number,
  nowMs: number,
  fileSizeBytes?: number,
): PageReadResult {
  if (!Number.isInteger(position) || position < 0 || !Number.isInteger(length) || length < 0)
    throw new AssertionError(`bad read position ${position} or length ${length}`)
  flushDue(state, nowMs)
  const file = fileOf(state, path)
  if (fileSizeBytes !== undefined) file.sizeBytes = fileSizeBytes
  const end = Math.min(position + length, file.sizeBytes)
  if (end <= position) return { hitPages: 0, missPages: 0, readAheadPages: 0 }
  const firstPage = Math.floor(position / PAGE_SIZE_BYTES)
  const lastPage = Math.floor((end - 1) / PAGE_SIZE_BYTES)
  const previous = file.lastReadPageIndex
  const sequential =
    previous === null ? firstPage === 0 : firstPage === previous || firstPage === previous + 1
  let hitPages = 0
  let missPages = 0
  let readAheadPages = 0
  let windowOpened = false
  for (let pageIndex = firstPage; pageIndex <= lastPage; pageIndex += 1) {
    const key = pageKey(path, pageIndex)
    const cached = state.pagesByKey[key]
    if (cached !== undefined) {
      hitPages += 1
      touchPage(state, key, cached)
      emitPageEvent(state, 'pageHit', path, pageIndex)
      if (file.readAheadMarkerPageIndex === pageIndex) {
        readAheadPages += readNextWindow(state, path, file)
      }
      continue
    }
    missPages += 1
    insertPage(state, path, pageIndex)
    emitPageEvent(state, 'pageMiss', path, pageIndex)
    if (!sequential) {
      file.readAheadMarkerPageIndex = null
      file.readAheadWindowPages = 0
    } else if (!windowOpened) {
      windowOpened = true
      readAheadPages += openWindow(state, path, file, lastPage - pageIndex + 1, lastPage + 1)
    }
  }
  file.lastReadPageIndex = lastPage
  state.counters.hits += hitPages
  state.counters.misses += missPages
  state.counters.readAheadPages += readAheadPages
  return { hitPages, missPages, readAheadPages }
}

function openWindow(
  state: PageCacheState,
  path: string,
  file: CachedFile,
  requestPages: number,
  startPage: number,
): number {
  const windowPages = initialWindowPages(requestPages, state.config.readAheadPagesMax)
  const aheadPages = windowPages > requestPages ? windowPages - requestPages : windowPages
  file.readAheadMarkerPageIndex = startPage
  file.readAheadWindowPages = aheadPages
  return readAhead(state, path, file, startPage, aheadPages)
}

function readNextWindow(state: PageCacheState, path: string, file: CachedFile): number {
  assert(file.readAheadMarkerPageIndex !== null, 'a marker hit needs a window')
  const startPage = file.readAheadMarkerPageIndex + file.readAheadWindowPages
  const windowPages = nextWindowPages(file.readAheadWindowPages, state.config.readAheadPagesMax)
  file.readAheadMarkerPageIndex = startPage
  file.readAheadWindowPages = windowPages
  return readAhead(state, path, file, startPage, windowPages)
}

function readAhead(
  state: PageCacheState,
  path: string,
  file: CachedFile,
  startPage: number,
  pageCount: number,
): number {
  const filePages = Math.ceil(file.sizeBytes / PAGE_SIZE_BYTES)
  let read = 0
  for (let pageIndex = startPage; pageIndex < startPage + pageCount; pageIndex += 1) {
    if (pageIndex >= filePages) break
    if (state.pagesByKey[pageKey(path, pageIndex)] !== undefined) continue
    insertPage(state, path, pageIndex)
    emitPageEvent(state, 'pageReadAhead', path, pageIndex)
    read += 1
  }
  return read
}
