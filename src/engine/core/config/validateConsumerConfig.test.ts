/**
 * Goal: consumer (and broker) configs are accepted, refused or adjusted as Kafka 4.0 does at
 * construction time, and the rebalance protocol follows the assignor list (SCENARIOS C-7).
 * Method: one case per rule of ConsumerConfig#postProcessParsedConfig / GroupRebalanceConfig,
 * the advisory notes, and KafkaConfig's replica fetch-wait check for brokers.
 */
import { describe, expect, test } from 'vitest'
import { validateBrokerConfig } from './validateBrokerConfig'
import { validateConsumerConfig } from './validateConsumerConfig'

function settingsOf(raw: Record<string, unknown>) {
  const result = validateConsumerConfig(raw)
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`)
  return result
}

function errorsOf(raw: Record<string, unknown>) {
  const result = validateConsumerConfig(raw)
  if (result.ok) throw new Error('expected errors')
  return result.errors
}

describe('consumer config validation', () => {
  test('C-7 default assignors → EAGER; [cooperative-sticky] → COOPERATIVE', () => {
    expect(settingsOf({ 'group.id': 'g' }).rebalanceProtocol).toBe('EAGER')
    expect(
      settingsOf({
        'group.id': 'g',
        'partition.assignment.strategy':
          'org.apache.kafka.clients.consumer.CooperativeStickyAssignor',
      }).rebalanceProtocol,
    ).toBe('COOPERATIVE')
  })

  test('C-2 with a group, auto-commit stays on and no notes are raised', () => {
    const settings = settingsOf({ 'group.id': 'g' })
    expect(settings.configs['enable.auto.commit']).toBe(true)
    expect(settings.notes).toEqual([])
  })

  test('C-2 no group.id: auto-commit is turned off; explicitly true is an error', () => {
    const settings = settingsOf({})
    expect(settings.configs['enable.auto.commit']).toBe(false)
    expect(settings.notes.map((n) => n.kind)).toEqual(['autoCommitDisabledWithoutGroupId'])
    expect(errorsOf({ 'enable.auto.commit': 'true' })).toEqual([
      {
        error: 'INVALID_CONFIG',
        code: 40,
        message: 'enable.auto.commit cannot be set to true when default group id (null) is used.',
        config: 'enable.auto.commit',
        accepted: 'false without group.id',
      },
    ])
    expect(settingsOf({ 'enable.auto.commit': false }).notes).toEqual([])
  })

  test('C-2 group.instance.id without group.id is noted (no group, no static membership)', () => {
    const settings = settingsOf({ 'group.instance.id': 'instance-1', 'enable.auto.commit': false })
    expect(settings.notes).toEqual([
      {
        kind: 'groupInstanceIdWithoutGroupId',
        config: 'group.instance.id',
        message:
          'group.instance.id has no effect without group.id: the consumer joins no group, so there is no static membership.',
      },
    ])
  })

  test('C-2 group.instance.id must be a legal id (InvalidConfigurationException)', () => {
    expect(errorsOf({ 'group.id': 'g', 'group.instance.id': 'host 1' })).toMatchObject([
      {
        error: 'INVALID_CONFIG',
        message:
          "Group instance id is invalid: 'host 1' contains one or more characters other than ASCII alphanumerics, '.', '_' and '-'",
        config: 'group.instance.id',
      },
    ])
    expect(errorsOf({ 'group.id': 'g', 'group.instance.id': '..' })[0]!.message).toBe(
      "Group instance id is invalid: '..' is not allowed",
    )
    expect(
      errorsOf({ 'group.id': 'g', 'group.instance.id': 'x'.repeat(250) })[0]!.message,
    ).toContain('is longer than the max allowed length 249')
  })

  test('C-2 session timeout vs heartbeat interval (advice Kafka documents, not an error)', () => {
    expect(
      settingsOf({ 'group.id': 'g', 'session.timeout.ms': 6000, 'heartbeat.interval.ms': 6000 })
        .notes,
    ).toMatchObject([{ kind: 'heartbeatNotBelowSessionTimeout', config: 'heartbeat.interval.ms' }])
    expect(
      settingsOf({ 'group.id': 'g', 'session.timeout.ms': 10000, 'heartbeat.interval.ms': 4000 })
        .notes,
    ).toMatchObject([{ kind: 'heartbeatAboveThirdOfSessionTimeout' }])
    expect(settingsOf({ 'group.id': 'g', 'session.timeout.ms': 10000 }).notes).toEqual([])
  })

  test('C-7 group.remote.assignor needs group.protocol=consumer', () => {
    expect(errorsOf({ 'group.id': 'g', 'group.remote.assignor': 'uniform' })).toMatchObject([
      {
        error: 'ConfigException',
        message: 'group.remote.assignor cannot be set when group.protocol=CLASSIC',
      },
    ])
    const settings = settingsOf({
      'group.id': 'g',
      'group.protocol': 'consumer',
      'group.remote.assignor': 'uniform',
      'session.timeout.ms': 10000,
    })
    expect(settings.notes).toMatchObject([
      { kind: 'ignoredWithConsumerGroupProtocol', config: 'session.timeout.ms' },
    ])
  })
})

describe('broker config validation', () => {
  test('R-4 replica.fetch.wait.max.ms must not exceed replica.lag.time.max.ms', () => {
    expect(validateBrokerConfig({}).ok).toBe(true)
    const result = validateBrokerConfig({
      'replica.fetch.wait.max.ms': 40000,
      'replica.lag.time.max.ms': 30000,
    })
    expect(result).toEqual({
      ok: false,
      errors: [
        {
          error: 'INVALID_CONFIG',
          code: 40,
          message:
            'requirement failed: replica.fetch.wait.max.ms should always be less than or equal to replica.lag.time.max.ms to prevent frequent changes in ISR',
          config: 'replica.fetch.wait.max.ms',
          accepted: '[...,30000]',
        },
      ],
    })
  })
})
