/**
 * Builds record batches v2 the way the Java producer's `MemoryRecordsBuilder` does: records are
 * appended one by one (offset delta = index, timestamp delta from the first record), then the
 * header is written and the CRC-32C computed once. The writer keeps one growing buffer that can be
 * reset and reused, so a producer appending thousands of records allocates almost nothing.
 */
import { assert } from '../assert'
import { sizeOfVarint, sizeOfVarlong, writeInt64, writeVarint, writeVarlong } from './byteUtils'
import { compress } from './compression'
import {
  ATTRIBUTES_OFFSET,
  BASE_OFFSET_OFFSET,
  BASE_SEQUENCE_OFFSET,
  BASE_TIMESTAMP_OFFSET,
  computeBatchChecksum,
  CRC_OFFSET,
  encodeAttributes,
  LAST_OFFSET_DELTA_OFFSET,
  LENGTH_OFFSET,
  LOG_OVERHEAD,
  MAGIC_OFFSET,
  MAGIC_VALUE_V2,
  MAX_TIMESTAMP_OFFSET,
  NO_PARTITION_LEADER_EPOCH,
  NO_PRODUCER_EPOCH,
  NO_PRODUCER_ID,
  NO_SEQUENCE,
  NO_TIMESTAMP,
  PARTITION_LEADER_EPOCH_OFFSET,
  PRODUCER_EPOCH_OFFSET,
  PRODUCER_ID_OFFSET,
  RECORD_BATCH_OVERHEAD,
  RECORDS_COUNT_OFFSET,
  RECORDS_OFFSET,
  type CompressionType,
  type TimestampType,
} from './recordBatch'

/** A record header as a producer sets it: a UTF-8 key and an optional value. */
export interface RecordHeaderInput {
  key: string
  value: Uint8Array | null
}

/** Reusable state for building one batch at a time. Plain data: it can be cloned or dropped freely. */
export interface RecordBatchWriter {
  compression: CompressionType
  /** Bytes [0, 61) are reserved for the header; records follow (uncompressed until the build). */
  buffer: Uint8Array
  /** Next write position in `buffer`. */
  position: number
  recordsCount: number
  /** Timestamp of the first record (the batch's baseTimestamp), NO_TIMESTAMP while empty. */
  baseTimestamp: number
  maxTimestamp: number
}

/** Header fields set when a batch is built; everything defaults to "none" (−1) like a plain producer. */
export interface BatchHeaderFields {
  baseOffset?: number
  partitionLeaderEpoch?: number
  producerId?: number
  producerEpoch?: number
  baseSequence?: number
  isTransactional?: boolean
  isControl?: boolean
  timestampType?: TimestampType
  /** Required with LogAppendTime: the broker's append time, which every record then reads as. */
  logAppendTimeMs?: number
}

const CAPACITY_DEFAULT = 16 * 1024

export function createRecordBatchWriter(
  options: { compression?: CompressionType; capacityBytes?: number } = {},
): RecordBatchWriter {
  const capacity = Math.max(RECORD_BATCH_OVERHEAD + 64, options.capacityBytes ?? CAPACITY_DEFAULT)
  return {
    compression: options.compression ?? 'none',
    buffer: new Uint8Array(capacity),
    position: RECORDS_OFFSET,
    recordsCount: 0,
    baseTimestamp: NO_TIMESTAMP,
    maxTimestamp: NO_TIMESTAMP,
  }
}

/** Empties the writer for the next batch, keeping its buffer. */
export function resetRecordBatchWriter(
  writer: RecordBatchWriter,
  compression?: CompressionType,
): void {
  if (compression !== undefined) writer.compression = compression
  writer.position = RECORDS_OFFSET
  writer.recordsCount = 0
  writer.baseTimestamp = NO_TIMESTAMP
  writer.maxTimestamp = NO_TIMESTAMP
}

