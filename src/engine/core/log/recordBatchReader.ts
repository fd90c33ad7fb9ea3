/**
 * Reads record batches v2: header, integrity, and the records inside (decompressing the blob when
 * the batch is compressed), following `DefaultRecordBatch` and `DefaultRecord.readFrom`.
 *
 * Malformed input is answered with Kafka errors, never thrown: CORRUPT_MESSAGE when the batch
 * fails its size/CRC check, INVALID_RECORD when a CRC-valid batch holds records that do not parse.
 */
import { kafkaError, type KafkaError } from '../errors'
import {
  cursorOver,
  readVarint,
  readVarlong,
  RecordFormatError,
  type ByteCursor,
} from './byteUtils'
import { decompress } from './compression'
import {
  batchIntegrityProblem,
  batchSizeInBytes,
  compressionOf,
  decodeAttributes,
  incrementSequence,
  LENGTH_OFFSET,
  LOG_OVERHEAD,
  NO_SEQUENCE,
  readBatchHeader,
  RECORD_BATCH_OVERHEAD,
  RECORDS_OFFSET,
  viewOf,
  type BatchAttributes,
  type RecordBatchHeader,
} from './recordBatch'

/** A record header as stored: UTF-8 key, optional value. */
export interface RecordHeader {
  key: string
  value: Uint8Array | null
}

/** One record with its absolute offset and timestamp. */
export interface DecodedRecord {
  offset: number
  timestamp: number
  /** Producer sequence (baseSequence + offset delta, wrapping), or −1 without a producer id. */
  sequence: number
  key: Uint8Array | null
  value: Uint8Array | null
  headers: RecordHeader[]
}

export interface DecodedRecordBatch extends RecordBatchHeader, BatchAttributes {
  sizeInBytes: number
  lastOffset: number
  records: DecodedRecord[]
}

export type DecodeResult<T> = { ok: true; value: T } | { ok: false; error: KafkaError }

/**
 * Positions of one record's parts, filled by `scanRecord`. One object is reused across records so
 * scanning a batch (broker validation, timestamp search) allocates nothing per record.
 */
export interface RecordScan {
  timestampDelta: number
  offsetDelta: number
  keyStart: number
  /** −1 for a null key. */
  keyLength: number
  valueStart: number
  /** −1 for a null value. */
  valueLength: number
  headersCount: number
  headersStart: number
}

export function createRecordScan(): RecordScan {
  return {
    timestampDelta: 0,
    offsetDelta: 0,
    keyStart: 0,
    keyLength: -1,
    valueStart: 0,
    valueLength: -1,
    headersCount: 0,
    headersStart: 0,
  }
}

function skipBytesField(cursor: ByteCursor, what: string): number {
  const length = readVarint(cursor)
  if (length >= 0) {
    if (cursor.position + length > cursor.limit) {
      throw new RecordFormatError(`${what} extends past the record`)
    }
    cursor.position += length
  }
  return length
}

/** Parses one record at `cursor.position` into `out` and moves past it (`DefaultRecord.readFrom`). */
export function scanRecord(cursor: ByteCursor, out: RecordScan): void {
  const bodySize = readVarint(cursor)
  const recordStart = cursor.position
  const recordEnd = recordStart + bodySize
  if (bodySize < 0 || recordEnd > cursor.limit) {
    throw new RecordFormatError(
      `Invalid record size: expected ${bodySize} bytes in record payload, but instead the buffer has only ${cursor.limit - recordStart} remaining bytes.`,
    )
  }
  const outerLimit = cursor.limit
  cursor.limit = recordEnd
  cursor.position++ // attributes: unused
  out.timestampDelta = readVarlong(cursor)
  out.offsetDelta = readVarint(cursor)
  out.keyLength = skipBytesField(cursor, 'key')
  out.keyStart = cursor.position - Math.max(out.keyLength, 0)
  out.valueLength = skipBytesField(cursor, 'value')
  out.valueStart = cursor.position - Math.max(out.valueLength, 0)
  out.headersCount = readVarint(cursor)
  if (out.headersCount < 0) {
    throw new RecordFormatError(`Found invalid number of record headers ${out.headersCount}`)
  }
  out.headersStart = cursor.position
  for (let i = 0; i < out.headersCount; i++) {
    if (skipBytesField(cursor, 'header key') < 0) {
      throw new RecordFormatError('Invalid negative header key size')
    }
    skipBytesField(cursor, 'header value')
  }
  if (cursor.position !== recordEnd) {
    throw new RecordFormatError(
      `Invalid record size: expected to read ${bodySize} bytes in record payload, but instead read ${cursor.position - recordStart}`,
    )
  }
  cursor.limit = outerLimit
}

/**
 * The uncompressed records region of a batch: a view into `bytes` for uncompressed batches, a
 * fresh buffer otherwise. Throws `RecordFormatError` when decompression fails.
 */
