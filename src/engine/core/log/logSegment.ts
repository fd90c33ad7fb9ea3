/**
 * One segment of a partition log (`storage/LogSegment.java`): a `.log` file of batches plus its
 * sparse offset and time indexes. Functions mutate the plain `SegmentState` and do their IO
 * through the store; the log (`partitionLog.ts`) decides when to call them.
 */
import { assert } from '../assert'
import {
  batchesFrom,
  largestTimestampAfter,
  readFileBatchHeader,
  searchForOffsetWithSize,
  searchForTimestamp,
  type LogOffsetPosition,
  type TimestampAndOffset,
} from './fileRecords'
import type { LogConfig } from './logConfig'
import {
  DELETED_FILE_SUFFIX,
  logFilePath,
  offsetIndexFilePath,
  timeIndexFilePath,
} from './logFiles'
import {
  ioAppend,
  ioCreate,
  ioReadView,
  ioRename,
  ioTruncate,
  type IoPurpose,
  type LogContext,
} from './logIo'
import type { PartitionLogState, SegmentState } from './logState'
import {
  appendOffsetIndexEntry,
  canConvertToRelativeOffset,
  isOffsetIndexFull,
  lookupOffsetIndex,
  OFFSET_INDEX,
} from './offsetIndex'
import { LENGTH_OFFSET, LOG_OVERHEAD, NO_TIMESTAMP, RECORD_BATCH_OVERHEAD } from './recordBatch'
import {
  isTimeIndexFull,
  lookupTimeIndex,
  maybeAppendTimeIndexEntry,
  TIME_INDEX,
} from './timeIndex'
import { truncateIndexTo } from './abstractIndex'

export function segmentFilePaths(dir: string, baseOffset: number): string[] {
  return [
    logFilePath(dir, baseOffset),
    offsetIndexFilePath(dir, baseOffset),
    timeIndexFilePath(dir, baseOffset),
  ]
}

/** `LogConfig.randomSegmentJitter`: 0 without jitter, else a draw below min(jitter, segment.ms). */
function drawRollJitterMs(ctx: LogContext, config: LogConfig): number {
  const jitterMs = config['segment.jitter.ms']
  if (jitterMs === 0) return 0
  assert(ctx.randomInt !== undefined, 'segment.jitter.ms > 0 needs LogContext.randomInt')
  return ctx.randomInt(Math.min(jitterMs, config['segment.ms'], 0x1_0000_0000))
}

/** Fresh in-memory state for a segment whose files hold nothing yet. */
function emptySegmentState(baseOffset: number, nowMs: number, rollJitterMs: number): SegmentState {
  return {
    baseOffset,
    sizeBytes: 0,
    createdMs: nowMs,
    lastModifiedMs: nowMs,
    rollJitterMs,
    rollingBasedTimestamp: null,
    maxTimestampSoFar: NO_TIMESTAMP,
    offsetOfMaxTimestampSoFar: baseOffset,
    bytesSinceLastIndexEntry: 0,
    offsetIndexEntries: 0,
    lastIndexedOffset: baseOffset,
    timeIndexEntries: 0,
    lastTimeIndexTimestamp: NO_TIMESTAMP,
    lastTimeIndexOffset: baseOffset,
  }
}

/** `LogSegment.open` for a new segment: creates its three (empty) files. */
export function openNewSegment(
  ctx: LogContext,
  log: PartitionLogState,
  baseOffset: number,
  nowMs: number,
  purpose: IoPurpose,
): SegmentState {
  for (const path of segmentFilePaths(log.dir, baseOffset)) ioCreate(ctx, path, purpose)
  return emptySegmentState(baseOffset, nowMs, drawRollJitterMs(ctx, log.config))
}

/** Draws the jitter for a segment loaded from files. */
export function loadedSegmentState(
  ctx: LogContext,
  config: LogConfig,
  baseOffset: number,
  nowMs: number,
): SegmentState {
  return emptySegmentState(baseOffset, nowMs, drawRollJitterMs(ctx, config))
}

