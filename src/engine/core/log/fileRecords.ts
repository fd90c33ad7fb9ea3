/**
 * Walking the batches of a segment file by their headers (`FileRecords.java`,
 * `FileLogInputStream.java`): each step reads one 61-byte header from the store; the batch body is
 * only read when needed. Nothing here throws on bad bytes: a short, torn or nonsensical header
 * simply ends the walk, so reads over a damaged file degrade to "no more data".
 */
import { RecordFormatError } from './byteUtils'
import { ioRead, type IoPurpose, type LogContext } from './logIo'
import {
  batchIntegrityProblem,
  LOG_OVERHEAD,
  NO_PARTITION_LEADER_EPOCH,
  NO_TIMESTAMP,
  readBatchHeader,
  RECORD_BATCH_OVERHEAD,
  type RecordBatchHeader,
} from './recordBatch'
import { forEachRecord } from './recordBatchReader'

/** A batch located in a file: where it starts, how big it is, and its header. */
export interface FileBatch {
  position: number
  sizeInBytes: number
  header: RecordBatchHeader
}

/** The header at `position`, or why there is no usable batch there. */
export type FileBatchHeaderRead =
  | { kind: 'batch'; batch: FileBatch }
  | { kind: 'end' }
  | { kind: 'torn' }
  | { kind: 'corrupt'; reason: string }

export function readFileBatchHeader(
  ctx: LogContext,
  path: string,
  fileSize: number,
  position: number,
  purpose: IoPurpose,
): FileBatchHeaderRead {
  if (position >= fileSize) return { kind: 'end' }
  if (position + LOG_OVERHEAD > fileSize) return { kind: 'torn' }
  const bytes = ioRead(
    ctx,
    path,
    position,
    Math.min(RECORD_BATCH_OVERHEAD, fileSize - position),
    purpose,
  )
  const batchLength = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getInt32(8)
  const sizeInBytes = batchLength + LOG_OVERHEAD
  if (sizeInBytes < RECORD_BATCH_OVERHEAD) {
    return {
      kind: 'corrupt',
      reason: `batch size ${sizeInBytes} is smaller than the minimum allowed overhead ${RECORD_BATCH_OVERHEAD}`,
    }
  }
  if (position + sizeInBytes > fileSize) return { kind: 'torn' }
  return { kind: 'batch', batch: { position, sizeInBytes, header: readBatchHeader(bytes, 0) } }
}

/** Iterates the batches from `startPosition` until the end of the usable data. */
export function* batchesFrom(
  ctx: LogContext,
  path: string,
  fileSize: number,
  startPosition: number,
  purpose: IoPurpose,
): Generator<FileBatch> {
  let position = startPosition
  for (;;) {
    const read = readFileBatchHeader(ctx, path, fileSize, position, purpose)
    if (read.kind !== 'batch') return
    yield read.batch
    position += read.batch.sizeInBytes
  }
}

/** Where an offset's batch starts (`FileRecords.LogOffsetPosition`). */
export interface LogOffsetPosition {
  /** Last offset of the batch found. */
  offset: number
  position: number
  sizeInBytes: number
}

/**
 * `FileRecords.searchForOffsetWithSize`: the first batch from `startingPosition` whose last offset
 * is ≥ `targetOffset`, or null when the file has none.
 */
export function searchForOffsetWithSize(
  ctx: LogContext,
  path: string,
  fileSize: number,
  targetOffset: number,
  startingPosition: number,
  purpose: IoPurpose,
): LogOffsetPosition | null {
  for (const batch of batchesFrom(ctx, path, fileSize, startingPosition, purpose)) {
    const lastOffset = batch.header.baseOffset + batch.header.lastOffsetDelta
    if (lastOffset >= targetOffset) {
      return { offset: lastOffset, position: batch.position, sizeInBytes: batch.sizeInBytes }
    }
  }
  return null
}

/** A record found by timestamp (`FileRecords.TimestampAndOffset`); leaderEpoch null when unknown. */
export interface TimestampAndOffset {
  timestamp: number
  offset: number
  leaderEpoch: number | null
}

function maybeLeaderEpoch(epoch: number): number | null {
  return epoch === NO_PARTITION_LEADER_EPOCH ? null : epoch
}

/**
 * `FileRecords.searchForTimestamp`: the first record from `startingPosition` with timestamp ≥
 * `targetTimestamp` and offset ≥ `startingOffset`. Only batches whose maxTimestamp reaches the
 * target are read in full and decoded.
 */
export function searchForTimestamp(
  ctx: LogContext,
  path: string,
  fileSize: number,
  targetTimestamp: number,
  startingPosition: number,
  startingOffset: number,
  purpose: IoPurpose,
): TimestampAndOffset | null {
  for (const batch of batchesFrom(ctx, path, fileSize, startingPosition, purpose)) {
    const header = batch.header
    if (header.maxTimestamp < targetTimestamp) continue
    const bytes = ioRead(ctx, path, batch.position, batch.sizeInBytes, purpose)
    const logAppendTime = (header.attributes & 0x08) !== 0 ? header.maxTimestamp : null
    const result: { found: TimestampAndOffset | null } = { found: null }
    try {
      forEachRecord(bytes, 0, header, (scan) => {
        if (result.found !== null) return
        const timestamp = logAppendTime ?? header.baseTimestamp + scan.timestampDelta
        const offset = header.baseOffset + scan.offsetDelta
        if (timestamp >= targetTimestamp && offset >= startingOffset) {
          const leaderEpoch = maybeLeaderEpoch(header.partitionLeaderEpoch)
          result.found = { timestamp, offset, leaderEpoch }
        }
      })
    } catch (error) {
      // An unreadable batch cannot answer the search; Kafka would fail the request, we move on.
      if (!(error instanceof RecordFormatError)) throw error
    }
    if (result.found !== null) return result.found
  }
  return null
}

/** `FileRecords.largestTimestampAfter`: the largest batch maxTimestamp from `startingPosition`. */
export function largestTimestampAfter(
  ctx: LogContext,
  path: string,
  fileSize: number,
  startingPosition: number,
  purpose: IoPurpose,
): TimestampAndOffset {
  let best: TimestampAndOffset = { timestamp: NO_TIMESTAMP, offset: -1, leaderEpoch: null }
  for (const batch of batchesFrom(ctx, path, fileSize, startingPosition, purpose)) {
    if (batch.header.maxTimestamp > best.timestamp) {
      best = {
        timestamp: batch.header.maxTimestamp,
        offset: batch.header.baseOffset + batch.header.lastOffsetDelta,
        leaderEpoch: maybeLeaderEpoch(batch.header.partitionLeaderEpoch),
      }
    }
  }
  return best
}

/** Reads a whole batch and checks it like `ensureValid`: `problem` says why it fails, or is null. */
export function readValidatedBatch(
  ctx: LogContext,
  path: string,
  batch: FileBatch,
  purpose: IoPurpose,
): { bytes: Uint8Array; problem: string | null } {
  const bytes = ioRead(ctx, path, batch.position, batch.sizeInBytes, purpose)
  if (bytes.length < batch.sizeInBytes) return { bytes, problem: 'short read' }
  return { bytes, problem: batchIntegrityProblem(bytes, 0) }
}
