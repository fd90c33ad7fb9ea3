/**
 * A partition's log (`UnifiedLog` + `LocalLog`): creation, segments, flushing, rolling and clean
 * shutdown. Appends are in `logAppend.ts`, reads in `logRead.ts`, truncation in
 * `logTruncation.ts`, retention in `logRetention.ts`, loading and recovery in `logLoader.ts`.
 * State is plain data (`PartitionLogState`); bytes live in the SegmentStore of the `LogContext`;
 * functions mutate the state in place. Kafka-level problems come back as error values.
 */
import { assert } from '../assert'
import { assignEpochStartOffset, encodeEpochCheckpoint } from './leaderEpochCache'
import { LOG_CONFIG_DEFAULTS, type LogConfig } from './logConfig'
import { leaderEpochCheckpointPath, partitionDirPath } from './logFiles'
import { ioAppend, ioFlush, ioRemove, ioRename, type LogContext } from './logIo'
import { activeSegmentOf, type PartitionLogState, type SegmentState } from './logState'
import {
  onBecomeInactiveSegment,
  openNewSegment,
  scheduleSegmentDeletion,
  segmentFilePaths,
} from './logSegment'
import { maybeAppendTimeIndexEntry } from './timeIndex'

export interface CreateLogOptions {
  /** The broker's log directory in the store, e.g. `broker-1`. */
  logDir: string
  topic: string
  partition: number
  config?: LogConfig
  /** Offset of the first segment (a new partition starts at 0). */
  initialOffset?: number
}

/** Creates an empty log with one active segment, like `UnifiedLog.apply` on a fresh directory. */
export function createLog(
  ctx: LogContext,
  options: CreateLogOptions,
  nowMs: number,
): PartitionLogState {
  const startOffset = options.initialOffset ?? 0
  const log: PartitionLogState = {
    dir: partitionDirPath(options.logDir, options.topic, options.partition),
    topic: options.topic,
    partition: options.partition,
    config: { ...(options.config ?? LOG_CONFIG_DEFAULTS) },
    segments: [],
    logStartOffset: startOffset,
    logEndOffset: startOffset,
    recoveryPoint: startOffset,
    lastFlushedMs: nowMs,
    leaderEpochCache: [],
    filesPendingDeletion: [],
  }
  log.segments.push(openNewSegment(ctx, log, startOffset, nowMs, 'roll'))
  writeLeaderEpochCheckpoint(ctx, log)
  return log
}

/** Writes `leader-epoch-checkpoint` the way Kafka's `CheckpointFile` does: temp file, fsync, rename. */
export function writeLeaderEpochCheckpoint(ctx: LogContext, log: PartitionLogState): void {
  const path = leaderEpochCheckpointPath(log.dir)
  const tmp = `${path}.tmp`
  ioRemove(ctx, tmp, 'checkpoint')
  ioAppend(ctx, tmp, encodeEpochCheckpoint(log.leaderEpochCache), 'checkpoint')
  ioFlush(ctx, [tmp], 'checkpoint')
  ioRename(ctx, tmp, path, 'checkpoint')
}

/** `LeaderEpochFileCache.assign`: records the epoch start and rewrites the checkpoint on change. */
export function assignEpoch(
  ctx: LogContext,
  log: PartitionLogState,
  epoch: number,
  startOffset: number,
): void {
  if (assignEpochStartOffset(log.leaderEpochCache, epoch, startOffset)) {
    writeLeaderEpochCheckpoint(ctx, log)
  }
}

/** The segment with the greatest base offset ≤ `offset` (`segments.floorSegment`). */
export function floorSegment(log: PartitionLogState, offset: number): SegmentState | null {
  let found: SegmentState | null = null
  for (const segment of log.segments) {
    if (segment.baseOffset <= offset) found = segment
    else break
  }
  return found
}

/** Segments overlapping [from, to) (`LogSegments.values(from, to)`). */
function segmentsOverlapping(log: PartitionLogState, from: number, to: number): SegmentState[] {
  const floor = floorSegment(log, from)
  return log.segments.filter(
    (s) => s.baseOffset < to && (floor === null || s.baseOffset >= floor.baseOffset),
  )
}

