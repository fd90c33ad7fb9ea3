/**
 * Producer configs (clients/producer/ProducerConfig.java) with Kafka 4.0 defaults and validators
 * (KAFKA_SPEC §3.1). `linger.ms` is 5 since 4.0 (KIP-1030), later than the spec's source snapshot.
 */
import type { ConfigCatalog } from './configTypes'
import { atLeast, between, INT_MAX, NO_VALIDATOR, NON_EMPTY_STRING, oneOf } from './validators'

/** As configured: Kafka accepts exactly these strings (numbers are accepted here too). */
export type AcksConfig = 'all' | '-1' | '0' | '1'
export type ProducerCompressionType = 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd'

export interface ProducerConfigs {
  readonly 'client.id': string
  readonly acks: AcksConfig
  readonly 'enable.idempotence': boolean
  readonly retries: number
  readonly 'delivery.timeout.ms': number
  readonly 'request.timeout.ms': number
  readonly 'max.in.flight.requests.per.connection': number
  readonly 'batch.size': number
  readonly 'linger.ms': number
  readonly 'buffer.memory': number
  readonly 'max.block.ms': number
  readonly 'compression.type': ProducerCompressionType
  readonly 'max.request.size': number
  readonly 'retry.backoff.ms': number
  readonly 'retry.backoff.max.ms': number
  readonly 'partitioner.class': string | null
  readonly 'partitioner.ignore.keys': boolean
  readonly 'partitioner.adaptive.partitioning.enable': boolean
  readonly 'partitioner.availability.timeout.ms': number
  readonly 'transactional.id': string | null
  readonly 'transaction.timeout.ms': number
}

const PRODUCER_CONFIG = 'clients/producer/ProducerConfig.java'

