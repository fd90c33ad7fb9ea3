/**
 * Broker-side checks of appended records and the leader's offset assignment
 * (`UnifiedLog.analyzeAndValidateRecords`, `ProduceRequest.validateRecords`, `LogValidator`).
 * Every problem is returned as a Kafka error value and nothing is changed; the caller appends only
 * when validation passed.
 */
import { kafkaError, type KafkaError } from '../errors'
import { RecordFormatError } from './byteUtils'
import type { LogConfig } from './logConfig'
import {
  batchIntegrityProblem,
  compressionOf,
  decodeAttributes,
  LENGTH_OFFSET,
  LOG_OVERHEAD,
  MAGIC_OFFSET,
  MAGIC_VALUE_V2,
  NO_TIMESTAMP,
  readBatchHeader,
  RECORD_BATCH_OVERHEAD,
  RECORD_OVERHEAD_V0,
  HEADER_SIZE_UP_TO_MAGIC,
  setLastOffset,
  setMaxTimestamp,
  setPartitionLeaderEpoch,
  viewOf,
  type CompressionType,
  type RecordBatchHeader,
} from './recordBatch'
import { forEachRecord, recordsRegion } from './recordBatchReader'
import { createRecordsSummary, summarizeRecords } from './recordsSummary'

/**
 * Who is appending (`AppendOrigin`): a producer, the transaction coordinator writing markers, or a
 * follower copying the leader's batches.
 */
export type AppendOrigin = 'client' | 'coordinator' | 'replication'

/** One batch of an append, located in the appended bytes. */
export interface AppendBatch {
  position: number
  sizeInBytes: number
  header: RecordBatchHeader
}

/** What `analyzeAndValidateRecords` learns from the batch headers (`LogAppendInfo`). */
export interface AnalyzedRecords {
  batches: AppendBatch[]
  /** Bytes of whole batches; a torn tail after them is dropped like Kafka's `trimInvalidBytes`. */
  validBytes: number
  firstOffset: number
  lastOffset: number
  lastOffsetOfFirstBatch: number
  maxTimestamp: number
  shallowOffsetOfMaxTimestamp: number
  sourceCompression: CompressionType
}

export type Validated<T> = { ok: true; value: T } | { ok: false; error: KafkaError }

const fail = (error: KafkaError): { ok: false; error: KafkaError } => ({ ok: false, error })

/** Produce request version whose rules apply (v11 in Kafka 4.0's clients); used in messages. */
const PRODUCE_VERSION = 11

/**
 * Splits `records` into batches and checks them: size and magic (CORRUPT_MESSAGE), one v2 batch
 * with baseOffset 0 per produce request (INVALID_RECORD), `max.message.bytes` (MESSAGE_TOO_LARGE,
 * skipped for followers), CRC (CORRUPT_MESSAGE), and for followers monotonic offsets.
 */
