/**
 * Goal: varints and varlongs are Kafka's protobuf zig-zag LEB128, bit for bit.
 * Method: known encodings from ByteUtils (−1 → 01, 0 → 00, 1 → 02, 5 → 0a, int32 extremes), then
 * fast-check round trips over the whole int32 range and the safe-integer range for varlongs,
 * checking that the size functions agree with what is written.
 */
import fc from 'fast-check'
import { expect, test } from 'vitest'
import {
  cursorOver,
  readInt64,
  readVarint,
  readVarlong,
  RecordFormatError,
  sizeOfVarint,
  sizeOfVarlong,
  writeInt64,
  writeVarint,
  writeVarlong,
} from './byteUtils'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')

function encodeVarint(value: number): Uint8Array {
  const buffer = new Uint8Array(10)
  return buffer.slice(0, writeVarint(buffer, 0, value))
}

function encodeVarlong(value: number): Uint8Array {
  const buffer = new Uint8Array(10)
  return buffer.slice(0, writeVarlong(buffer, 0, value))
}

test('zig-zag varints match ByteUtils.writeVarint', () => {
  expect(hex(encodeVarint(-1))).toBe('01')
  expect(hex(encodeVarint(0))).toBe('00')
  expect(hex(encodeVarint(1))).toBe('02')
  expect(hex(encodeVarint(5))).toBe('0a')
  expect(hex(encodeVarint(-64))).toBe('7f')
  expect(hex(encodeVarint(64))).toBe('8001')
  expect(hex(encodeVarint(2147483647))).toBe('feffffff0f')
  expect(hex(encodeVarint(-2147483648))).toBe('ffffffff0f')
})

test('varlongs beyond 32 bits encode like ByteUtils.writeVarlong', () => {
  // 2^40 zig-zags to 2^41: 41 bits in 6 groups of 7.
  expect(hex(encodeVarlong(2 ** 40))).toBe('808080808040')
  expect(readVarlong(cursorOver(encodeVarlong(-(2 ** 40))))).toBe(-(2 ** 40))
  expect(readVarlong(cursorOver(encodeVarlong(Number.MAX_SAFE_INTEGER)))).toBe(
    Number.MAX_SAFE_INTEGER,
  )
})

test('varint round trip over int32, sizes agree', () => {
  fc.assert(
    fc.property(fc.integer({ min: -2147483648, max: 2147483647 }), (value) => {
      const bytes = encodeVarint(value)
      expect(bytes.length).toBe(sizeOfVarint(value))
      const cursor = cursorOver(bytes)
      expect(readVarint(cursor)).toBe(value)
      expect(cursor.position).toBe(bytes.length)
    }),
  )
})

test('varlong round trip over safe integers, sizes agree', () => {
  fc.assert(
    fc.property(fc.maxSafeInteger(), (value) => {
      const bytes = encodeVarlong(value)
      expect(bytes.length).toBe(sizeOfVarlong(value))
      expect(readVarlong(cursorOver(bytes))).toBe(value)
    }),
  )
})

test('int64 big-endian round trip, including negatives', () => {
  fc.assert(
    fc.property(fc.maxSafeInteger(), (value) => {
      const view = new DataView(new ArrayBuffer(8))
      writeInt64(view, 0, value)
      expect(readInt64(view, 0)).toBe(value)
      expect(view.getBigInt64(0)).toBe(BigInt(value))
    }),
  )
})

test('truncated or overlong varints are format errors, not crashes', () => {
  expect(() => readVarint(cursorOver(new Uint8Array([0x80, 0x80])))).toThrow(RecordFormatError)
  expect(() =>
    readVarint(cursorOver(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0x01]))),
  ).toThrow(RecordFormatError)
  expect(() => readVarlong(cursorOver(new Uint8Array(11).fill(0xff)))).toThrow(RecordFormatError)
})
