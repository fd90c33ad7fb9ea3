/**
 * The simulated KafkaProducer's machinery beyond the SCENARIOS: linger and batch.size, real
 * compression codecs, acks=0, buffer.memory and max.block.ms, delivery.timeout.ms, metadata
 * refresh after a leader change, the custom partitioner hook, flush/close/crash, and the view.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { initCodecs, sizeOfRecord } from '../../log'
import { utf8Bytes } from '../utf8'
import { acked, cluster, clusterWithPartitions, readAll } from './testing'

beforeAll(async () => {
  await initCodecs()
})

describe('batching', () => {
  test('linger.ms holds a batch on the simulated clock; batch.size sends a full one at once', () => {
    const engine = cluster()
    const producer = engine.producer({ 'linger.ms': 100, 'batch.size': 200, acks: '1' })
    engine.advanceBy(20)
    const small = producer.send({ topic: 't', messages: [{ value: 'a' }] })
    engine.advanceBy(50)
    expect(small.result()[0]).toEqual({ status: 'pending' })
    expect(producer.view()!.batches).toMatchObject([{ state: 'open', recordCount: 1 }])
    engine.advanceBy(60)
    expect(acked(small.result()[0]).offset).toBe(0)
    // Two 100-byte records do not fit a 200-byte batch: the first batch is full and goes now.
    const full = producer.send({
      topic: 't',
      messages: [{ value: 'x'.repeat(100) }, { value: 'y'.repeat(100) }],
    })
    engine.advanceBy(10)
    expect(full.result().map((r) => r.status)).toEqual(['acked', 'pending'])
  })

  test("strings are counted and written as Java's StringSerializer does (lone surrogate: ?)", () => {
    const engine = cluster()
    const producer = engine.producer({ 'linger.ms': 50, acks: '1' })
    engine.advanceBy(20)
    const values = ['plain', 'é 中 😀', 'a\uD800b']
    producer.send({ topic: 't', messages: values.map((value) => ({ value })) })
    engine.advanceBy(10)
    const size = values.reduce((sum, v, i) => sum + sizeOfRecord(i, 0, null, utf8Bytes(v)), 61)
    expect(producer.view()!.batches).toMatchObject([{ state: 'open', sizeInBytes: size }])
    engine.advanceBy(200)
    expect(readAll(engine).values).toEqual(['plain', 'é 中 😀', 'a?b'])
  })

  test('one produce request per broker carries the ready batch of each partition it leads', () => {
    const engine = clusterWithPartitions(3, {
      topics: [
        {
          name: 't',
          partitions: 3,
          replicationFactor: 3,
          replicas: [
            [1, 2, 3],
            [1, 2, 3],
            [1, 2, 3],
          ],
        },
      ],
    })
    const producer = engine.producer({ 'max.in.flight.requests.per.connection': 1 })
    producer.send({ topic: 't', messages: [{ value: 'warm-up' }] })
    engine.advanceBy(50)
    const handle = producer.send({
      topic: 't',
      messages: [0, 1, 2].map((partition) => ({ value: `p${partition}`, partition })),
    })
    engine.advanceBy(5) // linger.ms: the three batches become ready together
    expect(producer.view()!.inFlightRequests).toMatchObject([
      { kind: 'produce', brokerId: 1, batches: 3 },
    ])
    engine.advanceBy(50)
    expect(handle.result().map((r) => acked(r).partition)).toEqual([0, 1, 2])
  })

  test.each(['gzip', 'snappy', 'lz4', 'zstd'])(
    'compression.type=%s writes compressed batches consumers can read',
    (codec) => {
      const engine = cluster()
      const producer = engine.producer({ 'compression.type': codec })
      const values = Array.from({ length: 20 }, (_, i) => `value-${i}-${'z'.repeat(50)}`)
      const handle = producer.send({ topic: 't', messages: values.map((value) => ({ value })) })
      engine.advanceBy(100)
      expect(handle.done()).toBe(true)
      const log = engine.replica(1, 't')!.log
      // 20 × ~70-byte records compress far below their raw size.
      expect(log.segments[0]!.sizeBytes).toBeLessThan(20 * 60)
      expect(readAll(engine).values).toEqual(values)
    },
  )

  test('acks=0: the callback reports offset −1 at once; the record is still written', () => {
    const engine = cluster()
    const producer = engine.producer({ acks: '0', 'linger.ms': 0 })
    engine.advanceBy(10)
    const handle = producer.send({ topic: 't', messages: [{ value: 'fire-and-forget' }] })
    engine.advanceBy(3)
    expect(handle.result()[0]).toEqual({ status: 'acked', topic: 't', partition: 0, offset: -1 })
    engine.advanceBy(50)
    expect(readAll(engine).values).toEqual(['fire-and-forget'])
  })
})

describe('limits and timeouts', () => {
  test('buffer.memory full: send blocks for max.block.ms, then BufferExhaustedException', () => {
    const engine = cluster()
    const producer = engine.producer({
      'buffer.memory': 40_000,
      'batch.size': 16_384,
      'max.block.ms': 1_000,
      'enable.idempotence': false,
      acks: '1',
    })
    producer.send({ topic: 't', messages: [{ value: 'warm-up' }] }) // learns the leader
    engine.advanceBy(50)
    engine.cutLink('broker-1', 'producer-1') // batches cannot reach the leader: memory stays used
    // Each 16 KB value needs a batch of its own; the third does not fit in 40 KB.
    const handle = producer.send({
      topic: 't',
      messages: Array.from({ length: 3 }, () => ({ key: 'k', value: 'b'.repeat(16_000) })),
    })
    engine.advanceBy(500)
    expect(producer.view()!.pendingCalls).toMatchObject([{ kind: 'send' }])
    engine.advanceBy(600)
    expect(handle.result()[2]).toMatchObject({
      status: 'failed',
      error: 'BufferExhaustedException',
    })
  })

  test('a record larger than max.request.size fails with RecordTooLargeException', () => {
    const engine = cluster()
    const producer = engine.producer({ 'max.request.size': 1_000 })
    const handle = producer.send({ topic: 't', messages: [{ value: 'x'.repeat(2_000) }] })
    engine.advanceBy(20)
    expect(handle.result()[0]).toMatchObject({
      status: 'failed',
      error: 'RecordTooLargeException',
    })
  })

  test('an unreachable leader: batches fail after delivery.timeout.ms with a TimeoutException', () => {
    const engine = cluster()
    const producer = engine.producer({
      'delivery.timeout.ms': 5_000,
      'request.timeout.ms': 1_000,
      'linger.ms': 0,
    })
    engine.advanceBy(20)
    engine.cutLink('broker-1', 'producer-1')
    const handle = producer.send({ topic: 't', messages: [{ value: 'stuck' }] })
    engine.advanceBy(4_900)
    expect(handle.result()[0]).toEqual({ status: 'pending' })
    engine.advanceBy(200)
    expect(handle.result()[0]).toMatchObject({ status: 'failed', error: 'TimeoutException' })
  })

  test('a stale leader: NOT_LEADER_OR_FOLLOWER, metadata refresh, the retry reaches the new leader', () => {
    const engine = cluster({ brokerConfigs: { 'min.insync.replicas': 2 } })
    const producer = engine.producer({ 'linger.ms': 0 })
    const first = producer.send({ topic: 't', messages: [{ value: 'before' }] })
    engine.advanceBy(50)
    expect(acked(first.result()[0]).offset).toBe(0)
    engine.crashBroker(1)
    engine.advanceBy(12_000) // fenced after 9 s; a new leader is elected
    const newLeader = engine.timeline.state().controller.partitionsByKey['t-0']!.leader
    expect(newLeader).not.toBe(1)
    engine.restartBroker(1)
    const after = producer.send({ topic: 't', messages: [{ value: 'after' }] })
    engine.advanceBy(5_000)
    expect(acked(after.result()[0]).offset).toBe(1)
    expect(readAll(engine).values).toEqual(['before', 'after'])
  })
})

describe('headless producer API', () => {
  test('a custom partitioner decides the partition of records without one', () => {
    const engine = clusterWithPartitions(3)
    const producer = engine.producer(
      {},
      { partitioner: ({ partitionCount }) => partitionCount - 1 },
    )
    const handle = producer.send({
      topic: 't',
      messages: [
        { key: 'a', value: 'x' },
        { key: 'b', value: 'y', partition: 0 },
      ],
    })
    engine.advanceBy(100)
    expect(handle.result().map((r) => acked(r).partition)).toEqual([2, 0])
  })

  test('flush completes once every record is acknowledged; close refuses later sends', () => {
    const engine = cluster()
    const producer = engine.producer({ 'linger.ms': 10_000 })
    const handle = producer.send({ topic: 't', messages: [{ value: 'a' }] })
    const flush = producer.flush()
    engine.advanceBy(100)
    expect(flush.result()).toEqual({ status: 'done' })
    expect(handle.done()).toBe(true)
    const close = producer.close()
    engine.advanceBy(10)
    expect(close.result()).toEqual({ status: 'done' })
    const late = producer.send({ topic: 't', messages: [{ value: 'late' }] })
    expect(late).toMatchObject({ ok: false, error: { error: 'IllegalStateException' } })
  })

  test('a crashed producer loses what it had not sent', () => {
    const engine = cluster()
    const producer = engine.producer({ 'linger.ms': 1_000 })
    const handle = producer.send({ topic: 't', messages: [{ value: 'gone' }] })
    engine.advanceBy(10)
    producer.crash()
    engine.advanceBy(2_000)
    expect(handle.result()).toEqual([{ status: 'lost' }])
    expect(engine.replica(1, 't')!.log.logEndOffset).toBe(0)
  })

  test('unknown topics and producers are refused and change nothing', () => {
    const engine = cluster()
    const producer = engine.producer()
    expect(producer.send({ topic: 'nope', messages: [{ value: 'x' }] })).toMatchObject({
      ok: false,
      error: { error: 'UNKNOWN_TOPIC_OR_PARTITION' },
    })
    const result = engine.dispatch({ type: 'flush', producerName: 'producer-9' })
    expect(result).toMatchObject({ ok: false, error: { error: 'INVALID_COMMAND' } })
  })

  test('the view shows producer id, epoch, per-partition sequences and results', () => {
    const engine = clusterWithPartitions(2)
    const producer = engine.producer({ 'linger.ms': 0 })
    producer.send({
      topic: 't',
      messages: [
        { key: 'key1', value: 'a' },
        { key: 'key2', value: 'b' },
      ],
    })
    producer.send({ topic: 't', messages: [{ key: 'key1', value: 'c' }] })
    engine.advanceBy(100)
    const view = engine.view().producers[0]!
    expect(view).toMatchObject({ nodeId: 'producer-1', idempotent: true, producerEpoch: 0 })
    expect(view.producerId).toBeGreaterThanOrEqual(0)
    // key1 → partition 0 of 2 (two records), key2 → partition 1 (one record).
    expect(view.sequences).toEqual([
      { partitionKey: 't-0', nextSequence: 2, lastAckedSequence: 1 },
      { partitionKey: 't-1', nextSequence: 1, lastAckedSequence: 0 },
    ])
    const byRecord = [...view.results].sort((a, b) => a.recordId - b.recordId)
    expect(byRecord.map((r) => [r.partitionKey, r.offset])).toEqual([
      ['t-0', 0],
      ['t-1', 0],
      ['t-0', 1],
    ])
  })

  test('a run with a producer replays to the same state after seeking back', () => {
    const engine = cluster()
    const producer = engine.producer({ 'linger.ms': 3 })
    for (let i = 0; i < 5; i++) {
      producer.send({ topic: 't', messages: [{ value: `r${i}` }] })
      engine.advanceBy(700)
    }
    const before = JSON.stringify(engine.view().producers)
    engine.seek(1_000)
    engine.advanceTo(100 + 5 * 700)
    expect(JSON.stringify(engine.view().producers)).toBe(before)
  })
})
