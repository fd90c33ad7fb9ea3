/**
 * Loading a partition log from its files at broker start (`storage/LogLoader.java`,
 * `UnifiedLog.apply`), including recovery after an unclean shutdown:
 *
 * - leftovers of interrupted operations (`.deleted`, `.cleaned`, `.swap`, checkpoint temp files)
 *   and index files without a `.log` are removed;
 * - a segment whose index files are missing or fail the sanity check is rebuilt;
 * - without the clean-shutdown marker, every segment from the recovery point on is recovered in
 *   order (`recoverSegment`: CRC per batch, stop at the first invalid or torn batch, truncate);
 *   once one loses bytes — or, beyond Kafka, ends before the next segment's base offset — all
 *   later segments are deleted;
 * - the leader-epoch cache comes from `leader-epoch-checkpoint`, learns newer epochs from the
 *   recovered batches, and is cut to [log start offset, log end offset]. When the checkpoint is
 *   missing or unreadable it is rebuilt from every batch header.
 *
 * It never throws on the content of the files: any bytes, any file names.
 */
import {
  assignEpochStartOffset,
  latestEpoch,
  parseEpochCheckpoint,
  truncateEpochsFromEnd,
  truncateEpochsFromStart,
} from './leaderEpochCache'
import type { LogConfig } from './logConfig'
import {
  CLEANED_FILE_SUFFIX,
  DELETED_FILE_SUFFIX,
  INDEX_FILE_SUFFIX,
  leaderEpochCheckpointPath,
  LOG_FILE_SUFFIX,
  logFilePath,
  offsetFromFileName,
  partitionDirPath,
  SWAP_FILE_SUFFIX,
  TIME_INDEX_FILE_SUFFIX,
  timeIndexFilePath,
  offsetIndexFilePath,
} from './logFiles'
import { ioCreate, ioRead, ioRemove, type LogContext } from './logIo'
import type { EpochEntry, PartitionLogState, SegmentState } from './logState'
import {
  loadedSegmentState,
  openNewSegment,
  readNextOffset,
  scheduleSegmentDeletion,
} from './logSegment'
import { recoverSegment } from './segmentRecovery'
import { batchesFrom } from './fileRecords'
import { OFFSET_INDEX_ENTRY_BYTES, readOffsetIndexEntry } from './offsetIndex'
import { readTimeIndexEntry, TIME_INDEX_ENTRY_BYTES } from './timeIndex'
import { writeLeaderEpochCheckpoint } from './partitionLog'

export interface LoadLogOptions {
  /** The broker's log directory in the store, e.g. `broker-1`. */
  logDir: string
  topic: string
  partition: number
  config: LogConfig
  /** From `recovery-point-offset-checkpoint` (0 when absent): recovery starts here. */
  recoveryPoint: number
  /** From `log-start-offset-checkpoint` (0 when absent). */
  logStartOffset: number
  /** The log directory had `.kafka_cleanshutdown`: no recovery scan. */
  hadCleanShutdown: boolean
}

export interface LoadLogResult {
  log: PartitionLogState
  /** Base offsets of the segments scanned by recovery or rebuilt for a bad index. */
  recoveredSegments: number[]
  /** Bytes cut from damaged or torn segment tails. */
  truncatedBytes: number
  /** Base offsets of segments deleted because an earlier one was truncated. */
  deletedSegments: number[]
  /** Why each truncating recovery stopped, e.g. "Record is corrupt ... at position 1000". */
  stopReasons: string[]
}

const TEMP_SUFFIXES = [DELETED_FILE_SUFFIX, CLEANED_FILE_SUFFIX, SWAP_FILE_SUFFIX, '.tmp']

