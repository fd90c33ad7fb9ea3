/**
 * Goal: raw config maps resolve to typed configs with Kafka 4.0 defaults, and every kind of bad
 * value is refused with Kafka's `ConfigDef` message naming the key and what is accepted.
 * Method: the defaults KAFKA_SPEC states (§1–§4), then each kind (int, short, long, boolean,
 * string, enum, list) with valid coercions (numeric strings, trimmed text, Long.MAX_VALUE) and
 * invalid values, then catalog-wide consistency checks.
 */
import { describe, expect, test } from 'vitest'
import type { ConfigEntry, ConfigProblem, ConfigScope } from './configTypes'
import { CONFIG_CATALOGS, configEntry, defaultConfigs, parseConfigs } from './parseConfigs'
import { parseConfigValue } from './parseConfigValue'

function problemsOf(scope: ConfigScope, raw: Record<string, unknown>): readonly ConfigProblem[] {
  const result = parseConfigs(scope, raw)
  if (result.ok) throw new Error('expected config problems')
  return result.errors
}

function messageOf(scope: ConfigScope, name: string, value: unknown): string {
  const problems = problemsOf(scope, { [name]: value })
  expect(problems).toHaveLength(1)
  return problems[0]!.message
}

describe('Kafka 4.0 defaults (KAFKA_SPEC §1.2–§4.1)', () => {
  test('L-3 L-7 L-10 topic defaults', () => {
    expect(defaultConfigs('topic')).toEqual({
      'segment.bytes': 1073741824,
      'segment.ms': 604800000,
      'segment.jitter.ms': 0,
      'segment.index.bytes': 10485760,
      'index.interval.bytes': 4096,
      'retention.ms': 604800000,
      'retention.bytes': -1,
      'max.message.bytes': 1048588,
      'min.insync.replicas': 1,
      'unclean.leader.election.enable': false,
      'cleanup.policy': ['delete'],
      'compression.type': 'producer',
      'message.timestamp.type': 'CreateTime',
      'message.timestamp.after.max.ms': 3600000,
      'message.timestamp.before.max.ms': null,
      'flush.messages': null,
      'flush.ms': null,
      'file.delete.delay.ms': 60000,
      'delete.retention.ms': 86400000,
    })
  })

  test('R-2 R-4 R-11 broker defaults from the spec', () => {
    expect(defaultConfigs('broker')).toMatchObject({
      'broker.heartbeat.interval.ms': 2000,
      'broker.session.timeout.ms': 9000,
      'replica.lag.time.max.ms': 30000,
      'replica.fetch.wait.max.ms': 500,
      'replica.fetch.max.bytes': 1048576,
      'min.insync.replicas': 1,
      'default.replication.factor': 1,
      'num.partitions': 1,
      'unclean.leader.election.enable': false,
      'auto.leader.rebalance.enable': true,
      'leader.imbalance.check.interval.seconds': 300,
      'leader.imbalance.per.broker.percentage': 10,
      'log.retention.check.interval.ms': 300000,
      'log.flush.interval.messages': null,
      'log.flush.interval.ms': null,
      'group.initial.rebalance.delay.ms': 3000,
      'group.min.session.timeout.ms': 6000,
      'group.max.session.timeout.ms': 1800000,
      'offsets.topic.num.partitions': 50,
      'offsets.topic.replication.factor': 3,
      'offsets.retention.minutes': 10080,
      'transaction.max.timeout.ms': 900000,
      'group.consumer.heartbeat.interval.ms': 5000,
      'group.consumer.session.timeout.ms': 45000,
    })
  })

  test('P-7 producer defaults (§3.1)', () => {
    expect(defaultConfigs('producer')).toMatchObject({
      acks: 'all',
      'enable.idempotence': true,
      retries: 2147483647,
      'delivery.timeout.ms': 120000,
      'request.timeout.ms': 30000,
      'max.in.flight.requests.per.connection': 5,
      'batch.size': 16384,
      'linger.ms': 5,
      'buffer.memory': 33554432,
      'max.block.ms': 60000,
      'compression.type': 'none',
      'max.request.size': 1048576,
      'retry.backoff.ms': 100,
      'retry.backoff.max.ms': 1000,
      'partitioner.class': null,
      'partitioner.ignore.keys': false,
      'partitioner.adaptive.partitioning.enable': true,
      'partitioner.availability.timeout.ms': 0,
      'transactional.id': null,
      'transaction.timeout.ms': 60000,
      'client.id': '',
    })
  })

  test('C-7 consumer defaults (§4.1)', () => {
    expect(defaultConfigs('consumer')).toMatchObject({
      'group.id': null,
      'group.instance.id': null,
      'session.timeout.ms': 45000,
      'heartbeat.interval.ms': 3000,
      'max.poll.interval.ms': 300000,
      'max.poll.records': 500,
      'enable.auto.commit': true,
      'auto.commit.interval.ms': 5000,
      'auto.offset.reset': 'latest',
      'isolation.level': 'read_uncommitted',
      'partition.assignment.strategy': ['range', 'cooperative-sticky'],
      'group.protocol': 'classic',
      'fetch.min.bytes': 1,
      'fetch.max.wait.ms': 500,
      'max.partition.fetch.bytes': 1048576,
      'fetch.max.bytes': 52428800,
    })
  })

  test('P-7 C-2 R-4 history notes carry the [3.x] values the spec gives', () => {
    expect(configEntry('producer', 'linger.ms')!.history).toEqual([
      { versions: '≤3.9', default: 0, note: 'Default became 5 in 4.0 (KIP-1030).' },
    ])
    expect(configEntry('producer', 'acks')!.history![0]).toMatchObject({ default: '1' })
    expect(configEntry('consumer', 'session.timeout.ms')!.history![0]).toMatchObject({
      default: 10000,
    })
    expect(configEntry('broker', 'replica.lag.time.max.ms')!.history![0]).toMatchObject({
      default: 10000,
    })
    expect(configEntry('topic', 'message.timestamp.after.max.ms')!.history![0]).toMatchObject({
      versions: '3.x',
      default: null,
    })
  })
})

