/**
 * Goal: the compression measurements run on realistic, reproducible JSON, and the real codecs give
 * back exactly what they were given (so a ratio on the page is a ratio of real, lossless output).
 * Method: generate records for fixed seeds, parse them, compare runs; pack them into batches and
 * round-trip every batch through gzip, snappy, lz4 and zstd (the engine's codecs, zstd's
 * WebAssembly initialised first).
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { compress, decompress, initCodecs } from '../log/compression'
import { generateJsonRecordBytes, generateJsonRecords, packIntoBatches } from './jsonRecords'
import { MEASURED_CODECS } from './measurements'

describe('generated records', () => {
  test('are valid JSON order events with the fields a shop would send', () => {
    const records = generateJsonRecords(7, 200)
    expect(records).toHaveLength(200)
    for (const text of records) {
      const record = JSON.parse(text) as Record<string, unknown>
      expect(Object.keys(record)).toEqual([
        'eventId',
        'type',
        'ts',
        'sequence',
        'orderId',
        'customer',
        'items',
        'total',
        'currency',
        'shipping',
        'status',
        'userAgent',
      ])
      expect(record.ts).toMatch(/^2024-11-22T00:0\d:\d\d\.\d{3}Z$/)
    }
    // A few hundred bytes each, like typical event payloads.
    const mean = records.reduce((sum, r) => sum + r.length, 0) / records.length
    expect(mean).toBeGreaterThan(300)
    expect(mean).toBeLessThan(800)
  })

  test('the same seed gives the same records; another seed other records', () => {
    expect(generateJsonRecords(7, 50)).toEqual(generateJsonRecords(7, 50))
    expect(generateJsonRecords(8, 50)).not.toEqual(generateJsonRecords(7, 50))
    const bytes = generateJsonRecordBytes(7, 10_000)
    expect(new TextDecoder().decode(bytes[3])).toBe(generateJsonRecords(7, 4)[3])
    expect(bytes.reduce((sum, b) => sum + b.length, 0)).toBeGreaterThanOrEqual(10_000)
  })

  test('batches hold whole records, newline separated, within the batch size', () => {
    const records = generateJsonRecordBytes(1, 100_000)
    const batches = packIntoBatches(records, 16_384)
    expect(batches.every((b) => b.length <= 16_384)).toBe(true)
    const text = batches.map((b) => new TextDecoder().decode(b)).join('')
    expect(text.split('\n').filter(Boolean)).toHaveLength(records.length)
  })
})

describe('the real codecs on the real bytes', () => {
  beforeAll(async () => {
    await initCodecs()
  })

  test.each(MEASURED_CODECS)('%s: decompressing every batch gives back its input', (codec) => {
    const batches = packIntoBatches(generateJsonRecordBytes(7, 300_000), 16_384)
    let inputBytes = 0
    let outputBytes = 0
    for (const batch of batches) {
      const compressed = compress(codec, batch)
      expect(decompress(codec, compressed)).toEqual(batch)
      inputBytes += batch.length
      outputBytes += compressed.length
    }
    // JSON compresses, but random ids, prices and times keep it far from a constant string.
    const ratio = inputBytes / outputBytes
    expect(ratio).toBeGreaterThan(1.5)
    expect(ratio).toBeLessThan(20)
  })
})