/** `loadFirstBatchTimestamp`: reads the first batch's maxTimestamp from the file when unknown. */
function loadFirstBatchTimestamp(
  ctx: LogContext,
  log: PartitionLogState,
  segment: SegmentState,
): void {
  if (segment.rollingBasedTimestamp !== null || segment.sizeBytes === 0) return
  const path = logFilePath(log.dir, segment.baseOffset)
  const first = readFileBatchHeader(ctx, path, segment.sizeBytes, 0, 'roll')
  if (first.kind === 'batch') segment.rollingBasedTimestamp = first.batch.header.maxTimestamp
}

/**
 * `timeWaitedForRoll`: record time since the first batch of the segment when it has a timestamp,
 * else wall-clock time since the segment was created.
 */
export function timeWaitedForRoll(
  ctx: LogContext,
  log: PartitionLogState,
  segment: SegmentState,
  nowMs: number,
  messageTimestamp: number,
): number {
  loadFirstBatchTimestamp(ctx, log, segment)
  const ts = segment.rollingBasedTimestamp ?? -1
  if (ts >= 0) return messageTimestamp - ts
  return nowMs - segment.createdMs
}

export interface RollParams {
  /** Size of the incoming record set. */
  messagesSize: number
  maxTimestampInMessages: number
  maxOffsetInMessages: number
  nowMs: number
}

/** `LogSegment.shouldRoll`, checked before every append (§1.2). */
export function shouldRoll(
  ctx: LogContext,
  log: PartitionLogState,
  segment: SegmentState,
  params: RollParams,
): boolean {
  const config = log.config
  const reachedRollMs =
    timeWaitedForRoll(ctx, log, segment, params.nowMs, params.maxTimestampInMessages) >
    config['segment.ms'] - segment.rollJitterMs
  const size = segment.sizeBytes
  return (
    size > config['segment.bytes'] - params.messagesSize ||
    (size > 0 && reachedRollMs) ||
    isOffsetIndexFull(segment, config) ||
    isTimeIndexFull(segment, config) ||
    !canConvertToRelativeOffset(segment, params.maxOffsetInMessages)
  )
}

/**
 * `LogSegment.append`: writes the records at the end of the file, then applies the sparse-index
 * rule — *first* check whether more than `index.interval.bytes` were appended since the last entry
 * (if so, index this append's last offset at the position where it starts), *then* count this
 * append's bytes. So the first append of a segment never creates an entry.
 */
export function appendToSegment(
  ctx: LogContext,
  log: PartitionLogState,
  segment: SegmentState,
  largestOffset: number,
  largestTimestampMs: number,
  shallowOffsetOfMaxTimestamp: number,
  records: Uint8Array,
  nowMs: number,
): void {
  if (records.length === 0) return
  const physicalPosition = segment.sizeBytes
  if (physicalPosition === 0) segment.rollingBasedTimestamp = largestTimestampMs
  assert(canConvertToRelativeOffset(segment, largestOffset), 'offset fits the segment index')
  const written = ioAppend(ctx, logFilePath(log.dir, segment.baseOffset), records, 'append')
  assert(written === physicalPosition, 'the segment file size matches the log state')
  segment.sizeBytes += records.length
  segment.lastModifiedMs = nowMs
  if (largestTimestampMs > segment.maxTimestampSoFar) {
    segment.maxTimestampSoFar = largestTimestampMs
    segment.offsetOfMaxTimestampSoFar = shallowOffsetOfMaxTimestamp
  }
  if (segment.bytesSinceLastIndexEntry > log.config['index.interval.bytes']) {
    appendOffsetIndexEntry(
      ctx,
      log.dir,
      log.config,
      segment,
      largestOffset,
      physicalPosition,
      'indexAppend',
    )
    maybeAppendTimeIndexEntry(
      ctx,
      log.dir,
      log.config,
      segment,
      segment.maxTimestampSoFar,
      segment.offsetOfMaxTimestampSoFar,
      false,
      'indexAppend',
    )
    segment.bytesSinceLastIndexEntry = 0
  }
  segment.bytesSinceLastIndexEntry += records.length
}

/**
 * `LogSegment.translateOffset`: the offset index gives the closest entry at or below `offset`,
 * then batch headers are scanned from there to the first batch whose last offset is ≥ `offset`.
 */
