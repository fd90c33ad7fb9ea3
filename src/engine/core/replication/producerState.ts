/**
 * Idempotent producers at the broker (storage/ProducerStateManager.java, ProducerAppendInfo,
 * KAFKA_SPEC §3.4): per producer id the last 5 batches (sequence range and offsets). A retry of a
 * retained batch is a duplicate and gets the original offsets; a sequence gap is
 * OUT_OF_ORDER_SEQUENCE_NUMBER; an older epoch INVALID_PRODUCER_EPOCH. Followers keep the same
 * state from what they replicate, so a new leader deduplicates retries too; truncation and
 * recovery rebuild it from the log.
 */
import type { Env } from '../env'
import { kafkaError, type KafkaError } from '../errors'
import {
  readBatchHeader,
  readLog,
  RECORD_BATCH_OVERHEAD,
  type AppendedBatch,
  type RecordBatchHeader,
} from '../log'
import type { BrokerState, ClusterState, ReplicaState } from '../types'
import { logContextFor } from './brokerStorage'

/** `ProducerStateEntry.NUM_BATCHES_TO_RETAIN`. */
export const NUM_BATCHES_TO_RETAIN = 5

export interface RetainedBatch {
  firstSeq: number
  lastSeq: number
  firstOffset: number
  lastOffset: number
}

export interface ProducerStateEntry {
  producerEpoch: number
  batches: RetainedBatch[]
  /** First offset of the producer's open transaction in this log, or null (`currentTxnFirstOffset`). */
  currentTxnFirstOffset?: number | null
}

/** A completed transaction (its data from `firstOffset`, its marker at `lastOffset`). */
export interface TransactionIndexEntry {
  producerId: number
  firstOffset: number
  lastOffset: number
  /** The marker's type, once known (leaders know it when they write it; others read it). */
  result: 'COMMIT' | 'ABORT' | null
}

export type ProducerCheck =
  | { kind: 'append' }
  | { kind: 'duplicate'; batch: RetainedBatch }
  | { kind: 'error'; error: KafkaError }

function lastSequenceOf(header: RecordBatchHeader): number {
  // Sequences wrap from Integer.MAX_VALUE to 0 (DefaultRecordBatch.incrementSequence).
  return (header.baseSequence + header.lastOffsetDelta) % 0x8000_0000
}

/** Checks one incoming batch against the producer's retained state (`analyzeAndValidateProducerState`). */
export function checkProducerBatch(replica: ReplicaState, records: Uint8Array): ProducerCheck {
  if (records.length < RECORD_BATCH_OVERHEAD) return { kind: 'append' }
  const header = readBatchHeader(records)
  if (header.producerId < 0) return { kind: 'append' }
  const entry = replica.producers[header.producerId]
  // No state (new producer, or its data is gone): any sequence is accepted (KIP-360).
  if (entry === undefined) return { kind: 'append' }
  const pid = header.producerId
  if (header.producerEpoch < entry.producerEpoch) {
    return {
      kind: 'error',
      error: kafkaError(
        'INVALID_PRODUCER_EPOCH',
        `Producer ${pid} epoch ${header.producerEpoch} is older than ${entry.producerEpoch}.`,
      ),
    }
  }
  if (header.producerEpoch > entry.producerEpoch) {
    return header.baseSequence === 0
      ? { kind: 'append' }
      : {
          kind: 'error',
          error: kafkaError(
            'OUT_OF_ORDER_SEQUENCE_NUMBER',
            `A new epoch of producer ${pid} must start at sequence 0, not ${header.baseSequence}.`,
          ),
        }
  }
  const lastSeq = lastSequenceOf(header)
  const duplicate = entry.batches.find(
    (b) => b.firstSeq === header.baseSequence && b.lastSeq === lastSeq,
  )
  if (duplicate !== undefined) return { kind: 'duplicate', batch: duplicate }
  const last = entry.batches[entry.batches.length - 1]
  const expected = last === undefined ? header.baseSequence : (last.lastSeq + 1) % 0x8000_0000
  if (header.baseSequence !== expected) {
    return {
      kind: 'error',
      error: kafkaError(
        'OUT_OF_ORDER_SEQUENCE_NUMBER',
        `Producer ${pid}: sequence ${header.baseSequence} arrived, ${expected} expected.`,
      ),
    }
  }
  return { kind: 'append' }
}

