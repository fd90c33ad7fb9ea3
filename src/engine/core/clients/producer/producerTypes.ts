/**
 * The simulated KafkaProducer's state (clients/producer/KafkaProducer.java, RecordAccumulator,
 * Sender, TransactionManager), its wire messages, timers and events. Plain data only: a producer
 * is part of the cluster state, so checkpoints copy it and replays rebuild it.
 */
import type { ProducerConfigs } from '../../config/producerConfigs'
import type { KafkaError } from '../../errors'
import type { RngState } from '../../rng'
import type { BrokerId, NodeId, PartitionKey, RecordBytes } from '../../types'
import type { StickyPartitionState } from '../stickyPartitioner'
import type { TransactionClientState } from '../transactions/transactionTypes'

export const PRODUCER_NODE_PREFIX = 'producer-'

export function producerNode(index: number): NodeId {
  return `${PRODUCER_NODE_PREFIX}${index}`
}

export function isProducerNode(node: NodeId): boolean {
  return node.startsWith(PRODUCER_NODE_PREFIX)
}

export interface RecordHeaderData {
  key: string
  value: string | null
}

/** One record as the application handed it to `send()`. */
export interface ProducerRecordData {
  recordId: number
  topic: string
  /** The application's explicit partition, or null. */
  partition: number | null
  key: string | null
  value: string | null
  headers: RecordHeaderData[]
  timestamp: number
}

/** A record inside an accumulator batch (its partition is the batch's). */
export interface BatchedRecord {
  recordId: number
  key: string | null
  value: string | null
  headers: RecordHeaderData[]
  timestamp: number
}

/** A `ProducerBatch`: records for one partition, sent and retried as one unit. */
export interface ProducerBatch {
  batchId: number
  topic: string
  partition: number
  records: BatchedRecord[]
  createdAtMs: number
  /** Estimated bytes of the batch as built (header + uncompressed records). */
  sizeInBytes: number
  /**
   * Every key and value is ASCII (or null) so far: their serialized lengths are their string
   * lengths, and the drain encodes the batch without counting them again.
   */
  asciiOnly: boolean
  /** What the batch took from `buffer.memory` (max(batch.size, size) like the BufferPool). */
  allocatedBytes: number
  /** No more appends: it filled up, or it was drained. */
  closed: boolean
  /** Times it was sent. */
  attempts: number
  /** While backing off before a retry: when it may go again. */
  retryAtMs: number
  producerId: number
  producerEpoch: number
  /** −1 until the batch is first drained (sequences are assigned then, like Kafka's drain). */
  baseSequence: number
  isTransactional: boolean
  /** The v2 batch bytes, built once at the first drain (rebuilt if the epoch changes). */
  bytes: RecordBytes | null
  /** The produce request carrying it, while one is outstanding. */
  inFlightRequestId: number | null
  /** The error of its last attempt, shown while it waits for a retry. */
  lastError: string | null
}

/** What the producer knows about one topic from its last Metadata response. */
export interface ProducerTopicMetadata {
  partitionCount: number
  /** Leader per partition, −1 when none. */
  leaders: number[]
  leaderEpochs: number[]
}

export interface ProducerMetadata {
  topics: Record<string, ProducerTopicMetadata>
  /** Topics the producer has asked about (sent in every Metadata request). */
  wanted: string[]
  /** A refresh is wanted (stale leader, unknown topic). */
  needUpdate: boolean
  lastRefreshMs: number
  /** When a refresh may be sent again after a failed one. */
  nextAttemptMs: number
  /** Metadata version of the broker that answered last (newer answers only replace it). */
  version: number
}

export type ProducerRequestKind =
  'produce' | 'metadata' | 'findCoordinator' | 'initProducerId' | 'addPartitionsToTxn' | 'endTxn'

/** A request the producer sent and waits on (NetworkClient's in-flight requests). */
export interface ProducerInFlightRequest {
  requestId: number
  kind: ProducerRequestKind
  brokerId: BrokerId
  sentAtMs: number
  /** When it fails unanswered: `request.timeout.ms`, or at once when the connection is refused. */
  deadlineMs: number
  /** Produce: the batches it carries (one per partition) and not yet answered. */
  batchIds: number[]
}

/** Per-partition idempotence state (TransactionManager.TopicPartitionEntry). */
export interface PartitionSequenceState {
  /** Sequence of the next new batch. */
  nextSequence: number
  /** Last sequence the broker acknowledged, −1 none. */
  lastAckedSequence: number
}

export type ProducerOperationKind =
  | 'send'
  | 'flush'
  | 'initTransactions'
  | 'beginTransaction'
  | 'commitTransaction'
  | 'abortTransaction'
  | 'close'

/**
 * A call the application made, in order: Kafka's calls block the application thread (`send`
 * while metadata or memory is missing, `flush`, `initTransactions`, `commitTransaction`...), so a
 * call runs only when the one before it has returned.
 */
export interface ProducerOperation {
  opId: number
  kind: ProducerOperationKind
  enqueuedAtMs: number
  /** When it started running (a blocking call waits from here), or −1. */
  startedAtMs: number
  /** For `send`: the record. */
  record: ProducerRecordData | null
}

export interface OperationResult {
  opId: number
  kind: ProducerOperationKind
  completedAtMs: number
  error: KafkaError | null
}

/**
 * The outcome of the records of one batch (or of one record refused before it reached a batch):
 * each record's `RecordMetadata` or the exception its callback got. Kept per batch, not per
 * record: the i-th record's offset is `baseOffset + i`.
 */
