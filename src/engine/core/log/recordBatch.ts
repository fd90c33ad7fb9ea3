/**
 * Record batch v2 layout (Kafka's `DefaultRecordBatch.java`): header constants, header parsing,
 * attribute bits, the CRC-32C integrity check and the in-place header rewrites a broker performs.
 *
 * All integers are big-endian. The CRC covers bytes [21, end), i.e. from `attributes` to the end, so
 * a leader can rewrite `baseOffset` and `partitionLeaderEpoch` without recomputing it.
 */
import { assert } from '../assert'
import { readInt64, writeInt64 } from './byteUtils'
import { crc32c } from './crc32c'

export const BASE_OFFSET_OFFSET = 0
export const LENGTH_OFFSET = 8
export const PARTITION_LEADER_EPOCH_OFFSET = 12
export const MAGIC_OFFSET = 16
export const CRC_OFFSET = 17
export const ATTRIBUTES_OFFSET = 21
export const LAST_OFFSET_DELTA_OFFSET = 23
export const BASE_TIMESTAMP_OFFSET = 27
export const MAX_TIMESTAMP_OFFSET = 35
export const PRODUCER_ID_OFFSET = 43
export const PRODUCER_EPOCH_OFFSET = 51
export const BASE_SEQUENCE_OFFSET = 53
export const RECORDS_COUNT_OFFSET = 57
export const RECORDS_OFFSET = 61

/** `baseOffset` + `batchLength`: the bytes not counted by `batchLength` (`Records.LOG_OVERHEAD`). */
export const LOG_OVERHEAD = 12
/** Header size of a v2 batch; a shorter batch is corrupt (`RECORD_BATCH_OVERHEAD`). */
export const RECORD_BATCH_OVERHEAD = 61
/** Bytes a file reader loads before it knows the magic (`Records.HEADER_SIZE_UP_TO_MAGIC`). */
export const HEADER_SIZE_UP_TO_MAGIC = 17
/** The smallest `batchLength` any message format allows (`LegacyRecord.RECORD_OVERHEAD_V0`). */
export const RECORD_OVERHEAD_V0 = 14

export const MAGIC_VALUE_V2 = 2
export const NO_TIMESTAMP = -1
export const NO_PRODUCER_ID = -1
export const NO_PRODUCER_EPOCH = -1
export const NO_SEQUENCE = -1
export const NO_PARTITION_LEADER_EPOCH = -1

const COMPRESSION_CODEC_MASK = 0x07
const TIMESTAMP_TYPE_MASK = 0x08
const TRANSACTIONAL_FLAG_MASK = 0x10
const CONTROL_FLAG_MASK = 0x20
const DELETE_HORIZON_FLAG_MASK = 0x40

/** Kafka's `CompressionType` names, indexed by their attribute id (0..4). */
export const COMPRESSION_TYPES = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const
export type CompressionType = (typeof COMPRESSION_TYPES)[number]

/** Kafka's `TimestampType` names; also the values of `message.timestamp.type`. */
export type TimestampType = 'CreateTime' | 'LogAppendTime'

/** The 61-byte v2 header, decoded. */
export interface RecordBatchHeader {
  baseOffset: number
  /** Bytes after this field: total size − 12. */
  batchLength: number
  partitionLeaderEpoch: number
  magic: number
  /** Stored CRC-32C, unsigned. */
  crc: number
  attributes: number
  lastOffsetDelta: number
  baseTimestamp: number
  maxTimestamp: number
  producerId: number
  producerEpoch: number
  baseSequence: number
  recordsCount: number
}

export interface BatchAttributes {
  /** Null for ids 5–7, which Kafka rejects ("Unknown compression type id"). */
  compression: CompressionType | null
  timestampType: TimestampType
  isTransactional: boolean
  isControl: boolean
  hasDeleteHorizon: boolean
}

/**
 * A DataView over `bytes`. An append reads and stamps one batch's header fields through several
 * helpers, each asking for a view of the same array, so the last view is reused: a typed array's
 * buffer, offset and length never change (a view of a detached buffer throws either way).
 */
