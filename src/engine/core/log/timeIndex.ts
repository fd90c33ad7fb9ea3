/**
 * The sparse time index of a segment (`storage/TimeIndex.java`): 12-byte entries of
 * (timestamp: int64, offset − baseOffset: int32). An entry (T, O) means every record with a
 * timestamp > T is after offset O. Entries are only added when T is strictly greater than the
 * last one, so timestamps are monotonic; one slot is always kept free for the entry written when
 * the segment is rolled or closed.
 */
import { assert } from '../assert'
import { readInt64, writeInt64 } from './byteUtils'
import type { LogConfig } from './logConfig'
import { timeIndexFilePath } from './logFiles'
import { lowerBoundSlot, readIndexEntry, type IndexKind } from './abstractIndex'
import { ioAppend, type IoPurpose, type LogContext } from './logIo'
import type { SegmentState } from './logState'
import { NO_TIMESTAMP } from './recordBatch'

export const TIME_INDEX_ENTRY_BYTES = 12

export interface TimestampOffset {
  timestamp: number
  offset: number
}

/** Entries: (timestamp: int64, offset − baseOffset: int32); garbage reads as (−1, baseOffset). */
export const TIME_INDEX: IndexKind<TimestampOffset> = {
  entryBytes: TIME_INDEX_ENTRY_BYTES,
  filePath: timeIndexFilePath,
  entryCount: (segment) => segment.timeIndexEntries,
  decode: (view, position, segment) => ({
    timestamp: readInt64(view, position),
    offset: segment.baseOffset + view.getInt32(position + 8),
  }),
  missing: (segment) => ({ timestamp: NO_TIMESTAMP, offset: segment.baseOffset }),
  offsetOf: (entry) => entry.offset,
  truncated: (segment, entries, last) => {
    segment.timeIndexEntries = entries
    segment.lastTimeIndexTimestamp = last === null ? NO_TIMESTAMP : last.timestamp
    segment.lastTimeIndexOffset = last === null ? segment.baseOffset : last.offset
  },
}

const entryScratch = new Uint8Array(TIME_INDEX_ENTRY_BYTES)
const entryScratchView = new DataView(entryScratch.buffer)

export function timeIndexMaxEntries(config: LogConfig): number {
  return Math.floor(config['segment.index.bytes'] / TIME_INDEX_ENTRY_BYTES)
}

/** `TimeIndex.isFull`: one slot stays reserved for the roll entry. */
export function isTimeIndexFull(segment: SegmentState, config: LogConfig): boolean {
  return segment.timeIndexEntries >= timeIndexMaxEntries(config) - 1
}

/**
 * `TimeIndex.maybeAppend`: appends (timestamp, offset) only when the timestamp is strictly greater
 * than the last entry's. `skipFullCheck` is for the roll/close entry that uses the reserved slot.
 */
export function maybeAppendTimeIndexEntry(
  ctx: LogContext,
  dir: string,
  config: LogConfig,
  segment: SegmentState,
  timestamp: number,
  offset: number,
  skipFullCheck: boolean,
  purpose: IoPurpose,
): void {
  if (!skipFullCheck)
    assert(!isTimeIndexFull(segment, config), 'attempt to append to a full time index')
  assert(
    segment.timeIndexEntries === 0 || offset >= segment.lastTimeIndexOffset,
    'time index offsets never go backwards',
  )
  assert(
    segment.timeIndexEntries === 0 || timestamp >= segment.lastTimeIndexTimestamp,
    'time index timestamps never go backwards',
  )
  if (timestamp <= segment.lastTimeIndexTimestamp) return
  writeInt64(entryScratchView, 0, timestamp)
  entryScratchView.setInt32(8, offset - segment.baseOffset)
  ioAppend(ctx, timeIndexFilePath(dir, segment.baseOffset), entryScratch, purpose)
  segment.timeIndexEntries++
  segment.lastTimeIndexTimestamp = timestamp
  segment.lastTimeIndexOffset = offset
}

export function readTimeIndexEntry(
  ctx: LogContext,
  dir: string,
  segment: SegmentState,
  slot: number,
  purpose: IoPurpose,
): TimestampOffset {
  return readIndexEntry(TIME_INDEX, ctx, dir, segment, slot, purpose)
}

/**
 * `TimeIndex.lookup`: the entry with the largest timestamp ≤ `targetTimestamp`, or
 * (NO_TIMESTAMP, baseOffset) when there is none.
 */
export function lookupTimeIndex(
  ctx: LogContext,
  dir: string,
  segment: SegmentState,
  targetTimestamp: number,
  purpose: IoPurpose,
): TimestampOffset {
  const timestampOf = (entry: TimestampOffset) => entry.timestamp
  const slot = lowerBoundSlot(TIME_INDEX, ctx, dir, segment, targetTimestamp, timestampOf, purpose)
  if (slot < 0) return { timestamp: NO_TIMESTAMP, offset: segment.baseOffset }
  return readTimeIndexEntry(ctx, dir, segment, slot, purpose)
}
