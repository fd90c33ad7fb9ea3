/**
 * Appends to a partition log (`UnifiedLog.append`): as leader, validating the records, assigning
 * offsets and stamping the leader epoch; as follower, keeping the leader's offsets and epochs.
 * Either way the log may roll first, and on an error value nothing has been written.
 */
import { assert } from '../assert'
import { kafkaError, type KafkaError } from '../errors'
import type { LogContext } from './logIo'
import { activeSegmentOf, type PartitionLogState } from './logState'
import { appendToSegment, shouldRoll } from './logSegment'
import {
  analyzeAndValidateRecords,
  validateAndAssignOffsets,
  type AnalyzedRecords,
  type AppendBatch,
  type AppendOrigin,
} from './logValidator'
import { assignEpoch, flushLog, rollLog, unflushedMessages } from './partitionLog'
import {
  decodeAttributes,
  incrementSequence,
  NO_PARTITION_LEADER_EPOCH,
  NO_SEQUENCE,
  NO_TIMESTAMP,
} from './recordBatch'

/** One appended batch, for replication, producer state and views. */
export interface AppendedBatch {
  baseOffset: number
  lastOffset: number
  partitionLeaderEpoch: number
  producerId: number
  producerEpoch: number
  baseSequence: number
  /** Sequence of the last record, −1 without a producer id. */
  lastSequence: number
  isTransactional: boolean
  isControl: boolean
  recordsCount: number
  maxTimestamp: number
  sizeInBytes: number
}

/** What an append did (`LogAppendInfo`). */
export interface LogAppendInfo {
  firstOffset: number
  lastOffset: number
  maxTimestamp: number
  shallowOffsetOfMaxTimestamp: number
  /** The broker time stamped into LogAppendTime batches, null for CreateTime. */
  logAppendTimeMs: number | null
  logStartOffset: number
  validBytes: number
  recordsCount: number
  batches: AppendedBatch[]
  /** Base offset of the segment rolled to for this append, null when no roll happened. */
  rolledToSegment: number | null
  /** The segment the records went to and the file position where they start. */
  segmentBaseOffset: number
  position: number
}

export type AppendResult =
  | { ok: true; info: LogAppendInfo }
  | {
      ok: false
      error: KafkaError
      /**
       * Set when a follower's batch starts below the log end offset
       * (`UnexpectedAppendOffsetException`): the replica fetcher then truncates fully and
       * starts at `firstOffset` if its log is empty.
       */
      unexpectedAppendOffset?: { firstOffset: number; lastOffset: number }
    }

export interface LeaderAppendOptions {
  /** The partition's current leader epoch, stamped into every batch. */
  leaderEpoch: number
  nowMs: number
  /** 'client' (a produce request, the default) or 'coordinator' (transaction markers). */
  origin?: Exclude<AppendOrigin, 'replication'>
  /**
   * Idempotence / transaction checks (`analyzeAndValidateProducerState`), called after offsets are
   * assigned and the log rolled, before anything is written. An error stops the append.
   */
  checkProducerState?: (batches: readonly AppendedBatch[]) => KafkaError | null
}

function appendedBatches(batches: readonly AppendBatch[]): AppendedBatch[] {
  return batches.map(({ header, sizeInBytes }) => {
    const attributes = decodeAttributes(header.attributes)
    return {
      baseOffset: header.baseOffset,
      lastOffset: header.baseOffset + header.lastOffsetDelta,
      partitionLeaderEpoch: header.partitionLeaderEpoch,
      producerId: header.producerId,
      producerEpoch: header.producerEpoch,
      baseSequence: header.baseSequence,
      lastSequence:
        header.baseSequence === NO_SEQUENCE
          ? NO_SEQUENCE
          : incrementSequence(header.baseSequence, header.lastOffsetDelta),
      isTransactional: attributes.isTransactional,
      isControl: attributes.isControl,
      recordsCount: header.recordsCount,
      maxTimestamp: header.maxTimestamp,
      sizeInBytes,
    }
  })
}

/** Rolls first when `shouldRoll` says so (`UnifiedLog.maybeRoll`); returns the new base or null. */
function maybeRoll(
  ctx: LogContext,
  log: PartitionLogState,
  messagesSize: number,
  firstOffset: number,
  lastOffset: number,
  maxTimestamp: number,
  nowMs: number,
): number | null {
  const segment = activeSegmentOf(log)
  const roll = shouldRoll(ctx, log, segment, {
    messagesSize,
    maxTimestampInMessages: maxTimestamp,
    maxOffsetInMessages: lastOffset,
    nowMs,
  })
  if (!roll) return null
  return rollLog(ctx, log, nowMs, firstOffset).baseOffset
}

