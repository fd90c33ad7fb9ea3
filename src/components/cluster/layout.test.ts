/**
 * Goal: the canvas layout keeps every broker inside the canvas without overlap, fits the standard
 * cluster without scrolling at 1280×720, uses columns for many partitions, and places a message
 * as a pure function of simulated time.
 * Method: lay out 1–6 brokers and 3–12 partitions at the canvas sizes of 1280×720 and 1920×1080;
 * interpolate a message at its endpoints and midpoint.
 */
import { expect, test } from 'vitest'
import {
  fitZoom,
  layoutCluster,
  layoutKey,
  layoutPartitions,
  LOG_WINDOW_MAX,
  messagePath,
  messagePosition,
  offsetWindow,
  stripExtent,
} from './layout'

/** The cluster panel's size at 1280×720 and 1920×1080 (measured in the browser). */
const SMALL = { width: 880, height: 500 }
const LARGE = { width: 1380, height: 820 }

const partitions = (n: number, replicas: number) =>
  Array.from({ length: n }, (_, i) => ({ key: `t-${i}`, replicas }))

test('1 to 6 brokers fit side by side inside the canvas', () => {
  for (const size of [SMALL, LARGE]) {
    for (let n = 1; n <= 6; n++) {
      const layout = layoutCluster(
        Array.from({ length: n }, (_, i) => i + 1),
        size.width,
      )
      const xs = [...layout.brokersById.values()].map((p) => p.x)
      expect(xs).toHaveLength(n)
      for (const x of xs) {
        expect(x - layout.brokerWidth / 2).toBeGreaterThanOrEqual(0)
        expect(x + layout.brokerWidth / 2).toBeLessThanOrEqual(size.width)
      }
      for (let i = 1; i < xs.length; i++)
        expect(xs[i]! - xs[i - 1]!).toBeGreaterThan(layout.brokerWidth)
    }
  }
})

test('the standard cluster (3 partitions, RF 3) fits without scrolling at 1280×720', () => {
  expect(layoutPartitions(partitions(3, 3), SMALL).height).toBe(SMALL.height)
  // Six partitions of RF 3 fit the large screen with every replica on its own row.
  const six = layoutPartitions(partitions(6, 3), LARGE)
  expect(six.height).toBe(LARGE.height)
  expect(six.compact).toBe(false)
})

test('12 partitions of RF 3 fit at 1280×720 in compact rows; 3 partitions keep full rows', () => {
  const twelve = layoutPartitions(partitions(12, 3), SMALL)
  expect(twelve.compact).toBe(true)
  expect(twelve.height).toBe(SMALL.height)
  expect(layoutPartitions(partitions(3, 3), SMALL).compact).toBe(false)
})

test('blocks never overlap and stay inside the width', () => {
  for (const size of [SMALL, LARGE]) {
    for (const [n, rf] of [
      [1, 1],
      [6, 3],
      [12, 3],
      [12, 6],
    ] as const) {
      const { blocks, height } = layoutPartitions(partitions(n, rf), size)
      for (const [i, a] of blocks.entries()) {
        expect(a.left).toBeGreaterThanOrEqual(0)
        expect(a.left + a.width).toBeLessThanOrEqual(size.width)
        expect(a.top + a.height).toBeLessThanOrEqual(height)
        for (const b of blocks.slice(i + 1)) {
          const apart =
            a.left + a.width <= b.left ||
            b.left + b.width <= a.left ||
            a.top + a.height <= b.top ||
            b.top + b.height <= a.top
          expect(apart, `${a.key} / ${b.key}`).toBe(true)
        }
      }
    }
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
  const layout = layoutCluster([1, 2, 3], SMALL.width)
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
      expect(p.x).toBeLessThanOrEqual(SMALL.width)
    }
  }
  expect(messagePath(layout, 'client-1', 'broker-6')).toBeNull()
})

test('the offset window ends at the largest log end offset and fits the strip', () => {
  const block = layoutPartitions(partitions(1, 3), SMALL).blocks[0]!
  const strip = stripExtent(block)
  const small = offsetWindow([0, 2, 1], strip)
  expect(small.first).toBe(0)
  expect(small.x(0)).toBe(strip.left)
  const big = offsetWindow([100, 95], strip)
  expect(big.last).toBe(100)
  expect(big.count).toBeLessThanOrEqual(LOG_WINDOW_MAX)
  expect(big.first).toBe(100 - big.count + 1)
  expect(big.x(big.last) + big.cellWidth).toBeLessThanOrEqual(strip.right + 1e-9)
})

test('narrow canvases (≥ 560 px, as in the lesson player) stack the labels so a strip shows ≥ 8 offsets', () => {
  for (const width of [560, 620, 700, SMALL.width, LARGE.width]) {
    for (const height of [200, 500, 820]) {
      for (const [n, rf] of [
        [1, 1],
        [3, 3],
        [12, 3],
      ] as const) {
        const size = { width, height }
        const zoom = fitZoom(partitions(n, rf), size)
        const inner = { width: width / zoom, height: height / zoom }
        const layout = layoutPartitions(partitions(n, rf), inner)
        for (const block of layout.blocks) {
          const strip = stripExtent(block, layout.compact, layout.stacked)
          const label = `${width}×${height}, ${n}×RF${rf}`
          expect(offsetWindow([100], strip).count, label).toBeGreaterThanOrEqual(8)
          expect(strip.top, label).toBeGreaterThanOrEqual(block.top)
        }
      }
    }
  }
  // Zoom does not squeeze a narrow canvas (the brokers' boxes and text would overflow).
  expect(fitZoom([], { width: 620, height: 500 })).toBeLessThanOrEqual(620 / 506)
  expect(fitZoom([], { width: 420, height: 500 })).toBe(1)
  // The wide layouts keep their labels beside the strips.
  expect(layoutPartitions(partitions(3, 3), SMALL).stacked).toBe(false)
  expect(layoutPartitions(partitions(6, 3), LARGE).stacked).toBe(false)
  expect(layoutPartitions(partitions(3, 3), { width: 560, height: 500 }).stacked).toBe(true)
})

test('the key wraps onto more lines inside a narrow canvas instead of clipping', () => {
  const widths = [100, 130, 50, 170, 100, 110]
  expect(layoutKey(widths, LARGE.width).rows).toBe(1)
  const narrow = layoutKey(widths, 560)
  expect(narrow.rows).toBe(2)
  for (const [i, item] of narrow.items.entries()) {
    expect(item.x).toBeGreaterThanOrEqual(0)
    expect(item.x + widths[i]!).toBeLessThanOrEqual(560)
  }
  // Its extra lines push the partitions down.
  const one = layoutPartitions(partitions(1, 1), { width: 560, height: 500 })
  const two = layoutPartitions(partitions(1, 1), { width: 560, height: 500 }, widths)
  expect(two.keyRows).toBe(2)
  expect(two.blocks[0]!.top).toBeGreaterThan(one.blocks[0]!.top)
})
