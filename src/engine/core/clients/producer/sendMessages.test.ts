/**
 * `sendMessages` (KafkaJS's `send({ topic, messages })` as one recorded command) does exactly what
 * as many `send` commands at the same moment do, and the producer keeps its results per batch.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { createEngine, type Engine } from '../../../headless'
import type { SimEvent } from '../../events'
import { c3 } from '../../replication/testing'
import { SEND_MESSAGES_MAX, type SentRecord } from './producerCommands'
import { PRODUCER_RESULTS_MAX } from './sender'
import { acked, clusterWithPartitions } from './testing'

const arbRun = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  configs: fc.record({
    'linger.ms': fc.constantFrom(0, 2, 5),
    'batch.size': fc.constantFrom(300, 2_000, 16_384),
    'enable.idempotence': fc.boolean(),
    'buffer.memory': fc.constantFrom(4_000, 33_554_432),
    'max.block.ms': fc.constantFrom(20, 60_000),
  }),
  sends: fc.array(
    fc.array(
      fc.record({
        key: fc.constantFrom(null, 'a', 'user-1', 'key3'),
        value: fc.constantFrom('v', 'x'.repeat(150), 'y'.repeat(700)),
        partition: fc.constantFrom(undefined, undefined, 0, 2),
      }),
      { minLength: 1, maxLength: 40 },
    ),
    { minLength: 1, maxLength: 8 },
  ),
  crashLeaderAt: fc.constantFrom(-1, 2),
})

type Run = typeof arbRun extends fc.Arbitrary<infer T> ? T : never

function message(m: Run['sends'][number][number]): SentRecord {
  return m.partition === undefined
    ? { key: m.key, value: m.value }
    : { key: m.key, value: m.value, partition: m.partition }
}

/** The run, each send either as one `sendMessages` or as one `send` command per message. */
function play(input: Run, batched: boolean): { events: SimEvent[]; engine: Engine } {
  const engine = createEngine({
    seed: input.seed,
    checkpointIntervalMs: 3_600_000,
    scenario: c3({
      topics: [{ name: 't', partitions: 3, replicationFactor: 3 }],
      network: { latencyMsMin: 1, latencyMsMax: 4, lossPerMille: 0 },
    }),
  })
  const events: SimEvent[] = [...engine.advanceTo(100)]
  const producerName = 'producer-1'
  const configs = { ...input.configs, acks: input.configs['enable.idempotence'] ? 'all' : 1 }
  engine.dispatch({ type: 'createProducer', producerName, configs })
  events.push(...engine.advanceBy(20))
  input.sends.forEach((messages, i) => {
    if (i === input.crashLeaderAt) {
      const crashed = engine.crashBroker(1)
      if (crashed.ok) events.push(...crashed.events)
    }
    const results = batched
      ? [
          engine.dispatch({
            type: 'sendMessages',
            producerName,
            topic: 't',
            messages: messages.map(message),
          }),
        ]
      : messages.map((m) =>
          engine.dispatch({ type: 'send', producerName, topic: 't', ...message(m) }),
        )
    for (const result of results) {
      expect(result.ok).toBe(true)
      if (result.ok) events.push(...result.events)
    }
    events.push(...engine.advanceBy(3))
  })
  events.push(...engine.advanceBy(15_000))
  return { events, engine }
}

