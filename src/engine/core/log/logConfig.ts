/**
 * Topic-level log configs, with Kafka's names and 4.0 defaults (`storage/LogConfig.java`,
 * `ServerLogConfigs.java`). "Never"/"unlimited" (Kafka's −1 or Long.MAX_VALUE) is `null` here so the
 * state stays JSON. Bad values are answered with INVALID_CONFIG naming the key, never thrown.
 */
import { z } from 'zod'
import { kafkaError, type KafkaError } from '../errors'
import type { TimestampType } from './recordBatch'

export interface LogConfig {
  /** Roll when the active segment would exceed this many bytes. */
  'segment.bytes': number
  /** Roll when the record timestamps of the active segment span more than this. */
  'segment.ms': number
  /** Up to this much is subtracted from segment.ms, per segment, at random. */
  'segment.jitter.ms': number
  /** Size of each offset/time index; bounds the entries a segment can index. */
  'segment.index.bytes': number
  /** Bytes appended between two index entries. */
  'index.interval.bytes': number
  /** Delete segments whose newest record is older than this; null = keep forever. */
  'retention.ms': number | null
  /** Delete old segments while the partition is larger than this; null = unlimited. */
  'retention.bytes': number | null
  /** Largest batch (after compression) a producer may append. */
  'max.message.bytes': number
  'message.timestamp.type': TimestampType
  /** How far in the past a CreateTime timestamp may be; null = unlimited. */
  'message.timestamp.before.max.ms': number | null
  /** How far in the future a CreateTime timestamp may be; null = unlimited. */
  'message.timestamp.after.max.ms': number | null
  /** fsync after this many unflushed messages; null = never (Long.MAX_VALUE). */
  'flush.messages': number | null
  /** fsync when the last flush is this old; null = never (Long.MAX_VALUE). */
  'flush.ms': number | null
  /** Delay between renaming a deleted segment to `.deleted` and removing its files. */
  'file.delete.delay.ms': number
}

/** Kafka 4.0 defaults. */
export const LOG_CONFIG_DEFAULTS: Readonly<LogConfig> = {
  'segment.bytes': 1_073_741_824,
  'segment.ms': 604_800_000,
  'segment.jitter.ms': 0,
  'segment.index.bytes': 10_485_760,
  'index.interval.bytes': 4096,
  'retention.ms': 604_800_000,
  'retention.bytes': null,
  'max.message.bytes': 1_048_588,
  'message.timestamp.type': 'CreateTime',
  'message.timestamp.before.max.ms': null,
  'message.timestamp.after.max.ms': 3_600_000,
  'flush.messages': null,
  'flush.ms': null,
  'file.delete.delay.ms': 60_000,
}

/**
 * Which Kafka's rules apply. '3.x' only relaxes what KIP-1030 tightened in 4.0: the segment.bytes
 * minimum (14 instead of 1 MiB) and the default message.timestamp.after.max.ms (unlimited).
 */
export type LogConfigProfile = '4.0' | '3.x'

const SEGMENT_BYTES_MIN: Record<LogConfigProfile, number> = { '4.0': 1_048_576, '3.x': 14 }
const INT_MAX = 2_147_483_647

const long = (min: number) => z.number().int().min(min).max(Number.MAX_SAFE_INTEGER)
/** −1 (Kafka's "unlimited") and null both mean null. */
const unlimitedLong = (min: number) =>
  z.union([z.literal(-1), z.null(), long(min)]).transform((v) => (v === -1 ? null : v))

function configSchema(profile: LogConfigProfile) {
  return z
    .object({
      'segment.bytes': z.number().int().min(SEGMENT_BYTES_MIN[profile]).max(INT_MAX),
      'segment.ms': long(1),
      'segment.jitter.ms': long(0),
      'segment.index.bytes': z.number().int().min(4).max(INT_MAX),
      'index.interval.bytes': z.number().int().min(0).max(INT_MAX),
      'retention.ms': unlimitedLong(0),
      'retention.bytes': unlimitedLong(0),
      'max.message.bytes': z.number().int().min(0).max(INT_MAX),
      'message.timestamp.type': z.enum(['CreateTime', 'LogAppendTime']),
      'message.timestamp.before.max.ms': z.union([z.null(), long(0)]),
      'message.timestamp.after.max.ms': z.union([z.null(), long(0)]),
      'flush.messages': z.union([z.null(), long(1)]),
      'flush.ms': z.union([z.null(), long(0)]),
      'file.delete.delay.ms': long(0),
    })
    .partial()
    .strict()
}

export type LogConfigOverrides = { [K in keyof LogConfig]?: LogConfig[K] | -1 }

/** Applies `overrides` to `base` (the 4.0 defaults unless given) after validating them. */
export function resolveLogConfig(
  overrides: LogConfigOverrides = {},
  options: { profile?: LogConfigProfile; base?: LogConfig } = {},
): { ok: true; config: LogConfig } | { ok: false; error: KafkaError } {
  const profile = options.profile ?? '4.0'
  const parsed = configSchema(profile).safeParse(overrides)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const key = issue?.path.join('.') ?? 'config'
    return {
      ok: false,
      error: kafkaError('INVALID_CONFIG', `Invalid value for ${key}: ${issue?.message ?? ''}`),
    }
  }
  const base = options.base ?? {
    ...LOG_CONFIG_DEFAULTS,
    ...(profile === '3.x' ? { 'message.timestamp.after.max.ms': null } : {}),
  }
  const config: LogConfig = { ...base }
  for (const [key, value] of Object.entries(parsed.data)) {
    if (value !== undefined) Object.assign(config, { [key]: value })
  }
  return { ok: true, config }
}
