/**
 * SCENARIOS.md "P — Producer" end to end: a simulated KafkaProducer against the C3 cluster,
 * through the headless engine API, with the exact values the scenarios list.
 */
import { describe, expect, test } from 'vitest'
import { acked, cluster, clusterWithPartitions, readAll } from './testing'

const value100 = 'v'.repeat(100)

describe('P-1 default partitioning of keyed records (end to end)', () => {
  // key → expected partition with 3 and 12 partitions (SCENARIOS P-1, columns %3 and %12).
  const table: [string, number, number][] = [
    ['', 0, 9],
    ['a', 1, 4],
    ['key1', 2, 8],
    ['user-2', 2, 8],
    ['bob', 0, 6],
    ['order-2', 0, 3],
    ['kafka', 1, 4],
    ['测试', 0, 3],
    ['21', 0, 0],
    ['foobar', 0, 6],
  ]

  test.each([3, 12])('records land on murmur2(key) mod %i partitions', (partitions) => {
    const engine = clusterWithPartitions(partitions)
    const producer = engine.producer({ 'linger.ms': 0 })
    const handles = table.map(([key]) =>
      producer.send({ topic: 't', messages: [{ key, value: 'x' }] }),
    )
    engine.advanceBy(200)
    handles.forEach((handle, i) => {
      const expected = partitions === 3 ? table[i]![1] : table[i]![2]
      expect(acked(handle.result()[0]).partition, `key "${table[i]![0]}"`).toBe(expected)
    })
  })
})