function recordListTooLarge(log: PartitionLogState, size: number): KafkaError {
  return kafkaError(
    'RECORD_LIST_TOO_LARGE',
    `Message batch size is ${size} bytes in append to partition ${log.topic}-${log.partition}, which exceeds the maximum configured segment size of ${log.config['segment.bytes']}.`,
  )
}

/** Writes validated records to the active segment and advances the log end offset. */
function appendValidated(
  ctx: LogContext,
  log: PartitionLogState,
  records: Uint8Array,
  lastOffset: number,
  maxTimestamp: number,
  shallowOffsetOfMaxTimestamp: number,
  nowMs: number,
): { segmentBaseOffset: number; position: number } {
  const segment = activeSegmentOf(log)
  const position = segment.sizeBytes
  appendToSegment(
    ctx,
    log,
    segment,
    lastOffset,
    maxTimestamp,
    shallowOffsetOfMaxTimestamp,
    records,
    nowMs,
  )
  log.logEndOffset = lastOffset + 1
  const flushMessages = log.config['flush.messages']
  if (flushMessages !== null && unflushedMessages(log) >= flushMessages) flushLog(ctx, log, nowMs)
  return { segmentBaseOffset: segment.baseOffset, position }
}

/** The leader's working copy of an append, reused: stores copy what they append (SegmentStore). */
let leaderScratch = new Uint8Array(0)
/** Appends larger than this get a copy of their own rather than a scratch buffer kept forever. */
const LEADER_SCRATCH_BYTES_MAX = 1024 * 1024

/**
 * `records[0, length)` in a buffer the leader may rewrite (offsets, epoch, timestamps), valid until
 * the next append: the caller's buffer stays as it was, and no 16 KiB array is allocated per batch.
 */
function leaderCopyOf(records: Uint8Array, length: number): Uint8Array {
  if (length > LEADER_SCRATCH_BYTES_MAX) return records.slice(0, length)
  if (leaderScratch.length < length) {
    leaderScratch = new Uint8Array(Math.min(LEADER_SCRATCH_BYTES_MAX, Math.max(length * 2, 65_536)))
  }
  leaderScratch.set(records.subarray(0, length))
  return leaderScratch.subarray(0, length)
}

/**
 * `UnifiedLog.appendAsLeader`: validates the records (see `logValidator.ts`), assigns offsets from
 * the log end offset and stamps `leaderEpoch`, records the epoch in the leader-epoch cache, checks
 * `segment.bytes` (RECORD_LIST_TOO_LARGE), rolls if needed and appends. The caller's buffer is not
 * modified. On error no record is written; only a refusal by `checkProducerState` can come after
 * the epoch was recorded and the log rolled, exactly as in Kafka. (Kafka records the epoch before
 * the segment.bytes check too; here that check comes first so a refused append leaves no trace.)
 */
export function appendAsLeader(
  ctx: LogContext,
  log: PartitionLogState,
  records: Uint8Array,
  options: LeaderAppendOptions,
): AppendResult {
  const { leaderEpoch, nowMs } = options
  const origin = options.origin ?? 'client'
  assert(leaderEpoch >= 0, 'a leader appends with its (non-negative) leader epoch')
  const analyzed = analyzeAndValidateRecords(records, log.config, origin)
  if (!analyzed.ok) return analyzed
  if (analyzed.value.validBytes === 0) return { ok: true, info: emptyAppendInfo(log) }
  const valid = leaderCopyOf(records, analyzed.value.validBytes)
  const firstOffset = log.logEndOffset
  const assigned = validateAndAssignOffsets(
    valid,
    analyzed.value,
    log.config,
    origin,
    leaderEpoch,
    firstOffset,
    nowMs,
  )
  if (!assigned.ok) return assigned
  if (valid.length > log.config['segment.bytes']) {
    return { ok: false, error: recordListTooLarge(log, valid.length) }
  }
  for (const batch of analyzed.value.batches) {
    assignEpoch(ctx, log, batch.header.partitionLeaderEpoch, batch.header.baseOffset)
  }
  const { lastOffset, maxTimestamp, shallowOffsetOfMaxTimestamp } = assigned.value
  const rolledToSegment = maybeRoll(
    ctx,
    log,
    valid.length,
    firstOffset,
    lastOffset,
    maxTimestamp,
    nowMs,
  )
  const batches = appendedBatches(analyzed.value.batches)
  const producerError = options.checkProducerState?.(batches) ?? null
  if (producerError !== null) return { ok: false, error: producerError }
  const where = appendValidated(
    ctx,
    log,
    valid,
    lastOffset,
    maxTimestamp,
    shallowOffsetOfMaxTimestamp,
    nowMs,
  )
  return {
    ok: true,
    info: {
      firstOffset,
      lastOffset,
      maxTimestamp,
      shallowOffsetOfMaxTimestamp,
      logAppendTimeMs: assigned.value.logAppendTimeMs,
      logStartOffset: log.logStartOffset,
      validBytes: valid.length,
      recordsCount: batches.reduce((n, b) => n + b.recordsCount, 0),
      batches,
      rolledToSegment,
      ...where,
    },
  }
}