export function recordsRegion(
  bytes: Uint8Array,
  position: number,
  header: RecordBatchHeader,
): ByteCursor {
  const start = position + RECORDS_OFFSET
  const end = position + batchSizeInBytes(header)
  const compression = compressionOf(header.attributes)
  if (compression === null) {
    throw new RecordFormatError(`Unknown compression type id: ${header.attributes & 0x07}`)
  }
  if (compression === 'none') return cursorOver(bytes, start, end)
  const data = decompress(compression, bytes.subarray(start, end))
  return cursorOver(data, 0, data.length)
}

/**
 * Scans all records of the batch, calling `onRecord` with the shared scan object. Enforces the
 * declared count like Kafka's record iterator ("Incorrect declared batch size").
 */
export function forEachRecord(
  bytes: Uint8Array,
  position: number,
  header: RecordBatchHeader,
  onRecord: (scan: RecordScan, data: Uint8Array, index: number) => void,
): void {
  if (header.recordsCount < 0) {
    throw new RecordFormatError(`Found invalid record count ${header.recordsCount}`)
  }
  const cursor = recordsRegion(bytes, position, header)
  const scan = createRecordScan()
  for (let i = 0; i < header.recordsCount; i++) {
    if (cursor.position >= cursor.limit) {
      throw new RecordFormatError('Incorrect declared batch size, premature EOF reached')
    }
    scanRecord(cursor, scan)
    onRecord(scan, cursor.bytes, i)
  }
  if (cursor.position !== cursor.limit) {
    throw new RecordFormatError('Incorrect declared batch size, records still remaining in file')
  }
}

const textDecoder = new TextDecoder()

function readHeaders(data: Uint8Array, start: number, count: number): RecordHeader[] {
  const headers: RecordHeader[] = []
  const cursor = cursorOver(data, start)
  for (let i = 0; i < count; i++) {
    const keyLength = readVarint(cursor)
    const key = textDecoder.decode(data.subarray(cursor.position, cursor.position + keyLength))
    cursor.position += keyLength
    const valueLength = readVarint(cursor)
    const value =
      valueLength < 0 ? null : data.slice(cursor.position, cursor.position + valueLength)
    cursor.position += Math.max(valueLength, 0)
    headers.push({ key, value })
  }
  return headers
}

function decodeChecked(bytes: Uint8Array, position: number): DecodedRecordBatch {
  const header = readBatchHeader(bytes, position)
  const attributes = decodeAttributes(header.attributes)
  const logAppendTime = attributes.timestampType === 'LogAppendTime' ? header.maxTimestamp : null
  const records: DecodedRecord[] = []
  forEachRecord(bytes, position, header, (scan, data) => {
    records.push({
      offset: header.baseOffset + scan.offsetDelta,
      timestamp: logAppendTime ?? header.baseTimestamp + scan.timestampDelta,
      sequence:
        header.baseSequence === NO_SEQUENCE
          ? NO_SEQUENCE
          : incrementSequence(header.baseSequence, scan.offsetDelta),
      key: scan.keyLength < 0 ? null : data.slice(scan.keyStart, scan.keyStart + scan.keyLength),
      value:
        scan.valueLength < 0
          ? null
          : data.slice(scan.valueStart, scan.valueStart + scan.valueLength),
      headers:
        scan.headersCount === 0 ? [] : readHeaders(data, scan.headersStart, scan.headersCount),
    })
  })
  return {
    ...header,
    ...attributes,
    sizeInBytes: batchSizeInBytes(header),
    lastOffset: header.baseOffset + header.lastOffsetDelta,
    records,
  }
}

/** Decodes the batch at `position` after checking its size and CRC. */
export function decodeRecordBatch(
  bytes: Uint8Array,
  position = 0,
): DecodeResult<DecodedRecordBatch> {
  const problem = batchIntegrityProblem(bytes, position)
  if (problem !== null) return { ok: false, error: kafkaError('CORRUPT_MESSAGE', problem) }
  try {
    return { ok: true, value: decodeChecked(bytes, position) }
  } catch (error) {
    if (error instanceof RecordFormatError) {
      return { ok: false, error: kafkaError('INVALID_RECORD', error.message) }
    }
    throw error
  }
}

/**
 * Declared total size of the batch at `position` (which may be nonsense in corrupt data), or null
 * when not even the 12-byte log overhead remains.
 */
export function declaredBatchSize(bytes: Uint8Array, position: number): number | null {
  if (position + LOG_OVERHEAD > bytes.length) return null
  return viewOf(bytes).getInt32(position + LENGTH_OFFSET) + LOG_OVERHEAD
}

/**
 * Decodes every whole batch in `bytes` (a fetch response or a segment slice). A trailing partial
 * batch is ignored, as Kafka's consumer does (`ByteBufferLogInputStream.nextBatch` returns null);
 * a corrupt batch is reported.
 */
export function decodeRecordBatches(bytes: Uint8Array): DecodeResult<DecodedRecordBatch[]> {
  const batches: DecodedRecordBatch[] = []
  let position = 0
  for (;;) {
    const size = declaredBatchSize(bytes, position)
    if (size === null) break
    if (size >= RECORD_BATCH_OVERHEAD && position + size > bytes.length) break
    const decoded = decodeRecordBatch(bytes, position)
    if (!decoded.ok) return decoded
    batches.push(decoded.value)
    position += size
  }
  return { ok: true, value: batches }
}
