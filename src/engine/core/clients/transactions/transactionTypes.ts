/**
 * Transactions (KIP-98; KAFKA_SPEC §3.5): the producer's side (TransactionManager states) and the
 * transaction coordinator's records (TransactionMetadata in `__transaction_state`). Plain data.
 */
import type { KafkaError } from '../../errors'
import type { BrokerId, NodeId, PartitionKey } from '../../types'

/** `TransactionManager.State` of the Java producer. */
export type TransactionClientStateName =
  | 'UNINITIALIZED'
  | 'INITIALIZING'
  | 'READY'
  | 'IN_TRANSACTION'
  | 'COMMITTING_TRANSACTION'
  | 'ABORTING_TRANSACTION'
  | 'ABORTABLE_ERROR'
  | 'FATAL_ERROR'

export interface TransactionClientState {
  state: TransactionClientStateName
  /** The coordinator the producer found, −1 while unknown. */
  coordinatorId: BrokerId
  /** Partitions the coordinator has added to the open transaction. */
  partitions: PartitionKey[]
  /** Partitions with records waiting for AddPartitionsToTxn. */
  pendingPartitions: PartitionKey[]
  /** Partitions of the AddPartitionsToTxn request on the wire. */
  addingPartitions: PartitionKey[]
  /** EndTxn sent and not answered yet. */
  endTxnInFlight: boolean
  /** Wait before retrying a coordinator request (CONCURRENT_TRANSACTIONS, NOT_COORDINATOR). */
  retryAtMs: number
  lastError: KafkaError | null
}

/** `TransactionState` at the coordinator. */
export type TransactionStateName =
  'Empty' | 'Ongoing' | 'PrepareCommit' | 'PrepareAbort' | 'CompleteCommit' | 'CompleteAbort'

export interface PendingMarker {
  topic: string
  partition: number
  /** The WriteTxnMarkers request on the wire, or null to (re)send. */
  requestId: number | null
  sentAtMs?: number
}

/** `TransactionMetadata`: one transactional id's record in `__transaction_state`. */
export interface TransactionMetadata {
  transactionalId: string
  producerId: number
  producerEpoch: number
  state: TransactionStateName
  partitions: PartitionKey[]
  transactionTimeoutMs: number
  txnStartTimestampMs: number
  /** The coordinator broker's epoch for this state partition (stamped into markers). */
  coordinatorEpoch: number
  pendingMarkers: PendingMarker[]
  /** An InitProducerId that must wait for the fenced transaction's abort to complete. */
  pendingInit: { requestId: number; from: NodeId; coordinatorId: BrokerId } | null
}

export interface TransactionCoordinatorState {
  /** Next id from the controller's producer id blocks (ProducerIdManager). */
  nextProducerId: number
  transactionsById: Record<string, TransactionMetadata>
  /** Which broker last coordinated each `__transaction_state` partition (epoch bumps on change). */
  coordinatorByPartition: Record<string, { brokerId: BrokerId; epoch: number }>
}

export function createTransactionCoordinatorState(): TransactionCoordinatorState {
  return { nextProducerId: 1000, transactionsById: {}, coordinatorByPartition: {} }
}