describe('parsing by kind', () => {
  test('L-10 int: numbers and numeric strings; Kafka messages for the rest', () => {
    const parsed = parseConfigs('topic', {
      'segment.bytes': ' 2097152 ',
      'max.message.bytes': 5242880,
    })
    expect(parsed.ok && parsed.configs['segment.bytes']).toBe(2097152)
    expect(parsed.ok && parsed.configs['max.message.bytes']).toBe(5242880)
    expect(parsed.ok && parsed.explicitlySet).toEqual(['segment.bytes', 'max.message.bytes'])
    expect(messageOf('topic', 'segment.bytes', 'big')).toBe(
      'Invalid value big for configuration segment.bytes: Not a number of type INT',
    )
    expect(messageOf('topic', 'segment.bytes', '2147483648')).toBe(
      'Invalid value 2147483648 for configuration segment.bytes: Not a number of type INT',
    )
    expect(messageOf('topic', 'segment.bytes', 1.5)).toBe(
      'Invalid value 1.5 for configuration segment.bytes: Expected value to be a 32-bit integer, but it was a java.lang.Double',
    )
    expect(messageOf('topic', 'segment.bytes', 2147483648)).toContain('but it was a java.lang.Long')
    expect(messageOf('topic', 'segment.bytes', true)).toContain('but it was a java.lang.Boolean')
  })

  test('L-3 int range: 4.0 minimum of segment.bytes is 1048576 ([3.x] 14)', () => {
    const problems = problemsOf('topic', { 'segment.bytes': 1000 })
    expect(problems).toEqual([
      {
        error: 'INVALID_CONFIG',
        code: 40,
        message:
          'Invalid value 1000 for configuration segment.bytes: Value must be at least 1048576',
        config: 'segment.bytes',
        accepted: '[1048576,...]',
      },
    ])
    expect(messageOf('producer', 'retries', -1)).toBe(
      'Invalid value -1 for configuration retries: Value must be at least 0',
    )
    expect(problemsOf('producer', { retries: -1 })[0]!.accepted).toBe('[0,...,2147483647]')
    expect(messageOf('topic', 'min.insync.replicas', 0)).toBe(
      'Invalid value 0 for configuration min.insync.replicas: Value must be at least 1',
    )
  })

  test('C-1 short: offsets.topic.replication.factor', () => {
    expect(messageOf('broker', 'offsets.topic.replication.factor', '40000')).toBe(
      'Invalid value 40000 for configuration offsets.topic.replication.factor: Not a number of type SHORT',
    )
    expect(messageOf('broker', 'offsets.topic.replication.factor', 0)).toContain(
      'Value must be at least 1',
    )
    const parsed = parseConfigs('broker', { 'offsets.topic.replication.factor': '1' })
    expect(parsed.ok && parsed.configs['offsets.topic.replication.factor']).toBe(1)
  })

  test('L-7 long: numeric strings, −1 for unlimited, Long.MAX_VALUE as null where it means never', () => {
    const parsed = parseConfigs('topic', {
      'retention.ms': '-1',
      'retention.bytes': 2000000,
      'flush.messages': '9223372036854775807',
      'flush.ms': 2 ** 63, // what the literal 9223372036854775807 becomes as a JS number
      'message.timestamp.after.max.ms': null,
    })
    expect(parsed.ok).toBe(true)
    if (!parsed.ok) return
    expect(parsed.configs['retention.ms']).toBe(-1)
    expect(parsed.configs['retention.bytes']).toBe(2000000)
    expect(parsed.configs['flush.messages']).toBeNull()
    expect(parsed.configs['flush.ms']).toBeNull()
    expect(parsed.configs['message.timestamp.after.max.ms']).toBeNull()
    expect(messageOf('topic', 'retention.ms', -2)).toBe(
      'Invalid value -2 for configuration retention.ms: Value must be at least -1',
    )
    expect(messageOf('topic', 'segment.ms', '7d')).toBe(
      'Invalid value 7d for configuration segment.ms: Not a number of type LONG',
    )
    expect(messageOf('topic', 'segment.ms', '9223372036854775808')).toContain(
      'Not a number of type LONG',
    )
    expect(messageOf('topic', 'segment.ms', 0.5)).toContain(
      'Expected value to be a 64-bit integer (long), but it was a java.lang.Double',
    )
    expect(messageOf('topic', 'flush.messages', 0)).toContain('Value must be at least 1')
    // A long the simulator cannot hold exactly, where Long.MAX_VALUE does not mean "never".
    expect(messageOf('topic', 'retention.ms', '9223372036854775807')).toContain(
      'Value must be between -9007199254740991 and 9007199254740991',
    )
    expect(messageOf('topic', 'retention.ms', null)).toBe(
      'Invalid value null for configuration retention.ms: Value must be non-null',
    )
  })

  test('R-11 boolean: true/false in any case, trimmed; nothing else', () => {
    const parsed = parseConfigs('topic', { 'unclean.leader.election.enable': ' TRUE ' })
    expect(parsed.ok && parsed.configs['unclean.leader.election.enable']).toBe(true)
    expect(messageOf('topic', 'unclean.leader.election.enable', 'yes')).toBe(
      'Invalid value yes for configuration unclean.leader.election.enable: Expected value to be either true or false',
    )
    expect(messageOf('topic', 'unclean.leader.election.enable', 1)).toContain(
      'Expected value to be either true or false',
    )
  })

  test('C-1 string: trimmed; null where unset is allowed; numbers refused; non-empty ids', () => {
    const parsed = parseConfigs('consumer', { 'group.id': '  orders  ', 'group.instance.id': null })
    expect(parsed.ok && parsed.configs['group.id']).toBe('orders')
    expect(parsed.ok && parsed.configs['group.instance.id']).toBeNull()
    expect(messageOf('consumer', 'group.id', 42)).toBe(
      'Invalid value 42 for configuration group.id: Expected value to be a string, but it was a java.lang.Integer',
    )
    expect(messageOf('consumer', 'group.instance.id', '')).toBe(
      'Invalid value  for configuration group.instance.id: String must be non-empty',
    )
  })

  test('C-9 enum: case-sensitive unless Kafka says otherwise', () => {
    expect(messageOf('topic', 'compression.type', 'brotli')).toBe(
      'Invalid value brotli for configuration compression.type: String must be one of: uncompressed, zstd, lz4, snappy, gzip, producer',
    )
    expect(messageOf('topic', 'message.timestamp.type', 'createtime')).toContain(
      'String must be one of: CreateTime, LogAppendTime',
    )
    expect(messageOf('consumer', 'auto.offset.reset', 'smallest')).toContain(
      'String must be one of: latest, earliest, none',
    )
    const parsed = parseConfigs('consumer', { 'group.protocol': 'CONSUMER' })
    expect(parsed.ok && parsed.configs['group.protocol']).toBe('consumer')
    expect(messageOf('consumer', 'group.protocol', 'generic')).toBe(
      'Invalid value generic for configuration group.protocol: String must be one of (case insensitive): classic, consumer',
    )
  })

  test('C-7 list: comma-separated text or arrays; each element validated; aliases resolved', () => {
    const parsed = parseConfigs('topic', { 'cleanup.policy': 'compact, delete' })
    expect(parsed.ok && parsed.configs['cleanup.policy']).toEqual(['compact', 'delete'])
    const empty = parseConfigs('topic', { 'cleanup.policy': '' })
    expect(empty.ok && empty.configs['cleanup.policy']).toEqual([])
    expect(messageOf('topic', 'cleanup.policy', 'compact,archive')).toBe(
      'Invalid value archive for configuration cleanup.policy: String must be one of: compact, delete',
    )
    expect(messageOf('topic', 'cleanup.policy', 7)).toBe(
      'Invalid value 7 for configuration cleanup.policy: Expected a comma separated list.',
    )
    const strategy = parseConfigs('consumer', {
      'partition.assignment.strategy': [
        'org.apache.kafka.clients.consumer.CooperativeStickyAssignor',
        'roundrobin',
      ],
    })
    expect(strategy.ok && strategy.configs['partition.assignment.strategy']).toEqual([
      'cooperative-sticky',
      'roundrobin',
    ])
    expect(
      messageOf('consumer', 'partition.assignment.strategy', 'range,org.example.MyAssignor'),
    ).toBe(
      'Invalid value org.example.MyAssignor for configuration partition.assignment.strategy: String must be one of: range, roundrobin, sticky, cooperative-sticky',
    )
  })

  test('L-3 unknown keys are refused; every problem is reported; undefined means unset', () => {
    const problems = problemsOf('topic', {
      'segment.byte': 1048576,
      'retention.ms': 'forever',
      'segment.ms': undefined,
    })
    expect(problems.map((p) => p.message)).toEqual([
      'Unknown topic config name: segment.byte',
      'Invalid value forever for configuration retention.ms: Not a number of type LONG',
    ])
    expect(problems[0]).toMatchObject({ error: 'INVALID_CONFIG', code: 40, accepted: null })
    // parseConfigs answers as a broker would; the client validators rethrow as ConfigException.
    expect(problemsOf('producer', { acks: 'x' })[0]).toMatchObject({
      error: 'INVALID_CONFIG',
      code: 40,
    })
    expect(problemsOf('broker', { 'log.segment.bytes': 14 })[0]).toMatchObject({
      error: 'INVALID_CONFIG',
      config: 'log.segment.bytes',
    })
  })
})

describe('catalog consistency', () => {
  const scopes: readonly ConfigScope[] = ['broker', 'topic', 'producer', 'consumer']
  for (const scope of scopes) {
    test(`P-7 ${scope}: names match keys, docKeys are stable keys, defaults pass their own validators`, () => {
      const catalog: Readonly<Record<string, ConfigEntry>> = CONFIG_CATALOGS[scope]
      for (const [key, entry] of Object.entries(catalog)) {
        expect(entry.name).toBe(key)
        expect(entry.docKey).toMatch(/^config\.[a-z0-9.]+$/)
        expect(entry.source.length).toBeGreaterThan(0)
        const reparsed = parseConfigValue(entry, entry.default)
        expect(reparsed, key).toEqual({ ok: true, value: entry.default })
      }
      const defaults = defaultConfigs(scope)
      expect(JSON.parse(JSON.stringify(defaults))).toEqual(defaults)
      expect(JSON.stringify(catalog)).not.toMatch(/Infinity|NaN/)
    })
  }
})
