/**
 * Consumer configs (clients/consumer/ConsumerConfig.java) with Kafka 4.0 defaults and validators
 * (KAFKA_SPEC §4.1).
 *
 * `partition.assignment.strategy` holds assignor names ('range', 'cooperative-sticky', …); the
 * Java class names Kafka expects are accepted too and stored as those names.
 * Not modelled: `auto.offset.reset=by_duration:<ISO-8601>` (KIP-1106).
 */
import type { AssignorName } from '../clients/assignors/types'
import type { ConfigCatalog } from './configTypes'
import { atLeast, listOf, NO_VALIDATOR, NON_EMPTY_STRING, oneOf } from './validators'

export type AutoOffsetReset = 'earliest' | 'latest' | 'none'
export type IsolationLevel = 'read_uncommitted' | 'read_committed'
export type GroupProtocol = 'classic' | 'consumer'

export interface ConsumerConfigs {
  readonly 'group.id': string | null
  readonly 'group.instance.id': string | null
  readonly 'client.id': string
  readonly 'group.protocol': GroupProtocol
  readonly 'group.remote.assignor': string | null
  readonly 'session.timeout.ms': number
  readonly 'heartbeat.interval.ms': number
  readonly 'max.poll.interval.ms': number
  readonly 'max.poll.records': number
  readonly 'enable.auto.commit': boolean
  readonly 'auto.commit.interval.ms': number
  readonly 'auto.offset.reset': AutoOffsetReset
  readonly 'isolation.level': IsolationLevel
  readonly 'partition.assignment.strategy': readonly AssignorName[]
  readonly 'fetch.min.bytes': number
  readonly 'fetch.max.bytes': number
  readonly 'fetch.max.wait.ms': number
  readonly 'max.partition.fetch.bytes': number
  readonly 'request.timeout.ms': number
  readonly 'default.api.timeout.ms': number
  readonly 'retry.backoff.ms': number
  readonly 'allow.auto.create.topics': boolean
}

const CONSUMER_CONFIG = 'clients/consumer/ConsumerConfig.java'

const ASSIGNOR_NAMES: readonly AssignorName[] = [
  'range',
  'roundrobin',
  'sticky',
  'cooperative-sticky',
]
const ASSIGNOR_CLASS_NAMES: Readonly<Record<string, AssignorName>> = {
  'org.apache.kafka.clients.consumer.RangeAssignor': 'range',
  'org.apache.kafka.clients.consumer.RoundRobinAssignor': 'roundrobin',
  'org.apache.kafka.clients.consumer.StickyAssignor': 'sticky',
  'org.apache.kafka.clients.consumer.CooperativeStickyAssignor': 'cooperative-sticky',
}

