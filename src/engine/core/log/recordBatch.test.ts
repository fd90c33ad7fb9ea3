/**
 * Goal: record batch v2 bytes are exactly Kafka's (KAFKA_SPEC §1.1, scenario L-1), the CRC covers
 * exactly [21, end), and encode/decode are inverses.
 * Method: the verified test vectors EX1 and EX2 byte for byte; in-place rewrites of baseOffset and
 * partitionLeaderEpoch keep the CRC; a flipped value byte fails it; the 1000-byte batch of the
 * segment scenarios; then fast-check round trips of random batches (keys, values, headers,
 * producer fields, every codec).
 */
import fc from 'fast-check'
import { beforeAll, expect, test } from 'vitest'
import { initCodecs } from './compression'
import {
  controlRecordTypeOf,
  coordinatorEpochOf,
  encodeEndTransactionMarker,
} from './controlRecord'
import {
  COMPRESSION_TYPES,
  CRC_OFFSET,
  decodeAttributes,
  isBatchValid,
  readBatchHeader,
  setBaseOffset,
  setMaxTimestamp,
  setPartitionLeaderEpoch,
} from './recordBatch'
import { decodeRecordBatch, decodeRecordBatches } from './recordBatchReader'
import { encodeRecordBatch, type RecordBatchSpec } from './recordBatchWriter'

beforeAll(async () => {
  await initCodecs()
})

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
const T = 1_700_000_000_000

const EX1_HEX =
  '00000000000000000000003a0000000002e99b8dd80000000000000000018bcfe568000000018bcfe56800ffffffffffffffffffffffffffff0000000110000000026b027600'
const EX2_HEX =
  '000000000000000000000059000000000289c7e0c70000000000020000018bcfe568000000018bcfe5680900000000000003e8000000000000000000031e000000086b6579310a68656c6c6f001e000a02086b6579310a776f726c64000e00120401027800'

function ex1(): Uint8Array {
  return encodeRecordBatch({
    partitionLeaderEpoch: 0,
    records: [{ timestamp: T, key: 'k', value: 'v' }],
  })
}

test('L-1 EX1 encodes byte for byte: 70 bytes, batchLength 58, magic 2, CRC e99b8dd8', () => {
  const batch = ex1()
  expect(batch.length).toBe(70)
  expect(hex(batch.subarray(8, 12))).toBe('0000003a')
  expect(batch[16]).toBe(2)
  expect(hex(batch.subarray(CRC_OFFSET, CRC_OFFSET + 4))).toBe('e99b8dd8')
  expect(hex(batch)).toBe(EX1_HEX)
  expect(isBatchValid(batch)).toBe(true)
})

test('L-1 (a) rewriting baseOffset to 42 and PLE to 7 leaves the CRC valid and unchanged', () => {
  const batch = ex1()
  setBaseOffset(batch, 0, 42)
  setPartitionLeaderEpoch(batch, 0, 7)
  expect(hex(batch.subarray(CRC_OFFSET, CRC_OFFSET + 4))).toBe('e99b8dd8')
  expect(isBatchValid(batch)).toBe(true)
  const header = readBatchHeader(batch)
  expect(header.baseOffset).toBe(42)
  expect(header.partitionLeaderEpoch).toBe(7)
})

test('L-1 (b) flipping the last byte of the value fails isValid and decodes as CORRUPT_MESSAGE', () => {
  const batch = ex1()
  // The value 'v' is the second-to-last byte (the last is the headers count).
  batch[batch.length - 2] = batch[batch.length - 2]! ^ 0xff
  expect(isBatchValid(batch)).toBe(false)
  const decoded = decodeRecordBatch(batch)
  expect(decoded.ok).toBe(false)
  if (!decoded.ok) expect(decoded.error).toMatchObject({ error: 'CORRUPT_MESSAGE', code: 2 })
})

test('EX2: idempotent producer batch of three records matches byte for byte', () => {
  const batch = encodeRecordBatch({
    partitionLeaderEpoch: 0,
    producerId: 1000,
    producerEpoch: 0,
    baseSequence: 0,
    records: [
      { timestamp: T, key: 'key1', value: 'hello' },
      { timestamp: T + 5, key: 'key1', value: 'world' },
      { timestamp: T + 9, key: null, value: 'x' },
    ],
  })
  expect(batch.length).toBe(101)
  expect(hex(batch)).toBe(EX2_HEX)
  const header = readBatchHeader(batch)
  expect(header).toMatchObject({
    batchLength: 89,
    lastOffsetDelta: 2,
    maxTimestamp: T + 9,
    crc: 0x89c7e0c7,
  })
  setBaseOffset(batch, 0, 42)
  setPartitionLeaderEpoch(batch, 0, 7)
  expect(readBatchHeader(batch).crc).toBe(0x89c7e0c7)
  expect(isBatchValid(batch)).toBe(true)
  const decoded = decodeRecordBatch(batch)
  expect(decoded.ok).toBe(true)
  if (!decoded.ok) return
  expect(decoded.value.records.map((r) => [r.offset, r.timestamp, r.sequence])).toEqual([
    [42, T, 0],
    [43, T + 5, 1],
    [44, T + 9, 2],
  ])
  expect(decoded.value.records[2]!.key).toBeNull()
})