let lastViewed: Uint8Array | null = null
let lastView: DataView | null = null
export function viewOf(bytes: Uint8Array): DataView {
  if (bytes === lastViewed && lastView !== null) return lastView
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  lastViewed = bytes
  lastView = view
  return view
}

/** Parses the header at `position`; the caller guarantees 61 readable bytes. */
export function readBatchHeader(bytes: Uint8Array, position = 0): RecordBatchHeader {
  assert(position + RECORD_BATCH_OVERHEAD <= bytes.length, 'a batch header needs 61 bytes')
  const view = viewOf(bytes)
  return {
    baseOffset: readInt64(view, position + BASE_OFFSET_OFFSET),
    batchLength: view.getInt32(position + LENGTH_OFFSET),
    partitionLeaderEpoch: view.getInt32(position + PARTITION_LEADER_EPOCH_OFFSET),
    magic: view.getInt8(position + MAGIC_OFFSET),
    crc: view.getUint32(position + CRC_OFFSET),
    attributes: view.getInt16(position + ATTRIBUTES_OFFSET),
    lastOffsetDelta: view.getInt32(position + LAST_OFFSET_DELTA_OFFSET),
    baseTimestamp: readInt64(view, position + BASE_TIMESTAMP_OFFSET),
    maxTimestamp: readInt64(view, position + MAX_TIMESTAMP_OFFSET),
    producerId: readInt64(view, position + PRODUCER_ID_OFFSET),
    producerEpoch: view.getInt16(position + PRODUCER_EPOCH_OFFSET),
    baseSequence: view.getInt32(position + BASE_SEQUENCE_OFFSET),
    recordsCount: view.getInt32(position + RECORDS_COUNT_OFFSET),
  }
}

export function batchSizeInBytes(header: RecordBatchHeader): number {
  return header.batchLength + LOG_OVERHEAD
}

export function lastOffsetOf(header: RecordBatchHeader): number {
  return header.baseOffset + header.lastOffsetDelta
}

/** Decodes the attribute bits; only the low byte is meaningful (bits 7–15 are unused). */
export function decodeAttributes(attributes: number): BatchAttributes {
  return {
    compression: compressionOf(attributes),
    timestampType: (attributes & TIMESTAMP_TYPE_MASK) !== 0 ? 'LogAppendTime' : 'CreateTime',
    isTransactional: (attributes & TRANSACTIONAL_FLAG_MASK) !== 0,
    isControl: (attributes & CONTROL_FLAG_MASK) !== 0,
    hasDeleteHorizon: (attributes & DELETE_HORIZON_FLAG_MASK) !== 0,
  }
}

export function compressionIdOf(attributes: number): number {
  return attributes & COMPRESSION_CODEC_MASK
}

/** Compression of a batch; an id outside 0..4 reads as null. */
export function compressionOf(attributes: number): CompressionType | null {
  return COMPRESSION_TYPES[compressionIdOf(attributes)] ?? null
}

export function encodeAttributes(attributes: Partial<BatchAttributes>): number {
  let bits = COMPRESSION_TYPES.indexOf(attributes.compression ?? 'none')
  assert(bits >= 0, 'a known compression type')
  if (attributes.timestampType === 'LogAppendTime') bits |= TIMESTAMP_TYPE_MASK
  if (attributes.isTransactional === true) bits |= TRANSACTIONAL_FLAG_MASK
  if (attributes.isControl === true) bits |= CONTROL_FLAG_MASK
  if (attributes.hasDeleteHorizon === true) bits |= DELETE_HORIZON_FLAG_MASK
  return bits
}

/** CRC-32C over [attributes, end) of the batch at `position` with total size `sizeInBytes`. */
export function computeBatchChecksum(
  bytes: Uint8Array,
  position: number,
  sizeInBytes: number,
): number {
  return crc32c(bytes, position + ATTRIBUTES_OFFSET, position + sizeInBytes)
}

/**
 * Why the batch at `position` is not intact, or null when it is: `DefaultRecordBatch.ensureValid`
 * (size ≥ 61, CRC-32C match) plus the magic byte, since this engine only speaks v2. The batch must
 * lie entirely within `bytes`; callers check that first (a short tail is "torn", not "corrupt").
 */