/** Reads a segment's index bookkeeping from its files; false when they fail the sanity check. */
function loadIndexState(ctx: LogContext, dir: string, segment: SegmentState): boolean {
  const offsetIndexPath = offsetIndexFilePath(dir, segment.baseOffset)
  const timeIndexPath = timeIndexFilePath(dir, segment.baseOffset)
  if (!ctx.store.exists(offsetIndexPath) || !ctx.store.exists(timeIndexPath)) return false
  const offsetIndexSize = ctx.store.size(offsetIndexPath)
  const timeIndexSize = ctx.store.size(timeIndexPath)
  if (offsetIndexSize % OFFSET_INDEX_ENTRY_BYTES !== 0) return false
  if (timeIndexSize % TIME_INDEX_ENTRY_BYTES !== 0) return false
  segment.offsetIndexEntries = offsetIndexSize / OFFSET_INDEX_ENTRY_BYTES
  segment.timeIndexEntries = timeIndexSize / TIME_INDEX_ENTRY_BYTES
  if (segment.offsetIndexEntries > 0) {
    const last = readOffsetIndexEntry(ctx, dir, segment, segment.offsetIndexEntries - 1, 'load')
    if (
      last.offset < segment.baseOffset ||
      last.position < 0 ||
      last.position >= segment.sizeBytes
    ) {
      return false
    }
    segment.lastIndexedOffset = last.offset
  }
  if (segment.timeIndexEntries > 0) {
    const last = readTimeIndexEntry(ctx, dir, segment, segment.timeIndexEntries - 1, 'load')
    if (last.offset < segment.baseOffset || last.timestamp < 0) return false
    segment.lastTimeIndexTimestamp = last.timestamp
    segment.lastTimeIndexOffset = last.offset
    // `readMaxTimestampAndOffsetSoFar`: the last time-index entry.
    segment.maxTimestampSoFar = last.timestamp
    segment.offsetOfMaxTimestampSoFar = last.offset
  }
  return true
}

function readEpochCheckpoint(ctx: LogContext, dir: string): EpochEntry[] | null {
  const path = leaderEpochCheckpointPath(dir)
  if (!ctx.store.exists(path)) return null
  return parseEpochCheckpoint(ioRead(ctx, path, 0, ctx.store.size(path), 'load'))
}