function headersSizeInBytes(headers: readonly RecordHeaderInput[]): number {
  let size = sizeOfVarint(headers.length)
  for (const header of headers) {
    const keyLength = textEncoder.encode(header.key).length
    size += sizeOfVarint(keyLength) + keyLength
    size += header.value === null ? 1 : sizeOfVarint(header.value.length) + header.value.length
  }
  return size
}

/** A key or value: bytes, or a string written as UTF-8 (what a StringSerializer produces). */
export type RecordField = Uint8Array | string | null

const textEncoder = new TextEncoder()

// eslint-disable-next-line no-control-regex -- the ASCII range starts at U+0000
const NON_ASCII = /[^\x00-\x7f]/

/**
 * UTF-8 bytes of `text`, counted without encoding it: 1 per UTF-16 unit below U+0080, 2 below
 * U+0800, 4 per surrogate pair, `loneSurrogateBytes` per lone surrogate (3 for `TextEncoder`'s
 * U+FFFD, 1 for Java's '?'), else 3. Equal to `text.length` exactly when `text` is ASCII.
 */
export function utf8EncodedLength(text: string, loneSurrogateBytes: number = 3): number {
  // The regular expression scans natively, several times faster than a charCodeAt loop.
  if (!NON_ASCII.test(text)) return text.length
  const units = text.length
  let length = units
  for (let i = 0; i < units; i++) {
    const unit = text.charCodeAt(i)
    if (unit < 0x80) continue
    if (unit < 0x800) {
      length += 1
    } else if (unit < 0xd800 || unit > 0xdfff) {
      length += 2
    } else {
      const next = unit <= 0xdbff && i + 1 < units ? text.charCodeAt(i + 1) : -1
      if (next >= 0xdc00 && next <= 0xdfff) {
        length += 2 // 4 bytes for the pair's 2 units
        i++
      } else {
        length += loneSurrogateBytes - 1
      }
    }
  }
  return length
}

/** Encoded length of a key or value, −1 for null (a string as `TextEncoder` writes it). */
function fieldLength(field: RecordField): number {
  if (field === null) return -1
  return typeof field === 'string' ? utf8EncodedLength(field) : field.length
}

/** `DefaultRecord.sizeInBytes`: the full size of one record, including its length varint. */
export function sizeOfRecord(
  offsetDelta: number,
  timestampDelta: number,
  key: RecordField,
  value: RecordField,
  headers: readonly RecordHeaderInput[] = [],
): number {
  const body = sizeOfRecordBody(
    offsetDelta,
    timestampDelta,
    fieldLength(key),
    fieldLength(value),
    headers,
  )
  return sizeOfVarint(body) + body
}

/**
 * `DefaultRecord.sizeInBytes` of a record without headers from its key's and value's byte
 * lengths (−1 for null): what a producer computes per record without serializing twice.
 */
export function sizeOfRecordWithLengths(
  offsetDelta: number,
  timestampDelta: number,
  keyLength: number,
  valueLength: number,
): number {
  const body = sizeOfRecordBody(offsetDelta, timestampDelta, keyLength, valueLength, NO_HEADERS)
  return sizeOfVarint(body) + body
}

const NO_HEADERS: readonly RecordHeaderInput[] = []

function sizeOfField(length: number): number {
  return length < 0 ? 1 : sizeOfVarint(length) + length
}

function sizeOfRecordBody(
  offsetDelta: number,
  timestampDelta: number,
  keyLength: number,
  valueLength: number,
  headers: readonly RecordHeaderInput[],
): number {
  return (
    1 + // attributes
    sizeOfVarlong(timestampDelta) +
    sizeOfVarint(offsetDelta) +
    sizeOfField(keyLength) +
    sizeOfField(valueLength) +
    (headers.length === 0 ? 1 : headersSizeInBytes(headers))
  )
}

