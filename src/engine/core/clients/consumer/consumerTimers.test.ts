/**
 * A consumer's timers: one for `max.poll.interval.ms` and one for `request.timeout.ms`, however
 * many polls and requests (checkpoints copy the heap), and both timeouts still come exactly when
 * Kafka's rules say.
 */
import { expect, test } from 'vitest'
import { createEngine } from '../../../headless'
import type { SimEvent } from '../../events'

function timersOf(
  engine: ReturnType<typeof createEngine>,
  consumer: string,
  what: 'pollTimeout' | 'requestTimeout',
): number {
  return engine.timeline
    .state()
    .timers.heap.filter(
      (t) =>
        t.action.kind === 'consumerTimer' &&
        t.action.what === what &&
        t.action.consumer === consumer,
    ).length
}

test('many polls keep one poll timer, and the timeout comes max.poll.interval.ms after the last poll', () => {
  const engine = createEngine({
    seed: 3,
    scenario: { brokers: 3, topics: [{ name: 'orders', partitions: 2, replicationFactor: 3 }] },
  })
  const consumer = engine.consumer({
    groupId: 'g',
    configs: { 'max.poll.interval.ms': 5_000, 'auto.offset.reset': 'earliest' },
  })
  consumer.subscribe({ topics: ['orders'] })
  const events: SimEvent[] = []
  let lastPollMs = 0
  for (let t = 100; t <= 20_000; t += 100) {
    events.push(...engine.advanceTo(t))
    expect(consumer.poll().ok).toBe(true)
    lastPollMs = t
    expect(timersOf(engine, consumer.name, 'pollTimeout')).toBeLessThanOrEqual(1)
    expect(timersOf(engine, consumer.name, 'requestTimeout')).toBeLessThanOrEqual(2)
  }
  // The consumer is a member (it polled), and nothing timed out while it kept polling.
  expect(events.some((e) => e.type === 'pollIntervalExceeded')).toBe(false)
  const after = engine.advanceTo(40_000)
  const exceeded = after.filter((e) => e.type === 'pollIntervalExceeded')
  expect(exceeded).toHaveLength(1)
  expect(exceeded[0]!.atMs).toBe(lastPollMs + 5_000)
})

test('a fetch to a broker that lost power times out request.timeout.ms after it was sent', () => {
  const engine = createEngine({
    seed: 5,
    scenario: {
      brokers: 3,
      topics: [{ name: 'orders', partitions: 1, replicationFactor: 3, replicas: [[1, 2, 3]] }],
    },
  })
  const consumer = engine.consumer({
    groupId: 'g',
    configs: { 'request.timeout.ms': 4_000, 'auto.offset.reset': 'earliest' },
  })
  consumer.subscribe({ topics: ['orders'] })
  for (let t = 100; t <= 10_000; t += 100) {
    engine.advanceTo(t)
    consumer.poll()
  }
  const fetchesTo1 = () =>
    Object.values(engine.timeline.state().consumerGroups.consumersByName[consumer.name]!.requests)
      .filter((r) => r.kind === 'fetch' && r.brokerId === 1)
      .map((r) => r.sentAtMs)
  expect(engine.dispatch({ type: 'crashBroker', brokerId: 1, mode: 'powerLoss' }).ok).toBe(true)
  // Keep polling: the consumer's pending fetch to broker 1 gets no answer.
  let sentAtMs: number | undefined
  for (let t = 10_100; t <= 20_000; t += 100) {
    engine.advanceTo(t)
    sentAtMs ??= fetchesTo1()[0]
    if (sentAtMs !== undefined && t < sentAtMs + 4_000) expect(fetchesTo1()).toContain(sentAtMs)
    if (sentAtMs !== undefined && t >= sentAtMs + 4_000)
      expect(fetchesTo1()).not.toContain(sentAtMs)
    consumer.poll()
  }
  expect(sentAtMs).toBeDefined()
})