describe('P-3 null keys are sticky, not round-robin', () => {
  test('10 null-key records back to back go to one partition in one batch, offsets n..n+9', () => {
    const engine = clusterWithPartitions(3)
    const producer = engine.producer({ 'batch.size': 16384, 'linger.ms': 5 })
    const handle = producer.send({
      topic: 't',
      messages: Array.from({ length: 10 }, () => ({ key: null, value: value100 })),
    })
    const events = engine.advanceBy(200)
    const results = handle.result().map(acked)
    const partitions = new Set(results.map((r) => r.partition))
    expect(partitions.size).toBe(1)
    expect(results.map((r) => r.offset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    const batches = events.filter((e) => e.type === 'producerBatchCompleted')
    expect(batches).toHaveLength(1)
    expect(batches[0]).toMatchObject({ recordCount: 10, baseOffset: 0 })
  })

  test('an empty-string key is not null: key "" goes to partition 0 of 3', () => {
    const engine = clusterWithPartitions(3)
    const handle = engine.producer().send({ topic: 't', messages: [{ key: '', value: 'x' }] })
    engine.advanceBy(200)
    expect(acked(handle.result()[0]).partition).toBe(0)
  })

  test('partitioner.ignore.keys=true makes keyed records sticky too', () => {
    const engine = clusterWithPartitions(3)
    const producer = engine.producer({ 'partitioner.ignore.keys': true })
    const handle = producer.send({
      topic: 't',
      messages: ['key1', 'key2', 'key3', 'key4', 'key5'].map((key) => ({ key, value: 'x' })),
    })
    engine.advanceBy(200)
    expect(new Set(handle.result().map((r) => acked(r).partition)).size).toBe(1)
  })

  test('the partition switches only after batch.size bytes; 30,000 records split about a third each', () => {
    const engine = clusterWithPartitions(3)
    const producer = engine.producer({ acks: '1', 'linger.ms': 5 })
    const switches: number[] = []
    const counts = [0, 0, 0]
    let previous = -1
    let bytesSinceSwitch = 0
    for (let round = 0; round < 60; round++) {
      const handle = producer.send({
        topic: 't',
        messages: Array.from({ length: 500 }, () => ({ key: null, value: value100 })),
      })
      engine.advanceBy(50)
      for (const outcome of handle.result()) {
        const { partition } = acked(outcome)
        counts[partition]! += 1
        if (partition !== previous && previous >= 0) {
          switches.push(bytesSinceSwitch)
          bytesSinceSwitch = 0
        }
        previous = partition
        bytesSinceSwitch += 1
      }
    }
    // A 100-byte value with a null key is a 107-byte record: ≥ 16384 bytes is ≥ 154 records.
    expect(Math.min(...switches)).toBeGreaterThanOrEqual(150)
    expect(counts.reduce((a, b) => a + b, 0)).toBe(30_000)
    for (const count of counts) expect(count).toBeGreaterThan(8_000)
  })
})

describe('P-4 retry after a lost response: duplicate vs dedupe', () => {
  function lostResponseRun(configs: Record<string, string | number | boolean>) {
    const engine = cluster({ brokerConfigs: { 'min.insync.replicas': 2 } })
    const producer = engine.producer({ acks: 'all', ...configs })
    engine.advanceBy(10) // InitProducerId (idempotent producers) is answered
    const handle = producer.send({ topic: 't', messages: [{ key: null, value: 'm1' }] })
    engine.advanceBy(3) // metadata is answered; the produce request goes out after linger.ms
    engine.dropResponses(1, 1)
    engine.advanceBy(20)
    // The leader appended m1 and the HW moved to 1, but the answer was lost.
    expect(engine.replica(1, 't')!.log.logEndOffset).toBe(1)
    expect(engine.replica(1, 't')!.highWatermark).toBe(1)
    expect(handle.result()[0]).toEqual({ status: 'pending' })
    engine.advanceBy(32_000) // request.timeout.ms passes; the producer retries
    return { engine, outcome: handle.result()[0] }
  }

  test('enable.idempotence=false: m1 is appended again at offset 1 and the callback says offset 1', () => {
    const { engine, outcome } = lostResponseRun({ 'enable.idempotence': false })
    expect(acked(outcome)).toEqual({ partition: 0, offset: 1 })
    expect(engine.replica(1, 't')!.log.logEndOffset).toBe(2)
    expect(readAll(engine).values).toEqual(['m1', 'm1'])
  })

  test('idempotence (default): the retry is a duplicate, response offset 0, LEO stays 1', () => {
    const { engine, outcome } = lostResponseRun({})
    expect(acked(outcome)).toEqual({ partition: 0, offset: 0 })
    expect(engine.replica(1, 't')!.log.logEndOffset).toBe(1)
    expect(readAll(engine).values).toEqual(['m1'])
  })
})

describe('P-5 ordering with retries and 5 in flight', () => {
  /** Batch A fails once with NOT_LEADER_OR_FOLLOWER (not appended) while B is in flight behind it. */
  function reorderRun(configs: Record<string, string | number | boolean>) {
    const engine = cluster()
    const producer = engine.producer({ acks: 'all', 'linger.ms': 0, ...configs })
    engine.advanceBy(10)
    const warmup = producer.send({ topic: 't', messages: [{ key: null, value: 'w' }] })
    engine.advanceBy(50)
    const n = acked(warmup.result()[0]).offset + 1
    engine.dispatch({
      type: 'failProduceRequests',
      brokerId: 1,
      error: 'NOT_LEADER_OR_FOLLOWER',
      count: 1,
    })
    const a = producer.send({ topic: 't', messages: [{ key: null, value: 'A' }] })
    engine.advanceBy(1) // A is on the wire; B follows before A's error comes back
    const b = producer.send({ topic: 't', messages: [{ key: null, value: 'B' }] })
    const events = engine.advanceBy(2_000)
    return { engine, n, events, a: acked(a.result()[0]).offset, b: acked(b.result()[0]).offset }
  }

  test('idempotence off, 5 in flight: B is appended first (n), A after its retry (n+1)', () => {
    const { engine, n, a, b } = reorderRun({ 'enable.idempotence': false })
    expect({ a, b }).toEqual({ a: n + 1, b: n })
    expect(readAll(engine).values).toEqual(['w', 'B', 'A'])
  })

  test('idempotence off, max.in.flight=1: A (n), B (n+1)', () => {
    const { engine, n, a, b } = reorderRun({
      'enable.idempotence': false,
      'max.in.flight.requests.per.connection': 1,
    })
    expect({ a, b }).toEqual({ a: n, b: n + 1 })
    expect(readAll(engine).values).toEqual(['w', 'A', 'B'])
  })

  test('idempotence on: B gets OUT_OF_ORDER_SEQUENCE_NUMBER, A then B are resent: A (n), B (n+1)', () => {
    const { engine, n, a, b, events } = reorderRun({})
    const retries = events.flatMap((e) => (e.type === 'producerBatchRetrying' ? [e.error] : []))
    expect(retries).toEqual(['NOT_LEADER_OR_FOLLOWER', 'OUT_OF_ORDER_SEQUENCE_NUMBER'])
    expect({ a, b }).toEqual({ a: n, b: n + 1 })
    expect(readAll(engine).values).toEqual(['w', 'A', 'B'])
  })
})

describe('P-7 producer config validation (4.0), through createProducer', () => {
  test.each([
    [{ acks: '1' }, null],
    [{ acks: '1', 'enable.idempotence': true }, 'ConfigException'],
    [{ retries: 0, 'enable.idempotence': true }, 'ConfigException'],
    [{ 'max.in.flight.requests.per.connection': 6 }, 'ConfigException'],
    [{ 'max.in.flight.requests.per.connection': 6, 'enable.idempotence': false }, null],
    [{ 'transactional.id': 'x', acks: '1' }, 'ConfigException'],
    [{ acks: '2' }, 'ConfigException'],
  ])('%j → %s', (configs, error) => {
    const engine = cluster()
    const producer = engine.producer(configs)
    if (error === null) {
      expect(producer.created.ok).toBe(true)
    } else {
      expect(producer.created).toMatchObject({ ok: false, error: { error } })
      expect(engine.timeline.state().producersById).toEqual({})
    }
  })

  test('{acks=1} silently disables idempotence', () => {
    const engine = cluster()
    const producer = engine.producer({ acks: 1 })
    expect(producer.view()).toMatchObject({ idempotent: false, acks: 1, producerId: -1 })
  })

  test('a raw produce request with acks 2 gets INVALID_REQUIRED_ACKS (21)', () => {
    const engine = cluster()
    engine.produce({ topic: 't', records: [{ value: 'x' }], acks: 2 })
    engine.advanceBy(10)
    const result = engine.clientResults().at(-1)!
    expect(result.error).toMatchObject({ error: 'INVALID_REQUIRED_ACKS', code: 21 })
  })
})
