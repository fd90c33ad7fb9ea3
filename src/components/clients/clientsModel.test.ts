/**
 * Goal: the client panel's pure parts name clients, build configs, order send outcomes and lay
 * out a group's partitions as Kafka reports them.
 * Method: a real engine run (a producer and a two-member group) for the view-derived parts, and
 * hand-made inputs for names and configs.
 */
import { expect, test } from 'vitest'
import type { ClusterCommand } from '../../engine'
import { createEngine } from '../../engine/headless'
import {
  PRODUCER_FORM_DEFAULTS,
  groupLag,
  groupPartitionRows,
  nextClientName,
  producerConfigs,
  sendOutcomes,
  topicNames,
} from './clientsModel'

test('new clients take the next free number, gaps and other kinds ignored', () => {
  expect(nextClientName('producer', [])).toBe('producer-1')
  expect(nextClientName('producer', ['producer-1', 'producer-3', 'consumer-7'])).toBe('producer-4')
  expect(nextClientName('consumer', ['producer-9', 'consumer-10', 'consumer-2'])).toBe(
    'consumer-11',
  )
})

test('the form becomes Kafka producer configs; a bad number is left for the engine to refuse', () => {
  expect(producerConfigs(PRODUCER_FORM_DEFAULTS)).toEqual({
    acks: 'all',
    'enable.idempotence': true,
    'linger.ms': 5,
    'batch.size': 16384,
    'compression.type': 'none',
  })
  const engine = createEngine({ seed: 1, scenario: { brokers: 1 } })
  const bad = producerConfigs({ ...PRODUCER_FORM_DEFAULTS, lingerMs: 'soon' })
  expect(bad['linger.ms']).toBe('soon')
  const refused = engine.dispatch({
    type: 'createProducer',
    producerName: 'producer-1',
    configs: bad,
  })
  expect(refused.ok).toBe(false)
  expect(engine.view().producers).toEqual([])
})

test('send outcomes and the group table come from a real run', () => {
  const engine = createEngine({
    seed: 5,
    scenario: { brokers: 3, topics: [{ name: 'orders', partitions: 4, replicationFactor: 3 }] },
  })
  engine.advanceTo(3_000)
  const run = (command: ClusterCommand) => expect(engine.dispatch(command).ok).toBe(true)
  const configs = producerConfigs({ ...PRODUCER_FORM_DEFAULTS, lingerMs: '0' })
  run({ type: 'createProducer', producerName: 'producer-1', configs })
  run({ type: 'send', producerName: 'producer-1', topic: 'orders', key: 'user-1', value: 'a' })
  run({ type: 'send', producerName: 'producer-1', topic: 'orders', key: 'user-1', value: 'b' })
  for (const consumerName of ['consumer-1', 'consumer-2']) {
    const consumerConfigs = { 'auto.offset.reset': 'earliest' }
    run({ type: 'createConsumer', consumerName, groupId: 'g', configs: consumerConfigs })
    run({ type: 'subscribe', consumerName, topics: ['orders'] })
    run({ type: 'runConsumer', consumerName, processingMs: 1 })
  }
  engine.advanceBy(12_000)
  const view = engine.view()
  expect(topicNames(view)).toEqual(['orders'])

  const outcomes = sendOutcomes(view.producers[0]!)
  // Same key, same partition; newest first, consecutive offsets.
  expect(outcomes).toHaveLength(2)
  expect(outcomes[0]!.kind).toBe('acked')
  expect(outcomes[0]!.partitionKey).toBe(outcomes[1]!.partitionKey)
  expect(outcomes.map((o) => (o.kind === 'acked' ? o.offset : null))).toEqual([1, 0])

  const group = view.consumerGroups.groups.find((g) => g.groupId === 'g')!
  const rows = groupPartitionRows(group, view.consumerGroups.consumers)
  expect(rows.map((r) => r.partitionKey)).toEqual(['orders-0', 'orders-1', 'orders-2', 'orders-3'])
  // Range assignor: two partitions each.
  const owners = rows.map((r) => r.owner)
  expect(owners.filter((o) => o === 'consumer-1')).toHaveLength(2)
  expect(owners.filter((o) => o === 'consumer-2')).toHaveLength(2)
  const written = rows.find((r) => r.partitionKey === outcomes[0]!.partitionKey)!
  expect(written.position).toBe(2)
  expect(written.highWatermark).toBe(2)
  for (const row of rows) {
    if (row.committedOffset !== null && row.highWatermark !== null)
      expect(row.lag).toBe(row.highWatermark - row.committedOffset)
  }
  // The heading's total: every partition's lag summed, all caught up here.
  expect(groupLag(group)).toBe(rows.reduce((sum, r) => sum + (r.lag ?? 0), 0))
  expect(groupLag(group)).toBe(0)
})

test("a group's lag is the sum of its partitions' lags, unknown before any commit", () => {
  const group = (lags: (number | null)[]) =>
    ({ partitions: lags.map((lag) => ({ lag })) }) as unknown as Parameters<typeof groupLag>[0]
  expect(groupLag(group([2, null, 3]))).toBe(5)
  expect(groupLag(group([null, null]))).toBeNull()
  expect(groupLag(group([]))).toBeNull()
})
