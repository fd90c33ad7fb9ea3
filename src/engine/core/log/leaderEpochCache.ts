/**
 * The leader epoch cache (`storage/internals/epoch/LeaderEpochFileCache.java`, KIP-101/279): for
 * each leader epoch, the first offset the leader of that epoch wrote. Followers and consumers use
 * `endOffsetFor` to find where their log diverges from the leader's. Entries are plain data kept
 * ascending by epoch and by start offset; every function returns whether it changed them.
 */
import { assert } from '../assert'
import type { EpochEntry } from './logState'

/** `OffsetsForLeaderEpochResponse.UNDEFINED_EPOCH` / `UNDEFINED_EPOCH_OFFSET`. */
export const UNDEFINED_EPOCH = -1
export const UNDEFINED_EPOCH_OFFSET = -1

export function latestEpochEntry(cache: readonly EpochEntry[]): EpochEntry | null {
  return cache[cache.length - 1] ?? null
}

/** The latest epoch, or null for an empty cache. */
export function latestEpoch(cache: readonly EpochEntry[]): number | null {
  return latestEpochEntry(cache)?.epoch ?? null
}

export function earliestEpochEntry(cache: readonly EpochEntry[]): EpochEntry | null {
  return cache[0] ?? null
}

/**
 * `assign(epoch, startOffset)`: records that `epoch` starts at `startOffset`. Nothing changes
 * when the latest entry already has this epoch at an offset ≤ `startOffset`. Otherwise entries
 * that would break monotonicity (epoch ≥ new epoch or start offset ≥ new offset) are removed from
 * the end first, exactly like `maybeTruncateNonMonotonicEntries`.
 */
export function assignEpochStartOffset(
  cache: EpochEntry[],
  epoch: number,
  startOffset: number,
): boolean {
  assert(epoch >= 0 && startOffset >= 0, 'leader epochs and start offsets are never negative')
  const latest = latestEpochEntry(cache)
  const updateNeeded = latest === null || latest.epoch !== epoch || startOffset < latest.startOffset
  if (!updateNeeded) return false
  while (cache.length > 0) {
    const last = cache[cache.length - 1]!
    if (last.epoch >= epoch || last.startOffset >= startOffset) cache.pop()
    else break
  }
  cache.push({ epoch, startOffset })
  return true
}

/**
 * `endOffsetFor(requestedEpoch, logEndOffset)`: the epoch and end offset the leader answers in
 * OffsetsForLeaderEpoch / a fetch's divergingEpoch. For the latest epoch that is the log end
 * offset; for an older epoch it is the start offset of the next higher epoch, paired with the
 * largest epoch ≤ the requested one. Unknown → (UNDEFINED_EPOCH, UNDEFINED_EPOCH_OFFSET).
 */
export function endOffsetForEpoch(
  cache: readonly EpochEntry[],
  requestedEpoch: number,
  logEndOffset: number,
): { epoch: number; endOffset: number } {
  const undefinedAnswer = { epoch: UNDEFINED_EPOCH, endOffset: UNDEFINED_EPOCH_OFFSET }
  if (requestedEpoch === UNDEFINED_EPOCH) return undefinedAnswer
  const latest = latestEpochEntry(cache)
  if (latest !== null && latest.epoch === requestedEpoch) {
    return { epoch: requestedEpoch, endOffset: logEndOffset }
  }
  const higher = cache.find((entry) => entry.epoch > requestedEpoch)
  if (higher === undefined) return undefinedAnswer
  let floor: EpochEntry | null = null
  for (const entry of cache) if (entry.epoch <= requestedEpoch) floor = entry
  // Smaller than every known epoch: the data is gone; answer with the next epoch's start.
  if (floor === null) return { epoch: requestedEpoch, endOffset: higher.startOffset }
  return { epoch: floor.epoch, endOffset: higher.startOffset }
}

/** `epochForOffset`: the epoch whose range holds `offset`, or null. */
export function epochForOffset(cache: readonly EpochEntry[], offset: number): number | null {
  let found: number | null = null
  for (const entry of cache) {
    if (entry.startOffset <= offset) found = entry.epoch
    else break
  }
  return found
}

/**
 * `truncateFromEnd(endOffset)`: after the log is truncated to `endOffset`, removes epochs that
 * start at or after it.
 */
export function truncateEpochsFromEnd(cache: EpochEntry[], endOffset: number): boolean {
  const latest = latestEpochEntry(cache)
  if (endOffset < 0 || latest === null || latest.startOffset < endOffset) return false
  while (cache.length > 0 && cache[cache.length - 1]!.startOffset >= endOffset) cache.pop()
  return true
}

/**
 * `truncateFromStart(startOffset)`: after the log start moves to `startOffset`, drops epochs that
 * began before it; the newest of them is kept, moved to start exactly at `startOffset`.
 */
export function truncateEpochsFromStart(cache: EpochEntry[], startOffset: number): boolean {
  if (startOffset < 0) return false
  let removed: EpochEntry | null = null
  while (cache.length > 0 && cache[0]!.startOffset <= startOffset) removed = cache.shift()!
  if (removed === null) return false
  cache.unshift({ epoch: removed.epoch, startOffset })
  return true
}

/** `LeaderEpochCheckpointFile` text: version 0, entry count, then "epoch startOffset" lines. */
export function encodeEpochCheckpoint(cache: readonly EpochEntry[]): Uint8Array {
  const lines = ['0', String(cache.length), ...cache.map((e) => `${e.epoch} ${e.startOffset}`)]
  return new TextEncoder().encode(`${lines.join('\n')}\n`)
}

/**
 * Parses a checkpoint file; null when it is not a well-formed version-0 checkpoint with strictly
 * increasing entries (Kafka would refuse to start; this engine rebuilds from the batches).
 */
export function parseEpochCheckpoint(bytes: Uint8Array): EpochEntry[] | null {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes)
  const lines = text.split('\n').filter((line) => line.length > 0)
  if (lines[0] !== '0') return null
  const count = Number(lines[1])
  if (!Number.isSafeInteger(count) || count < 0 || lines.length !== count + 2) return null
  const entries: EpochEntry[] = []
  for (const line of lines.slice(2)) {
    const match = /^(\d+) (\d+)$/.exec(line)
    if (match === null) return null
    const epoch = Number(match[1])
    const startOffset = Number(match[2])
    if (!Number.isSafeInteger(epoch) || !Number.isSafeInteger(startOffset)) return null
    const last = entries[entries.length - 1]
    if (last !== undefined && (epoch <= last.epoch || startOffset <= last.startOffset)) return null
    entries.push({ epoch, startOffset })
  }
  return entries
}
