/**
 * Control batches: transaction markers written by the transaction coordinator into each partition
 * (`ControlRecordType.java`, `EndTransactionMarker.java`, `MemoryRecords.withEndTransactionMarker`).
 * A control batch is transactional, carries the producer id and epoch of the transaction, and holds
 * exactly one record: key = version int16 (0) + type int16, value = version int16 (0) +
 * coordinatorEpoch int32. The marker takes one offset; consumers skip it but move past it.
 */
import { encodeRecordBatch } from './recordBatchWriter'
import type { DecodedRecord } from './recordBatchReader'

/** Kafka's `ControlRecordType` ids; LEADER_CHANGE and the snapshot markers are KRaft-internal. */
export const CONTROL_RECORD_TYPES = {
  ABORT: 0,
  COMMIT: 1,
  LEADER_CHANGE: 2,
  SNAPSHOT_HEADER: 3,
  SNAPSHOT_FOOTER: 4,
} as const
export type ControlRecordType = keyof typeof CONTROL_RECORD_TYPES

const CONTROL_RECORD_KEY_VERSION = 0
const END_TXN_MARKER_VERSION = 0

export interface EndTransactionMarker {
  type: 'COMMIT' | 'ABORT'
  producerId: number
  producerEpoch: number
  coordinatorEpoch: number
  /** The coordinator's clock when it wrote the marker. */
  timestamp: number
  partitionLeaderEpoch?: number
  baseOffset?: number
}

/** Encodes a COMMIT or ABORT marker batch. */
export function encodeEndTransactionMarker(marker: EndTransactionMarker): Uint8Array {
  const key = new Uint8Array(4)
  const keyView = new DataView(key.buffer)
  keyView.setInt16(0, CONTROL_RECORD_KEY_VERSION)
  keyView.setInt16(2, CONTROL_RECORD_TYPES[marker.type])
  const value = new Uint8Array(6)
  const valueView = new DataView(value.buffer)
  valueView.setInt16(0, END_TXN_MARKER_VERSION)
  valueView.setInt32(2, marker.coordinatorEpoch)
  return encodeRecordBatch({
    baseOffset: marker.baseOffset ?? 0,
    partitionLeaderEpoch: marker.partitionLeaderEpoch ?? -1,
    producerId: marker.producerId,
    producerEpoch: marker.producerEpoch,
    isTransactional: true,
    isControl: true,
    records: [{ timestamp: marker.timestamp, key, value }],
  })
}

/** The control type of a control batch's record, or null when its key is not a control key. */
export function controlRecordTypeOf(record: DecodedRecord): ControlRecordType | null {
  const key = record.key
  if (key === null || key.length < 4) return null
  const id = new DataView(key.buffer, key.byteOffset, key.byteLength).getInt16(2)
  const entry = Object.entries(CONTROL_RECORD_TYPES).find(([, typeId]) => typeId === id)
  return entry === undefined ? null : (entry[0] as ControlRecordType)
}

/** The coordinator epoch of an end-transaction marker record, or null when malformed. */
export function coordinatorEpochOf(record: DecodedRecord): number | null {
  const value = record.value
  if (value === null || value.length < 6) return null
  return new DataView(value.buffer, value.byteOffset, value.byteLength).getInt32(2)
}