function emptyAppendInfo(log: PartitionLogState): LogAppendInfo {
  const active = activeSegmentOf(log)
  return {
    firstOffset: log.logEndOffset,
    lastOffset: log.logEndOffset - 1,
    maxTimestamp: NO_TIMESTAMP,
    shallowOffsetOfMaxTimestamp: -1,
    logAppendTimeMs: null,
    logStartOffset: log.logStartOffset,
    validBytes: 0,
    recordsCount: 0,
    batches: [],
    rolledToSegment: null,
    segmentBaseOffset: active.baseOffset,
    position: active.sizeBytes,
  }
}

/**
 * `UnifiedLog.appendAsFollower`: appends the leader's batches as they are (offsets and leader
 * epochs kept; `max.message.bytes` not checked, the leader accepted them). Checks size and CRC
 * (CORRUPT_MESSAGE), monotonic offsets, and that the first offset is not below the log end offset.
 */
export function appendAsFollower(
  ctx: LogContext,
  log: PartitionLogState,
  records: Uint8Array,
  nowMs: number,
): AppendResult {
  const analyzedResult = analyzeAndValidateRecords(records, log.config, 'replication')
  if (!analyzedResult.ok) return analyzedResult
  const analyzed: AnalyzedRecords = analyzedResult.value
  if (analyzed.validBytes === 0) return { ok: true, info: emptyAppendInfo(log) }
  const valid =
    analyzed.validBytes === records.length ? records : records.subarray(0, analyzed.validBytes)
  if (analyzed.firstOffset < log.logEndOffset) {
    return {
      ok: false,
      error: kafkaError(
        'UNKNOWN_SERVER_ERROR',
        `UnexpectedAppendOffsetException: First offset ${analyzed.firstOffset} is less than the next offset ${log.logEndOffset}. Log start offset = ${log.logStartOffset}`,
      ),
      unexpectedAppendOffset: {
        firstOffset: analyzed.firstOffset,
        lastOffset: analyzed.lastOffset,
      },
    }
  }
  for (const batch of analyzed.batches) {
    // Leaders always stamp an epoch; a follower skips an unstamped batch rather than failing.
    if (batch.header.partitionLeaderEpoch !== NO_PARTITION_LEADER_EPOCH) {
      assignEpoch(ctx, log, batch.header.partitionLeaderEpoch, batch.header.baseOffset)
    }
  }
  if (valid.length > log.config['segment.bytes']) {
    return { ok: false, error: recordListTooLarge(log, valid.length) }
  }
  const rolledToSegment = maybeRoll(
    ctx,
    log,
    valid.length,
    analyzed.firstOffset,
    analyzed.lastOffset,
    analyzed.maxTimestamp,
    nowMs,
  )
  const where = appendValidated(
    ctx,
    log,
    valid,
    analyzed.lastOffset,
    analyzed.maxTimestamp,
    analyzed.shallowOffsetOfMaxTimestamp,
    nowMs,
  )
  const batches = appendedBatches(analyzed.batches)
  return {
    ok: true,
    info: {
      firstOffset: analyzed.firstOffset,
      lastOffset: analyzed.lastOffset,
      maxTimestamp: analyzed.maxTimestamp,
      shallowOffsetOfMaxTimestamp: analyzed.shallowOffsetOfMaxTimestamp,
      logAppendTimeMs: null,
      logStartOffset: log.logStartOffset,
      validBytes: valid.length,
      recordsCount: batches.reduce((n, b) => n + b.recordsCount, 0),
      batches,
      rolledToSegment,
      ...where,
    },
  }
}
