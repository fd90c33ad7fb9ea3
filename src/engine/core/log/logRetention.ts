/**
 * Retention (`UnifiedLog.deleteOldSegments`, `deletableSegments`, `deleteSegments`), run by the
 * broker every `log.retention.check.interval.ms`. Only whole segments go, oldest first, and the
 * scan stops at the first segment that may not go: no holes. Data at or above the high watermark
 * is never deleted. When every segment is deletable the log first rolls a new empty active segment
 * ("we must always have at least one segment"), so the active segment is not exempt.
 */
import { truncateEpochsFromStart } from './leaderEpochCache'
import { ioRemove, type LogContext } from './logIo'
import type { PartitionLogState, SegmentState } from './logState'
import { largestTimestampOf, scheduleSegmentDeletion } from './logSegment'
import { logSizeInBytes, rollLog, writeLeaderEpochCheckpoint } from './partitionLog'

export type SegmentDeletionReason =
  'logStartOffsetBreach' | 'retentionSizeBreach' | 'retentionMsBreach'

export interface RetentionResult {
  /** Base offsets of the deleted segments, oldest first. */
  deletedSegments: number[]
  reasons: SegmentDeletionReason[]
  logStartOffset: number
}

type DeletionPredicate = (segment: SegmentState, next: SegmentState | null) => boolean

/** `deletableSegments`: oldest first while the predicate holds and the data is below the HW. */
function deletableSegments(
  log: PartitionLogState,
  highWatermark: number,
  predicate: DeletionPredicate,
): SegmentState[] {
  const deletable: SegmentState[] = []
  for (let i = 0; i < log.segments.length; i++) {
    const segment = log.segments[i]!
    const next = log.segments[i + 1] ?? null
    const isLastSegmentAndEmpty = next === null && segment.sizeBytes === 0
    const upperBoundOffset = next === null ? log.logEndOffset : next.baseOffset
    // The HW test comes first: the size predicate counts down and must only see candidates.
    const deletableHere = highWatermark >= upperBoundOffset && predicate(segment, next)
    if (!deletableHere || isLastSegmentAndEmpty) break
    deletable.push(segment)
  }
  return deletable
}

/** `deleteSegments`: rolls first if all segments go, moves the log start offset, renames files. */
function deleteSegments(
  ctx: LogContext,
  log: PartitionLogState,
  deletable: SegmentState[],
  nowMs: number,
): number[] {
  if (deletable.length === 0) return []
  let toDelete = deletable
  if (log.segments.length === deletable.length) {
    const newSegment = rollLog(ctx, log, nowMs)
    if (deletable[deletable.length - 1]!.baseOffset === newSegment.baseOffset) {
      toDelete = deletable.slice(0, -1)
    }
  }
  if (toDelete.length === 0) return []
  const lastDeleted = toDelete[toDelete.length - 1]!
  const next = log.segments[log.segments.indexOf(lastDeleted) + 1]!
  if (next.baseOffset > log.logStartOffset) {
    log.logStartOffset = next.baseOffset
    if (log.recoveryPoint < next.baseOffset) log.recoveryPoint = next.baseOffset
    if (truncateEpochsFromStart(log.leaderEpochCache, log.logStartOffset)) {
      writeLeaderEpochCheckpoint(ctx, log)
    }
  }
  for (const segment of toDelete) scheduleSegmentDeletion(ctx, log, segment, nowMs, 'retention')
  log.segments = log.segments.filter((s) => !toDelete.includes(s))
  return toDelete.map((s) => s.baseOffset)
}

/**
 * One retention pass with `cleanup.policy=delete`: segments below the log start offset, then
 * `retention.bytes` (delete a segment while what is over the limit is at least its size), then
 * `retention.ms` (the segment's newest record is older than the limit, strictly).
 */
export function deleteOldSegments(
  ctx: LogContext,
  log: PartitionLogState,
  options: { nowMs: number; highWatermark: number },
): RetentionResult {
  const { nowMs, highWatermark } = options
  const deletedSegments: number[] = []
  const reasons: SegmentDeletionReason[] = []
  const run = (reason: SegmentDeletionReason, predicate: DeletionPredicate) => {
    const deleted = deleteSegments(
      ctx,
      log,
      deletableSegments(log, highWatermark, predicate),
      nowMs,
    )
    deletedSegments.push(...deleted)
    for (let i = 0; i < deleted.length; i++) reasons.push(reason)
  }

  run(
    'logStartOffsetBreach',
    (_segment, next) => next !== null && next.baseOffset <= log.logStartOffset,
  )

  const retentionBytes = log.config['retention.bytes']
  const size = logSizeInBytes(log)
  if (retentionBytes !== null && size >= retentionBytes) {
    let diff = size - retentionBytes
    run('retentionSizeBreach', (segment) => {
      const shouldDelete = diff - segment.sizeBytes >= 0
      if (shouldDelete) diff -= segment.sizeBytes
      return shouldDelete
    })
  }

  const retentionMs = log.config['retention.ms']
  if (retentionMs !== null) {
    run('retentionMsBreach', (segment) => nowMs - largestTimestampOf(segment) > retentionMs)
  }
  return { deletedSegments, reasons, logStartOffset: log.logStartOffset }
}

/**
 * Removes `.deleted` files whose `file.delete.delay.ms` has passed (Kafka's scheduled
 * "delete-file" task). Returns the paths removed.
 */
export function deleteFilesPendingDeletion(
  ctx: LogContext,
  log: PartitionLogState,
  nowMs: number,
): string[] {
  const due = log.filesPendingDeletion.filter((p) => p.deleteAtMs <= nowMs)
  for (const pending of due) ioRemove(ctx, pending.path, 'retention')
  log.filesPendingDeletion = log.filesPendingDeletion.filter((p) => p.deleteAtMs > nowMs)
  return due.map((p) => p.path)
}