export function translateOffset(
  ctx: LogContext,
  log: PartitionLogState,
  segment: SegmentState,
  offset: number,
  purpose: IoPurpose,
): LogOffsetPosition | null {
  const mapping = lookupOffsetIndex(ctx, log.dir, segment, offset, purpose)
  const path = logFilePath(log.dir, segment.baseOffset)
  return searchForOffsetWithSize(ctx, path, segment.sizeBytes, offset, mapping.position, purpose)
}

/** Result of reading one segment: where the fetch starts and the whole batches returned. */
export interface SegmentRead {
  segmentBaseOffset: number
  /** File position of the first returned batch. */
  startPosition: number
  records: Uint8Array
  /** The first batch did not fit the byte limit (only possible without minOneMessage). */
  firstEntryIncomplete: boolean
}

/**
 * `LogSegment.read`: from the batch holding `startOffset`, up to `maxSize` bytes and never past
 * `maxPosition` (the isolation limit; null = nothing of this segment may be exposed). With
 * `minOneMessage` the first batch is returned whole even when larger than `maxSize` (KIP-74).
 * Kafka sends the byte slice as is, which can end in a partial batch that the receiver drops;
 * here the slice is cut back to whole batches so every caller gets complete batches.
 * Returns null when the segment has no batch at or after `startOffset`.
 */
export function readSegment(
  ctx: LogContext,
  log: PartitionLogState,
  segment: SegmentState,
  startOffset: number,
  maxSize: number,
  maxPosition: number | null,
  minOneMessage: boolean,
): SegmentRead | null {
  assert(maxSize >= 0, 'maxSize is never negative')
  const start = translateOffset(ctx, log, segment, startOffset, 'fetch')
  if (start === null) return null
  const adjustedMaxSize = minOneMessage ? Math.max(maxSize, start.sizeInBytes) : maxSize
  const empty: SegmentRead = {
    segmentBaseOffset: segment.baseOffset,
    startPosition: start.position,
    records: new Uint8Array(0),
    firstEntryIncomplete: false,
  }
  if (adjustedMaxSize === 0 || maxPosition === null) return empty
  const fetchSize = Math.min(maxPosition - start.position, adjustedMaxSize)
  if (fetchSize <= 0) return empty
  const path = logFilePath(log.dir, segment.baseOffset)
  const slice = ioReadView(ctx, path, start.position, fetchSize, 'fetch')
  let wholeBatchBytes = 0
  const view = new DataView(slice.buffer, slice.byteOffset, slice.byteLength)
  while (wholeBatchBytes + LOG_OVERHEAD <= slice.length) {
    const size = view.getInt32(wholeBatchBytes + LENGTH_OFFSET) + LOG_OVERHEAD
    if (size < RECORD_BATCH_OVERHEAD || wholeBatchBytes + size > slice.length) break
    wholeBatchBytes += size
  }
  return {
    segmentBaseOffset: segment.baseOffset,
    startPosition: start.position,
    records: wholeBatchBytes === slice.length ? slice : slice.subarray(0, wholeBatchBytes),
    firstEntryIncomplete: adjustedMaxSize < start.sizeInBytes,
  }
}

/**
 * `readNextOffset`: the offset after the last batch, found by scanning from the last offset-index
 * entry (Kafka: "Note that this is expensive").
 */
export function readNextOffset(
  ctx: LogContext,
  log: PartitionLogState,
  segment: SegmentState,
): number {
  const mapping = lookupOffsetIndex(ctx, log.dir, segment, segment.lastIndexedOffset, 'load')
  const path = logFilePath(log.dir, segment.baseOffset)
  let next = segment.baseOffset
  for (const batch of batchesFrom(ctx, path, segment.sizeBytes, mapping.position, 'load')) {
    next = batch.header.baseOffset + batch.header.lastOffsetDelta + 1
  }
  return next
}

/** `largestTimestamp`: the newest record timestamp, or the file's modification time without one. */
export function largestTimestampOf(segment: SegmentState): number {
  return segment.maxTimestampSoFar >= 0 ? segment.maxTimestampSoFar : segment.lastModifiedMs
}

/**
 * `onBecomeInactiveSegment`: on roll, appends the final time-index entry (the newest timestamp
 * seen, using the reserved slot) so retention and timestamp lookups see the whole segment.
 */
