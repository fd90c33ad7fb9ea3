/**
 * Goal: producer configs are accepted, refused or silently adjusted exactly as Kafka 4.0's
 * `new KafkaProducer(props)` does (SCENARIOS P-7, KAFKA_SPEC §3.1).
 * Method: every P-7 line with Kafka's exception text, then the neighbouring rules of the same
 * code paths (retries=0, the 4.0 in-flight check after idempotence was disabled, transactions,
 * delivery.timeout.ms) and the broker's INVALID_REQUIRED_ACKS for a raw produce request.
 */
import { describe, expect, test } from 'vitest'
import { produceRequestAcksError, validateProducerConfig } from './validateProducerConfig'

function errorsOf(raw: Record<string, unknown>) {
  const result = validateProducerConfig(raw)
  if (result.ok) throw new Error('expected a ConfigException')
  return result.errors
}

function settingsOf(raw: Record<string, unknown>) {
  const result = validateProducerConfig(raw)
  if (!result.ok) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`)
  return result
}

describe('P-7 producer config validation (4.0)', () => {
  test('P-7 {acks=1} → OK, idempotence silently disabled', () => {
    const settings = settingsOf({ acks: '1' })
    expect(settings.idempotenceEnabled).toBe(false)
    expect(settings.configs['enable.idempotence']).toBe(false)
    expect(settings.requiredAcks).toBe(1)
    expect(settings.notes).toEqual([
      {
        kind: 'idempotenceDisabled',
        config: 'acks',
        message: "Idempotence will be disabled because acks is set to 1, not set to 'all'.",
      },
    ])
  })

  test('P-7 {acks=1, enable.idempotence=true} → ConfigException', () => {
    expect(errorsOf({ acks: '1', 'enable.idempotence': true })).toEqual([
      {
        error: 'ConfigException',
        code: null,
        message:
          'Must set acks to all in order to use the idempotent producer. Otherwise we cannot guarantee idempotence.',
        config: 'acks',
        accepted: 'all (or -1) with enable.idempotence=true',
      },
    ])
  })

  test('P-7 {retries=0, enable.idempotence=true} → ConfigException', () => {
    expect(errorsOf({ retries: 0, 'enable.idempotence': 'true' })).toMatchObject([
      {
        error: 'ConfigException',
        message: 'Must set retries to non-zero when using the idempotent producer.',
        config: 'retries',
      },
    ])
  })

  test('P-7 {max.in.flight.requests.per.connection=6} → ConfigException (3.x: accepted)', () => {
    expect(errorsOf({ 'max.in.flight.requests.per.connection': 6 })).toMatchObject([
      {
        error: 'ConfigException',
        message:
          'To use the idempotent producer, max.in.flight.requests.per.connection must be set to at most 5. Current value is 6.',
        config: 'max.in.flight.requests.per.connection',
      },
    ])
  })

  test('P-7 {max.in.flight=6, enable.idempotence=false} → OK', () => {
    const settings = settingsOf({
      'max.in.flight.requests.per.connection': '6',
      'enable.idempotence': false,
    })
    expect(settings.idempotenceEnabled).toBe(false)
    expect(settings.configs['max.in.flight.requests.per.connection']).toBe(6)
    expect(settings.notes).toEqual([])
  })

  test('P-7 {transactional.id=x, acks=1} → ConfigException', () => {
    expect(errorsOf({ 'transactional.id': 'x', acks: '1' })).toMatchObject([
      {
        error: 'ConfigException',
        message: 'Cannot set a transactional.id without also enabling idempotence.',
        config: 'transactional.id',
      },
    ])
  })

  test('P-7 acks=2 → ConfigException client-side; a raw produce request with acks 2 → INVALID_REQUIRED_ACKS (21)', () => {
    expect(errorsOf({ acks: 2 })).toEqual([
      {
        error: 'ConfigException',
        code: null,
        message: 'Invalid value 2 for configuration acks: String must be one of: all, -1, 0, 1',
        config: 'acks',
        accepted: '[all, -1, 0, 1]',
      },
    ])
    expect(errorsOf({ acks: '2' })[0]!.message).toBe(
      'Invalid value 2 for configuration acks: String must be one of: all, -1, 0, 1',
    )
    expect(produceRequestAcksError(2)).toMatchObject({ error: 'INVALID_REQUIRED_ACKS', code: 21 })
    for (const acks of [-1, 0, 1]) expect(produceRequestAcksError(acks)).toBeNull()
  })
})

describe('P-7 neighbouring rules', () => {
  test('P-7 defaults: idempotent, acks=all (−1), linger.ms 5, no notes', () => {
    const settings = settingsOf({})
    expect(settings.idempotenceEnabled).toBe(true)
    expect(settings.requiredAcks).toBe(-1)
    expect(settings.configs['linger.ms']).toBe(5)
    expect(settings.configs['delivery.timeout.ms']).toBe(120000)
    expect(settings.transactional).toBe(false)
    expect(settings.notes).toEqual([])
  })

  test('P-7 acks accepts "all", "-1", "0", "1" and the numbers −1, 0, 1', () => {
    const cases: [unknown, -1 | 0 | 1][] = [
      ['all', -1],
      ['-1', -1],
      [-1, -1],
      ['0', 0],
      [0, 0],
      ['1', 1],
      [1, 1],
      [' all ', -1],
    ]
    for (const [acks, required] of cases) {
      expect(settingsOf({ acks, 'enable.idempotence': false }).requiredAcks).toBe(required)
    }
    expect(errorsOf({ acks: 'ALL' })[0]!.message).toContain('String must be one of: all, -1, 0, 1')
  })

  test('P-7 {retries=0} alone → OK, idempotence silently disabled', () => {
    const settings = settingsOf({ retries: 0 })
    expect(settings.idempotenceEnabled).toBe(false)
    expect(settings.notes.map((n) => n.message)).toEqual([
      'Idempotence will be disabled because retries is set to 0.',
    ])
  })

  test('P-7 {acks=0, max.in.flight=6} → still a ConfigException in 4.0', () => {
    // Kafka disables idempotence for acks=0 but checks in-flight before applying that.
    expect(
      errorsOf({ acks: '0', 'max.in.flight.requests.per.connection': 6 })[0]!.message,
    ).toContain('must be set to at most 5. Current value is 6.')
  })

  test('P-7 a transactional producer with defaults is valid', () => {
    const settings = settingsOf({ 'transactional.id': 'orders-tx' })
    expect(settings.transactional).toBe(true)
    expect(settings.idempotenceEnabled).toBe(true)
    expect(errorsOf({ 'transactional.id': '' })[0]!.message).toBe(
      'Invalid value  for configuration transactional.id: String must be non-empty',
    )
  })

  test('P-7 delivery.timeout.ms below linger.ms + request.timeout.ms: error if set, raised if default', () => {
    expect(errorsOf({ 'delivery.timeout.ms': 30000 })).toMatchObject([
      {
        error: 'ConfigException',
        message:
          'delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms',
        accepted: '[30005,...]',
      },
    ])
    const settings = settingsOf({ 'request.timeout.ms': 200000 })
    expect(settings.configs['delivery.timeout.ms']).toBe(200005)
    expect(settings.notes).toEqual([
      {
        kind: 'deliveryTimeoutRaised',
        config: 'delivery.timeout.ms',
        message:
          'delivery.timeout.ms should be equal to or larger than linger.ms + request.timeout.ms. Setting it to 200005.',
      },
    ])
  })

  test('P-7 per-key problems are all reported, before the cross-key rules', () => {
    const errors = errorsOf({ acks: 'most', 'batch.size': -1, linger: 5 })
    expect(errors.map((e) => e.config)).toEqual(['acks', 'batch.size', 'linger'])
    expect(errors[1]!.message).toBe(
      'Invalid value -1 for configuration batch.size: Value must be at least 0',
    )
    expect(errors[2]!.message).toBe('Unknown producer config name: linger')
  })
})
