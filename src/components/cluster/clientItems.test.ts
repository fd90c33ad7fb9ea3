/**
 * Goal: the canvas draws every client of the engine's view, consumers side by side by group, and
 * each client's menu offers exactly the engine commands that fit its state (and those commands are
 * accepted by the engine).
 * Method: a headless engine with a producer and three consumers in two groups; read the client
 * descriptions and menus before and after killing a consumer, dispatching each menu command.
 */
import { expect, test } from 'vitest'
import { createEngine } from '../../engine/headless'
import { clientMenuItems, SLOW_CONSUMER_MS } from './clientItems'
import { clientNodesOf, clientSides } from './clientNodes'

function engineWithClients() {
  const engine = createEngine({
    seed: 7,
    scenario: { brokers: 3, topics: [{ name: 'orders', partitions: 3, replicationFactor: 3 }] },
  })
  engine.advanceTo(3_000)
  const ok = (result: ReturnType<typeof engine.dispatch>) => expect(result.ok).toBe(true)
  ok(engine.dispatch({ type: 'createProducer', producerName: 'producer-1', configs: {} }))
  for (const [consumerName, groupId] of [
    ['consumer-1', 'b'],
    ['consumer-2', 'a'],
    ['consumer-3', 'b'],
  ] as const) {
    ok(engine.dispatch({ type: 'createConsumer', consumerName, groupId }))
    ok(engine.dispatch({ type: 'subscribe', consumerName, topics: ['orders'] }))
    ok(engine.dispatch({ type: 'runConsumer', consumerName, processingMs: 10 }))
  }
  engine.advanceTo(12_000)
  return { engine, ok }
}

test('clients are listed producers first, then consumers grouped by group', () => {
  const { engine } = engineWithClients()
  const clients = clientNodesOf(engine.view(), true)
  expect(clients.map((c) => c.node)).toEqual([
    'client-1',
    'producer-1',
    'consumer-2',
    'consumer-1',
    'consumer-3',
  ])
  expect(clientSides(clients)).toEqual({
    producers: ['client-1', 'producer-1'],
    consumers: ['consumer-2', 'consumer-1', 'consumer-3'],
  })
  // Group b's two members share orders' three partitions; group a's only member owns all three.
  const detail = (node: string) => clients.find((c) => c.node === node)!.detail
  expect(detail('consumer-2')).toBe('orders 0–2')
  expect([detail('consumer-1'), detail('consumer-3')].sort()).toEqual(['orders 0, 1', 'orders 2'])
  expect(detail('producer-1')).toBe('acks=all')
  expect(clientNodesOf(engine.view(), false).map((c) => c.node)).not.toContain('client-1')
})

test('a client menu offers the engine commands that fit its state, and the engine takes them', () => {
  const { engine, ok } = engineWithClients()
  const ids = (node: string) => clientMenuItems(node, engine.view()).map((item) => item.id)
  expect(ids('producer-1')).toEqual(['inspect', 'crash', 'close'])
  expect(ids('consumer-1')).toEqual(['inspect', 'crash', 'slow', 'close'])
  expect(ids('client-1')).toEqual(['inspect'])

  const slow = clientMenuItems('consumer-1', engine.view()).find((i) => i.id === 'slow')!
  expect(slow.command).toEqual({
    type: 'slowConsumer',
    consumerName: 'consumer-1',
    processingMs: SLOW_CONSUMER_MS,
  })
  ok(engine.dispatch(slow.command!))
  expect(clientNodesOf(engine.view(), false).find((c) => c.node === 'consumer-1')!.slow).toBe(true)
  expect(clientMenuItems('consumer-1', engine.view()).find((i) => i.id === 'slow')!.label).toBe(
    'normalConsumer',
  )

  const crash = clientMenuItems('consumer-3', engine.view()).find((i) => i.id === 'crash')!
  ok(engine.dispatch(crash.command!))
  expect(ids('consumer-3')).toEqual(['inspect', 'restart'])
  const restart = clientMenuItems('consumer-3', engine.view()).find((i) => i.id === 'restart')!
  ok(engine.dispatch(restart.command!))
  expect(engine.view().consumerGroups.consumers.find((c) => c.name === 'consumer-3')!.status).toBe(
    'running',
  )

  ok(engine.dispatch(clientMenuItems('producer-1', engine.view())[1]!.command!))
  expect(ids('producer-1')).toEqual(['inspect'])
})