export const CONSUMER_CONFIGS: ConfigCatalog<ConsumerConfigs> = {
  'group.id': {
    name: 'group.id',
    kind: 'string',
    default: null,
    validator: NO_VALIDATOR,
    docKey: 'config.group.id',
    source: CONSUMER_CONFIG,
  },
  'group.instance.id': {
    name: 'group.instance.id',
    kind: 'string',
    default: null,
    validator: NON_EMPTY_STRING,
    docKey: 'config.group.instance.id',
    source: CONSUMER_CONFIG,
    since: '2.3',
  },
  'client.id': {
    name: 'client.id',
    kind: 'string',
    default: '',
    validator: NO_VALIDATOR,
    docKey: 'config.client.id',
    source: CONSUMER_CONFIG,
  },
  'group.protocol': {
    name: 'group.protocol',
    kind: 'enum',
    default: 'classic',
    validator: oneOf(['classic', 'consumer'], true),
    docKey: 'config.group.protocol',
    source: CONSUMER_CONFIG,
  },
  'group.remote.assignor': {
    name: 'group.remote.assignor',
    kind: 'string',
    default: null,
    validator: NO_VALIDATOR,
    docKey: 'config.group.remote.assignor',
    source: CONSUMER_CONFIG,
  },
  'session.timeout.ms': {
    name: 'session.timeout.ms',
    kind: 'int',
    default: 45000,
    validator: NO_VALIDATOR,
    docKey: 'config.session.timeout.ms',
    source: CONSUMER_CONFIG,
    history: [{ versions: '≤2.8', default: 10000, note: 'Raised to 45000 in 3.0 (KIP-735).' }],
  },
  'heartbeat.interval.ms': {
    name: 'heartbeat.interval.ms',
    kind: 'int',
    default: 3000,
    validator: NO_VALIDATOR,
    docKey: 'config.heartbeat.interval.ms',
    source: CONSUMER_CONFIG,
  },
  'max.poll.interval.ms': {
    name: 'max.poll.interval.ms',
    kind: 'int',
    default: 300000,
    validator: atLeast(1),
    docKey: 'config.max.poll.interval.ms',
    source: CONSUMER_CONFIG,
  },
  'max.poll.records': {
    name: 'max.poll.records',
    kind: 'int',
    default: 500,
    validator: atLeast(1),
    docKey: 'config.max.poll.records',
    source: CONSUMER_CONFIG,
  },
  'enable.auto.commit': {
    name: 'enable.auto.commit',
    kind: 'boolean',
    default: true,
    validator: NO_VALIDATOR,
    docKey: 'config.enable.auto.commit',
    source: CONSUMER_CONFIG,
  },
  'auto.commit.interval.ms': {
    name: 'auto.commit.interval.ms',
    kind: 'int',
    default: 5000,
    validator: atLeast(0),
    docKey: 'config.auto.commit.interval.ms',
    source: CONSUMER_CONFIG,
  },
  'auto.offset.reset': {
    name: 'auto.offset.reset',
    kind: 'enum',
    default: 'latest',
    validator: oneOf(['latest', 'earliest', 'none']),
    docKey: 'config.auto.offset.reset',
    source: CONSUMER_CONFIG,
  },
  'isolation.level': {
    name: 'isolation.level',
    kind: 'enum',
    default: 'read_uncommitted',
    validator: oneOf(['read_committed', 'read_uncommitted']),
    docKey: 'config.isolation.level',
    source: CONSUMER_CONFIG,
  },
  'partition.assignment.strategy': {
    name: 'partition.assignment.strategy',
    kind: 'list',
    default: ['range', 'cooperative-sticky'],
    validator: listOf(ASSIGNOR_NAMES, ASSIGNOR_CLASS_NAMES),
    docKey: 'config.partition.assignment.strategy',
    source: CONSUMER_CONFIG,
  },
  'fetch.min.bytes': {
    name: 'fetch.min.bytes',
    kind: 'int',
    default: 1,
    validator: atLeast(0),
    docKey: 'config.fetch.min.bytes',
    source: CONSUMER_CONFIG,
  },
  'fetch.max.bytes': {
    name: 'fetch.max.bytes',
    kind: 'int',
    default: 52428800,
    validator: atLeast(0),
    docKey: 'config.fetch.max.bytes',
    source: CONSUMER_CONFIG,
  },
  'fetch.max.wait.ms': {
    name: 'fetch.max.wait.ms',
    kind: 'int',
    default: 500,
    validator: atLeast(0),
    docKey: 'config.fetch.max.wait.ms',
    source: CONSUMER_CONFIG,
  },
  'max.partition.fetch.bytes': {
    name: 'max.partition.fetch.bytes',
    kind: 'int',
    default: 1048576,
    validator: atLeast(0),
    docKey: 'config.max.partition.fetch.bytes',
    source: CONSUMER_CONFIG,
  },
  'request.timeout.ms': {
    name: 'request.timeout.ms',
    kind: 'int',
    default: 30000,
    validator: atLeast(0),
    docKey: 'config.request.timeout.ms',
    source: CONSUMER_CONFIG,
  },
  'default.api.timeout.ms': {
    name: 'default.api.timeout.ms',
    kind: 'int',
    default: 60000,
    validator: atLeast(0),
    docKey: 'config.default.api.timeout.ms',
    source: CONSUMER_CONFIG,
  },
  'retry.backoff.ms': {
    name: 'retry.backoff.ms',
    kind: 'long',
    default: 100,
    validator: atLeast(0),
    docKey: 'config.retry.backoff.ms',
    source: CONSUMER_CONFIG,
  },
  'allow.auto.create.topics': {
    name: 'allow.auto.create.topics',
    kind: 'boolean',
    default: true,
    validator: NO_VALIDATOR,
    docKey: 'config.allow.auto.create.topics',
    source: CONSUMER_CONFIG,
  },
}