export function analyzeAndValidateRecords(
  records: Uint8Array,
  config: LogConfig,
  origin: AppendOrigin,
): Validated<AnalyzedRecords> {
  const view = viewOf(records)
  const batches: AppendBatch[] = []
  let position = 0
  // `ByteBufferLogInputStream.nextBatch`: stop quietly at a torn tail, refuse nonsense sizes.
  while (records.length - position >= LOG_OVERHEAD) {
    const batchLength = view.getInt32(position + LENGTH_OFFSET)
    if (batchLength < RECORD_OVERHEAD_V0) {
      return fail(
        kafkaError(
          'CORRUPT_MESSAGE',
          `Record size ${batchLength} is less than the minimum record overhead (${RECORD_OVERHEAD_V0})`,
        ),
      )
    }
    if (records.length - position < HEADER_SIZE_UP_TO_MAGIC) break
    const magic = view.getInt8(position + MAGIC_OFFSET)
    if (magic < 0 || magic > MAGIC_VALUE_V2) {
      return fail(kafkaError('CORRUPT_MESSAGE', `Invalid magic found in record: ${magic}`))
    }
    const sizeInBytes = batchLength + LOG_OVERHEAD
    if (records.length - position < sizeInBytes) break
    if (magic !== MAGIC_VALUE_V2) {
      const message = `Produce requests with version ${PRODUCE_VERSION} are only allowed to contain record batches with magic version 2`
      return fail(
        kafkaError(origin === 'replication' ? 'CORRUPT_MESSAGE' : 'INVALID_RECORD', message),
      )
    }
    if (sizeInBytes < RECORD_BATCH_OVERHEAD) {
      return fail(
        kafkaError(
          'CORRUPT_MESSAGE',
          `Record batch is corrupt (the size ${sizeInBytes} is smaller than the minimum allowed overhead ${RECORD_BATCH_OVERHEAD})`,
        ),
      )
    }
    batches.push({ position, sizeInBytes, header: readBatchHeader(records, position) })
    position += sizeInBytes
  }

  if (origin === 'client') {
    if (batches.length === 0) {
      return fail(
        kafkaError(
          'INVALID_RECORD',
          `Produce requests with version ${PRODUCE_VERSION} must have at least one record batch per partition`,
        ),
      )
    }
    if (batches.length > 1) {
      return fail(
        kafkaError(
          'INVALID_RECORD',
          `Produce requests with version ${PRODUCE_VERSION} are only allowed to contain exactly one record batch per partition`,
        ),
      )
    }
  }

  let lastOffset = -1
  let monotonic = true
  let maxTimestamp = NO_TIMESTAMP
  let shallowOffsetOfMaxTimestamp = -1
  let validBytes = 0
  let sourceCompression: CompressionType = 'none'
  for (const batch of batches) {
    const header = batch.header
    const batchLastOffset = header.baseOffset + header.lastOffsetDelta
    if (origin === 'client' && header.baseOffset !== 0) {
      return fail(
        kafkaError(
          'INVALID_RECORD',
          `The baseOffset of the record batch in the append should be 0, but it is ${header.baseOffset}`,
        ),
      )
    }
    if (lastOffset >= batchLastOffset) monotonic = false
    lastOffset = batchLastOffset
    if (origin !== 'replication' && batch.sizeInBytes > config['max.message.bytes']) {
      return fail(
        kafkaError(
          'MESSAGE_TOO_LARGE',
          `The record batch size in the append is ${batch.sizeInBytes} bytes which exceeds the maximum configured value of ${config['max.message.bytes']}.`,
        ),
      )
    }
    const problem = batchIntegrityProblem(records, batch.position)
    if (problem !== null) return fail(kafkaError('CORRUPT_MESSAGE', problem))
    if (header.maxTimestamp > maxTimestamp) {
      maxTimestamp = header.maxTimestamp
      shallowOffsetOfMaxTimestamp = lastOffset
    }
    validBytes += batch.sizeInBytes
    const compression = compressionOf(header.attributes)
    if (compression !== null && compression !== 'none') sourceCompression = compression
  }

  if (origin === 'replication' && !monotonic) {
    return fail(
      kafkaError(
        'UNKNOWN_SERVER_ERROR',
        'OffsetsOutOfOrderException: out of order offsets found in append',
      ),
    )
  }

  const first = batches[0]
  return {
    ok: true,
    value: {
      batches,
      validBytes,
      firstOffset: first?.header.baseOffset ?? -1,
      lastOffset,
      lastOffsetOfFirstBatch:
        first === undefined ? -1 : first.header.baseOffset + first.header.lastOffsetDelta,
      maxTimestamp,
      shallowOffsetOfMaxTimestamp,
      sourceCompression,
    },
  }
}

/**
 * `LogValidator.validateBatch`: the structural rules Kafka applies to batches from clients (the
 * coordinator's markers and followers are trusted).
 */
