/**
 * `max.poll.interval.ms` with one poll timer per consumer: polling often keeps a single timer in
 * the heap (checkpoints copy the heap), and the poll timeout still comes exactly
 * `max.poll.interval.ms` after the last poll.
 */
import { expect, test } from 'vitest'
import { createEngine } from '../../../headless'
import type { SimEvent } from '../../events'

function pollTimers(engine: ReturnType<typeof createEngine>, consumer: string): number {
  return engine.timeline
    .state()
    .timers.heap.filter(
      (t) =>
        t.action.kind === 'consumerTimer' &&
        t.action.what === 'pollTimeout' &&
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
    expect(pollTimers(engine, consumer.name)).toBeLessThanOrEqual(1)
  }
  // The consumer is a member (it polled), and nothing timed out while it kept polling.
  expect(events.some((e) => e.type === 'pollIntervalExceeded')).toBe(false)
  const after = engine.advanceTo(40_000)
  const exceeded = after.filter((e) => e.type === 'pollIntervalExceeded')
  expect(exceeded).toHaveLength(1)
  expect(exceeded[0]!.atMs).toBe(lastPollMs + 5_000)
})
