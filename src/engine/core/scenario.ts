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

/** Broker configs the engine models so far, with Kafka's names. */
const brokerConfigsSchema = z
  .object({
    'broker.heartbeat.interval.ms': z.number().int().min(1).max(3_600_000),
    'broker.session.timeout.ms': z.number().int().min(1).max(3_600_000),
  })
  .partial()
  .strict()

export const scenarioSchema = z
  .object({
    brokers: z.number().int().min(1).max(BROKERS_MAX),
    brokerConfigs: brokerConfigsSchema.optional(),
    network: networkSchema.optional(),
  })
  .strict()

export type ScenarioConfig = z.infer<typeof scenarioSchema>

export const DEFAULT_NETWORK = { latencyMsMin: 1, latencyMsMax: 5, lossPerMille: 0 } as const

/** Kafka 4.0 defaults (server/.../KRaftConfigs.java). */
export const BROKER_CONFIG_DEFAULTS = {
  'broker.heartbeat.interval.ms': 2000,
  'broker.session.timeout.ms': 9000,
} as const

export type BrokerConfigs = { -readonly [K in keyof typeof BROKER_CONFIG_DEFAULTS]: number }

export function resolveBrokerConfigs(scenario: ScenarioConfig): BrokerConfigs {
  const given = scenario.brokerConfigs ?? {}
  return {
    'broker.heartbeat.interval.ms':
      given['broker.heartbeat.interval.ms'] ??
      BROKER_CONFIG_DEFAULTS['broker.heartbeat.interval.ms'],
    'broker.session.timeout.ms':
      given['broker.session.timeout.ms'] ?? BROKER_CONFIG_DEFAULTS['broker.session.timeout.ms'],
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
