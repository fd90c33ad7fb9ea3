/**
 * Broker configs the simulator uses, with Kafka 4.0 (KRaft) defaults and validators:
 * server/.../ReplicationConfigs.java, KRaftConfigs.java, server-common/.../ServerLogConfigs.java,
 * gc/GroupCoordinatorConfig.java, transaction-coordinator/.../TransactionStateManagerConfig.java
 * and TransactionLogConfig.java. The `log.*` configs are the broker-wide defaults of topic configs.
 */
import type { ConfigCatalog } from './configTypes'
import { atLeast, NO_VALIDATOR } from './validators'

export interface BrokerConfigs {
  readonly 'broker.heartbeat.interval.ms': number
  readonly 'broker.session.timeout.ms': number
  readonly 'replica.lag.time.max.ms': number
  readonly 'replica.fetch.wait.max.ms': number
  readonly 'replica.fetch.min.bytes': number
  readonly 'replica.fetch.max.bytes': number
  readonly 'replica.high.watermark.checkpoint.interval.ms': number
  readonly 'min.insync.replicas': number
  readonly 'default.replication.factor': number
  readonly 'num.partitions': number
  readonly 'unclean.leader.election.enable': boolean
  readonly 'auto.leader.rebalance.enable': boolean
  readonly 'leader.imbalance.check.interval.seconds': number
  readonly 'leader.imbalance.per.broker.percentage': number
  readonly 'log.segment.bytes': number
  readonly 'log.retention.hours': number
  /** null = unset (then `log.retention.minutes`/`hours` apply); −1 = unlimited. */
  readonly 'log.retention.ms': number | null
  readonly 'log.retention.bytes': number
  readonly 'log.retention.check.interval.ms': number
  readonly 'log.index.interval.bytes': number
  readonly 'log.index.size.max.bytes': number
  /** null = Long.MAX_VALUE: never fsync by message count. */
  readonly 'log.flush.interval.messages': number | null
  /** null = unset: falls back to `log.flush.scheduler.interval.ms` (never). */
  readonly 'log.flush.interval.ms': number | null
  /** null = Long.MAX_VALUE: the time-based flush check never runs. */
  readonly 'log.flush.scheduler.interval.ms': number | null
  readonly 'log.flush.offset.checkpoint.interval.ms': number
  readonly 'log.message.timestamp.after.max.ms': number | null
  readonly 'log.message.timestamp.before.max.ms': number | null
  readonly 'group.initial.rebalance.delay.ms': number
  readonly 'group.min.session.timeout.ms': number
  readonly 'group.max.session.timeout.ms': number
  readonly 'group.consumer.heartbeat.interval.ms': number
  readonly 'group.consumer.session.timeout.ms': number
  readonly 'offsets.topic.num.partitions': number
  readonly 'offsets.topic.replication.factor': number
  readonly 'offsets.retention.minutes': number
  readonly 'transaction.max.timeout.ms': number
  readonly 'transaction.state.log.num.partitions': number
  readonly 'producer.id.expiration.ms': number
}

const REPLICATION = 'server/.../ReplicationConfigs.java'
const KRAFT = 'server/.../KRaftConfigs.java'
const SERVER_LOG = 'server-common/.../ServerLogConfigs.java'
const GROUP = 'gc/GroupCoordinatorConfig.java'
const TRANSACTION = 'transaction-coordinator/.../TransactionStateManagerConfig.java'

