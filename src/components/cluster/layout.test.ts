/**
 * Goal: the canvas layout keeps every broker inside the canvas without overlap, and a message's
 * position is a pure function of simulated time.
 * Method: lay out 1–6 brokers; interpolate a message at its endpoints and midpoint.
 */
import { expect, test } from 'vitest'
import {
  CANVAS_HEIGHT,
  CANVAS_WIDTH,
  LOG_WINDOW,
  layoutCluster,
  layoutPartitions,
  messagePath,
  messagePosition,
  offsetWindow,
  STRIP,
} from './layout'

test('1 to 6 brokers fit side by side inside the canvas', () => {
  for (let n = 1; n <= 6; n++) {
    const layout = layoutCluster(Array.from({ length: n }, (_, i) => i + 1))
    const xs = [...layout.brokersById.values()].map((p) => p.x)
    expect(xs).toHaveLength(n)
    for (const x of xs) {
      expect(x - layout.brokerWidth / 2).toBeGreaterThanOrEqual(0)
      expect(x + layout.brokerWidth / 2).toBeLessThanOrEqual(CANVAS_WIDTH)
    }
    for (let i = 1; i < xs.length; i++)
      expect(xs[i]! - xs[i - 1]!).toBeGreaterThan(layout.brokerWidth)
  }
})

test('messages move with simulated time only', () => {
  const from = { x: 0, y: 0 }
  const to = { x: 100, y: 50 }
  expect(messagePosition(from, to, 10, 20, 10)).toEqual(from)
  expect(messagePosition(from, to, 10, 20, 15)).toEqual({ x: 50, y: 25 })
  expect(messagePosition(from, to, 10, 20, 99)).toEqual(to)
})

test('client, broker and controller messages all have a path; unknown nodes have none', () => {
  const layout = layoutCluster([1, 2, 3])
  for (const [from, to] of [
    ['client-1', 'broker-3'],
    ['broker-1', 'client-1'],
    ['broker-2', 'broker-1'],
    ['broker-1', 'controller'],
    ['controller', 'broker-2'],
  ] as const) {
    const path = messagePath(layout, from, to)
    expect(path, `${from} → ${to}`).not.toBeNull()
    for (const p of [path!.from, path!.to]) {
      expect(p.x).toBeGreaterThanOrEqual(0)
      expect(p.x).toBeLessThanOrEqual(CANVAS_WIDTH)
    }
  }
  expect(messagePath(layout, 'client-1', 'broker-6')).toBeNull()
})

test('partition blocks stack below the brokers and set the canvas height', () => {
  expect(layoutPartitions([]).height).toBe(CANVAS_HEIGHT)
  const { blocks, height } = layoutPartitions([
    { key: 'orders-0', replicas: 3 },
    { key: 'orders-1', replicas: 3 },
  ])
  expect(blocks[0]!.top).toBeGreaterThan(CANVAS_HEIGHT)
  expect(blocks[1]!.top).toBeGreaterThanOrEqual(blocks[0]!.top + blocks[0]!.height)
  expect(height).toBeGreaterThanOrEqual(blocks[1]!.top + blocks[1]!.height)
})

test('the offset window ends at the largest log end offset and fits the strip', () => {
  const small = offsetWindow([0, 2, 1])
  expect(small.first).toBe(0)
  expect(small.x(0)).toBe(STRIP.left)
  const big = offsetWindow([100, 95])
  expect(big.last).toBe(100)
  expect(big.first).toBe(100 - LOG_WINDOW + 1)
  expect(big.x(big.last) + big.cellWidth).toBeLessThanOrEqual(STRIP.right + 1e-9)
})