function validateBatch(header: RecordBatchHeader, origin: AppendOrigin): KafkaError | null {
  const attributes = decodeAttributes(header.attributes)
  if (attributes.compression === null) {
    return kafkaError('INVALID_RECORD', `Unknown compression type id: ${header.attributes & 0x07}`)
  }
  if (origin !== 'client') return null
  const countFromOffsets = header.lastOffsetDelta + 1
  if (countFromOffsets <= 0) {
    return kafkaError(
      'INVALID_RECORD',
      `Batch has an invalid offset range: [${header.baseOffset}, ${header.baseOffset + header.lastOffsetDelta}]`,
    )
  }
  if (header.recordsCount <= 0) {
    return kafkaError(
      'INVALID_RECORD',
      `Invalid reported count for record batch: ${header.recordsCount}`,
    )
  }
  if (countFromOffsets !== header.recordsCount) {
    return kafkaError(
      'INVALID_RECORD',
      `Inconsistent batch offset range [${header.baseOffset}, ${header.baseOffset + header.lastOffsetDelta}] and count of records ${header.recordsCount}`,
    )
  }
  if (attributes.isControl) {
    return kafkaError('INVALID_RECORD', 'Clients are not allowed to write control records')
  }
  if (header.producerId >= 0 && header.baseSequence < 0) {
    return kafkaError(
      'INVALID_RECORD',
      `Invalid sequence number ${header.baseSequence} in record batch with producerId ${header.producerId}`,
    )
  }
  return null
}

const summary = createRecordsSummary()

/**
 * The record checks of `scanBatch` for the common case, from a one-pass summary: a CreateTime
 * batch whose every record passes (timestamps within `message.timestamp.*` from the oldest to the
 * newest; offset deltas in order when compressed). Returns the batch's max timestamp, or null
 * when the full scan must decide (a record fails, or the summary could not be made).
 */
function quickBatchMaxTimestamp(
  records: Uint8Array,
  batch: AppendBatch,
  config: LogConfig,
  nowMs: number,
): number | null {
  const header = batch.header
  if ((header.attributes & 0x08) !== 0) return null // LogAppendTime: the full scan's rules
  const region = recordsRegion(records, batch.position, header)
  if (!summarizeRecords(region.bytes, region.position, region.limit, header.recordsCount, summary))
    return null
  if (compressionOf(header.attributes) !== 'none' && !summary.offsetDeltasInOrder) return null
  const oldest = header.baseTimestamp + summary.minTimestampDelta
  const newest = header.baseTimestamp + summary.maxTimestampDelta
  if (config['message.timestamp.type'] === 'CreateTime') {
    const beforeMaxMs = config['message.timestamp.before.max.ms']
    const afterMaxMs = config['message.timestamp.after.max.ms']
    if (beforeMaxMs !== null && nowMs - oldest > beforeMaxMs) return null
    if (afterMaxMs !== null && newest - nowMs > afterMaxMs) return null
  }
  return Math.max(NO_TIMESTAMP, newest)
}

/**
 * `LogValidator.validateRecord` for every record of one batch, with Kafka's error for the first
 * record that fails: timestamps per `message.timestamp.*` (INVALID_TIMESTAMP) and, in compressed
 * batches, offset deltas in order (INVALID_RECORD). Returns the batch's max timestamp. Throws
 * `RecordFormatError` for records that do not parse.
 */
function scanBatch(
  records: Uint8Array,
  batch: AppendBatch,
  config: LogConfig,
  nowMs: number,
): Validated<number> {
  const header = batch.header
  const timestampType = config['message.timestamp.type']
  const beforeMaxMs = config['message.timestamp.before.max.ms']
  const afterMaxMs = config['message.timestamp.after.max.ms']
  const batchIsLogAppendTime = (header.attributes & 0x08) !== 0
  const compressed = compressionOf(header.attributes) !== 'none'
  // Assigned inside the record callback, hence an object rather than two `let`s.
  const scanned: { error: KafkaError | null; maxTimestamp: number } = {
    error: null,
    maxTimestamp: NO_TIMESTAMP,
  }
  forEachRecord(records, batch.position, header, (scan, _data, index) => {
    if (scanned.error !== null) return
    // A LogAppendTime batch's records all read as its maxTimestamp (`DefaultRecord`).
    const timestamp = batchIsLogAppendTime
      ? header.maxTimestamp
      : header.baseTimestamp + scan.timestampDelta
    const offset = header.baseOffset + scan.offsetDelta
    if (timestampType === 'CreateTime' && timestamp !== NO_TIMESTAMP) {
      const diff = nowMs - timestamp
      const tooOld = beforeMaxMs !== null && diff > beforeMaxMs
      const tooNew = afterMaxMs !== null && -diff > afterMaxMs
      if (tooOld || tooNew) {
        const low = beforeMaxMs === null ? '-inf' : String(nowMs - beforeMaxMs)
        const high = afterMaxMs === null ? '+inf' : String(nowMs + afterMaxMs)
        scanned.error = kafkaError(
          'INVALID_TIMESTAMP',
          `Timestamp ${timestamp} of message with offset ${offset} is out of range. The timestamp should be within [${low}, ${high}]`,
        )
        return
      }
    } else if (batchIsLogAppendTime) {
      scanned.error = kafkaError(
        'INVALID_TIMESTAMP',
        'Invalid timestamp type in message. Producer should not set timestamp type to LogAppendTime.',
      )
      return
    }
    // Kafka rewrites such offsets by recompressing; this engine never recompresses, and its
    // producers never write them, so the batch is refused instead.
    if (compressed && scan.offsetDelta !== index) {
      scanned.error = kafkaError(
        'INVALID_RECORD',
        `Inner record offset delta ${scan.offsetDelta} where ${index} was expected`,
      )
      return
    }
    if (timestamp > scanned.maxTimestamp) scanned.maxTimestamp = timestamp
  })
  return scanned.error !== null ? fail(scanned.error) : { ok: true, value: scanned.maxTimestamp }
}