export const PRODUCER_CONFIGS: ConfigCatalog<ProducerConfigs> = {
  'client.id': {
    name: 'client.id',
    kind: 'string',
    default: '',
    validator: NO_VALIDATOR,
    docKey: 'config.client.id',
    source: PRODUCER_CONFIG,
  },
  acks: {
    name: 'acks',
    kind: 'enum',
    default: 'all',
    validator: oneOf(['all', '-1', '0', '1']),
    docKey: 'config.acks',
    source: PRODUCER_CONFIG,
    history: [{ versions: '≤2.8', default: '1', note: 'Default became all in 3.0 (KIP-679).' }],
  },
  'enable.idempotence': {
    name: 'enable.idempotence',
    kind: 'boolean',
    default: true,
    validator: NO_VALIDATOR,
    docKey: 'config.enable.idempotence',
    source: PRODUCER_CONFIG,
    history: [
      { versions: '≤2.8', default: false, note: 'Default became true in 3.0 (KIP-679).' },
      {
        versions: '3.0.0, 3.1.0',
        note: 'A bug kept idempotence effectively off unless set explicitly (KAFKA-13598).',
      },
    ],
  },
  retries: {
    name: 'retries',
    kind: 'int',
    default: INT_MAX,
    validator: between(0, INT_MAX),
    docKey: 'config.retries',
    source: PRODUCER_CONFIG,
  },
  'delivery.timeout.ms': {
    name: 'delivery.timeout.ms',
    kind: 'int',
    default: 120000,
    validator: atLeast(0),
    docKey: 'config.delivery.timeout.ms',
    source: PRODUCER_CONFIG,
  },
  'request.timeout.ms': {
    name: 'request.timeout.ms',
    kind: 'int',
    default: 30000,
    validator: atLeast(0),
    docKey: 'config.request.timeout.ms',
    source: PRODUCER_CONFIG,
  },
  'max.in.flight.requests.per.connection': {
    name: 'max.in.flight.requests.per.connection',
    kind: 'int',
    default: 5,
    validator: atLeast(1),
    docKey: 'config.max.in.flight.requests.per.connection',
    source: PRODUCER_CONFIG,
    history: [
      {
        versions: '3.x',
        note: 'With idempotence left at its default, a value above 5 silently disabled idempotence; 4.0 rejects it.',
      },
    ],
  },
  'batch.size': {
    name: 'batch.size',
    kind: 'int',
    default: 16384,
    validator: atLeast(0),
    docKey: 'config.batch.size',
    source: PRODUCER_CONFIG,
  },
  'linger.ms': {
    name: 'linger.ms',
    kind: 'long',
    default: 5,
    validator: atLeast(0),
    docKey: 'config.linger.ms',
    source: PRODUCER_CONFIG,
    history: [{ versions: '≤3.9', default: 0, note: 'Default became 5 in 4.0 (KIP-1030).' }],
  },
  'buffer.memory': {
    name: 'buffer.memory',
    kind: 'long',
    default: 33554432,
    validator: atLeast(0),
    docKey: 'config.buffer.memory',
    source: PRODUCER_CONFIG,
  },
  'max.block.ms': {
    name: 'max.block.ms',
    kind: 'long',
    default: 60000,
    validator: atLeast(0),
    docKey: 'config.max.block.ms',
    source: PRODUCER_CONFIG,
  },
  'compression.type': {
    name: 'compression.type',
    kind: 'enum',
    default: 'none',
    validator: oneOf(['none', 'gzip', 'snappy', 'lz4', 'zstd']),
    docKey: 'config.producer.compression.type',
    source: PRODUCER_CONFIG,
  },
  'max.request.size': {
    name: 'max.request.size',
    kind: 'int',
    default: 1048576,
    validator: atLeast(0),
    docKey: 'config.max.request.size',
    source: PRODUCER_CONFIG,
  },
  'retry.backoff.ms': {
    name: 'retry.backoff.ms',
    kind: 'long',
    default: 100,
    validator: atLeast(0),
    docKey: 'config.retry.backoff.ms',
    source: PRODUCER_CONFIG,
  },
  'retry.backoff.max.ms': {
    name: 'retry.backoff.max.ms',
    kind: 'long',
    default: 1000,
    validator: atLeast(0),
    docKey: 'config.retry.backoff.max.ms',
    source: PRODUCER_CONFIG,
  },
  'partitioner.class': {
    name: 'partitioner.class',
    kind: 'string',
    default: null,
    validator: NO_VALIDATOR,
    docKey: 'config.partitioner.class',
    source: PRODUCER_CONFIG,
    history: [
      {
        versions: '≤3.9',
        note: 'DefaultPartitioner and UniformStickyPartitioner existed (deprecated in 3.3, removed in 4.0, KAFKA-18262).',
      },
    ],
  },
  'partitioner.ignore.keys': {
    name: 'partitioner.ignore.keys',
    kind: 'boolean',
    default: false,
    validator: NO_VALIDATOR,
    docKey: 'config.partitioner.ignore.keys',
    source: PRODUCER_CONFIG,
  },
  'partitioner.adaptive.partitioning.enable': {
    name: 'partitioner.adaptive.partitioning.enable',
    kind: 'boolean',
    default: true,
    validator: NO_VALIDATOR,
    docKey: 'config.partitioner.adaptive.partitioning.enable',
    source: PRODUCER_CONFIG,
  },
  'partitioner.availability.timeout.ms': {
    name: 'partitioner.availability.timeout.ms',
    kind: 'long',
    default: 0,
    validator: atLeast(0),
    docKey: 'config.partitioner.availability.timeout.ms',
    source: PRODUCER_CONFIG,
  },
  'transactional.id': {
    name: 'transactional.id',
    kind: 'string',
    default: null,
    validator: NON_EMPTY_STRING,
    docKey: 'config.transactional.id',
    source: PRODUCER_CONFIG,
  },
  'transaction.timeout.ms': {
    name: 'transaction.timeout.ms',
    kind: 'int',
    default: 60000,
    validator: NO_VALIDATOR,
    docKey: 'config.transaction.timeout.ms',
    source: PRODUCER_CONFIG,
  },
}