export const BROKER_CONFIGS: ConfigCatalog<BrokerConfigs> = {
  'broker.heartbeat.interval.ms': {
    name: 'broker.heartbeat.interval.ms',
    kind: 'int',
    default: 2000,
    validator: NO_VALIDATOR,
    docKey: 'config.broker.heartbeat.interval.ms',
    source: KRAFT,
  },
  'broker.session.timeout.ms': {
    name: 'broker.session.timeout.ms',
    kind: 'int',
    default: 9000,
    validator: NO_VALIDATOR,
    docKey: 'config.broker.session.timeout.ms',
    source: KRAFT,
  },
  'replica.lag.time.max.ms': {
    name: 'replica.lag.time.max.ms',
    kind: 'long',
    default: 30000,
    validator: NO_VALIDATOR,
    docKey: 'config.replica.lag.time.max.ms',
    source: REPLICATION,
    history: [{ versions: '≤2.4', default: 10000, note: 'Raised to 30000 in 2.5 (KIP-537).' }],
  },
  'replica.fetch.wait.max.ms': {
    name: 'replica.fetch.wait.max.ms',
    kind: 'int',
    default: 500,
    validator: NO_VALIDATOR,
    docKey: 'config.replica.fetch.wait.max.ms',
    source: REPLICATION,
  },
  'replica.fetch.min.bytes': {
    name: 'replica.fetch.min.bytes',
    kind: 'int',
    default: 1,
    validator: NO_VALIDATOR,
    docKey: 'config.replica.fetch.min.bytes',
    source: REPLICATION,
  },
  'replica.fetch.max.bytes': {
    name: 'replica.fetch.max.bytes',
    kind: 'int',
    default: 1048576,
    validator: atLeast(0),
    docKey: 'config.replica.fetch.max.bytes',
    source: REPLICATION,
  },
  'replica.high.watermark.checkpoint.interval.ms': {
    name: 'replica.high.watermark.checkpoint.interval.ms',
    kind: 'long',
    default: 5000,
    validator: NO_VALIDATOR,
    docKey: 'config.replica.high.watermark.checkpoint.interval.ms',
    source: REPLICATION,
  },
  'min.insync.replicas': {
    name: 'min.insync.replicas',
    kind: 'int',
    default: 1,
    validator: atLeast(1),
    docKey: 'config.min.insync.replicas',
    source: SERVER_LOG,
  },
  'default.replication.factor': {
    name: 'default.replication.factor',
    kind: 'int',
    default: 1,
    validator: NO_VALIDATOR,
    docKey: 'config.default.replication.factor',
    source: REPLICATION,
  },
  'num.partitions': {
    name: 'num.partitions',
    kind: 'int',
    default: 1,
    validator: atLeast(1),
    docKey: 'config.num.partitions',
    source: SERVER_LOG,
  },
  'unclean.leader.election.enable': {
    name: 'unclean.leader.election.enable',
    kind: 'boolean',
    default: false,
    validator: NO_VALIDATOR,
    docKey: 'config.unclean.leader.election.enable',
    source: REPLICATION,
    history: [
      { versions: '≤0.10.2', default: true, note: 'Default became false in 0.11.0 (KIP-106).' },
    ],
  },
  'auto.leader.rebalance.enable': {
    name: 'auto.leader.rebalance.enable',
    kind: 'boolean',
    default: true,
    validator: NO_VALIDATOR,
    docKey: 'config.auto.leader.rebalance.enable',
    source: REPLICATION,
  },
  'leader.imbalance.check.interval.seconds': {
    name: 'leader.imbalance.check.interval.seconds',
    kind: 'long',
    default: 300,
    validator: atLeast(1),
    docKey: 'config.leader.imbalance.check.interval.seconds',
    source: REPLICATION,
  },
  'leader.imbalance.per.broker.percentage': {
    name: 'leader.imbalance.per.broker.percentage',
    kind: 'int',
    default: 10,
    validator: NO_VALIDATOR,
    docKey: 'config.leader.imbalance.per.broker.percentage',
    source: REPLICATION,
  },
  'log.segment.bytes': {
    name: 'log.segment.bytes',
    kind: 'int',
    default: 1073741824,
    validator: atLeast(1048576),
    docKey: 'config.segment.bytes',
    source: SERVER_LOG,
    history: [{ versions: '3.x', note: 'Minimum was 14; 1048576 since 4.0 (KIP-1030).' }],
  },
  'log.retention.hours': {
    name: 'log.retention.hours',
    kind: 'int',
    default: 168,
    validator: NO_VALIDATOR,
    docKey: 'config.log.retention.hours',
    source: SERVER_LOG,
  },
  'log.retention.ms': {
    name: 'log.retention.ms',
    kind: 'long',
    default: null,
    validator: NO_VALIDATOR,
    docKey: 'config.retention.ms',
    source: SERVER_LOG,
  },
  'log.retention.bytes': {
    name: 'log.retention.bytes',
    kind: 'long',
    default: -1,
    validator: NO_VALIDATOR,
    docKey: 'config.retention.bytes',
    source: SERVER_LOG,
  },
  'log.retention.check.interval.ms': {
    name: 'log.retention.check.interval.ms',
    kind: 'long',
    default: 300000,
    validator: atLeast(1),
    docKey: 'config.log.retention.check.interval.ms',
    source: SERVER_LOG,
  },
  'log.index.interval.bytes': {
    name: 'log.index.interval.bytes',
    kind: 'int',
    default: 4096,
    validator: atLeast(0),
    docKey: 'config.index.interval.bytes',
    source: SERVER_LOG,
  },
  'log.index.size.max.bytes': {
    name: 'log.index.size.max.bytes',
    kind: 'int',
    default: 10485760,
    validator: atLeast(4),
    docKey: 'config.segment.index.bytes',
    source: SERVER_LOG,
  },
  'log.flush.interval.messages': {
    name: 'log.flush.interval.messages',
    kind: 'long',
    default: null,
    validator: atLeast(1),
    longMaxValueIsNull: true,
    docKey: 'config.flush.messages',
    source: SERVER_LOG,
  },
  'log.flush.interval.ms': {
    name: 'log.flush.interval.ms',
    kind: 'long',
    default: null,
    validator: NO_VALIDATOR,
    longMaxValueIsNull: true,
    docKey: 'config.flush.ms',
    source: SERVER_LOG,
  },
  'log.flush.scheduler.interval.ms': {
    name: 'log.flush.scheduler.interval.ms',
    kind: 'long',
    default: null,
    validator: NO_VALIDATOR,
    longMaxValueIsNull: true,
    docKey: 'config.log.flush.scheduler.interval.ms',
    source: SERVER_LOG,
  },
  'log.flush.offset.checkpoint.interval.ms': {
    name: 'log.flush.offset.checkpoint.interval.ms',
    kind: 'int',
    default: 60000,
    validator: atLeast(0),
    docKey: 'config.log.flush.offset.checkpoint.interval.ms',
    source: SERVER_LOG,
  },
  'log.message.timestamp.after.max.ms': {
    name: 'log.message.timestamp.after.max.ms',
    kind: 'long',
    default: 3600000,
    validator: atLeast(0),
    longMaxValueIsNull: true,
    docKey: 'config.message.timestamp.after.max.ms',
    source: SERVER_LOG,
    history: [
      {
        versions: '3.x',
        default: null,
        note: 'Default was Long.MAX_VALUE; 1 hour since 4.0 (KIP-1030).',
      },
    ],
  },
  'log.message.timestamp.before.max.ms': {
    name: 'log.message.timestamp.before.max.ms',
    kind: 'long',
    default: null,
    validator: atLeast(0),
    longMaxValueIsNull: true,
    docKey: 'config.message.timestamp.before.max.ms',
    source: SERVER_LOG,
  },
  'group.initial.rebalance.delay.ms': {
    name: 'group.initial.rebalance.delay.ms',
    kind: 'int',
    default: 3000,
    validator: NO_VALIDATOR,
    docKey: 'config.group.initial.rebalance.delay.ms',
    source: GROUP,
  },
  'group.min.session.timeout.ms': {
    name: 'group.min.session.timeout.ms',
    kind: 'int',
    default: 6000,
    validator: NO_VALIDATOR,
    docKey: 'config.group.min.session.timeout.ms',
    source: GROUP,
  },
  'group.max.session.timeout.ms': {
    name: 'group.max.session.timeout.ms',
    kind: 'int',
    default: 1800000,
    validator: NO_VALIDATOR,
    docKey: 'config.group.max.session.timeout.ms',
    source: GROUP,
  },
  'group.consumer.heartbeat.interval.ms': {
    name: 'group.consumer.heartbeat.interval.ms',
    kind: 'int',
    default: 5000,
    validator: atLeast(1),
    docKey: 'config.group.consumer.heartbeat.interval.ms',
    source: GROUP,
  },
  'group.consumer.session.timeout.ms': {
    name: 'group.consumer.session.timeout.ms',
    kind: 'int',
    default: 45000,
    validator: atLeast(1),
    docKey: 'config.group.consumer.session.timeout.ms',
    source: GROUP,
  },
  'offsets.topic.num.partitions': {
    name: 'offsets.topic.num.partitions',
    kind: 'int',
    default: 50,
    validator: atLeast(1),
    docKey: 'config.offsets.topic.num.partitions',
    source: GROUP,
  },
  'offsets.topic.replication.factor': {
    name: 'offsets.topic.replication.factor',
    kind: 'short',
    default: 3,
    validator: atLeast(1),
    docKey: 'config.offsets.topic.replication.factor',
    source: GROUP,
  },
  'offsets.retention.minutes': {
    name: 'offsets.retention.minutes',
    kind: 'int',
    default: 10080,
    validator: atLeast(1),
    docKey: 'config.offsets.retention.minutes',
    source: GROUP,
  },
  'transaction.max.timeout.ms': {
    name: 'transaction.max.timeout.ms',
    kind: 'int',
    default: 900000,
    validator: atLeast(1),
    docKey: 'config.transaction.max.timeout.ms',
    source: TRANSACTION,
  },
  'transaction.state.log.num.partitions': {
    name: 'transaction.state.log.num.partitions',
    kind: 'int',
    default: 50,
    validator: atLeast(1),
    docKey: 'config.transaction.state.log.num.partitions',
    source: 'transaction-coordinator/.../TransactionLogConfig.java',
  },
  'producer.id.expiration.ms': {
    name: 'producer.id.expiration.ms',
    kind: 'int',
    default: 86400000,
    validator: atLeast(1),
    docKey: 'config.producer.id.expiration.ms',
    source: 'transaction-coordinator/.../TransactionLogConfig.java',
  },
}
