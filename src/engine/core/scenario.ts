/**
 * A scenario is the starting cluster of a run: with the seed and the command log it determines
 * everything. Scenarios arrive from URLs, replay files and lessons, so they are validated here and
 * a bad one is refused with Kafka's `INVALID_CONFIG` and a message that names the field.
 */
import { z } from 'zod'
import { kafkaError, type KafkaError } from './errors'

export const BROKERS_MAX = 6

const networkSchema = z
  .object({
    latencyMsMin: z.number().int().min(1).max(10_000),
    latencyMsMax: z.number().int().min(1).max(10_000),
    /** Probability that a message is lost, in thousandths (integers keep decisions exact). */
    lossPerMille: z.number().int().min(0).max(1000),
  })
  .strict()
  .refine((n) => n.latencyMsMin <= n.latencyMsMax, {
    message: 'latencyMsMin must not exceed latencyMsMax',
  })

const ms = z
  .number()
  .int()
  .min(1)
  .max(7 * 86_400_000)

/** Broker configs the engine models, with Kafka's names. */
const brokerConfigsSchema = z
  .object({
    'broker.heartbeat.interval.ms': ms,
    'broker.session.timeout.ms': ms,
    'replica.lag.time.max.ms': ms,
    'replica.fetch.wait.max.ms': ms,
    'replica.fetch.max.bytes': z
      .number()
      .int()
      .min(1)
      .max(1 << 30),
    'replica.fetch.backoff.ms': ms,
    'replica.high.watermark.checkpoint.interval.ms': ms,
    'log.retention.check.interval.ms': ms,
    'min.insync.replicas': z.number().int().min(1).max(BROKERS_MAX),
    'unclean.leader.election.enable': z.boolean(),
    'auto.leader.rebalance.enable': z.boolean(),
    'leader.imbalance.check.interval.seconds': z.number().int().min(1).max(86_400),
    'group.initial.rebalance.delay.ms': z.number().int().min(0).max(600_000),
    'group.min.session.timeout.ms': ms,
    'group.max.session.timeout.ms': ms,
    'offsets.topic.num.partitions': z.number().int().min(1).max(1000),
  })
  .partial()
  .strict()

/** Topic-level configs (Kafka's names); log configs are validated by the log layer. */
const topicConfigsSchema = z.record(
  z.string().max(100),
  z.union([z.number(), z.string().max(200), z.boolean()]),
)

export const topicSpecSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(249)
      .regex(/^[a-zA-Z0-9._-]+$/, 'topic names use only letters, digits, ".", "_" and "-"'),
    partitions: z.number().int().min(1).max(12),
    replicationFactor: z.number().int().min(1).max(BROKERS_MAX),
    /** Explicit assignment per partition (first = preferred leader); default is striped. */
    replicas: z.array(z.array(z.number().int().min(1).max(BROKERS_MAX)).min(1)).optional(),
    configs: topicConfigsSchema.optional(),
  })
  .strict()

export type TopicSpec = z.infer<typeof topicSpecSchema>

/**
 * Older Kafka behaviour a lesson can switch on to show what changed and why:
 * `highWatermarkTruncation`: a restarting follower truncates to its own HW (≤ 0.10.2, before
 * KIP-101); `minIsrGatesHighWatermark: false`: the HW advances even with ISR < min ISR (≤ 3.6).
 */
const legacySchema = z
  .object({ highWatermarkTruncation: z.boolean(), minIsrGatesHighWatermark: z.boolean() })
  .partial()
  .strict()