/** The leader's offset assignment (`ValidationResult`). */
export interface AssignedOffsets {
  lastOffset: number
  maxTimestamp: number
  shallowOffsetOfMaxTimestamp: number
  /** The broker time stamped into LogAppendTime batches, null for CreateTime. */
  logAppendTimeMs: number | null
}

/**
 * `LogValidator.validateMessagesAndAssignOffsets` for v2 batches with the producer's compression
 * kept (`compression.type=producer`): validates every record (timestamps per
 * `message.timestamp.*`, INVALID_TIMESTAMP; record format, INVALID_RECORD), then rewrites each
 * batch header in `records` in place: offsets from `firstOffset`, the leader epoch, and the max
 * timestamp (LogAppendTime: the broker clock). Nothing in `records` changes when it fails.
 */
export function validateAndAssignOffsets(
  records: Uint8Array,
  analyzed: AnalyzedRecords,
  config: LogConfig,
  origin: AppendOrigin,
  leaderEpoch: number,
  firstOffset: number,
  nowMs: number,
): Validated<AssignedOffsets> {
  const timestampType = config['message.timestamp.type']
  const batchMaxTimestamps: number[] = []
  for (const batch of analyzed.batches) {
    const batchError = validateBatch(batch.header, origin)
    if (batchError !== null) return fail(batchError)
    let scanned: Validated<number>
    try {
      const quick = quickBatchMaxTimestamp(records, batch, config, nowMs)
      scanned =
        quick !== null ? { ok: true, value: quick } : scanBatch(records, batch, config, nowMs)
    } catch (error) {
      if (!(error instanceof RecordFormatError)) throw error
      return fail(kafkaError('INVALID_RECORD', error.message))
    }
    if (!scanned.ok) return scanned
    batchMaxTimestamps.push(scanned.value)
  }

  let offset = firstOffset
  let maxTimestamp = NO_TIMESTAMP
  let shallowOffsetOfMaxTimestamp = -1
  for (const [i, batch] of analyzed.batches.entries()) {
    const lastOffset = offset + batch.header.lastOffsetDelta
    setLastOffset(records, batch.position, lastOffset)
    setPartitionLeaderEpoch(records, batch.position, leaderEpoch)
    const batchMax = timestampType === 'LogAppendTime' ? nowMs : batchMaxTimestamps[i]!
    setMaxTimestamp(records, batch.position, timestampType, batchMax)
    batch.header = readBatchHeader(records, batch.position)
    if (batchMax > maxTimestamp) {
      maxTimestamp = batchMax
      shallowOffsetOfMaxTimestamp = lastOffset
    }
    offset = lastOffset + 1
  }
  return {
    ok: true,
    value: {
      lastOffset: offset - 1,
      maxTimestamp,
      shallowOffsetOfMaxTimestamp,
      logAppendTimeMs: timestampType === 'LogAppendTime' ? nowMs : null,
    },
  }
}