describe('sendMessages', () => {
  test('does exactly what one send command per message does', () => {
    fc.assert(
      fc.property(arbRun, (input) => {
        const one = play(input, true)
        const each = play(input, false)
        // Every record got an outcome (acked, or refused by the accumulator or the broker).
        expect(one.engine.view().producers[0]!.results.length).toBeGreaterThan(0)
        expect(one.events).toEqual(each.events)
        expect(one.engine.view()).toEqual(each.engine.view())
        const sends = one.engine.timeline
          .commands()
          .filter((c) => c.command.type.startsWith('send'))
        expect(sends).toHaveLength(input.sends.length)
      }),
      { seed: 20_261_122, numRuns: 25 },
    )
  })

  test("the facade's send is one recorded command, with one outcome per message", () => {
    const engine = clusterWithPartitions(3)
    const producer = engine.producer({})
    const before = engine.timeline.commands().length
    const sent = producer.send({
      topic: 't',
      messages: [
        { value: 'a' },
        { value: 'b' },
        { key: 'user-1', value: 'c', headers: { h: '1' } },
      ],
    })
    expect(
      engine.timeline
        .commands()
        .slice(before)
        .map((c) => c.command.type),
    ).toEqual(['sendMessages'])
    expect(sent.recordIds).toEqual([1, 2, 3])
    engine.advanceBy(200)
    const [a, b, c] = sent.result().map(acked)
    // Null keys stick to one partition: a and b are consecutive records of one batch.
    expect(b).toEqual({ partition: a!.partition, offset: a!.offset + 1 })
    expect(c!.partition).toBe(2) // murmur2("user-1") % 3 (SCENARIOS P-1)
  })

  test('a send of more messages than one command holds is split into commands', () => {
    const engine = clusterWithPartitions(3)
    const producer = engine.producer({})
    const before = engine.timeline.commands().length
    const messages = Array.from({ length: SEND_MESSAGES_MAX + 1 }, () => ({ value: 'v' }))
    const sent = producer.send({ topic: 't', messages })
    const commands = engine.timeline.commands().slice(before)
    expect(commands.map((c) => c.command.type)).toEqual(['sendMessages', 'sendMessages'])
    expect(sent.recordIds).toHaveLength(SEND_MESSAGES_MAX + 1)
    expect(sent.recordIds.at(-1)).toBe(SEND_MESSAGES_MAX + 1)
    engine.advanceBy(2_000)
    expect(sent.done()).toBe(true)
  })

  test('a refused sendMessages names the message and changes nothing', () => {
    const engine = clusterWithPartitions(3)
    engine.producer({})
    const before = engine.timeline.commands().length
    const tooLarge = engine.dispatch({
      type: 'sendMessages',
      producerName: 'producer-1',
      topic: 't',
      messages: [
        { key: null, value: 'ok' },
        { key: null, value: 'x'.repeat(2_000_001) },
      ],
    })
    expect(tooLarge.ok).toBe(false)
    if (!tooLarge.ok) expect(tooLarge.error.message).toContain('messages.1.value')
    const unknownTopic = engine.dispatch({
      type: 'sendMessages',
      producerName: 'producer-1',
      topic: 'nope',
      messages: [{ key: null, value: 'v' }],
    })
    expect(unknownTopic.ok ? null : unknownTopic.error.error).toBe('UNKNOWN_TOPIC_OR_PARTITION')
    expect(engine.timeline.commands()).toHaveLength(before)
    expect(engine.view().producers[0]!.recordsSent).toBe(0)
  })

  test('messages are checked as the schema checks them, and recorded as copies', () => {
    const engine = clusterWithPartitions(3)
    engine.producer({})
    const send = (message: unknown) =>
      engine.timeline.dispatch({
        type: 'sendMessages',
        producerName: 'producer-1',
        topic: 't',
        messages: [message],
      })
    const refusals: [unknown, string][] = [
      [{ key: null, value: 'v', extra: 1 }, 'messages.0: Unrecognized key: "extra"'],
      [{ key: null, value: 'v', '': 1 }, 'messages.0: Unrecognized key: ""'],
      [{ key: null, value: 'v', partition: 1.5 }, 'messages.0.partition'],
      [{ key: null, value: 'v', partition: 1001 }, 'messages.0.partition'],
      [{ key: null, value: 'v', timestamp: -1 }, 'messages.0.timestamp'],
      [{ key: 'k'.repeat(1001), value: 'v' }, 'messages.0.key'],
      [{ value: 'v' }, 'messages.0.key'],
      [Object.assign(Object.create({ inherited: 1 }), { key: null, value: 'v' }), '"inherited"'],
    ]
    for (const [message, error] of refusals) {
      const result = send(message)
      expect(result.ok ? 'accepted' : result.error.message, JSON.stringify(message)).toContain(
        error,
      )
    }
    // The quick check leaves this to the schema, which accepts it.
    expect(send({ key: null, value: 'v', partition: undefined }).ok).toBe(true)
    const message = { key: 'k', value: 'v', partition: 2, timestamp: 7 }
    expect(send(message).ok).toBe(true)
    message.value = 'changed later'
    const recorded = engine.timeline.commands().at(-1)!.command
    expect(recorded).toMatchObject({
      messages: [{ key: 'k', value: 'v', partition: 2, timestamp: 7 }],
    })
  })

  test('results are kept per batch and still cover the newest records', () => {
    const engine = createEngine({
      seed: 3,
      checkpointIntervalMs: 3_600_000,
      scenario: c3({ network: { latencyMsMin: 1, latencyMsMax: 1, lossPerMille: 0 } }),
    })
    engine.advanceTo(100)
    const producer = engine.producer({})
    const messages = Array.from({ length: 500 }, (_, i) => ({ value: `${i}`.padStart(90, '0') }))
    const handles = Array.from({ length: 26 }, () => {
      const handle = producer.send({ topic: 't', messages })
      engine.advanceBy(20)
      return handle
    })
    engine.advanceBy(1_000)
    const records = handles.length * messages.length
    expect(records).toBeGreaterThan(PRODUCER_RESULTS_MAX)
    const state = engine.timeline.state().producersById['producer-1']!
    const kept = state.results.reduce((sum, r) => sum + r.recordIds.length, 0)
    expect(state.resultRecordCount).toBe(kept)
    expect(kept).toBeGreaterThanOrEqual(PRODUCER_RESULTS_MAX)
    expect(kept - state.results[0]!.recordIds.length).toBeLessThan(PRODUCER_RESULTS_MAX)
    // One partition: the newest records are the last offsets of the log, in order.
    const last = handles.at(-1)!.result().map(acked)
    expect(last.map((r) => r.offset)).toEqual(last.map((_, i) => records - messages.length + i))
    const view = producer.view()!
    expect(view.results.map((r) => r.recordId)).toEqual(
      Array.from({ length: 20 }, (_, i) => records - 19 + i),
    )
    expect(view.results.map((r) => r.offset)).toEqual(
      Array.from({ length: 20 }, (_, i) => records - 20 + i),
    )
  })
})
