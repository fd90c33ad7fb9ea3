/**
 * The plain-data state of a partition log. With the bytes in the SegmentStore, this is all there is:
 * a checkpoint is `structuredClone(state)` plus `store.snapshot()`. Field names follow Kafka's
 * `UnifiedLog`, `LocalLog` and `LogSegment`; "none" is −1 where Kafka uses −1, never Infinity.
 */
import { assert } from '../assert'
import type { LogConfig } from './logConfig'

/** In-memory bookkeeping of one segment, as `LogSegment` and its two indexes keep it. */
export interface SegmentState {
  baseOffset: number
  /** Size of the `.log` file. */
  sizeBytes: number
  /** When the segment was opened; the roll clock for segments without timestamps. */
  createdMs: number
  /** Stands in for the file's mtime (retention of segments without timestamps). */
  lastModifiedMs: number
  /** This segment's share of segment.jitter.ms, drawn when it was opened. */
  rollJitterMs: number
  /** maxTimestamp of the first batch (`rollingBasedTimestamp`), null until known. */
  rollingBasedTimestamp: number | null
  /** Largest batch maxTimestamp seen, −1 (NO_TIMESTAMP) when none. */
  maxTimestampSoFar: number
  /** Last offset of the batch that holds maxTimestampSoFar (baseOffset while none). */
  offsetOfMaxTimestampSoFar: number
  /** Bytes appended since the last index entry (`bytesSinceLastIndexEntry`). */
  bytesSinceLastIndexEntry: number
  offsetIndexEntries: number
  /** Offset of the last offset-index entry, baseOffset when empty (`OffsetIndex.lastOffset`). */
  lastIndexedOffset: number
  timeIndexEntries: number
  /** Last time-index entry (`TimeIndex.lastEntry`): (−1, baseOffset) when empty. */
  lastTimeIndexTimestamp: number
  lastTimeIndexOffset: number
}

/** One leader-epoch-checkpoint entry: `epoch` began at `startOffset`. */
export interface EpochEntry {
  epoch: number
  startOffset: number
}

/** A file renamed to `.deleted`, removed once `deleteAtMs` has passed. */
export interface PendingFileDeletion {
  path: string
  deleteAtMs: number
}

export interface PartitionLogState {
  /** Partition directory in the store, `<logDir>/<topic>-<partition>`. */
  dir: string
  topic: string
  partition: number
  config: LogConfig
  /** Ascending by baseOffset; never empty; the last one is the active segment. */
  segments: SegmentState[]
  logStartOffset: number
  /** Offset the next appended record gets. */
  logEndOffset: number
  /** Everything below this offset is known to be fsynced; recovery starts here. */
  recoveryPoint: number
  lastFlushedMs: number
  /** Ascending by epoch and by start offset (`LeaderEpochFileCache`). */
  leaderEpochCache: EpochEntry[]
  filesPendingDeletion: PendingFileDeletion[]
}

export function activeSegmentOf(log: PartitionLogState): SegmentState {
  const segment = log.segments[log.segments.length - 1]
  assert(segment !== undefined, 'a log always has an active segment')
  return segment
}
