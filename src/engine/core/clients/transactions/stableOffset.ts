/**
 * What transactions change for readers (KAFKA_SPEC §3.5): the last stable offset
 * `LSO = min(HW, first offset of the oldest open transaction)`, the aborted transactions a
 * read_committed fetch returns (Kafka's `.txnindex`), and the consumer's filter that drops
 * records of aborted transactions and every control record (Fetcher / CompletedFetch).
 */
import type { Env } from '../../env'
import {
  controlRecordTypeOf,
  decodeRecordBatches,
  readLog,
  type DecodedRecord,
  type DecodedRecordBatch,
} from '../../log'
import { logContextFor } from '../../replication/brokerStorage'
import type { BrokerState, ClusterState, ReplicaState } from '../../types'

export type IsolationLevel = 'read_uncommitted' | 'read_committed'

export interface AbortedTransaction {
  producerId: number
  firstOffset: number
}

/** The first offset of the oldest transaction still open in this log, or null. */
export function firstUnstableOffset(replica: ReplicaState): number | null {
  let first: number | null = null
  for (const entry of Object.values(replica.producers)) {
    const offset = entry.currentTxnFirstOffset ?? null
    if (offset !== null && (first === null || offset < first)) first = offset
  }
  return first
}

export function lastStableOffset(replica: ReplicaState): number {
  const unstable = firstUnstableOffset(replica)
  return unstable === null ? replica.highWatermark : Math.min(unstable, replica.highWatermark)
}

/** Reads the marker at `offset` to learn whether the transaction committed or aborted. */
function markerTypeAt(
  state: ClusterState,
  env: Env,
  broker: BrokerState,
  replica: ReplicaState,
  offset: number,
): 'COMMIT' | 'ABORT' | null {
  if (offset < replica.log.logStartOffset || offset >= replica.log.logEndOffset) return null
  const read = readLog(logContextFor(state, env, broker), replica.log, {
    fetchOffset: offset,
    maxBytes: 1,
    maxOffset: offset + 1,
    minOneMessage: true,
  })
  if (!read.ok) return null
  const decoded = decodeRecordBatches(read.info.records)
  if (!decoded.ok) return null
  const batch = decoded.value.find((b) => b.isControl && b.baseOffset === offset)
  const type = batch?.records[0] === undefined ? null : controlRecordTypeOf(batch.records[0])
  return type === 'COMMIT' || type === 'ABORT' ? type : null
}

/** Aborted transactions with data in [fetchOffset, upperOffset) (`collectAbortedTransactions`). */
export function abortedTransactionsIn(
  state: ClusterState,
  env: Env,
  broker: BrokerState,
  replica: ReplicaState,
  fetchOffset: number,
  upperOffset: number,
): AbortedTransaction[] {
  const aborted: AbortedTransaction[] = []
  for (const entry of replica.transactionIndex ?? []) {
    if (entry.firstOffset >= upperOffset || entry.lastOffset < fetchOffset) continue
    entry.result ??= markerTypeAt(state, env, broker, replica, entry.lastOffset)
    if (entry.result === 'ABORT')
      aborted.push({ producerId: entry.producerId, firstOffset: entry.firstOffset })
  }
  return aborted.sort((a, b) => a.firstOffset - b.firstOffset)
}

/**
 * The consumer's read_committed filter: records of aborted transactions and control records are
 * dropped. `aborted` is null for read_uncommitted (only control records are dropped).
 */
export function visibleRecords(
  batches: readonly DecodedRecordBatch[],
  aborted: readonly AbortedTransaction[] | null,
): DecodedRecord[] {
  const pending = [...(aborted ?? [])].sort((a, b) => a.firstOffset - b.firstOffset)
  const abortedProducers = new Set<number>()
  const visible: DecodedRecord[] = []
  for (const batch of batches) {
    const lastOffset = batch.baseOffset + batch.lastOffsetDelta
    while (pending.length > 0 && pending[0]!.firstOffset <= lastOffset)
      abortedProducers.add(pending.shift()!.producerId)
    if (batch.isControl) {
      const type = batch.records[0] === undefined ? null : controlRecordTypeOf(batch.records[0])
      if (type === 'ABORT') abortedProducers.delete(batch.producerId)
      continue
    }
    if (aborted !== null && batch.isTransactional && abortedProducers.has(batch.producerId))
      continue
    visible.push(...batch.records)
  }
  return visible
}