/** Loads (and if needed recovers) the log in `<logDir>/<topic>-<partition>`. */
export function loadLog(ctx: LogContext, options: LoadLogOptions, nowMs: number): LoadLogResult {
  const dir = partitionDirPath(options.logDir, options.topic, options.partition)
  const config = { ...options.config }
  const result: LoadLogResult = {
    log: {
      dir,
      topic: options.topic,
      partition: options.partition,
      config,
      segments: [],
      logStartOffset: Math.max(0, options.logStartOffset),
      logEndOffset: 0,
      recoveryPoint: Math.max(0, options.recoveryPoint),
      lastFlushedMs: nowMs,
      leaderEpochCache: [],
      filesPendingDeletion: [],
    },
    recoveredSegments: [],
    truncatedBytes: 0,
    deletedSegments: [],
    stopReasons: [],
  }
  const log = result.log

  // Leftovers of interrupted deletes, cleanings and checkpoint writes.
  for (const name of ctx.store.list(dir)) {
    if (TEMP_SUFFIXES.some((suffix) => name.endsWith(suffix)))
      ioRemove(ctx, `${dir}/${name}`, 'load')
  }
  const names = ctx.store.list(dir)
  const logOffsets = new Set<number>()
  for (const name of names) {
    const offset = offsetFromFileName(name, LOG_FILE_SUFFIX)
    if (offset !== null) logOffsets.add(offset)
  }
  for (const name of names) {
    const offset =
      offsetFromFileName(name, INDEX_FILE_SUFFIX) ??
      offsetFromFileName(name, TIME_INDEX_FILE_SUFFIX)
    if (offset !== null && !logOffsets.has(offset)) ioRemove(ctx, `${dir}/${name}`, 'load')
  }

  const checkpointed = readEpochCheckpoint(ctx, dir)
  log.leaderEpochCache = checkpointed ?? []
  const epochCache = log.leaderEpochCache

  const recovered = new Set<number>()
  for (const baseOffset of [...logOffsets].sort((a, b) => a - b)) {
    const segment = loadedSegmentState(ctx, config, baseOffset, nowMs)
    segment.sizeBytes = ctx.store.size(logFilePath(dir, baseOffset))
    log.segments.push(segment)
    if (!loadIndexState(ctx, dir, segment)) {
      for (const path of [
        offsetIndexFilePath(dir, baseOffset),
        timeIndexFilePath(dir, baseOffset),
      ]) {
        ioCreate(ctx, path, 'load')
      }
      const recovery = recoverSegment(ctx, log, segment, epochCache)
      recovered.add(baseOffset)
      result.truncatedBytes += recovery.truncatedBytes
      if (recovery.stopReason !== null && recovery.truncatedBytes > 0) {
        result.stopReasons.push(`segment ${baseOffset}: ${recovery.stopReason}`)
      }
    }
  }

  if (!options.hadCleanShutdown) {
    const floor = log.segments.filter((s) => s.baseOffset <= log.recoveryPoint).pop()
    const unflushed = log.segments.filter(
      (s) => floor === undefined || s.baseOffset >= floor.baseOffset,
    )
    for (const [i, segment] of unflushed.entries()) {
      const recovery = recoverSegment(ctx, log, segment, epochCache)
      recovered.add(segment.baseOffset)
      result.truncatedBytes += recovery.truncatedBytes
      // Beyond Kafka: a segment that ends short of the next one's base offset lost whole
      // batches (a file cut at a batch boundary); offsets are contiguous, so that is damage too.
      const next = unflushed[i + 1]
      const gap = next !== undefined && recovery.nextOffset !== next.baseOffset
      if (recovery.truncatedBytes > 0 || gap) {
        const reason =
          recovery.stopReason ?? `ends at offset ${recovery.nextOffset}, before the next segment`
        result.stopReasons.push(`segment ${segment.baseOffset}: ${reason}`)
        const later = unflushed.slice(i + 1)
        for (const dropped of later) scheduleSegmentDeletion(ctx, log, dropped, nowMs, 'recovery')
        log.segments = log.segments.filter((s) => !later.includes(s))
        result.deletedSegments.push(...later.map((s) => s.baseOffset))
        break
      }
    }
  }

  if (checkpointed === null) {
    // No usable checkpoint: every batch header tells its epoch, oldest first.
    for (const segment of log.segments) {
      const path = logFilePath(dir, segment.baseOffset)
      for (const batch of batchesFrom(ctx, path, segment.sizeBytes, 0, 'load')) {
        const epoch = batch.header.partitionLeaderEpoch
        const latest = latestEpoch(epochCache)
        if (epoch >= 0 && batch.header.baseOffset >= 0 && (latest === null || epoch > latest)) {
          assignEpochStartOffset(epochCache, epoch, batch.header.baseOffset)
        }
      }
    }
  }

  // `deleteSegmentsIfLogStartGreaterThanLogEnd`, then make sure one segment exists.
  let logEndOffset: number | null = null
  const last = log.segments[log.segments.length - 1]
  if (last !== undefined) {
    logEndOffset = readNextOffset(ctx, log, last)
    if (logEndOffset < log.logStartOffset) {
      for (const segment of log.segments)
        scheduleSegmentDeletion(ctx, log, segment, nowMs, 'recovery')
      result.deletedSegments.push(...log.segments.map((s) => s.baseOffset))
      log.segments = []
      epochCache.length = 0
      logEndOffset = null
    }
  }
  if (log.segments.length === 0) {
    log.segments.push(openNewSegment(ctx, log, log.logStartOffset, nowMs, 'load'))
  }
  log.logEndOffset = logEndOffset ?? log.logStartOffset
  log.recoveryPoint =
    options.hadCleanShutdown && logEndOffset !== null
      ? logEndOffset
      : Math.min(log.recoveryPoint, log.logEndOffset)
  log.logStartOffset = Math.max(log.logStartOffset, log.segments[0]!.baseOffset)
  if (log.recoveryPoint < log.logStartOffset) log.recoveryPoint = log.logStartOffset

  truncateEpochsFromEnd(epochCache, log.logEndOffset)
  truncateEpochsFromStart(epochCache, log.logStartOffset)
  writeLeaderEpochCheckpoint(ctx, log)
  result.recoveredSegments = [...recovered].sort((a, b) => a - b)
  return result
}
