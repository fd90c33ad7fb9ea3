/**
 * Idempotent producer bookkeeping (TransactionManager#bumpIdempotentEpochAndResetIdIfNeeded,
 * KIP-360): after a batch with a sequence failed or expired, the broker may hold a gap the
 * producer can never fill. Once nothing is in flight, the producer bumps its epoch (a new
 * producer id when the epoch is exhausted) and numbers its partitions from 0 again; the broker
 * accepts a new epoch that starts at sequence 0.
 */
import { emit } from '../../emit'
import type { SimEvent } from '../../events'
import type { ClusterState } from '../../types'
import type { ProducerClientState } from './producerTypes'

const SHORT_MAX = 32_767

/** Numbers queued batches that already had sequences from 0 again, in deque order. */
export function resetSequences(producer: ProducerClientState): void {
  producer.sequences = {}
  for (const key of Object.keys(producer.batchesByPartition).sort()) {
    const sequences = (producer.sequences[key] = { nextSequence: 0, lastAckedSequence: -1 })
    for (const batch of producer.batchesByPartition[key]!) {
      if (batch.baseSequence < 0) continue
      batch.baseSequence = sequences.nextSequence
      sequences.nextSequence += batch.records.length
      batch.bytes = null
    }
  }
}

/** The local epoch bump of a non-transactional idempotent producer. */
export function maybeBumpIdempotentEpoch(
  state: ClusterState,
  out: SimEvent[],
  producer: ProducerClientState,
): void {
  if (!producer.epochBumpPending || producer.transaction !== null) return
  if (producer.idState !== 'ready') return
  if (Object.keys(producer.inFlightBatches).length > 0) return
  producer.epochBumpPending = false
  if (producer.producerEpoch >= SHORT_MAX - 1) {
    producer.idState = 'uninitialized' // InitProducerId hands out a new producer id
    return
  }
  producer.producerEpoch += 1
  resetSequences(producer)
  emit(state, out, {
    type: 'producerIdAssigned',
    producer: producer.nodeId,
    producerId: producer.producerId,
    producerEpoch: producer.producerEpoch,
  })
}
