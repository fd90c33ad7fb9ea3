/**
 * Goal: the broker's one-pass record summary never accepts what the full scan (`forEachRecord`)
 * refuses, and agrees with it on the figures it reports.
 * Method: fast-check batches with random keys, values, headers and timestamps (some far apart, so
 * long varlongs appear), the same batches with random bytes overwritten or cut short; whenever the
 * summary says "fine", the full scan must succeed with the same smallest and largest timestamp
 * delta and offset order. Intact batches with small deltas must be summarized.
 */
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { RecordFormatError } from './byteUtils'
import { readBatchHeader, RECORDS_OFFSET } from './recordBatch'
import { forEachRecord } from './recordBatchReader'
import { encodeRecordBatch, type RecordInput } from './recordBatchWriter'
import { createRecordsSummary, summarizeRecords, type RecordsSummary } from './recordsSummary'

const T = 1_700_000_000_000

const field = fc.option(fc.uint8Array({ maxLength: 300 }), { nil: null })
const record: fc.Arbitrary<RecordInput> = fc.record({
  timestamp: fc.oneof(
    fc.integer({ min: T - 1000, max: T + 1000 }),
    fc.integer({ min: T - 2 ** 40, max: T + 2 ** 40 }),
  ),
  key: field,
  value: field,
  headers: fc.array(fc.record({ key: fc.string({ maxLength: 8 }), value: field }), {
    maxLength: 2,
  }),
})
const records = fc.array(record, { minLength: 1, maxLength: 20 })

/** What the full scan finds, or null when it throws `RecordFormatError`. */
function fullScan(bytes: Uint8Array): RecordsSummary | null {
  const header = readBatchHeader(bytes)
  const found = createRecordsSummary()
  found.minTimestampDelta = Infinity
  found.maxTimestampDelta = -Infinity
  try {
    forEachRecord(bytes, 0, header, (scan, _data, index) => {
      found.minTimestampDelta = Math.min(found.minTimestampDelta, scan.timestampDelta)
      found.maxTimestampDelta = Math.max(found.maxTimestampDelta, scan.timestampDelta)
      if (scan.offsetDelta !== index) found.offsetDeltasInOrder = false
    })
  } catch (error) {
    if (error instanceof RecordFormatError) return null
    throw error
  }
  return found
}

function summary(bytes: Uint8Array, end: number): RecordsSummary | null {
  const out = createRecordsSummary()
  const count = readBatchHeader(bytes).recordsCount
  return summarizeRecords(bytes, RECORDS_OFFSET, end, count, out) ? out : null
}

test('an intact batch with small timestamp deltas is summarized like the full scan', () => {
  fc.assert(
    fc.property(
      fc.array(
        record.map((r) => ({ ...r, timestamp: T + (r.timestamp % 100_000) })),
        { minLength: 1, maxLength: 20 },
      ),
      (input) => {
        const batch = encodeRecordBatch({ records: input })
        const quick = summary(batch, batch.length)
        expect(quick).not.toBeNull()
        expect(quick).toEqual(fullScan(batch))
      },
    ),
    { numRuns: 200 },
  )
})

test('whatever the summary accepts, the full scan accepts with the same figures', () => {
  fc.assert(
    fc.property(
      records,
      fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
      fc.nat(),
      fc.integer({ min: -3, max: 3 }),
      (input, damage, cutAt, countChange) => {
        const batch = encodeRecordBatch({ records: input })
        for (const [at, byte] of damage) {
          const position = RECORDS_OFFSET + (at % (batch.length - RECORDS_OFFSET))
          batch[position] = byte
        }
        // A wrong declared count, written where the full scan reads it too.
        const view = new DataView(batch.buffer, batch.byteOffset, batch.byteLength)
        view.setInt32(57, view.getInt32(57) + countChange)
        const quick = summary(batch, batch.length)
        if (quick !== null) expect(fullScan(batch)).toEqual(quick)
        // A declared batch length that ends early: both scans stop there.
        const end = RECORDS_OFFSET + (cutAt % (batch.length - RECORDS_OFFSET + 1))
        view.setInt32(8, end - 12)
        const quickCut = summary(batch, end)
        if (quickCut !== null) expect(fullScan(batch)).toEqual(quickCut)
      },
    ),
    { numRuns: 500 },
  )
})