export const scenarioSchema = z
  .object({
    brokers: z.number().int().min(1).max(BROKERS_MAX),
    brokerConfigs: brokerConfigsSchema.optional(),
    topics: z.array(topicSpecSchema).max(12).optional(),
    network: networkSchema.optional(),
    legacy: legacySchema.optional(),
  })
  .strict()
  .superRefine((scenario, ctx) => {
    const names = new Set<string>()
    for (const [i, topic] of (scenario.topics ?? []).entries()) {
      const issue = (message: string) =>
        ctx.addIssue({ code: 'custom', path: ['topics', i], message })
      if (names.has(topic.name))
        issue(`TOPIC_ALREADY_EXISTS: topic '${topic.name}' is listed twice`)
      names.add(topic.name)
      if (topic.replicationFactor > scenario.brokers) {
        issue(
          `INVALID_REPLICATION_FACTOR: replication factor ${topic.replicationFactor} is larger than the ${scenario.brokers} broker(s)`,
        )
      }
      for (const replicas of topic.replicas ?? []) {
        if (
          replicas.some((b) => b > scenario.brokers) ||
          new Set(replicas).size !== replicas.length ||
          replicas.length !== topic.replicationFactor
        ) {
          issue(
            `INVALID_REPLICATION_FACTOR: each partition needs ${topic.replicationFactor} distinct brokers from 1 to ${scenario.brokers}`,
          )
        }
      }
      if (topic.replicas !== undefined && topic.replicas.length !== topic.partitions) {
        issue(
          `INVALID_PARTITIONS: the assignment lists ${topic.replicas.length} partitions, not ${topic.partitions}`,
        )
      }
    }
  })

export type ScenarioConfig = z.infer<typeof scenarioSchema>

export const DEFAULT_NETWORK = { latencyMsMin: 1, latencyMsMax: 5, lossPerMille: 0 } as const

/** Kafka 4.0 defaults (KRaftConfigs.java, ReplicationConfigs.java, ServerLogConfigs.java). */
export const BROKER_CONFIG_DEFAULTS = {
  'broker.heartbeat.interval.ms': 2000,
  'broker.session.timeout.ms': 9000,
  'replica.lag.time.max.ms': 30_000,
  'replica.fetch.wait.max.ms': 500,
  'replica.fetch.max.bytes': 1_048_576,
  'replica.fetch.backoff.ms': 1000,
  'replica.high.watermark.checkpoint.interval.ms': 5000,
  /** LogManager's retention task period (ServerLogConfigs: 5 minutes). */
  'log.retention.check.interval.ms': 300_000,
  'min.insync.replicas': 1,
  'unclean.leader.election.enable': false,
  'auto.leader.rebalance.enable': true,
  'leader.imbalance.check.interval.seconds': 300,
  'group.initial.rebalance.delay.ms': 3000,
  'group.min.session.timeout.ms': 6000,
  'group.max.session.timeout.ms': 1_800_000,
  'offsets.topic.num.partitions': 50,
}

export type BrokerConfigs = typeof BROKER_CONFIG_DEFAULTS

export function resolveBrokerConfigs(scenario: ScenarioConfig): BrokerConfigs {
  const resolved: Record<string, unknown> = { ...BROKER_CONFIG_DEFAULTS }
  for (const [key, value] of Object.entries(scenario.brokerConfigs ?? {})) {
    if (value !== undefined) resolved[key] = value
  }
  return resolved as BrokerConfigs
}

export function resolveLegacy(scenario: ScenarioConfig) {
  return {
    highWatermarkTruncation: scenario.legacy?.highWatermarkTruncation ?? false,
    minIsrGatesHighWatermark: scenario.legacy?.minIsrGatesHighWatermark ?? true,
  }
}

export function resolveNetwork(scenario: ScenarioConfig) {
  return scenario.network ?? DEFAULT_NETWORK
}

/** The cluster most lessons start from: three brokers on a quiet network. */
export const STANDARD_SCENARIO: ScenarioConfig = { brokers: 3, network: { ...DEFAULT_NETWORK } }

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: KafkaError }

/** Validates untrusted input (URL, replay file, lesson) into a scenario. */
export function parseScenario(input: unknown): ParseResult<ScenarioConfig> {
  const result = scenarioSchema.safeParse(input)
  if (result.success) return { ok: true, value: result.data }
  return { ok: false, error: kafkaError('INVALID_CONFIG', describeZodError(result.error)) }
}

/** One line per problem, each naming the field, e.g. `brokers: Too big: expected number to be <=6`. */
export function describeZodError(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ')
}
