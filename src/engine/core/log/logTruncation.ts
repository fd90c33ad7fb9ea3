/**
 * Truncation and the log start offset: a follower cutting its log where it diverges from the
 * leader (`UnifiedLog.truncateTo`, `truncateFullyAndStartAt`), and DeleteRecords / a follower
 * following the leader's log start (`maybeIncrementLogStartOffset`). Also the leader-epoch
 * queries replication asks (`endOffsetForEpoch`, KIP-101/279).
 */
import { assert } from '../assert'
import { kafkaError, type KafkaError } from '../errors'
import {
  endOffsetForEpoch,
  latestEpoch,
  truncateEpochsFromEnd,
  truncateEpochsFromStart,
} from './leaderEpochCache'
import type { LogContext } from './logIo'
import { activeSegmentOf, type PartitionLogState } from './logState'
import { openNewSegment, scheduleSegmentDeletion, truncateSegmentTo } from './logSegment'
import { assignEpoch, writeLeaderEpochCheckpoint } from './partitionLog'

/** The latest leader epoch in the cache, or null. */
export function latestLeaderEpoch(log: PartitionLogState): number | null {
  return latestEpoch(log.leaderEpochCache)
}

/**
 * `UnifiedLog.endOffsetForEpoch` (KIP-101/279): the end offset of `leaderEpoch` in this log and
 * the epoch it belongs to; null when the cache cannot answer (UNDEFINED_EPOCH_OFFSET).
 */
export function endOffsetForLeaderEpoch(
  log: PartitionLogState,
  leaderEpoch: number,
): { leaderEpoch: number; endOffset: number } | null {
  const answer = endOffsetForEpoch(log.leaderEpochCache, leaderEpoch, log.logEndOffset)
  if (answer.endOffset === -1) return null
  return { leaderEpoch: answer.epoch, endOffset: answer.endOffset }
}

/**
 * `maybeAssignEpochStartOffset`: a new leader records `(epoch, its LEO)` when it takes over, before
 * it appends anything (`Partition.makeLeader`).
 */
export function assignLeaderEpochStartOffset(
  ctx: LogContext,
  log: PartitionLogState,
  leaderEpoch: number,
  startOffset: number,
): void {
  assignEpoch(ctx, log, leaderEpoch, startOffset)
}

/**
 * `UnifiedLog.truncateTo`: removes every offset ≥ `targetOffset` (segments after it are deleted,
 * the one holding it is cut at the batch containing it), truncates the leader-epoch cache, and
 * lowers the recovery point and log start offset when needed. Used by followers after divergence.
 * Returns false when there was nothing to remove.
 */
export function truncateTo(
  ctx: LogContext,
  log: PartitionLogState,
  targetOffset: number,
  nowMs: number,
): boolean {
  assert(targetOffset >= 0, 'cannot truncate to a negative offset')
  if (targetOffset >= log.logEndOffset) {
    // A leader that assigned an epoch but never appended leaves a dangling entry; drop it.
    if (truncateEpochsFromEnd(log.leaderEpochCache, log.logEndOffset))
      writeLeaderEpochCheckpoint(ctx, log)
    return false
  }
  if (log.segments[0]!.baseOffset > targetOffset) {
    truncateFullyAndStartAt(ctx, log, targetOffset, nowMs)
    return true
  }
  for (const segment of log.segments.filter((s) => s.baseOffset > targetOffset)) {
    scheduleSegmentDeletion(ctx, log, segment, nowMs, 'truncate')
  }
  log.segments = log.segments.filter((s) => s.baseOffset <= targetOffset)
  truncateSegmentTo(ctx, log, activeSegmentOf(log), targetOffset, nowMs)
  log.logEndOffset = targetOffset
  log.recoveryPoint = Math.min(log.recoveryPoint, targetOffset)
  if (truncateEpochsFromEnd(log.leaderEpochCache, targetOffset))
    writeLeaderEpochCheckpoint(ctx, log)
  log.logStartOffset = Math.min(targetOffset, log.logStartOffset)
  return true
}

/**
 * `UnifiedLog.truncateFullyAndStartAt`: deletes every segment and starts an empty log at
 * `newOffset` (a follower that fell behind the leader's log start offset). Clears the
 * leader-epoch cache.
 */
export function truncateFullyAndStartAt(
  ctx: LogContext,
  log: PartitionLogState,
  newOffset: number,
  nowMs: number,
  logStartOffset: number = newOffset,
): void {
  assert(newOffset >= 0, 'cannot start a log at a negative offset')
  for (const segment of log.segments) scheduleSegmentDeletion(ctx, log, segment, nowMs, 'truncate')
  log.segments = []
  log.segments.push(openNewSegment(ctx, log, newOffset, nowMs, 'truncate'))
  log.logEndOffset = newOffset
  log.recoveryPoint = Math.min(log.recoveryPoint, newOffset)
  log.leaderEpochCache = []
  writeLeaderEpochCheckpoint(ctx, log)
  log.logStartOffset = logStartOffset
}

/**
 * `UnifiedLog.maybeIncrementLogStartOffset` (DeleteRecords, retention, a follower following the
 * leader's log start): moves the log start offset forward, never past the high watermark
 * (OFFSET_OUT_OF_RANGE). Segments wholly below it are removed by the next retention pass.
 * Returns whether it moved; the caller raises its high watermark to at least the new value.
 */
export function maybeIncrementLogStartOffset(
  ctx: LogContext,
  log: PartitionLogState,
  newLogStartOffset: number,
  highWatermark: number,
): { ok: true; updated: boolean } | { ok: false; error: KafkaError } {
  if (newLogStartOffset > highWatermark) {
    return {
      ok: false,
      error: kafkaError(
        'OFFSET_OUT_OF_RANGE',
        `Cannot increment the log start offset to ${newLogStartOffset} of partition ${log.topic}-${log.partition} since it is larger than the high watermark ${highWatermark}`,
      ),
    }
  }
  if (newLogStartOffset <= log.logStartOffset) return { ok: true, updated: false }
  log.logStartOffset = newLogStartOffset
  if (log.recoveryPoint < newLogStartOffset) log.recoveryPoint = newLogStartOffset
  if (truncateEpochsFromStart(log.leaderEpochCache, newLogStartOffset))
    writeLeaderEpochCheckpoint(ctx, log)
  return { ok: true, updated: true }
}
