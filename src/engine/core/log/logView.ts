/**
 * Read-only views of a log for the UI and tests: segments, the batches in a segment (scanned from
 * the stored headers, not kept in state), and index entries. They read through the store; pass a
 * context without `onIo` to keep these reads out of the IO model.
 */
import { batchesFrom } from './fileRecords'
import { logFilePath, offsetIndexFilePath, timeIndexFilePath } from './logFiles'
import type { LogContext } from './logIo'
import type { PartitionLogState, SegmentState } from './logState'
import { readOffsetIndexEntry, type OffsetPosition } from './offsetIndex'
import { decodeAttributes, type CompressionType } from './recordBatch'
import { readTimeIndexEntry, type TimestampOffset } from './timeIndex'

export interface SegmentSummary {
  baseOffset: number
  sizeBytes: number
  isActive: boolean
  logFile: string
  offsetIndexFile: string
  timeIndexFile: string
  offsetIndexEntries: number
  timeIndexEntries: number
  /** Newest record timestamp, −1 when none. */
  maxTimestampSoFar: number
}

export function describeSegments(log: PartitionLogState): SegmentSummary[] {
  return log.segments.map((segment, i) => ({
    baseOffset: segment.baseOffset,
    sizeBytes: segment.sizeBytes,
    isActive: i === log.segments.length - 1,
    logFile: logFilePath(log.dir, segment.baseOffset),
    offsetIndexFile: offsetIndexFilePath(log.dir, segment.baseOffset),
    timeIndexFile: timeIndexFilePath(log.dir, segment.baseOffset),
    offsetIndexEntries: segment.offsetIndexEntries,
    timeIndexEntries: segment.timeIndexEntries,
    maxTimestampSoFar: segment.maxTimestampSoFar,
  }))
}

/** A batch as the UI shows it. */
export interface BatchSummary {
  baseOffset: number
  lastOffset: number
  position: number
  sizeInBytes: number
  partitionLeaderEpoch: number
  maxTimestamp: number
  producerId: number
  recordsCount: number
  compression: CompressionType | null
  isTransactional: boolean
  isControl: boolean
}

function segmentAt(log: PartitionLogState, baseOffset: number): SegmentState | null {
  return log.segments.find((s) => s.baseOffset === baseOffset) ?? null
}

/** The batches stored in a segment, from their headers. */
export function listSegmentBatches(
  ctx: LogContext,
  log: PartitionLogState,
  baseOffset: number,
): BatchSummary[] {
  const segment = segmentAt(log, baseOffset)
  if (segment === null) return []
  const path = logFilePath(log.dir, baseOffset)
  const batches: BatchSummary[] = []
  for (const batch of batchesFrom(ctx, path, segment.sizeBytes, 0, 'view')) {
    const header = batch.header
    const attributes = decodeAttributes(header.attributes)
    batches.push({
      baseOffset: header.baseOffset,
      lastOffset: header.baseOffset + header.lastOffsetDelta,
      position: batch.position,
      sizeInBytes: batch.sizeInBytes,
      partitionLeaderEpoch: header.partitionLeaderEpoch,
      maxTimestamp: header.maxTimestamp,
      producerId: header.producerId,
      recordsCount: header.recordsCount,
      compression: attributes.compression,
      isTransactional: attributes.isTransactional,
      isControl: attributes.isControl,
    })
  }
  return batches
}

/** The offset-index entries of a segment, as absolute offsets. */
export function readOffsetIndex(
  ctx: LogContext,
  log: PartitionLogState,
  baseOffset: number,
): OffsetPosition[] {
  const segment = segmentAt(log, baseOffset)
  if (segment === null) return []
  return Array.from({ length: segment.offsetIndexEntries }, (_, slot) =>
    readOffsetIndexEntry(ctx, log.dir, segment, slot, 'view'),
  )
}

/** The time-index entries of a segment, as absolute offsets. */
export function readTimeIndex(
  ctx: LogContext,
  log: PartitionLogState,
  baseOffset: number,
): TimestampOffset[] {
  const segment = segmentAt(log, baseOffset)
  if (segment === null) return []
  return Array.from({ length: segment.timeIndexEntries }, (_, slot) =>
    readTimeIndexEntry(ctx, log.dir, segment, slot, 'view'),
  )
}
