/**
 * The writer's string handling: lengths counted without encoding (TextEncoder's and Java's), and
 * records whose strings are written straight into the batch, ASCII or not.
 */
import { describe, expect, test } from 'vitest'
import {
  appendRecord,
  appendRecordWithLengths,
  buildRecordBatch,
  createRecordBatchWriter,
  decodeRecordBatch,
  sizeOfRecord,
  sizeOfRecordWithLengths,
  utf8EncodedLength,
} from '.'

const SAMPLES = [
  '',
  'plain ascii',
  'x'.repeat(300),
  'é ü ß', // 2-byte units
  '中文消息', // 3-byte units
  'emoji 😀 pair', // a surrogate pair: 4 bytes
  'lone \uD800 high',
  'lone \uDC00 low',
  'trailing high \uD83D',
  '\uDE00 low first, then 😀',
]

const encoder = new TextEncoder()

describe('utf8EncodedLength', () => {
  test.each(SAMPLES)('counts what TextEncoder writes for %j', (text) => {
    expect(utf8EncodedLength(text)).toBe(encoder.encode(text).length)
  })

  test("Java's count replaces a lone surrogate by one byte, a pair stays 4 bytes", () => {
    expect(utf8EncodedLength('a\uD800b', 1)).toBe(3)
    expect(utf8EncodedLength('a\uD800b', 3)).toBe(5)
    expect(utf8EncodedLength('😀', 1)).toBe(4)
    expect(utf8EncodedLength('\uDE00\uD83D', 1)).toBe(2) // low then high: two lone ones
  })
})

describe('records with string fields', () => {
  test.each(SAMPLES)('%j is written as TextEncoder encodes it, at its counted size', (text) => {
    const writer = createRecordBatchWriter({ capacityBytes: 64 }) // grows for the long sample
    appendRecord(writer, 1_000, text, `${text}!`)
    appendRecord(writer, 1_005, null, text)
    const decoded = decodeRecordBatch(buildRecordBatch(writer))
    if (!decoded.ok) throw new Error(decoded.error.message)
    const [first, second] = decoded.value.records
    expect(first!.key).toEqual(encoder.encode(text))
    expect(first!.value).toEqual(encoder.encode(`${text}!`))
    expect(second!.key).toBeNull()
    expect(second!.value).toEqual(encoder.encode(text))
    const expected =
      61 + sizeOfRecord(0, 0, text, `${text}!`) + sizeOfRecord(1, 5, null, encoder.encode(text))
    expect(decoded.value.sizeInBytes).toBe(expected)
  })

  test('sizeOfRecordWithLengths and appendRecordWithLengths agree with the string forms', () => {
    const value = 'v'.repeat(200)
    expect(sizeOfRecordWithLengths(3, 70, -1, 200)).toBe(sizeOfRecord(3, 70, null, value))
    expect(sizeOfRecordWithLengths(0, 0, 3, 0)).toBe(sizeOfRecord(0, 0, 'key', ''))
    const a = createRecordBatchWriter()
    const b = createRecordBatchWriter()
    appendRecord(a, 7, 'k', value)
    appendRecordWithLengths(b, 7, 'k', 1, value, 200)
    expect(buildRecordBatch(b)).toEqual(buildRecordBatch(a))
  })

  test('an exactly full writer gives its buffer up when asked; otherwise the batch is a copy', () => {
    const probe = createRecordBatchWriter()
    appendRecord(probe, 0, null, 'x'.repeat(100))
    const exact = probe.position
    const writer = createRecordBatchWriter({ capacityBytes: exact })
    appendRecord(writer, 0, null, 'x'.repeat(100))
    expect(buildRecordBatch(writer, {}, true).buffer).toBe(writer.buffer.buffer)
    expect(buildRecordBatch(probe, {}, true).buffer).not.toBe(probe.buffer.buffer)
  })
})