test('a one-record batch with a null key and a 930-byte value is exactly 1000 bytes', () => {
  const batch = encodeRecordBatch({
    records: [{ timestamp: T, key: null, value: new Uint8Array(930) }],
  })
  expect(batch.length).toBe(1000)
})

test('setMaxTimestamp to LogAppendTime recomputes the CRC; records then read as that time', () => {
  const batch = ex1()
  setMaxTimestamp(batch, 0, 'LogAppendTime', T + 1234)
  expect(isBatchValid(batch)).toBe(true)
  expect(decodeAttributes(readBatchHeader(batch).attributes).timestampType).toBe('LogAppendTime')
  const decoded = decodeRecordBatch(batch)
  expect(decoded.ok && decoded.value.records[0]!.timestamp).toBe(T + 1234)
})

test('end-transaction markers are one-record transactional control batches', () => {
  const marker = encodeEndTransactionMarker({
    type: 'COMMIT',
    producerId: 7,
    producerEpoch: 3,
    coordinatorEpoch: 11,
    timestamp: T,
  })
  const decoded = decodeRecordBatch(marker)
  expect(decoded.ok).toBe(true)
  if (!decoded.ok) return
  expect(decoded.value).toMatchObject({
    isControl: true,
    isTransactional: true,
    producerId: 7,
    producerEpoch: 3,
    baseSequence: -1,
    recordsCount: 1,
  })
  const record = decoded.value.records[0]!
  expect(hex(record.key!)).toBe('00000001')
  expect(hex(record.value!)).toBe('00000000000b')
  expect(controlRecordTypeOf(record)).toBe('COMMIT')
  expect(coordinatorEpochOf(record)).toBe(11)
})

test('decodeRecordBatches ignores a torn trailing batch, like the consumer', () => {
  const two = new Uint8Array([...ex1(), ...ex1()])
  const decoded = decodeRecordBatches(two.subarray(0, 70 + 40))
  expect(decoded.ok && decoded.value.length).toBe(1)
})

const arbBytes = fc.option(fc.uint8Array({ maxLength: 300 }), { nil: null })
const arbSpec: fc.Arbitrary<RecordBatchSpec> = fc.record({
  compression: fc.constantFrom(...COMPRESSION_TYPES),
  baseOffset: fc.maxSafeNat(),
  partitionLeaderEpoch: fc.integer({ min: -1, max: 2147483647 }),
  producerId: fc.integer({ min: -1, max: Number.MAX_SAFE_INTEGER }),
  producerEpoch: fc.integer({ min: -1, max: 32767 }),
  baseSequence: fc.integer({ min: -1, max: 2147483647 }),
  isTransactional: fc.boolean(),
  records: fc.array(
    fc.record({
      timestamp: fc.integer({ min: 0, max: 2 ** 45 }),
      key: arbBytes,
      value: arbBytes,
      headers: fc.array(fc.record({ key: fc.string({ maxLength: 10 }), value: arbBytes }), {
        maxLength: 3,
      }),
    }),
    { minLength: 1, maxLength: 20 },
  ),
})

test('encode then decode gives back every field, for every codec', () => {
  fc.assert(
    fc.property(arbSpec, (spec) => {
      const batch = encodeRecordBatch(spec)
      expect(isBatchValid(batch)).toBe(true)
      const decoded = decodeRecordBatch(batch)
      expect(decoded.ok).toBe(true)
      if (!decoded.ok) return
      const value = decoded.value
      expect(value).toMatchObject({
        baseOffset: spec.baseOffset,
        partitionLeaderEpoch: spec.partitionLeaderEpoch,
        producerId: spec.producerId,
        producerEpoch: spec.producerEpoch,
        baseSequence: spec.baseSequence,
        isTransactional: spec.isTransactional,
        compression: spec.compression,
        recordsCount: spec.records.length,
        lastOffsetDelta: spec.records.length - 1,
        maxTimestamp: Math.max(...spec.records.map((r) => r.timestamp)),
      })
      expect(value.records.map((r) => r.offset)).toEqual(
        spec.records.map((_, i) => spec.baseOffset! + i),
      )
      expect(value.records.map((r) => r.timestamp)).toEqual(spec.records.map((r) => r.timestamp))
      expect(value.records.map((r) => r.key)).toEqual(spec.records.map((r) => r.key))
      expect(value.records.map((r) => r.value)).toEqual(spec.records.map((r) => r.value))
      expect(value.records.map((r) => r.headers)).toEqual(spec.records.map((r) => r.headers))
    }),
    { numRuns: 150 },
  )
})