export function batchIntegrityProblem(bytes: Uint8Array, position: number): string | null {
  if (position + LOG_OVERHEAD > bytes.length) return 'fewer than 12 bytes for the log overhead'
  const view = viewOf(bytes)
  const sizeInBytes = view.getInt32(position + LENGTH_OFFSET) + LOG_OVERHEAD
  if (sizeInBytes < RECORD_BATCH_OVERHEAD) {
    return `Record batch is corrupt (the size ${sizeInBytes} is smaller than the minimum allowed overhead ${RECORD_BATCH_OVERHEAD})`
  }
  if (position + sizeInBytes > bytes.length) return 'the batch extends past the available bytes'
  const magic = view.getInt8(position + MAGIC_OFFSET)
  if (magic !== MAGIC_VALUE_V2) return `Invalid magic found in record: ${magic}`
  const stored = view.getUint32(position + CRC_OFFSET)
  const computed = computeBatchChecksum(bytes, position, sizeInBytes)
  if (stored !== computed) {
    return `Record is corrupt (stored crc = ${stored}, computed crc = ${computed})`
  }
  return null
}

/** `DefaultRecordBatch.isValid` for the batch at `position` (whole batch present, size, magic, CRC). */
export function isBatchValid(bytes: Uint8Array, position = 0): boolean {
  return batchIntegrityProblem(bytes, position) === null
}

/** Overwrites `baseOffset` in place; outside the CRC, so the checksum stays valid. */
export function setBaseOffset(bytes: Uint8Array, position: number, baseOffset: number): void {
  writeInt64(viewOf(bytes), position + BASE_OFFSET_OFFSET, baseOffset)
}

/** `DefaultRecordBatch.setLastOffset`: moves `baseOffset` so the batch ends at `lastOffset`. */
export function setLastOffset(bytes: Uint8Array, position: number, lastOffset: number): void {
  const view = viewOf(bytes)
  const lastOffsetDelta = view.getInt32(position + LAST_OFFSET_DELTA_OFFSET)
  writeInt64(view, position + BASE_OFFSET_OFFSET, lastOffset - lastOffsetDelta)
}

/** Overwrites `partitionLeaderEpoch` in place; outside the CRC by design. */
export function setPartitionLeaderEpoch(bytes: Uint8Array, position: number, epoch: number): void {
  viewOf(bytes).setInt32(position + PARTITION_LEADER_EPOCH_OFFSET, epoch)
}

/**
 * `DefaultRecordBatch.setMaxTimestamp`: sets the timestamp type bit and `maxTimestamp`, then
 * recomputes the CRC (both fields are covered). A no-op when nothing changes, like Kafka.
 */
export function setMaxTimestamp(
  bytes: Uint8Array,
  position: number,
  timestampType: TimestampType,
  maxTimestamp: number,
): void {
  const view = viewOf(bytes)
  const attributes = view.getInt16(position + ATTRIBUTES_OFFSET)
  const currentType: TimestampType =
    (attributes & TIMESTAMP_TYPE_MASK) !== 0 ? 'LogAppendTime' : 'CreateTime'
  const currentMax = readInt64(view, position + MAX_TIMESTAMP_OFFSET)
  if (currentType === timestampType && currentMax === maxTimestamp) return
  const newAttributes =
    timestampType === 'LogAppendTime'
      ? attributes | TIMESTAMP_TYPE_MASK
      : attributes & ~TIMESTAMP_TYPE_MASK
  view.setInt16(position + ATTRIBUTES_OFFSET, newAttributes)
  writeInt64(view, position + MAX_TIMESTAMP_OFFSET, maxTimestamp)
  const sizeInBytes = view.getInt32(position + LENGTH_OFFSET) + LOG_OVERHEAD
  view.setUint32(position + CRC_OFFSET, computeBatchChecksum(bytes, position, sizeInBytes))
}

/** `DefaultRecordBatch.incrementSequence`: sequences wrap from Integer.MAX_VALUE to 0. */
export function incrementSequence(sequence: number, increment: number): number {
  if (sequence > 0x7fffffff - increment) return increment - (0x7fffffff - sequence) - 1
  return sequence + increment
}