/** Total bytes of all segments (`UnifiedLog.size`). */
export function logSizeInBytes(log: PartitionLogState): number {
  return log.segments.reduce((sum, s) => sum + s.sizeBytes, 0)
}

/**
 * `UnifiedLog.flush(offset, includingOffset)`: fsyncs the segments between the recovery point and
 * `offset` (inclusive of the segment holding `offset` when `includingOffset`) and moves the
 * recovery point to `offset`.
 */
export function flushLog(
  ctx: LogContext,
  log: PartitionLogState,
  nowMs: number,
  offset = log.logEndOffset,
  includingOffset = false,
): void {
  const flushOffset = includingOffset ? offset + 1 : offset
  if (flushOffset <= log.recoveryPoint) return
  const segments = segmentsOverlapping(log, log.recoveryPoint, flushOffset)
  ioFlush(
    ctx,
    segments.flatMap((s) => segmentFilePaths(log.dir, s.baseOffset)),
    'flush',
  )
  if (offset > log.recoveryPoint) {
    log.recoveryPoint = offset
    log.lastFlushedMs = nowMs
  }
}

/** Messages appended since the last flush (`LocalLog.unflushedMessages`). */
export function unflushedMessages(log: PartitionLogState): number {
  return log.logEndOffset - log.recoveryPoint
}

/**
 * The `flush.ms` policy, checked by Kafka's log flusher every `log.flush.scheduler.interval.ms`:
 * flushes when the last flush is at least `flush.ms` old. Returns whether it flushed.
 */
export function flushIfDue(ctx: LogContext, log: PartitionLogState, nowMs: number): boolean {
  const flushMs = log.config['flush.ms']
  if (flushMs === null || nowMs - log.lastFlushedMs < flushMs) return false
  const before = log.recoveryPoint
  flushLog(ctx, log, nowMs)
  return log.recoveryPoint !== before
}

/**
 * `UnifiedLog.roll`: closes the active segment (its final time-index entry) and opens a new one at
 * max(`expectedNextOffset`, LEO). Kafka then schedules an fsync of everything before the new
 * segment on its scheduler thread, which runs at once; it is done here synchronously, so the
 * recovery point moves to the new base offset.
 */
export function rollLog(
  ctx: LogContext,
  log: PartitionLogState,
  nowMs: number,
  expectedNextOffset: number | null = null,
): SegmentState {
  const newOffset = Math.max(expectedNextOffset ?? 0, log.logEndOffset)
  const active = activeSegmentOf(log)
  if (log.segments.some((s) => s.baseOffset === newOffset)) {
    // KAFKA-6388: an empty active segment at the same offset (its index counted as full) is
    // replaced rather than rolled.
    assert(
      active.baseOffset === newOffset && active.sizeBytes === 0,
      `a segment with base offset ${newOffset} already exists`,
    )
    scheduleSegmentDeletion(ctx, log, active, nowMs, 'roll')
    log.segments.pop()
  } else {
    assert(newOffset >= active.baseOffset, 'a new segment never starts before the active one')
    for (const path of segmentFilePaths(log.dir, newOffset)) ioRemove(ctx, path, 'roll')
    onBecomeInactiveSegment(ctx, log, active)
  }
  const segment = openNewSegment(ctx, log, newOffset, nowMs, 'roll')
  log.segments.push(segment)
  flushLog(ctx, log, nowMs, segment.baseOffset)
  return segment
}

/**
 * Clean shutdown (`LogManager.shutdown` → `flush(true)`, `LogSegment.close`): fsyncs everything,
 * writes the final time-index entries, and leaves the recovery point at the log end offset. The
 * broker then writes its clean-shutdown marker, so the next load skips recovery.
 */
export function closeLog(ctx: LogContext, log: PartitionLogState, nowMs: number): void {
  for (const segment of log.segments) {
    maybeAppendTimeIndexEntry(
      ctx,
      log.dir,
      log.config,
      segment,
      segment.maxTimestampSoFar,
      segment.offsetOfMaxTimestampSoFar,
      true,
      'flush',
    )
  }
  flushLog(ctx, log, nowMs, log.logEndOffset, true)
}

/** Replaces the topic config (a dynamic config change); takes effect from the next append. */
export function updateLogConfig(log: PartitionLogState, config: LogConfig): void {
  log.config = { ...config }
}