function ensureCapacity(writer: RecordBatchWriter, extraBytes: number): void {
  const needed = writer.position + extraBytes
  if (needed <= writer.buffer.length) return
  const grown = new Uint8Array(Math.max(needed, writer.buffer.length * 2))
  grown.set(writer.buffer.subarray(0, writer.position))
  writer.buffer = grown
}

function writeBytesField(buffer: Uint8Array, position: number, bytes: Uint8Array | null): number {
  if (bytes === null) return writeVarint(buffer, position, -1)
  position = writeVarint(buffer, position, bytes.length)
  buffer.set(bytes, position)
  return position + bytes.length
}

/**
 * Writes a key or value of `length` encoded bytes (its `fieldLength`) straight into the batch,
 * whose buffer has room for it: a string by `encodeInto`, bytes copied.
 */
function writeField(buffer: Uint8Array, position: number, field: RecordField, length: number) {
  if (typeof field !== 'string') return writeBytesField(buffer, position, field)
  position = writeVarint(buffer, position, length)
  textEncoder.encodeInto(field, buffer.subarray(position))
  return position + length
}

/** Appends one record with offset delta = its index in the batch. */
export function appendRecord(
  writer: RecordBatchWriter,
  timestamp: number,
  keyField: RecordField,
  valueField: RecordField,
  headers: readonly RecordHeaderInput[] = [],
): void {
  appendRecordWithLengths(
    writer,
    timestamp,
    keyField,
    fieldLength(keyField),
    valueField,
    fieldLength(valueField),
    headers,
  )
}

/**
 * `appendRecord` with the key's and value's encoded lengths already known (−1 for null; a string's
 * must be its `TextEncoder` length), so a producer that counted them does not count again.
 */
export function appendRecordWithLengths(
  writer: RecordBatchWriter,
  timestamp: number,
  keyField: RecordField,
  keyLength: number,
  valueField: RecordField,
  valueLength: number,
  headers: readonly RecordHeaderInput[] = NO_HEADERS,
): void {
  assert(Number.isSafeInteger(timestamp), 'record timestamp must be a safe integer')
  if (writer.recordsCount === 0) writer.baseTimestamp = timestamp
  const offsetDelta = writer.recordsCount
  const timestampDelta = timestamp - writer.baseTimestamp
  const body = sizeOfRecordBody(offsetDelta, timestampDelta, keyLength, valueLength, headers)
  ensureCapacity(writer, sizeOfVarint(body) + body)
  const buffer = writer.buffer
  let p = writeVarint(buffer, writer.position, body)
  buffer[p++] = 0 // attributes: unused in v2
  p = writeVarlong(buffer, p, timestampDelta)
  p = writeVarint(buffer, p, offsetDelta)
  p = writeField(buffer, p, keyField, keyLength)
  p = writeField(buffer, p, valueField, valueLength)
  p = writeVarint(buffer, p, headers.length)
  for (const header of headers) {
    p = writeBytesField(buffer, p, textEncoder.encode(header.key))
    p = writeBytesField(buffer, p, header.value)
  }
  writer.position = p
  writer.recordsCount++
  if (timestamp > writer.maxTimestamp) writer.maxTimestamp = timestamp
}

/** Bytes of the batch if built now without compression (header + records). */
export function uncompressedSizeInBytes(writer: RecordBatchWriter): number {
  return writer.position
}

/**
 * Writes the header and returns the finished batch as a new array (the writer can be reset and
 * reused). Compression, when set, is applied to the records blob as one unit. With `takeBuffer`
 * a writer whose buffer is exactly full gives it up instead (no copy; do not reuse the writer).
 */
export function buildRecordBatch(
  writer: RecordBatchWriter,
  fields: BatchHeaderFields = {},
  takeBuffer = false,
): Uint8Array {
  return finishBatch(writer, fields, takeBuffer)
}

