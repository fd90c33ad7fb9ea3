/**
 * Goal: a checkpoint's copy of the state (`clonePlain`) is what `structuredClone` would give, and
 * independent of the original: changing either never shows in the other.
 * Method: copies of a busy cluster's state (a producer, a consumer group, replication and page
 * caches) and of hand-made values with the awkward cases: shared objects, byte arrays, a
 * `__proto__` key.
 */
import { describe, expect, test } from 'vitest'
import { createEngine } from '../headless'
import { clonePlain } from './plainClone'

function busyState() {
  const engine = createEngine({
    seed: 11,
    scenario: { brokers: 3, topics: [{ name: 'orders', partitions: 3, replicationFactor: 3 }] },
  })
  const producer = engine.producer({ 'linger.ms': 5 })
  const consumers = [engine.consumer({ groupId: 'g1' }), engine.consumer({ groupId: 'g1' })]
  for (const consumer of consumers) {
    consumer.subscribe({ topics: ['orders'] })
    consumer.run({ processingMs: 1 })
  }
  for (let t = 100; t <= 8_000; t += 100) {
    engine.advanceTo(t)
    producer.send({ topic: 'orders', messages: [{ key: `k${t % 7}`, value: `v${t}` }] })
  }
  return engine.timeline.state()
}

describe('clonePlain', () => {
  test('copies a busy cluster state exactly, as structuredClone does', () => {
    const state = busyState()
    // The state is busy: records in the logs, a group of two, a warm page cache.
    expect(state.brokersById['1']!.replicasByKey['orders-0']!.log.logEndOffset).toBeGreaterThan(0)
    expect(Object.keys(state.consumerGroups.consumersByName)).toHaveLength(2)
    expect(state.brokersById['1']!.pageCache.counters.cachedPages).toBeGreaterThan(0)
    const copy = clonePlain(state)
    expect(copy).not.toBe(state)
    expect(copy).toStrictEqual(structuredClone(state))
    expect(Object.keys(copy.brokersById['1']!.pageCache.pagesByKey)).toEqual(
      Object.keys(state.brokersById['1']!.pageCache.pagesByKey),
    )
  })

  test('the copy and the original change independently', () => {
    const state = busyState()
    const before = structuredClone(state)
    const copy = clonePlain(state)
    copy.timers.heap.pop()
    copy.brokersById['1']!.replicasByKey['orders-0']!.highWatermark = -7
    copy.clientResults.push(copy.clientResults[0]!)
    expect(state).toStrictEqual(before)
  })

  test('byte arrays are copied, shared objects stay shared, a __proto__ key stays a key', () => {
    const shared = { assignors: ['range'] }
    const bytes = new Uint8Array([1, 2, 3])
    const value: Record<string, unknown> = { a: shared, b: shared, bytes, list: [bytes, null] }
    Object.defineProperty(value, '__proto__', { value: { x: 1 }, enumerable: true })
    const copy = clonePlain(value)
    expect(copy.a).toBe(copy.b)
    expect(copy.a).not.toBe(shared)
    expect(copy.bytes).toEqual(bytes)
    expect(copy.bytes).not.toBe(bytes)
    expect((copy.list as unknown[])[0]).toBe(copy.bytes)
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype)
    expect(Object.keys(copy)).toEqual(['a', 'b', 'bytes', 'list', '__proto__'])
    ;(copy.bytes as Uint8Array)[0] = 9
    expect(bytes[0]).toBe(1)
  })
})
