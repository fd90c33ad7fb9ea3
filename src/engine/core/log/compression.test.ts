/**
 * Goal: the four codecs are real, lossless, synchronous once initialized, and write the framing
 * Kafka's Java client writes (xerial snappy, Kafka's LZ4 frame, single-member gzip, zstd frame).
 * Method: zstd first fails loudly before `initCodecs()`; then, per codec, known header bytes,
 * fast-check round trips of random and repetitive data (which really shrinks), decoding of
 * framings other writers produce, garbage that must fail as a format error, and a compressed
 * batch through encode/decode.
 */
import fc from 'fast-check'
import { compress as lz4jsCompress } from 'lz4js'
import { compress as snappyRaw } from 'snappyjs'
import { expect, test } from 'vitest'
import { RecordFormatError } from './byteUtils'
import { xxh32 } from './codecs/xxh32'
import { codecsReady, compress, decompress, initCodecs } from './compression'
import type { CompressionType } from './recordBatch'
import { decodeRecordBatch } from './recordBatchReader'
import { encodeRecordBatch } from './recordBatchWriter'

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex')
/** Byte equality without vitest's element-by-element diffing, which is slow on large arrays. */
const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b) === 0
const CODECS: Exclude<CompressionType, 'none'>[] = ['gzip', 'snappy', 'lz4', 'zstd']

test('zstd before initCodecs() fails with a message that says what to do', () => {
  expect(codecsReady()).toBe(false)
  expect(() => compress('zstd', new Uint8Array(10))).toThrow(/await initCodecs\(\)/)
})

test('initCodecs() is idempotent', async () => {
  await initCodecs()
  await initCodecs()
  expect(codecsReady()).toBe(true)
})

test('each codec writes the framing of the Java client', () => {
  const data = new TextEncoder().encode('hello hello hello hello hello hello')
  expect(hex(compress('gzip', data).subarray(0, 3))).toBe('1f8b08')
  // xerial: magic \x82SNAPPY\0, version 1, compatible version 1.
  expect(hex(compress('snappy', data).subarray(0, 16))).toBe('82534e41505059000000000100000001')
  // LZ4 frame magic (little-endian), FLG 0x60, BD 0x40, header checksum 0x82.
  expect(hex(compress('lz4', data).subarray(0, 7))).toBe('04224d18604082')
  expect(hex(compress('zstd', data).subarray(0, 4))).toBe('28b52ffd')
})

test('xxh32 matches the reference vectors', () => {
  const enc = new TextEncoder()
  expect(xxh32(enc.encode(''), 0, 0)).toBe(0x02cc5d05)
  expect(xxh32(enc.encode('abc'), 0, 3)).toBe(0x32d153ff)
  const long = enc.encode('Nobody inspects the spammish repetition')
  expect(xxh32(long, 0, long.length)).toBe(0xe2293b2f)
})

const arbData = fc.oneof(
  fc.uint8Array({ maxLength: 5000 }),
  // Repetitive data, so the codecs really find matches (and the LZ4 blocks really compress).
  fc
    .tuple(fc.uint8Array({ minLength: 1, maxLength: 50 }), fc.integer({ min: 1, max: 4000 }))
    .map(([unit, times]) => {
      const out = new Uint8Array(unit.length * times)
      for (let i = 0; i < times; i++) out.set(unit, i * unit.length)
      return out
    }),
)

for (const codec of CODECS) {
  test(`${codec}: decompress(compress(x)) == x`, () => {
    fc.assert(
      fc.property(arbData, (data) => {
        expect(sameBytes(decompress(codec, compress(codec, data)), data)).toBe(true)
      }),
      { numRuns: 60 },
    )
  })

  test(`${codec}: compresses repetitive data and spans several blocks`, () => {
    const data = new Uint8Array(300_000).map((_, i) => (i % 97) ^ (i >> 12))
    const packed = compress(codec, data)
    expect(packed.length).toBeLessThan(data.length / 4)
    expect(sameBytes(decompress(codec, packed), data)).toBe(true)
  })

  test(`${codec}: a compressed batch round-trips through encode/decode`, () => {
    const records = Array.from({ length: 50 }, (_, i) => ({
      timestamp: 1_700_000_000_000 + i,
      key: `key-${i % 5}`,
      value: `value ${i} `.repeat(10),
    }))
    const batch = encodeRecordBatch({ compression: codec, records })
    const plain = encodeRecordBatch({ records })
    expect(batch.length).toBeLessThan(plain.length)
    const decoded = decodeRecordBatch(batch)
    expect(decoded.ok).toBe(true)
    if (!decoded.ok) return
    expect(decoded.value.compression).toBe(codec)
    expect(decoded.value.records.map((r) => new TextDecoder().decode(r.value!))).toEqual(
      records.map((r) => r.value),
    )
  })

  test(`${codec}: garbage fails as a format error`, () => {
    const garbage = new Uint8Array(64).map((_, i) => (i * 37 + 11) & 0xff)
    expect(() => decompress(codec, garbage)).toThrow(RecordFormatError)
  })
}

test('lz4: frames from other writers (dependent 4 MiB blocks, lz4js) decode too', () => {
  const data = new TextEncoder().encode('abcabcabcabc'.repeat(1000))
  expect(sameBytes(decompress('lz4', lz4jsCompress(data)), data)).toBe(true)
})

test('snappy: a bare snappy block without xerial framing decodes, like SnappyInputStream', () => {
  const data = new TextEncoder().encode('snappy '.repeat(500))
  expect(sameBytes(decompress('snappy', snappyRaw(data)), data)).toBe(true)
})
