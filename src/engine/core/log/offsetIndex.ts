/**
 * The sparse offset index of a segment (`storage/OffsetIndex.java`): 8-byte entries of
 * (offset − baseOffset: int32, file position: int32), offsets strictly increasing. Kafka mmaps and
 * preallocates the file to `segment.index.bytes` and trims it on roll; here the file always has
 * its used size, and each entry read or written is one store IO.
 */
import { assert } from '../assert'
import type { LogConfig } from './logConfig'
import { offsetIndexFilePath } from './logFiles'
import { lowerBoundSlot, readIndexEntry, type IndexKind } from './abstractIndex'
import { ioAppend, type IoPurpose, type LogContext } from './logIo'
import type { SegmentState } from './logState'

export const OFFSET_INDEX_ENTRY_BYTES = 8

export interface OffsetPosition {
  offset: number
  position: number
}

/** Entries: (offset − baseOffset: int32, position: int32); garbage reads as (baseOffset − 1, −1). */
export const OFFSET_INDEX: IndexKind<OffsetPosition> = {
  entryBytes: OFFSET_INDEX_ENTRY_BYTES,
  filePath: offsetIndexFilePath,
  entryCount: (segment) => segment.offsetIndexEntries,
  decode: (view, position, segment) => ({
    offset: segment.baseOffset + view.getInt32(position),
    position: view.getInt32(position + 4),
  }),
  missing: (segment) => ({ offset: segment.baseOffset - 1, position: -1 }),
  offsetOf: (entry) => entry.offset,
  truncated: (segment, entries, last) => {
    segment.offsetIndexEntries = entries
    segment.lastIndexedOffset = last === null ? segment.baseOffset : last.offset
  },
}

const entryScratch = new Uint8Array(OFFSET_INDEX_ENTRY_BYTES)
const entryScratchView = new DataView(entryScratch.buffer)

export function offsetIndexMaxEntries(config: LogConfig): number {
  return Math.floor(config['segment.index.bytes'] / OFFSET_INDEX_ENTRY_BYTES)
}

export function isOffsetIndexFull(segment: SegmentState, config: LogConfig): boolean {
  return segment.offsetIndexEntries >= offsetIndexMaxEntries(config)
}

/** `AbstractIndex.canAppendOffset`: the offset fits as an int32 relative to the base offset. */
export function canConvertToRelativeOffset(segment: SegmentState, offset: number): boolean {
  const relative = offset - segment.baseOffset
  return relative >= 0 && relative <= 0x7fffffff
}

/** `OffsetIndex.append`; the caller guarantees room and a strictly larger offset. */
export function appendOffsetIndexEntry(
  ctx: LogContext,
  dir: string,
  config: LogConfig,
  segment: SegmentState,
  offset: number,
  position: number,
  purpose: IoPurpose,
): void {
  assert(!isOffsetIndexFull(segment, config), 'attempt to append to a full offset index')
  assert(
    segment.offsetIndexEntries === 0 || offset > segment.lastIndexedOffset,
    'offset index entries must have strictly increasing offsets',
  )
  entryScratchView.setInt32(0, offset - segment.baseOffset)
  entryScratchView.setInt32(4, position)
  ioAppend(ctx, offsetIndexFilePath(dir, segment.baseOffset), entryScratch, purpose)
  segment.offsetIndexEntries++
  segment.lastIndexedOffset = offset
}

/** Reads entry `slot` from the store; garbage reads as offset baseOffset − 1, position −1. */
export function readOffsetIndexEntry(
  ctx: LogContext,
  dir: string,
  segment: SegmentState,
  slot: number,
  purpose: IoPurpose,
): OffsetPosition {
  return readIndexEntry(OFFSET_INDEX, ctx, dir, segment, slot, purpose)
}

/**
 * `OffsetIndex.lookup`: the entry with the largest offset ≤ `targetOffset`, or
 * (baseOffset, position 0) when there is none.
 */
export function lookupOffsetIndex(
  ctx: LogContext,
  dir: string,
  segment: SegmentState,
  targetOffset: number,
  purpose: IoPurpose,
): OffsetPosition {
  const slot = lowerBoundSlot(
    OFFSET_INDEX,
    ctx,
    dir,
    segment,
    targetOffset,
    OFFSET_INDEX.offsetOf,
    purpose,
  )
  if (slot < 0) return { offset: segment.baseOffset, position: 0 }
  const entry = readOffsetIndexEntry(ctx, dir, segment, slot, purpose)
  // A damaged index must never send a read before the file start; fall back to a full scan.
  return entry.position < 0 ? { offset: segment.baseOffset, position: 0 } : entry
}
