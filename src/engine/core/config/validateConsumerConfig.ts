/**
 * What `new KafkaConsumer(props)` accepts in Kafka 4.0 and what it changes silently
 * (ConsumerConfig#postProcessParsedConfig, GroupRebalanceConfig, JoinGroupRequest
 * #validateGroupInstanceId; ConsumerCoordinator for the protocol).
 *
 * Errors: an invalid `group.instance.id`, `enable.auto.commit=true` set explicitly without a
 * `group.id` (both InvalidConfigurationException, the client form of INVALID_CONFIG), and
 * `group.remote.assignor` with the classic protocol (ConfigException).
 * Notes (no error in Kafka): auto-commit turned off for lack of a group, a `group.instance.id`
 * without `group.id` (no group, so no static membership), a heartbeat interval not well below the
 * session timeout, and classic-only settings under `group.protocol=consumer` (KIP-848: the broker
 * owns heartbeat/session/assignment there).
 */
import { rebalanceProtocolFor } from '../clients/assignors/rebalanceProtocol'
import type { RebalanceProtocol } from '../clients/assignors/types'
import { kafkaError } from '../errors'
import type { ConfigNote, ValidateConfigResult } from './configTypes'
import type { ConsumerConfigs } from './consumerConfigs'
import { parseConfigs } from './parseConfigs'
import { asConfigException, configProblem } from './parseConfigValue'

export interface ConsumerSettings {
  /** Resolved configs; `enable.auto.commit` holds the effective value. */
  readonly configs: ConsumerConfigs
  /** Classic protocol: EAGER or COOPERATIVE from the assignor list (null if the list is empty). */
  readonly rebalanceProtocol: RebalanceProtocol | null
  readonly notes: readonly ConfigNote[]
}

const GROUP_INSTANCE_ID_MAX_LENGTH = 249
const LEGAL_ID = /^[a-zA-Z0-9._-]+$/

/** `Topic#detectInvalidTopic`, which also validates `group.instance.id`. */
function invalidIdReason(id: string): string | null {
  if (id === '') return 'the empty string is not allowed'
  if (id === '.') return "'.' is not allowed"
  if (id === '..') return "'..' is not allowed"
  if (id.length > GROUP_INSTANCE_ID_MAX_LENGTH) {
    return `the length of '${id}' is longer than the max allowed length ${GROUP_INSTANCE_ID_MAX_LENGTH}`
  }
  if (!LEGAL_ID.test(id)) {
    return `'${id}' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'`
  }
  return null
}

const CLASSIC_ONLY_CONFIGS = [
  'partition.assignment.strategy',
  'heartbeat.interval.ms',
  'session.timeout.ms',
] as const

export function validateConsumerConfig(
  raw: Readonly<Record<string, unknown>>,
): ValidateConfigResult<ConsumerSettings> {
  const parsed = parseConfigs('consumer', raw)
  if (!parsed.ok) return { ok: false, errors: parsed.errors.map(asConfigException) }
  const configs = parsed.configs
  const notes: ConfigNote[] = []

  const instanceId = configs['group.instance.id']
  if (instanceId !== null) {
    const reason = invalidIdReason(instanceId)
    if (reason !== null) {
      const error = kafkaError('INVALID_CONFIG', `Group instance id is invalid: ${reason}`)
      return {
        ok: false,
        errors: [{ ...error, config: 'group.instance.id', accepted: '[a-zA-Z0-9._-]{1,249}' }],
      }
    }
  }

  let enableAutoCommit = configs['enable.auto.commit']
  if (configs['group.id'] === null) {
    if (!parsed.explicitlySet.includes('enable.auto.commit')) {
      enableAutoCommit = false
      notes.push({
        kind: 'autoCommitDisabledWithoutGroupId',
        config: 'enable.auto.commit',
        message: 'enable.auto.commit is set to false because no group.id is configured.',
      })
    } else if (enableAutoCommit) {
      const error = kafkaError(
        'INVALID_CONFIG',
        'enable.auto.commit cannot be set to true when default group id (null) is used.',
      )
      return {
        ok: false,
        errors: [{ ...error, config: 'enable.auto.commit', accepted: 'false without group.id' }],
      }
    }
    if (instanceId !== null) {
      notes.push({
        kind: 'groupInstanceIdWithoutGroupId',
        config: 'group.instance.id',
        message:
          'group.instance.id has no effect without group.id: the consumer joins no group, so there is no static membership.',
      })
    }
  }

  const remoteAssignor = configs['group.remote.assignor']
  if (configs['group.protocol'] === 'classic' && remoteAssignor !== null && remoteAssignor !== '') {
    return {
      ok: false,
      errors: [
        configProblem(
          'ConfigException',
          'group.remote.assignor',
          'group.remote.assignor cannot be set when group.protocol=CLASSIC',
          'unset with group.protocol=classic',
        ),
      ],
    }
  }

  if (configs['group.protocol'] === 'consumer') {
    for (const name of CLASSIC_ONLY_CONFIGS) {
      if (parsed.explicitlySet.includes(name)) {
        notes.push({
          kind: 'ignoredWithConsumerGroupProtocol',
          config: name,
          message: `${name} does not apply with group.protocol=consumer: the broker's group coordinator decides it (KIP-848).`,
        })
      }
    }
  } else {
    const heartbeat = configs['heartbeat.interval.ms']
    const session = configs['session.timeout.ms']
    if (heartbeat >= session) {
      notes.push({
        kind: 'heartbeatNotBelowSessionTimeout',
        config: 'heartbeat.interval.ms',
        message: `heartbeat.interval.ms (${heartbeat}) must be lower than session.timeout.ms (${session}), or the member is expired between heartbeats.`,
      })
    } else if (heartbeat * 3 > session) {
      notes.push({
        kind: 'heartbeatAboveThirdOfSessionTimeout',
        config: 'heartbeat.interval.ms',
        message: `heartbeat.interval.ms (${heartbeat}) should typically be no higher than 1/3 of session.timeout.ms (${session}).`,
      })
    }
  }

  return {
    ok: true,
    configs: { ...configs, 'enable.auto.commit': enableAutoCommit },
    rebalanceProtocol: rebalanceProtocolFor(configs['partition.assignment.strategy']),
    notes,
  }
}