export interface SendResult {
  /** The records, in batch order. */
  recordIds: number[]
  topic: string
  /** −1 when it never got a partition. */
  partition: number
  /** Offset of the first record; −1 with acks=0, for a legacy duplicate, or on error. */
  baseOffset: number
  error: KafkaError | null
  completedAtMs: number
}

export interface ProducerClientState {
  nodeId: NodeId
  status: 'running' | 'closed' | 'crashed'
  configs: ProducerConfigs
  requiredAcks: -1 | 0 | 1
  idempotent: boolean
  transactionalId: string | null
  rng: RngState
  metadata: ProducerMetadata
  /** Uniform sticky partitioner state per topic. */
  stickyByTopic: Record<string, StickyPartitionState>
  operations: ProducerOperation[]
  /** Queued (not in-flight) batches per partition, oldest first (the accumulator's deques). */
  batchesByPartition: Record<PartitionKey, ProducerBatch[]>
  /** Batches on the wire, by batch id. */
  inFlightBatches: Record<string, ProducerBatch>
  /** Requests awaiting an answer, by ascending request id (an array: a handful, walked often). */
  inFlightRequests: ProducerInFlightRequest[]
  bufferUsedBytes: number
  /**
   * Creation times of the batches not yet completed (queued or on the wire), ascending: the
   * oldest batch's `delivery.timeout.ms` comes first, without walking a full accumulator.
   */
  liveBatchCreatedAtMs: number[]
  /** Producer id and epoch from InitProducerId; −1 until known. */
  producerId: number
  producerEpoch: number
  /** `none` (not idempotent), `initializing`, `ready`, `fenced` (fatal). */
  idState: 'none' | 'uninitialized' | 'initializing' | 'ready' | 'fenced'
  sequences: Record<PartitionKey, PartitionSequenceState>
  /** A batch with a sequence failed or expired: bump the epoch once nothing is in flight. */
  epochBumpPending: boolean
  transaction: TransactionClientState | null
  /** `flush()` (or close, or a commit) forces every batch ready now. */
  flushing: boolean
  nextBatchId: number
  nextRecordId: number
  nextOpId: number
  /** Round-robin cursor for the "least loaded node" choice. */
  nodeCursor: number
  /** The latest outcomes, oldest first, covering at least the newest `PRODUCER_RESULTS_MAX` records. */
  results: SendResult[]
  /** Records in `results`. */
  resultRecordCount: number
  operationResults: OperationResult[]
  /** The wake-up timer already scheduled (so the heap gets one per deadline). */
  scheduledWakeAtMs: number
}

/** Messages between producers and brokers besides produce requests. */
export type ProducerMessagePayload =
  | { kind: 'metadataRequest'; requestId: number; topics: string[] }
  | {
      kind: 'metadataResponse'
      requestId: number
      metadataVersion: number
      topics: { topic: string; partitionCount: number; leaders: number[]; leaderEpochs: number[] }[]
    }
  | { kind: 'findTxnCoordinatorRequest'; requestId: number; transactionalId: string }
  | {
      kind: 'findTxnCoordinatorResponse'
      requestId: number
      error: KafkaError | null
      coordinatorId: BrokerId
    }
  | {
      kind: 'initProducerIdRequest'
      requestId: number
      transactionalId: string | null
      transactionTimeoutMs: number
    }
  | {
      kind: 'initProducerIdResponse'
      requestId: number
      error: KafkaError | null
      producerId: number
      producerEpoch: number
    }
  | {
      kind: 'addPartitionsToTxnRequest'
      requestId: number
      transactionalId: string
      producerId: number
      producerEpoch: number
      partitions: PartitionKey[]
    }
  | { kind: 'addPartitionsToTxnResponse'; requestId: number; error: KafkaError | null }
  | {
      kind: 'endTxnRequest'
      requestId: number
      transactionalId: string
      producerId: number
      producerEpoch: number
      commit: boolean
    }
  | { kind: 'endTxnResponse'; requestId: number; error: KafkaError | null }
  | {
      kind: 'writeTxnMarkersRequest'
      requestId: number
      transactionalId: string
      producerId: number
      producerEpoch: number
      coordinatorEpoch: number
      result: 'COMMIT' | 'ABORT'
      topic: string
      partition: number
    }
  | {
      kind: 'writeTxnMarkersResponse'
      requestId: number
      transactionalId: string
      topic: string
      partition: number
      error: KafkaError | null
    }

export type ProducerTimerAction =
  | { kind: 'producerWake'; producer: NodeId }
  | { kind: 'txnMarkerRetry'; transactionalId: string }
  | { kind: 'txnTimeoutCheck'; transactionalId: string; producerEpoch: number }

export type ProducerEventBody =
  | {
      type: 'producerCreated'
      producer: NodeId
      idempotent: boolean
      transactionalId: string | null
    }
  | { type: 'producerClosed'; producer: NodeId; reason: 'closed' | 'crashed' | 'fenced' }
  | { type: 'producerIdAssigned'; producer: NodeId; producerId: number; producerEpoch: number }
  | {
      type: 'producerBatchCompleted'
      producer: NodeId
      topic: string
      partition: number
      baseOffset: number
      recordCount: number
      baseSequence: number
      attempts: number
      error: string | null
    }
  | {
      type: 'producerBatchRetrying'
      producer: NodeId
      topic: string
      partition: number
      baseSequence: number
      attempts: number
      error: string
    }
  | {
      type: 'transactionCompleted'
      transactionalId: string
      producerId: number
      producerEpoch: number
      result: 'COMMIT' | 'ABORT'
      partitions: PartitionKey[]
    }
