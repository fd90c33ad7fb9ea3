import { describe, expect, it } from 'vitest'
import { markProcessed, unprocessedBetween } from './processedLedger'
import type { ProcessedLedger } from '../group/groupTypes'

const empty = (): ProcessedLedger => ({ ranges: [], processedCount: 0, duplicateCount: 0 })

describe('processed ledger', () => {
  it('merges offsets into disjoint ranges in any order and counts duplicates', () => {
    const ledger = empty()
    for (const offset of [5, 0, 1, 3, 2, 9, 4, 1, 8]) markProcessed(ledger, offset)
    expect(ledger.ranges).toEqual([
      [0, 6],
      [8, 10],
    ])
    expect(ledger.processedCount).toBe(9)
    expect(ledger.duplicateCount).toBe(1)
    expect(unprocessedBetween(ledger, 0, 12)).toBe(4)
  })

  it('reports a duplicate only for offsets processed before', () => {
    const ledger = empty()
    expect(markProcessed(ledger, 7)).toBe(false)
    expect(markProcessed(ledger, 7)).toBe(true)
    expect(markProcessed(ledger, 6)).toBe(false)
    expect(ledger.ranges).toEqual([[6, 8]])
  })
})
