/**
 * What the applications of a group did with the records they got, for lessons and the UI: which
 * offsets were processed at least once (as ranges), how many were processed again (duplicates
 * after a crash or rebalance) and which were never processed (loss). Not Kafka state: the
 * "database" behind the consumer, including an idempotent consumer's dedupe store.
 */
import type { ClusterState } from '../../types'
import type { ProcessedLedger } from '../group/groupTypes'

export function ledgerFor(state: ClusterState, ledgerKey: string, partitionKey: string) {
  const byPartition = (state.consumerGroups.ledgerByGroup[ledgerKey] ??= {})
  return (byPartition[partitionKey] ??= { ranges: [], processedCount: 0, duplicateCount: 0 })
}

export function isProcessed(ledger: ProcessedLedger, offset: number): boolean {
  return ledger.ranges.some(([from, to]) => offset >= from && offset < to)
}

/** Records `offset` as processed; true when it had been processed before (a duplicate). */
export function markProcessed(ledger: ProcessedLedger, offset: number): boolean {
  ledger.processedCount += 1
  if (isProcessed(ledger, offset)) {
    ledger.duplicateCount += 1
    return true
  }
  const ranges = ledger.ranges
  let i = 0
  while (i < ranges.length && ranges[i]![1] < offset) i++
  if (i < ranges.length && ranges[i]![1] === offset) {
    ranges[i]![1] = offset + 1
    const next = ranges[i + 1]
    if (next !== undefined && next[0] === offset + 1) {
      ranges[i]![1] = next[1]
      ranges.splice(i + 1, 1)
    }
  } else if (i < ranges.length && ranges[i]![0] === offset + 1) {
    ranges[i]![0] = offset
  } else {
    ranges.splice(i, 0, [offset, offset + 1])
  }
  return false
}

/** Offsets in [from, to) that were never processed. */
export function unprocessedBetween(ledger: ProcessedLedger, from: number, to: number): number {
  let covered = 0
  for (const [a, b] of ledger.ranges) covered += Math.max(0, Math.min(b, to) - Math.max(a, from))
  return Math.max(0, to - from - covered)
}
