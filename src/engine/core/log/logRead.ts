/**
 * Reads from a partition log: fetches (`UnifiedLog.read` → `LocalLog.read` → `LogSegment.read`)
 * and timestamp lookups for ListOffsets (`UnifiedLog.fetchOffsetByTimestamp`).
 */
import { assert } from '../assert'
import { kafkaError, type KafkaError } from '../errors'
import { batchesFrom, type TimestampAndOffset } from './fileRecords'
import { earliestEpochEntry, latestEpoch } from './leaderEpochCache'
import { logFilePath } from './logFiles'
import { ioRead, type LogContext } from './logIo'
import { activeSegmentOf, type PartitionLogState } from './logState'
import {
  findOffsetByTimestamp,
  largestTimestampOf,
  readSegment,
  translateOffset,
} from './logSegment'
import { lookupOffsetIndex } from './offsetIndex'
import { floorSegment } from './partitionLog'
import { NO_PARTITION_LEADER_EPOCH, NO_TIMESTAMP } from './recordBatch'
import { decodeRecordBatch } from './recordBatchReader'

/** A position in the log (`LogOffsetMetadata`). */
export interface LogOffsetMetadata {
  messageOffset: number
  segmentBaseOffset: number
  relativePositionInSegment: number
}

export interface ReadOptions {
  fetchOffset: number
  /** Byte limit (the partition's share of the fetch, e.g. `max.partition.fetch.bytes`). */
  maxBytes: number
  /**
   * Isolation limit, exclusive: the high watermark for read_uncommitted consumers, the last stable
   * offset for read_committed, the log end offset for followers.
   */
  maxOffset: number
  /** Return the first batch whole even when it exceeds `maxBytes` (KIP-74). */
  minOneMessage: boolean
  /**
   * Where `maxOffset` is in the files, if the caller keeps it (Kafka caches the high watermark's
   * metadata in `UnifiedLog`); without it the log looks it up, which costs index and header reads.
   */
  maxOffsetMetadata?: LogOffsetMetadata
}

export interface LogReadInfo {
  /** Whole batches, in log order; empty when nothing is readable yet. */
  records: Uint8Array
  fetchOffsetMetadata: LogOffsetMetadata
  firstEntryIncomplete: boolean
}

export type ReadResult = { ok: true; info: LogReadInfo } | { ok: false; error: KafkaError }

function endOffsetMetadata(log: PartitionLogState): LogOffsetMetadata {
  const active = activeSegmentOf(log)
  return {
    messageOffset: log.logEndOffset,
    segmentBaseOffset: active.baseOffset,
    relativePositionInSegment: active.sizeBytes,
  }
}

/**
 * `convertToOffsetMetadataOrThrow`: the segment and file position of `offset` (the start of the
 * batch holding it). Kafka caches this for the high watermark; the lookup costs an index probe.
 */
export function offsetMetadataFor(
  ctx: LogContext,
  log: PartitionLogState,
  offset: number,
): LogOffsetMetadata {
  if (offset >= log.logEndOffset) return endOffsetMetadata(log)
  const segment = floorSegment(log, offset) ?? log.segments[0]!
  const found = translateOffset(ctx, log, segment, offset, 'offsetLookup')
  return {
    messageOffset: offset,
    segmentBaseOffset: segment.baseOffset,
    relativePositionInSegment: found?.position ?? segment.sizeBytes,
  }
}

function outOfRange(log: PartitionLogState, message: string): ReadResult {
  return {
    ok: false,
    error: kafkaError(
      'OFFSET_OUT_OF_RANGE',
      `Received request for offset ${message} for partition ${log.topic}-${log.partition}`,
    ),
  }
}

/**
 * `UnifiedLog.read` → `LocalLog.read` → `LogSegment.read`: segment floor, index floor, header scan,
 * then whole batches up to `maxBytes` and never past `maxOffset`. A fetch offset below the log
 * start or above the log end is OFFSET_OUT_OF_RANGE; at or above `maxOffset` (but ≤ LEO) the
 * answer is empty, not an error.
 */
