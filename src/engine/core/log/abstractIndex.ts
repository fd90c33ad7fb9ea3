/**
 * What the offset and time indexes share (`storage/AbstractIndex.java`): fixed-size entries in a
 * file next to the segment, read one entry per store IO, a binary search over them, and
 * truncation. Each index describes itself with an `IndexKind` (entry size, file, how an entry
 * decodes, its search key and its offset); offsetIndex.ts and timeIndex.ts add their own append
 * rules and lookups on top.
 */
import { ioRead, ioTruncate, type IoPurpose, type LogContext } from './logIo'
import type { SegmentState } from './logState'
import { largestLowerBoundSlot } from './indexSearch'

export interface IndexKind<Entry> {
  readonly entryBytes: number
  filePath(dir: string, baseOffset: number): string
  entryCount(segment: SegmentState): number
  /** Decodes the entry at `position` of `view` (absolute offsets from the segment's base). */
  decode(view: DataView, position: number, segment: SegmentState): Entry
  /** What a short read (a damaged or truncated file) reads as. */
  missing(segment: SegmentState): Entry
  /** The absolute offset an entry points at, which truncation compares. */
  offsetOf(entry: Entry): number
  /** Records the new entry count and last entry (null when empty) after a truncation. */
  truncated(segment: SegmentState, entries: number, last: Entry | null): void
}

/** Reads entry `slot` from the store; a short read gives `kind.missing`. */
export function readIndexEntry<Entry>(
  kind: IndexKind<Entry>,
  ctx: LogContext,
  dir: string,
  segment: SegmentState,
  slot: number,
  purpose: IoPurpose,
): Entry {
  return readEntryAt(kind, ctx, kind.filePath(dir, segment.baseOffset), segment, slot, purpose)
}

/** `readIndexEntry` from the index file at `path` (a search names the file once, not per probe). */
function readEntryAt<Entry>(
  kind: IndexKind<Entry>,
  ctx: LogContext,
  path: string,
  segment: SegmentState,
  slot: number,
  purpose: IoPurpose,
): Entry {
  const bytes = ioRead(ctx, path, slot * kind.entryBytes, kind.entryBytes, purpose)
  if (bytes.length < kind.entryBytes) return kind.missing(segment)
  return kind.decode(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), 0, segment)
}

/** Slot of the largest entry whose key (`keyOf`) is ≤ `target`, or −1 (`indexSlotRangeFor`). */
export function lowerBoundSlot<Entry>(
  kind: IndexKind<Entry>,
  ctx: LogContext,
  dir: string,
  segment: SegmentState,
  target: number,
  keyOf: (entry: Entry) => number,
  purpose: IoPurpose,
): number {
  const path = kind.filePath(dir, segment.baseOffset)
  return largestLowerBoundSlot(kind.entryCount(segment), kind.entryBytes, target, (slot) =>
    keyOf(readEntryAt(kind, ctx, path, segment, slot, purpose)),
  )
}

/** `AbstractIndex.truncateTo`: removes every entry whose offset is ≥ `offset`. */
export function truncateIndexTo<Entry>(
  kind: IndexKind<Entry>,
  ctx: LogContext,
  dir: string,
  segment: SegmentState,
  offset: number,
  purpose: IoPurpose,
): void {
  const slot = lowerBoundSlot(kind, ctx, dir, segment, offset, kind.offsetOf, purpose)
  let entries: number
  if (slot < 0) entries = 0
  else if (kind.offsetOf(readIndexEntry(kind, ctx, dir, segment, slot, purpose)) === offset)
    entries = slot
  else entries = slot + 1
  truncateIndexToEntries(kind, ctx, dir, segment, entries, purpose)
}

/** Keeps the first `entries` entries (`truncateToEntries`). */
export function truncateIndexToEntries<Entry>(
  kind: IndexKind<Entry>,
  ctx: LogContext,
  dir: string,
  segment: SegmentState,
  entries: number,
  purpose: IoPurpose,
): void {
  ioTruncate(ctx, kind.filePath(dir, segment.baseOffset), entries * kind.entryBytes, purpose)
  const last = entries === 0 ? null : readIndexEntry(kind, ctx, dir, segment, entries - 1, purpose)
  kind.truncated(segment, entries, last)
}
