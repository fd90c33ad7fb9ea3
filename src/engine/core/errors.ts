/**
 * Kafka's error names and codes (clients/common/protocol/Errors.java), used wherever the engine
 * answers a Kafka-level mistake. User mistakes are answered, never thrown: functions return a
 * `KafkaError` value and the simulation keeps running.
 */
export const KAFKA_ERRORS = {
  UNKNOWN_SERVER_ERROR: { code: -1, retriable: false },
  NONE: { code: 0, retriable: false },
  OFFSET_OUT_OF_RANGE: { code: 1, retriable: false },
  CORRUPT_MESSAGE: { code: 2, retriable: true },
  UNKNOWN_TOPIC_OR_PARTITION: { code: 3, retriable: true },
  LEADER_NOT_AVAILABLE: { code: 5, retriable: true },
  NOT_LEADER_OR_FOLLOWER: { code: 6, retriable: true },
  REQUEST_TIMED_OUT: { code: 7, retriable: true },
  MESSAGE_TOO_LARGE: { code: 10, retriable: false },
  NETWORK_EXCEPTION: { code: 13, retriable: true },
  COORDINATOR_NOT_AVAILABLE: { code: 15, retriable: true },
  NOT_COORDINATOR: { code: 16, retriable: true },
  INVALID_TOPIC_EXCEPTION: { code: 17, retriable: false },
  RECORD_LIST_TOO_LARGE: { code: 18, retriable: false },
  NOT_ENOUGH_REPLICAS: { code: 19, retriable: true },
  NOT_ENOUGH_REPLICAS_AFTER_APPEND: { code: 20, retriable: true },
  INVALID_REQUIRED_ACKS: { code: 21, retriable: false },
  ILLEGAL_GENERATION: { code: 22, retriable: false },
  INCONSISTENT_GROUP_PROTOCOL: { code: 23, retriable: false },
  UNKNOWN_MEMBER_ID: { code: 25, retriable: false },
  INVALID_SESSION_TIMEOUT: { code: 26, retriable: false },
  REBALANCE_IN_PROGRESS: { code: 27, retriable: false },
  TOPIC_ALREADY_EXISTS: { code: 36, retriable: false },
  INVALID_PARTITIONS: { code: 37, retriable: false },
  INVALID_REPLICATION_FACTOR: { code: 38, retriable: false },
  INVALID_TIMESTAMP: { code: 32, retriable: false },
  UNSUPPORTED_VERSION: { code: 35, retriable: false },
  INVALID_CONFIG: { code: 40, retriable: false },
  OUT_OF_ORDER_SEQUENCE_NUMBER: { code: 45, retriable: false },
  DUPLICATE_SEQUENCE_NUMBER: { code: 46, retriable: false },
  INVALID_PRODUCER_EPOCH: { code: 47, retriable: false },
  INVALID_TXN_STATE: { code: 48, retriable: false },
  INVALID_TRANSACTION_TIMEOUT: { code: 50, retriable: false },
  CONCURRENT_TRANSACTIONS: { code: 51, retriable: true },
  UNKNOWN_PRODUCER_ID: { code: 59, retriable: false },
  FENCED_LEADER_EPOCH: { code: 74, retriable: true },
  UNKNOWN_LEADER_EPOCH: { code: 75, retriable: true },
  OFFSET_NOT_AVAILABLE: { code: 78, retriable: true },
  MEMBER_ID_REQUIRED: { code: 79, retriable: false },
  FENCED_INSTANCE_ID: { code: 82, retriable: false },
  INVALID_RECORD: { code: 87, retriable: false },
  PRODUCER_FENCED: { code: 90, retriable: false },
  INVALID_UPDATE_VERSION: { code: 95, retriable: false },
} as const

export type KafkaErrorName = keyof typeof KAFKA_ERRORS

/**
 * Client-side exceptions of the Java clients that never reach a broker
 * (e.g. `ConfigException`, `RecordTooLargeException`, `NoOffsetForPartitionException`).
 */
export type ClientExceptionName =
  | 'ConfigException'
  | 'RecordTooLargeException'
  | 'NoOffsetForPartitionException'
  | 'OffsetOutOfRangeException'
  | 'CommitFailedException'
  | 'TimeoutException'
  | 'IllegalArgumentException'
  | 'IllegalStateException'
  | 'BufferExhaustedException'
  | 'TransactionAbortedException'

/**
 * Mistakes about the simulation itself rather than Kafka (crashing a broker that is already down,
 * a malformed command). They have no Kafka name, so they get stable names of our own.
 */
export type SimErrorName =
  | 'UNKNOWN_BROKER'
  | 'BROKER_ALREADY_RUNNING'
  | 'BROKER_NOT_RUNNING'
  | 'INVALID_COMMAND'
  | 'INVALID_REPLAY'
  | 'NOT_INITIALIZED'

/** An error answered to the caller: its name, Kafka code (if any) and a human-readable message. */
export interface KafkaError {
  readonly error: KafkaErrorName | ClientExceptionName | SimErrorName
  readonly code: number | null
  readonly message: string
}

/** Builds the answer for a simulation-level mistake. */
export function simError(name: SimErrorName, message: string): KafkaError {
  return { error: name, code: null, message }
}

/** Builds the answer for a broker error (with its numeric code). */
export function kafkaError(name: KafkaErrorName, message: string): KafkaError {
  return { error: name, code: KAFKA_ERRORS[name].code, message }
}

/** Builds the answer for a client-side exception (no wire code). */
export function clientError(name: ClientExceptionName, message: string): KafkaError {
  return { error: name, code: null, message }
}

/** True when the Java client would retry this broker error. */
export function isRetriable(name: KafkaErrorName): boolean {
  return KAFKA_ERRORS[name].retriable
}