export function readLog(ctx: LogContext, log: PartitionLogState, options: ReadOptions): ReadResult {
  const { fetchOffset, maxBytes, maxOffset, minOneMessage } = options
  assert(maxOffset <= log.logEndOffset, 'the isolation limit never passes the log end offset')
  if (fetchOffset < log.logStartOffset) {
    return outOfRange(
      log,
      `${fetchOffset}, but we only have log segments starting from offset: ${log.logStartOffset}.`,
    )
  }
  let segment = floorSegment(log, fetchOffset)
  if (fetchOffset > log.logEndOffset || segment === null) {
    return outOfRange(
      log,
      `${fetchOffset}, but we only have log segments upto ${log.logEndOffset}.`,
    )
  }
  const emptyAt = (metadata: LogOffsetMetadata): ReadResult => ({
    ok: true,
    info: {
      records: new Uint8Array(0),
      fetchOffsetMetadata: metadata,
      firstEntryIncomplete: false,
    },
  })
  const limitOf = () =>
    options.maxOffsetMetadata?.messageOffset === maxOffset
      ? options.maxOffsetMetadata
      : offsetMetadataFor(ctx, log, maxOffset)
  if (fetchOffset === maxOffset) return emptyAt(limitOf())
  if (fetchOffset > maxOffset) return emptyAt(offsetMetadataFor(ctx, log, fetchOffset))
  const limit = limitOf()
  while (segment !== null) {
    const maxPosition =
      segment.baseOffset < limit.segmentBaseOffset
        ? segment.sizeBytes
        : segment.baseOffset === limit.segmentBaseOffset
          ? limit.relativePositionInSegment
          : null
    const read = readSegment(ctx, log, segment, fetchOffset, maxBytes, maxPosition, minOneMessage)
    if (read !== null) {
      return {
        ok: true,
        info: {
          records: read.records,
          fetchOffsetMetadata: {
            messageOffset: fetchOffset,
            segmentBaseOffset: read.segmentBaseOffset,
            relativePositionInSegment: read.startPosition,
          },
          firstEntryIncomplete: read.firstEntryIncomplete,
        },
      }
    }
    const index = log.segments.indexOf(segment)
    segment = log.segments[index + 1] ?? null
  }
  // Every batch at or after the fetch offset is gone (e.g. deleted); answer empty at the end.
  return emptyAt(endOffsetMetadata(log))
}

/** ListOffsets special timestamps (`ListOffsetsRequest`). */
export const LIST_OFFSETS_TIMESTAMP = {
  LATEST: -1,
  EARLIEST: -2,
  MAX_TIMESTAMP: -3,
} as const

/**
 * `UnifiedLog.fetchOffsetByTimestamp`: EARLIEST → log start offset, LATEST → log end offset (the
 * partition then caps it at the HW or LSO), MAX_TIMESTAMP → the record with the largest timestamp,
 * otherwise the first record with timestamp ≥ target: the first segment whose largest timestamp
 * reaches it, time-index floor, offset index, scan. Null when no record qualifies.
 */
export function fetchOffsetByTimestamp(
  ctx: LogContext,
  log: PartitionLogState,
  targetTimestamp: number,
): TimestampAndOffset | null {
  if (targetTimestamp === LIST_OFFSETS_TIMESTAMP.EARLIEST) {
    const earliest = earliestEpochEntry(log.leaderEpochCache)
    const leaderEpoch =
      earliest !== null && earliest.startOffset <= log.logStartOffset ? earliest.epoch : null
    return { timestamp: NO_TIMESTAMP, offset: log.logStartOffset, leaderEpoch }
  }
  if (targetTimestamp === LIST_OFFSETS_TIMESTAMP.LATEST) {
    return {
      timestamp: NO_TIMESTAMP,
      offset: log.logEndOffset,
      leaderEpoch: latestEpoch(log.leaderEpochCache),
    }
  }
  if (targetTimestamp === LIST_OFFSETS_TIMESTAMP.MAX_TIMESTAMP) return maxTimestampRecord(ctx, log)
  assert(targetTimestamp >= 0, 'a target timestamp or one of the ListOffsets constants')
  const segment = log.segments.find((s) => largestTimestampOf(s) >= targetTimestamp)
  if (segment === undefined) return null
  return findOffsetByTimestamp(ctx, log, segment, targetTimestamp, log.logStartOffset)
}

function maxTimestampRecord(ctx: LogContext, log: PartitionLogState): TimestampAndOffset | null {
  let segment = log.segments[0]!
  for (const s of log.segments) if (s.maxTimestampSoFar > segment.maxTimestampSoFar) segment = s
  if (segment.maxTimestampSoFar === NO_TIMESTAMP) return null
  const path = logFilePath(log.dir, segment.baseOffset)
  const start = lookupOffsetIndex(
    ctx,
    log.dir,
    segment,
    segment.offsetOfMaxTimestampSoFar,
    'timestampLookup',
  )
  for (const batch of batchesFrom(
    ctx,
    path,
    segment.sizeBytes,
    start.position,
    'timestampLookup',
  )) {
    if (batch.header.maxTimestamp !== segment.maxTimestampSoFar) continue
    const bytes = ioRead(ctx, path, batch.position, batch.sizeInBytes, 'timestampLookup')
    const decoded = decodeRecordBatch(bytes)
    if (!decoded.ok) return null
    const record = decoded.value.records.find((r) => r.timestamp === batch.header.maxTimestamp)
    if (record === undefined) return null
    const epoch = batch.header.partitionLeaderEpoch
    return {
      timestamp: record.timestamp,
      offset: record.offset,
      leaderEpoch: epoch === NO_PARTITION_LEADER_EPOCH ? null : epoch,
    }
  }
  return null
}