/** `buildRecordBatch`; with `takeBuffer` an exactly full writer gives up its buffer (no copy). */
function finishBatch(
  writer: RecordBatchWriter,
  fields: BatchHeaderFields,
  takeBuffer: boolean,
): Uint8Array {
  assert(writer.recordsCount > 0, 'a batch holds at least one record')
  const timestampType = fields.timestampType ?? 'CreateTime'
  let out: Uint8Array
  if (writer.compression === 'none') {
    out =
      takeBuffer && writer.position === writer.buffer.length
        ? writer.buffer
        : writer.buffer.slice(0, writer.position)
  } else {
    const blob = compress(
      writer.compression,
      writer.buffer.subarray(RECORDS_OFFSET, writer.position),
    )
    out = new Uint8Array(RECORDS_OFFSET + blob.length)
    out.set(blob, RECORDS_OFFSET)
  }
  let maxTimestamp = writer.maxTimestamp
  if (timestampType === 'LogAppendTime') {
    assert(fields.logAppendTimeMs !== undefined, 'LogAppendTime needs logAppendTimeMs')
    maxTimestamp = fields.logAppendTimeMs
  }
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength)
  writeInt64(view, BASE_OFFSET_OFFSET, fields.baseOffset ?? 0)
  view.setInt32(LENGTH_OFFSET, out.length - LOG_OVERHEAD)
  view.setInt32(
    PARTITION_LEADER_EPOCH_OFFSET,
    fields.partitionLeaderEpoch ?? NO_PARTITION_LEADER_EPOCH,
  )
  view.setInt8(MAGIC_OFFSET, MAGIC_VALUE_V2)
  view.setInt16(
    ATTRIBUTES_OFFSET,
    encodeAttributes({
      compression: writer.compression,
      timestampType,
      isTransactional: fields.isTransactional ?? false,
      isControl: fields.isControl ?? false,
    }),
  )
  view.setInt32(LAST_OFFSET_DELTA_OFFSET, writer.recordsCount - 1)
  writeInt64(view, BASE_TIMESTAMP_OFFSET, writer.baseTimestamp)
  writeInt64(view, MAX_TIMESTAMP_OFFSET, maxTimestamp)
  writeInt64(view, PRODUCER_ID_OFFSET, fields.producerId ?? NO_PRODUCER_ID)
  view.setInt16(PRODUCER_EPOCH_OFFSET, fields.producerEpoch ?? NO_PRODUCER_EPOCH)
  view.setInt32(BASE_SEQUENCE_OFFSET, fields.baseSequence ?? NO_SEQUENCE)
  view.setInt32(RECORDS_COUNT_OFFSET, writer.recordsCount)
  view.setUint32(CRC_OFFSET, computeBatchChecksum(out, 0, out.length))
  return out
}

/** One record of a batch spec; strings are encoded as UTF-8. */
export interface RecordInput {
  timestamp: number
  key: Uint8Array | string | null
  value: Uint8Array | string | null
  headers?: readonly RecordHeaderInput[]
}

/** Everything needed to encode a batch in one call (tests, lessons, control markers). */
export interface RecordBatchSpec extends BatchHeaderFields {
  compression?: CompressionType
  records: readonly RecordInput[]
}

/** Encodes a whole batch from a spec. */
export function encodeRecordBatch(spec: RecordBatchSpec): Uint8Array {
  // Room for ASCII strings with small deltas, so the buffer rarely grows; when the estimate is
  // exact the batch is this very buffer.
  let size = RECORDS_OFFSET
  for (const record of spec.records) {
    size += 8 + fieldLengthEstimate(record.key) + fieldLengthEstimate(record.value)
    if (record.headers !== undefined && record.headers.length > 0)
      size += headersSizeInBytes(record.headers)
  }
  const writer = createRecordBatchWriter({
    compression: spec.compression ?? 'none',
    capacityBytes: size,
  })
  for (const record of spec.records) {
    appendRecord(writer, record.timestamp, record.key, record.value, record.headers)
  }
  return finishBatch(writer, spec, true)
}

function fieldLengthEstimate(field: RecordField): number {
  return field === null ? 1 : 5 + field.length
}
