/**
 * Recovery of one segment after an unclean shutdown (`LogSegment.recover`), called by the loader
 * for every segment from the recovery point on, and for any segment whose indexes are unusable.
 */
import { readFileBatchHeader, readValidatedBatch } from './fileRecords'
import { assignEpochStartOffset, latestEpoch } from './leaderEpochCache'
import { logFilePath } from './logFiles'
import { ioTruncate, type LogContext } from './logIo'
import type { EpochEntry, PartitionLogState, SegmentState } from './logState'
import {
  appendOffsetIndexEntry,
  canConvertToRelativeOffset,
  isOffsetIndexFull,
  OFFSET_INDEX,
} from './offsetIndex'
import { truncateIndexToEntries } from './abstractIndex'
import { NO_TIMESTAMP } from './recordBatch'
import { isTimeIndexFull, maybeAppendTimeIndexEntry, TIME_INDEX } from './timeIndex'

/** Outcome of recovering a segment. */
export interface SegmentRecovery {
  truncatedBytes: number
  /** The offset after the last valid batch (the base offset when none survived). */
  nextOffset: number
  /** Why the scan stopped early, null when the whole file was valid. */
  stopReason: string | null
}

/**
 * `LogSegment.recover`: rebuilds both indexes from the file, checking each batch like
 * `ensureValid` (size ≥ 61, magic 2, CRC-32C) and stopping at the first invalid batch or at a torn
 * trailing batch; the file is then truncated to the last valid byte. Beyond Kafka, a batch must
 * continue the offsets of the one before it (the first one starts at the base offset): the CRC
 * does not cover `baseOffset`, and in a log without compaction offsets are contiguous, so this
 * also catches a damaged `baseOffset`. The leader-epoch cache learns each newer epoch it meets.
 * Never throws on bad bytes.
 */
export function recoverSegment(
  ctx: LogContext,
  log: PartitionLogState,
  segment: SegmentState,
  epochCache: EpochEntry[] | null,
): SegmentRecovery {
  const dir = log.dir
  const config = log.config
  const path = logFilePath(dir, segment.baseOffset)
  const fileSize = ctx.store.size(path)
  truncateIndexToEntries(OFFSET_INDEX, ctx, dir, segment, 0, 'recovery')
  truncateIndexToEntries(TIME_INDEX, ctx, dir, segment, 0, 'recovery')
  segment.maxTimestampSoFar = NO_TIMESTAMP
  segment.offsetOfMaxTimestampSoFar = segment.baseOffset
  segment.rollingBasedTimestamp = null
  let validBytes = 0
  let lastIndexEntry = 0
  let expectedOffset = segment.baseOffset
  let stopReason: string | null = null
  for (;;) {
    const read = readFileBatchHeader(ctx, path, fileSize, validBytes, 'recovery')
    if (read.kind === 'end') break
    if (read.kind === 'torn') {
      stopReason = `torn batch at position ${validBytes}`
      break
    }
    if (read.kind === 'corrupt') {
      stopReason = `${read.reason} at position ${validBytes}`
      break
    }
    const batch = read.batch
    const header = batch.header
    const { problem } = readValidatedBatch(ctx, path, batch, 'recovery')
    const lastOffset = header.baseOffset + header.lastOffsetDelta
    const offsetProblem =
      header.baseOffset !== expectedOffset
        ? `baseOffset ${header.baseOffset} where ${expectedOffset} was expected`
        : header.lastOffsetDelta < 0 || !canConvertToRelativeOffset(segment, lastOffset)
          ? `offset range ${header.baseOffset}..${lastOffset} does not fit the segment`
          : null
    if (problem !== null || offsetProblem !== null) {
      stopReason = `${problem ?? offsetProblem} at position ${validBytes}`
      break
    }
    if (validBytes === 0) segment.rollingBasedTimestamp = header.maxTimestamp
    if (header.maxTimestamp > segment.maxTimestampSoFar) {
      segment.maxTimestampSoFar = header.maxTimestamp
      segment.offsetOfMaxTimestampSoFar = lastOffset
    }
    if (
      validBytes - lastIndexEntry > config['index.interval.bytes'] &&
      !isOffsetIndexFull(segment, config) &&
      !isTimeIndexFull(segment, config)
    ) {
      appendOffsetIndexEntry(ctx, dir, config, segment, lastOffset, validBytes, 'recovery')
      maybeAppendTimeIndexEntry(
        ctx,
        dir,
        config,
        segment,
        segment.maxTimestampSoFar,
        segment.offsetOfMaxTimestampSoFar,
        false,
        'recovery',
      )
      lastIndexEntry = validBytes
    }
    validBytes += batch.sizeInBytes
    if (epochCache !== null && header.partitionLeaderEpoch >= 0) {
      const latest = latestEpoch(epochCache)
      if (latest === null || header.partitionLeaderEpoch > latest) {
        assignEpochStartOffset(epochCache, header.partitionLeaderEpoch, header.baseOffset)
      }
    }
    expectedOffset = lastOffset + 1
  }
  ioTruncate(ctx, path, validBytes, 'recovery')
  segment.sizeBytes = validBytes
  segment.bytesSinceLastIndexEntry = 0
  maybeAppendTimeIndexEntry(
    ctx,
    dir,
    config,
    segment,
    segment.maxTimestampSoFar,
    segment.offsetOfMaxTimestampSoFar,
    true,
    'recovery',
  )
  return { truncatedBytes: fileSize - validBytes, nextOffset: expectedOffset, stopReason }
}