export function onBecomeInactiveSegment(
  ctx: LogContext,
  log: PartitionLogState,
  segment: SegmentState,
): void {
  maybeAppendTimeIndexEntry(
    ctx,
    log.dir,
    log.config,
    segment,
    segment.maxTimestampSoFar,
    segment.offsetOfMaxTimestampSoFar,
    true,
    'roll',
  )
}

/**
 * `LogSegment.truncateTo`: removes index entries and the batches holding offsets ≥ `offset`
 * (cutting at the start of the batch that contains it), then re-derives the newest timestamp.
 * Returns the bytes cut from the file.
 */
export function truncateSegmentTo(
  ctx: LogContext,
  log: PartitionLogState,
  segment: SegmentState,
  offset: number,
  nowMs: number,
): number {
  const dir = log.dir
  const mapping = translateOffset(ctx, log, segment, offset, 'truncate')
  truncateIndexTo(OFFSET_INDEX, ctx, dir, segment, offset, 'truncate')
  truncateIndexTo(TIME_INDEX, ctx, dir, segment, offset, 'truncate')
  let bytesTruncated = 0
  if (mapping !== null) {
    const path = logFilePath(dir, segment.baseOffset)
    bytesTruncated = segment.sizeBytes - mapping.position
    ioTruncate(ctx, path, mapping.position, 'truncate')
    segment.sizeBytes = mapping.position
  }
  if (segment.sizeBytes === 0) {
    segment.createdMs = nowMs
    segment.rollingBasedTimestamp = null
  }
  segment.bytesSinceLastIndexEntry = 0
  if (segment.maxTimestampSoFar >= 0) {
    // `readLargestTimestamp`: the last time-index entry, or a newer batch after it.
    const last = {
      timestamp: segment.lastTimeIndexTimestamp,
      offset: segment.lastTimeIndexOffset,
    }
    const position = lookupOffsetIndex(ctx, dir, segment, last.offset, 'truncate').position
    const path = logFilePath(dir, segment.baseOffset)
    const after = largestTimestampAfter(ctx, path, segment.sizeBytes, position, 'truncate')
    if (after.timestamp > last.timestamp) {
      segment.maxTimestampSoFar = after.timestamp
      segment.offsetOfMaxTimestampSoFar = after.offset
    } else {
      segment.maxTimestampSoFar = last.timestamp
      segment.offsetOfMaxTimestampSoFar = last.offset
    }
  }
  return bytesTruncated
}

/**
 * `LogSegment.findOffsetByTimestamp`: time index floor → offset index → scan for the first record
 * with timestamp ≥ `timestampMs` and offset ≥ `startingOffset`.
 */
export function findOffsetByTimestamp(
  ctx: LogContext,
  log: PartitionLogState,
  segment: SegmentState,
  timestampMs: number,
  startingOffset: number,
): TimestampAndOffset | null {
  const dir = log.dir
  const timestampOffset = lookupTimeIndex(ctx, dir, segment, timestampMs, 'timestampLookup')
  const position = lookupOffsetIndex(
    ctx,
    dir,
    segment,
    Math.max(timestampOffset.offset, startingOffset),
    'timestampLookup',
  ).position
  const path = logFilePath(dir, segment.baseOffset)
  return searchForTimestamp(
    ctx,
    path,
    segment.sizeBytes,
    timestampMs,
    position,
    startingOffset,
    'timestampLookup',
  )
}

/**
 * Asynchronous deletion (`LocalLog.deleteSegmentFiles`): the files are renamed to `.deleted` now
 * and removed `file.delete.delay.ms` later by `deleteFilesPendingDeletion`.
 */
export function scheduleSegmentDeletion(
  ctx: LogContext,
  log: PartitionLogState,
  segment: SegmentState,
  nowMs: number,
  purpose: IoPurpose,
): void {
  for (const path of segmentFilePaths(log.dir, segment.baseOffset)) {
    if (!ctx.store.exists(path)) continue
    const deletedPath = `${path}${DELETED_FILE_SUFFIX}`
    ioRename(ctx, path, deletedPath, purpose)
    log.filesPendingDeletion = log.filesPendingDeletion.filter((p) => p.path !== deletedPath)
    log.filesPendingDeletion.push({
      path: deletedPath,
      deleteAtMs: nowMs + log.config['file.delete.delay.ms'],
    })
  }
}