function remember(
  replica: ReplicaState,
  producerId: number,
  producerEpoch: number,
  batch: RetainedBatch,
): void {
  let entry = replica.producers[producerId]
  if (entry === undefined || entry.producerEpoch !== producerEpoch) {
    entry = {
      producerEpoch,
      batches: [],
      currentTxnFirstOffset: entry?.currentTxnFirstOffset ?? null,
    }
    replica.producers[producerId] = entry
  }
  entry.batches.push(batch)
  if (entry.batches.length > NUM_BATCHES_TO_RETAIN) entry.batches.shift()
}

/**
 * Transaction bookkeeping of one appended batch: a transactional data batch opens the producer's
 * transaction here (if not open yet); a control batch (COMMIT/ABORT marker) closes it, records it
 * in the transaction index, and moves the producer to the marker's epoch (a fencing abort is
 * written with the bumped epoch, so the zombie's next batch is INVALID_PRODUCER_EPOCH).
 */
function trackTransaction(
  replica: ReplicaState,
  batch: { producerId: number; producerEpoch: number; baseOffset: number },
  isTransactional: boolean,
  isControl: boolean,
): void {
  if (!isTransactional) return
  const pid = batch.producerId
  let entry = replica.producers[pid]
  if (!isControl) {
    if (entry !== undefined && (entry.currentTxnFirstOffset ?? null) === null)
      entry.currentTxnFirstOffset = batch.baseOffset
    return
  }
  if (entry === undefined) {
    entry = { producerEpoch: batch.producerEpoch, batches: [], currentTxnFirstOffset: null }
    replica.producers[pid] = entry
  }
  const firstOffset = entry.currentTxnFirstOffset ?? null
  if (firstOffset !== null) {
    ;(replica.transactionIndex ??= []).push({
      producerId: pid,
      firstOffset,
      lastOffset: batch.baseOffset,
      result: null,
    })
  }
  entry.currentTxnFirstOffset = null
  if (batch.producerEpoch > entry.producerEpoch) {
    entry.producerEpoch = batch.producerEpoch
    entry.batches = []
  }
}

/** Records appended batches (leader and follower appends alike). */
export function updateProducerState(
  replica: ReplicaState,
  batches: readonly AppendedBatch[],
): void {
  for (const b of batches) {
    if (b.producerId < 0) continue
    if (!b.isControl) {
      remember(replica, b.producerId, b.producerEpoch, {
        firstSeq: b.baseSequence,
        lastSeq: b.lastSequence,
        firstOffset: b.baseOffset,
        lastOffset: b.lastOffset,
      })
    }
    trackTransaction(replica, b, b.isTransactional, b.isControl)
  }
}

/** Rebuilds the state from the batches in the log, after truncation or recovery. */
export function rebuildProducerState(
  state: ClusterState,
  env: Env,
  broker: BrokerState,
  replica: ReplicaState,
): void {
  replica.producers = {}
  replica.transactionIndex = []
  const ctx = logContextFor(state, env, broker)
  const log = replica.log
  let offset = log.logStartOffset
  while (offset < log.logEndOffset) {
    const read = readLog(ctx, log, {
      fetchOffset: offset,
      maxBytes: 1 << 20,
      maxOffset: log.logEndOffset,
      minOneMessage: true,
    })
    if (!read.ok || read.info.records.length === 0) return
    const bytes = read.info.records
    let position = 0
    while (position + RECORD_BATCH_OVERHEAD <= bytes.length) {
      const header = readBatchHeader(bytes, position)
      const lastOffset = header.baseOffset + header.lastOffsetDelta
      const isControl = (header.attributes & 0x20) !== 0
      if (header.producerId >= 0 && !isControl && lastOffset >= offset) {
        remember(replica, header.producerId, header.producerEpoch, {
          firstSeq: header.baseSequence,
          lastSeq: lastSequenceOf(header),
          firstOffset: header.baseOffset,
          lastOffset,
        })
      }
      if (header.producerId >= 0 && lastOffset >= offset) {
        const isTransactional = (header.attributes & 0x10) !== 0
        trackTransaction(replica, header, isTransactional, isControl)
      }
      offset = Math.max(offset, lastOffset + 1)
      position += header.batchLength + 12
    }
  }
}
