/**
 * Goal: the canvas layout keeps every broker inside the canvas without overlap, and a message's
 * position is a pure function of simulated time.
 * Method: lay out 1–6 brokers; interpolate a message at its endpoints and midpoint.
 */
import { expect, test } from 'vitest'
import { CANVAS_WIDTH, layoutCluster, messagePosition } from './layout'

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
