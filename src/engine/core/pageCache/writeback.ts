import { AssertionError } from '../assert'
import { advanceClock, compactDirtyQueue, liveDirtyEntries, writeBack } from './pages'
import type { CachedPage, PageCacheState } from './pageCacheTypes'

/**
 * The flusher, as Linux's periodic write-back: it wakes every `writebackIntervalMs` (5 s) on
 * multiples of that interval and writes back every page dirty for at least `dirtyExpireMs` (30 s;
 * Linux writes inodes with `dirtied_when <= now - expire`, so exactly 30 s counts), then, above
 * the background ratio, the oldest dirty pages until below it. Simplified: Linux expires whole
 * inodes (all dirty pages of a file share the inode's first-dirtied time) and its background
 * write-back runs continuously; the model expires pages and does both only when the flusher wakes.
 *
 * Runs every wake due up to `nowMs`, each at its own time, so one call for a minute equals twelve
 * calls of five seconds. `onRead`, `onWrite` and the other entry points call it first.
 * @returns pages written back
 */
export function flushDue(state: PageCacheState, nowMs: number): number {
  // Checks that time does not go back; wakes are always later than the last time seen.
  advanceClock(state, state.nowMs)
  if (nowMs < state.nowMs)
    throw new AssertionError(`page cache time goes back: ${nowMs} < ${state.nowMs}`)
  const { writebackIntervalMs, dirtyExpireMs, dirtyBackgroundRatioPercent, capacityPages } =
    state.config
  let written = 0
  while (state.nextWritebackAtMs <= nowMs) {
    if (state.counters.dirtyPages === 0) {
      // Nothing to write: jump over the idle wakes (a long pause must not cost a loop per 5 s).
      state.nextWritebackAtMs = (Math.floor(nowMs / writebackIntervalMs) + 1) * writebackIntervalMs
      break
    }
    const wakeMs = state.nextWritebackAtMs
    advanceClock(state, wakeMs)
    // The queue is in dirtying order, so expired pages are a prefix of it.
    const expiredAtOrBeforeMs = wakeMs - dirtyExpireMs
    while (state.dirtyQueueHead < state.dirtyQueue.length) {
      const entry = state.dirtyQueue[state.dirtyQueueHead]
      if (entry === undefined || entry.dirtySinceMs > expiredAtOrBeforeMs) break
      const page = state.pagesByKey[entry.key]
      if (page !== undefined && page.dirtySinceMs === entry.dirtySinceMs) {
        writeBack(state, page, 'expired')
        written += 1
      }
      state.dirtyQueueHead += 1
    }
    if (dirtyBackgroundRatioPercent !== null) {
      const thresholdPages = Math.floor((capacityPages * dirtyBackgroundRatioPercent) / 100)
      while (state.counters.dirtyPages > thresholdPages) {
        const oldest = oldestDirtyPage(state)
        if (oldest === null) break
        writeBack(state, oldest, 'background')
        written += 1
      }
    }
    state.nextWritebackAtMs = wakeMs + writebackIntervalMs
  }
  advanceClock(state, nowMs)
  compactDirtyQueue(state)
  return written
}

/** When the flusher will next have work to do, for the engine's timer queue; null when nothing is dirty. */
export function nextWritebackDueMs(state: PageCacheState): number | null {
  return state.counters.dirtyPages === 0 ? null : state.nextWritebackAtMs
}

/**
 * `fsync(2)` of one file: every dirty page of it is written back now (Kafka does this at segment
 * roll and when `flush.messages` / `flush.ms` say so).
 * @returns pages written back
 */
export function fsyncFile(state: PageCacheState, path: string, nowMs: number): number {
  flushDue(state, nowMs)
  let written = 0
  for (const { page } of liveDirtyEntries(state)) {
    if (page.path !== path || page.dirtySinceMs === null) continue
    writeBack(state, page, 'fsync')
    written += 1
  }
  compactDirtyQueue(state)
  return written
}

/** The longest-dirty page; moves the queue head past entries gone stale on the way. */
function oldestDirtyPage(state: PageCacheState): CachedPage | null {
  while (state.dirtyQueueHead < state.dirtyQueue.length) {
    const entry = state.dirtyQueue[state.dirtyQueueHead]
    const page = entry === undefined ? undefined : state.pagesByKey[entry.key]
    if (entry !== undefined && page !== undefined && page.dirtySinceMs === entry.dirtySinceMs) {
      return page
    }
    state.dirtyQueueHead += 1
  }
  return null
}
