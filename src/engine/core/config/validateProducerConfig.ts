/**
 * What `new KafkaProducer(props)` accepts in Kafka 4.0, and what it silently changes
 * (ProducerConfig#postProcessAndValidateIdempotenceConfigs, KafkaProducer#configureDeliveryTimeout;
 * KAFKA_SPEC §3.1, SCENARIOS P-7).
 *
 * Idempotence (default on) needs `retries > 0`, `acks=all` and at most 5 in-flight requests:
 * - retries/acks in conflict: an explicit `enable.idempotence=true` is a ConfigException; left at
 *   its default, idempotence is silently disabled (reported here as a note);
 * - more than 5 in flight: a ConfigException in 4.0 even when idempotence was left at its default
 *   ([3.x] it was silently disabled with a warning).
 * `transactional.id` then requires idempotence to still be on.
 */
import { kafkaError, type KafkaError } from '../errors'
import { INT_MAX } from './validators'
import type { ConfigNote, ValidateConfigResult } from './configTypes'
import { parseConfigs } from './parseConfigs'
import { asConfigException, configProblem } from './parseConfigValue'
import type { ProducerConfigs } from './producerConfigs'

export interface ProducerSettings {
  /** Resolved configs; `enable.idempotence` and `delivery.timeout.ms` hold the effective values. */
  readonly configs: ProducerConfigs
  /** `acks` as the wire value: all → −1. */
  readonly requiredAcks: -1 | 0 | 1
  readonly idempotenceEnabled: boolean
  readonly transactional: boolean
  readonly notes: readonly ConfigNote[]
}

const MAX_IN_FLIGHT_FOR_IDEMPOTENCE = 5

/** `ProducerConfig#parseAcks`: "all" → −1, else the number. */
function requiredAcksOf(acks: ProducerConfigs['acks']): -1 | 0 | 1 {
  return acks === 'all' || acks === '-1' ? -1 : acks === '0' ? 0 : 1
}

/** Validates producer configs like the Java producer's constructor (first failure wins). */
export function validateProducerConfig(
  raw: Readonly<Record<string, unknown>>,
): ValidateConfigResult<ProducerSettings> {
  const parsed = parseConfigs('producer', raw)
  if (!parsed.ok) return { ok: false, errors: parsed.errors.map(asConfigException) }
  const fail = (config: string, message: string, accepted: string | null) => ({
    ok: false as const,
    errors: [configProblem('ConfigException', config, message, accepted)],
  })

  const configs = parsed.configs
  const userConfiguredIdempotence = parsed.explicitlySet.includes('enable.idempotence')
  const requiredAcks = requiredAcksOf(configs.acks)
  const notes: ConfigNote[] = []
  let idempotenceEnabled = configs['enable.idempotence']

  if (idempotenceEnabled) {
    if (configs.retries === 0) {
      if (userConfiguredIdempotence) {
        return fail(
          'retries',
          'Must set retries to non-zero when using the idempotent producer.',
          '[1,...,2147483647] with enable.idempotence=true',
        )
      }
      notes.push({
        kind: 'idempotenceDisabled',
        config: 'retries',
        message: 'Idempotence will be disabled because retries is set to 0.',
      })
    }
    if (requiredAcks !== -1) {
      if (userConfiguredIdempotence) {
        return fail(
          'acks',
          'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.',
          'all (or -1) with enable.idempotence=true',
        )
      }
      notes.push({
        kind: 'idempotenceDisabled',
        config: 'acks',
        message: `Idempotence will be disabled because acks is set to ${requiredAcks}, not set to 'all'.`,
      })
    }
    const inFlight = configs['max.in.flight.requests.per.connection']
    if (inFlight > MAX_IN_FLIGHT_FOR_IDEMPOTENCE) {
      return fail(
        'max.in.flight.requests.per.connection',
        'To use the idempotent producer, max.in.flight.requests.per.connection must be set to ' +
          `at most 5. Current value is ${inFlight}.`,
        '[1,...,5] unless enable.idempotence=false',
      )
    }
    if (notes.length > 0) idempotenceEnabled = false
  }

  // Kafka checks whether the key was given at all (`originals().containsKey`), even as null.
  const userConfiguredTransactions = parsed.explicitlySet.includes('transactional.id')
  if (userConfiguredTransactions && !idempotenceEnabled) {
    return fail(
      'transactional.id',
      'Cannot set a transactional.id without also enabling idempotence.',
      null,
    )
  }

  // KafkaProducer#configureDeliveryTimeout runs after the ProducerConfig checks above.
  let deliveryTimeoutMs = configs['delivery.timeout.ms']
  const lingerAndRequestTimeoutMs = Math.min(
    Math.min(configs['linger.ms'], INT_MAX) + configs['request.timeout.ms'],
    INT_MAX,
  )
  if (deliveryTimeoutMs < lingerAndRequestTimeoutMs) {
    if (parsed.explicitlySet.includes('delivery.timeout.ms')) {
      return fail(
        'delivery.timeout.ms',
        'delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms',
        `[${lingerAndRequestTimeoutMs},...]`,
      )
    }
    deliveryTimeoutMs = lingerAndRequestTimeoutMs
    notes.push({
      kind: 'deliveryTimeoutRaised',
      config: 'delivery.timeout.ms',
      message:
        'delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms. ' +
        `Setting it to ${deliveryTimeoutMs}.`,
    })
  }

  return {
    ok: true,
    configs: {
      ...configs,
      'enable.idempotence': idempotenceEnabled,
      'delivery.timeout.ms': deliveryTimeoutMs,
    },
    requiredAcks,
    idempotenceEnabled,
    transactional: configs['transactional.id'] !== null,
    notes,
  }
}

/**
 * The broker's check of a raw produce request's `acks` (core/server/KafkaApis.scala,
 * ReplicaManager#isValidRequiredAcks): only −1, 0 and 1 are valid; anything else is answered
 * INVALID_REQUIRED_ACKS (21) without appending. Null when valid.
 */
export function produceRequestAcksError(acks: number): KafkaError | null {
  if (acks === -1 || acks === 0 || acks === 1) return null
  return kafkaError('INVALID_REQUIRED_ACKS', `Invalid required acks ${acks}: expected -1, 0 or 1.`)
}
