/**
 * Topic-level configs (storage/LogConfig.java, clients/common/config/TopicConfig.java,
 * server-common/.../ServerLogConfigs.java), with Kafka 4.0 defaults and validators.
 * 4.0 changes from KIP-1030 (later than the snapshot the spec cites): `segment.bytes` minimum
 * 1048576 (was 14) and `message.timestamp.after.max.ms` default 3600000 (was Long.MAX_VALUE).
 */
import type { ConfigCatalog } from './configTypes'
import { atLeast, listOf, NO_VALIDATOR, oneOf } from './validators'

export type CleanupPolicy = 'delete' | 'compact'
export type TopicCompressionType = 'uncompressed' | 'zstd' | 'lz4' | 'snappy' | 'gzip' | 'producer'
export type TimestampType = 'CreateTime' | 'LogAppendTime'

export interface TopicConfigs {
  readonly 'segment.bytes': number
  readonly 'segment.ms': number
  readonly 'segment.jitter.ms': number
  readonly 'segment.index.bytes': number
  readonly 'index.interval.bytes': number
  /** −1 = unlimited. */
  readonly 'retention.ms': number
  /** −1 = unlimited; the limit is per partition. */
  readonly 'retention.bytes': number
  readonly 'max.message.bytes': number
  readonly 'min.insync.replicas': number
  readonly 'unclean.leader.election.enable': boolean
  readonly 'cleanup.policy': readonly CleanupPolicy[]
  readonly 'compression.type': TopicCompressionType
  readonly 'message.timestamp.type': TimestampType
  readonly 'message.timestamp.after.max.ms': number | null
  /** null = Long.MAX_VALUE: any past timestamp is accepted. */
  readonly 'message.timestamp.before.max.ms': number | null
  /** null = Long.MAX_VALUE: never fsync by message count. */
  readonly 'flush.messages': number | null
  /** null = Long.MAX_VALUE: never fsync by time. */
  readonly 'flush.ms': number | null
  readonly 'file.delete.delay.ms': number
  readonly 'delete.retention.ms': number
}

const LOG_CONFIG = 'storage/LogConfig.java'

export const TOPIC_CONFIGS: ConfigCatalog<TopicConfigs> = {
  'segment.bytes': {
    name: 'segment.bytes',
    kind: 'int',
    default: 1073741824,
    validator: atLeast(1048576),
    docKey: 'config.segment.bytes',
    source: LOG_CONFIG,
    history: [
      {
        versions: '3.x',
        note: 'Minimum was 14 (LegacyRecord.RECORD_OVERHEAD_V0); raised to 1048576 in 4.0 (KIP-1030).',
      },
    ],
  },
  'segment.ms': {
    name: 'segment.ms',
    kind: 'long',
    default: 604800000,
    validator: atLeast(1),
    docKey: 'config.segment.ms',
    source: LOG_CONFIG,
  },
  'segment.jitter.ms': {
    name: 'segment.jitter.ms',
    kind: 'long',
    default: 0,
    validator: atLeast(0),
    docKey: 'config.segment.jitter.ms',
    source: LOG_CONFIG,
  },
  'segment.index.bytes': {
    name: 'segment.index.bytes',
    kind: 'int',
    default: 10485760,
    validator: atLeast(4),
    docKey: 'config.segment.index.bytes',
    source: LOG_CONFIG,
  },
  'index.interval.bytes': {
    name: 'index.interval.bytes',
    kind: 'int',
    default: 4096,
    validator: atLeast(0),
    docKey: 'config.index.interval.bytes',
    source: LOG_CONFIG,
  },
  'retention.ms': {
    name: 'retention.ms',
    kind: 'long',
    default: 604800000,
    validator: atLeast(-1),
    docKey: 'config.retention.ms',
    source: LOG_CONFIG,
  },
  'retention.bytes': {
    name: 'retention.bytes',
    kind: 'long',
    default: -1,
    validator: NO_VALIDATOR,
    docKey: 'config.retention.bytes',
    source: LOG_CONFIG,
  },
  'max.message.bytes': {
    name: 'max.message.bytes',
    kind: 'int',
    default: 1048588,
    validator: atLeast(0),
    docKey: 'config.max.message.bytes',
    source: LOG_CONFIG,
  },
  'min.insync.replicas': {
    name: 'min.insync.replicas',
    kind: 'int',
    default: 1,
    validator: atLeast(1),
    docKey: 'config.min.insync.replicas',
    source: LOG_CONFIG,
  },
  'unclean.leader.election.enable': {
    name: 'unclean.leader.election.enable',
    kind: 'boolean',
    default: false,
    validator: NO_VALIDATOR,
    docKey: 'config.unclean.leader.election.enable',
    source: LOG_CONFIG,
    history: [
      { versions: '≤0.10.2', default: true, note: 'Default became false in 0.11.0 (KIP-106).' },
    ],
  },
  'cleanup.policy': {
    name: 'cleanup.policy',
    kind: 'list',
    default: ['delete'],
    validator: listOf(['compact', 'delete']),
    docKey: 'config.cleanup.policy',
    source: LOG_CONFIG,
  },
  'compression.type': {
    name: 'compression.type',
    kind: 'enum',
    default: 'producer',
    validator: oneOf(['uncompressed', 'zstd', 'lz4', 'snappy', 'gzip', 'producer']),
    docKey: 'config.topic.compression.type',
    source: LOG_CONFIG,
  },
  'message.timestamp.type': {
    name: 'message.timestamp.type',
    kind: 'enum',
    default: 'CreateTime',
    validator: oneOf(['CreateTime', 'LogAppendTime']),
    docKey: 'config.message.timestamp.type',
    source: LOG_CONFIG,
  },
  'message.timestamp.after.max.ms': {
    name: 'message.timestamp.after.max.ms',
    kind: 'long',
    default: 3600000,
    validator: atLeast(0),
    longMaxValueIsNull: true,
    docKey: 'config.message.timestamp.after.max.ms',
    source: LOG_CONFIG,
    since: '3.6',
    history: [
      {
        versions: '3.x',
        default: null,
        note: 'Default was Long.MAX_VALUE (any future timestamp); 1 hour since 4.0 (KIP-1030).',
      },
    ],
  },
  'message.timestamp.before.max.ms': {
    name: 'message.timestamp.before.max.ms',
    kind: 'long',
    default: null,
    validator: atLeast(0),
    longMaxValueIsNull: true,
    docKey: 'config.message.timestamp.before.max.ms',
    source: LOG_CONFIG,
    since: '3.6',
  },
  'flush.messages': {
    name: 'flush.messages',
    kind: 'long',
    default: null,
    validator: atLeast(1),
    longMaxValueIsNull: true,
    docKey: 'config.flush.messages',
    source: LOG_CONFIG,
  },
  'flush.ms': {
    name: 'flush.ms',
    kind: 'long',
    default: null,
    validator: atLeast(0),
    longMaxValueIsNull: true,
    docKey: 'config.flush.ms',
    source: LOG_CONFIG,
  },
  'file.delete.delay.ms': {
    name: 'file.delete.delay.ms',
    kind: 'long',
    default: 60000,
    validator: atLeast(0),
    docKey: 'config.file.delete.delay.ms',
    source: LOG_CONFIG,
  },
  'delete.retention.ms': {
    name: 'delete.retention.ms',
    kind: 'long',
    default: 86400000,
    validator: atLeast(0),
    docKey: 'config.delete.retention.ms',
    source: LOG_CONFIG,
  },
}
