/**
 * Goal: the canvas layout keeps every broker and client inside the canvas without overlap, fits the
 * standard cluster (and 6 brokers × 12 partitions at RF 6) without scrolling at 1280×720, uses
 * columns for many partitions, wraps text that a narrow box cannot hold, and places a message as a
 * pure function of simulated time.
 * Method: lay out 1–6 brokers, 3–12 partitions and up to 10 clients at the canvas sizes of 420 px
 * (tablet lesson), 1280×720 and 1920×1080; interpolate a message at its endpoints and midpoint.
 */
import { expect, test } from 'vitest'
import { CLIENT_BOX } from './clientBand'
import { compactPartitions } from './clientNodes'
import { ellipsize, textWidth, wrapText } from './textFit'
import {
  brokerWidthFor,
  COMPACT_ISR_X,
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
  const layout = layoutCluster([1, 2, 3], SMALL.width, {
    producers: ['client-1', 'producer-1'],
    consumers: ['consumer-1', 'consumer-2'],
  })
  for (const [from, to] of [
    ['client-1', 'broker-3'],
    ['broker-1', 'client-1'],
    ['producer-1', 'broker-2'],
    ['broker-2', 'producer-1'],
    ['consumer-2', 'broker-1'],
    ['broker-3', 'consumer-1'],
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
  expect(messagePath(layout, 'consumer-9', 'broker-1')).toBeNull()
  // A client's message starts at its box and ends at the broker's top edge.
  const produce = messagePath(layout, 'producer-1', 'broker-2')!
  expect(produce.from.x).toBe(layout.clientsById.get('producer-1')!.x)
  expect(produce.to).toEqual({
    x: layout.brokersById.get(2)!.x,
    y: layout.brokersById.get(2)!.y - layout.brokerHeight / 2,
  })
})

/** Every client box: inside the canvas, clear of the controller, of each other and the brokers. */
function expectClientsClear(layout: ReturnType<typeof layoutCluster>, label: string) {
  const boxes = [...layout.clientsById.entries()].map(([node, at]) => ({
    node,
    left: at.x - layout.clientWidth / 2,
    right: at.x + layout.clientWidth / 2,
    top: at.y - CLIENT_BOX.height / 2,
    bottom: at.y + CLIENT_BOX.height / 2,
  }))
  const controller = {
    node: 'controller',
    left: layout.controller.x - layout.controllerWidth / 2,
    right: layout.controller.x + layout.controllerWidth / 2,
    top: layout.controller.y - 24,
    bottom: layout.controller.y + 24,
  }
  const brokersTop = [...layout.brokersById.values()][0]!.y - layout.brokerHeight / 2
  for (const [i, a] of boxes.entries()) {
    expect(a.left, `${label} ${a.node}`).toBeGreaterThanOrEqual(0)
    expect(a.right, `${label} ${a.node}`).toBeLessThanOrEqual(layout.width)
    expect(a.bottom, `${label} ${a.node}`).toBeLessThan(brokersTop)
    for (const b of [...boxes.slice(i + 1), controller]) {
      const apart = a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top
      expect(apart, `${label}: ${a.node} / ${b.node}`).toBe(true)
    }
  }
}

test('producers sit left of the controller, consumers right, in reading order, never overlapping', () => {
  const nodes = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => `${prefix}-${i + 1}`)
  for (const width of [420, 560, SMALL.width, LARGE.width / 1.5, LARGE.width]) {
    for (const [p, c] of [
      [1, 2],
      [2, 3],
      [4, 6],
    ] as const) {
      const layout = layoutCluster([1, 2, 3], width, {
        producers: nodes('producer', p),
        consumers: nodes('consumer', c),
      })
      const label = `${width} px, ${p}+${c}`
      expectClientsClear(layout, label)
      for (let i = 1; i <= p; i++)
        expect(layout.clientsById.get(`producer-${i}`)!.x, label).toBeLessThan(width / 2)
      for (let i = 1; i <= c; i++)
        expect(layout.clientsById.get(`consumer-${i}`)!.x, label).toBeGreaterThan(width / 2)
      // Within a row, consumers read left to right.
      const first = layout.clientsById.get('consumer-1')!
      const second = layout.clientsById.get('consumer-2')!
      if (first.y === second.y) expect(first.x).toBeLessThan(second.x)
      expect(layout.clientWidth).toBeGreaterThanOrEqual(90)
    }
  }
  // One producer and a 2-member group fit beside the controller in one row at 1280×720: the
  // brokers stay where they are without clients.
  const standard = layoutCluster([1, 2, 3], SMALL.width, {
    producers: ['client-1', 'producer-1'],
    consumers: ['consumer-1', 'consumer-2'],
  })
  expect(standard.partitionsTop).toBe(layoutCluster([1, 2, 3], SMALL.width).partitionsTop)
  // More clients than a row holds push the brokers (and the partitions) down.
  const many = layoutCluster([1, 2, 3], SMALL.width, {
    producers: nodes('producer', 2),
    consumers: nodes('consumer', 6),
  })
  expect(many.partitionsTop).toBeGreaterThan(standard.partitionsTop)
})

test('compact partition lists join runs per topic', () => {
  expect(compactPartitions(['orders-0', 'orders-1', 'orders-2'])).toBe('orders 0–2')
  expect(compactPartitions(['orders-0', 'orders-2', 'orders-10', 'orders-4'])).toBe(
    'orders 0, 2, 4, 10',
  )
  expect(compactPartitions(['t-3', 't-4', 'my-topic-1'])).toBe('t 3, 4 · my-topic 1')
  expect(compactPartitions([])).toBe('')
})

test('narrow broker boxes wrap their details onto more lines instead of overflowing', () => {
  // "controller: unregistered" in a broker box 420 px / 3 wide (the tablet lesson layout).
  const width = brokerWidthFor(3, 420)
  const lines = wrapText('controller: unregistered', width - 12)
  expect(lines).toEqual(['controller:', 'unregistered'])
  for (const line of lines) expect(textWidth(line)).toBeLessThanOrEqual(width - 12)
  expect(wrapText('控制器：未注册', 60).every((l) => textWidth(l) <= 60)).toBe(true)
  expect(ellipsize('consumer-group-with-a-long-name: orders 0–5', 100).endsWith('…')).toBe(true)
  expect(textWidth(ellipsize('consumer-group-with-a-long-name', 100))).toBeLessThanOrEqual(100)
  // Taller brokers push the partitions down.
  expect(layoutCluster([1, 2, 3], 420, undefined, 6).partitionsTop).toBe(
    layoutCluster([1, 2, 3], 420).partitionsTop + 3 * 16,
  )
})

test('6 brokers with 12 partitions at RF 6 fit 1280×720 with a producer and a group', () => {
  const clients = { producers: ['client-1', 'producer-1'], consumers: ['consumer-1', 'consumer-2'] }
  const brokerLines = 4 // one of the three details wraps in 6 narrow boxes
  const cluster = layoutCluster([1, 2, 3, 4, 5, 6], SMALL.width, clients, brokerLines)
  const isrWidth = textWidth('ISR {1, 2, 3, 4, 5, 6}')
  const layout = layoutPartitions(partitions(12, 6), SMALL, {
    top: cluster.partitionsTop,
    isrWidth,
  })
  expect(layout.height).toBe(SMALL.height)
  // The strips start after the widest ISR label.
  const block = layout.blocks[0]!
  expect(stripExtent(block, layout.stacked).left).toBeGreaterThanOrEqual(
    block.left + COMPACT_ISR_X + isrWidth,
  )
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
          const strip = stripExtent(block, layout.stacked)
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
  const two = layoutPartitions(partitions(1, 1), { width: 560, height: 500 }, { keyWidths: widths })
  expect(two.keyRows).toBe(2)
  expect(two.blocks[0]!.top).toBeGreaterThan(one.blocks[0]!.top)
})

test('two wrapped lines are balanced: a number keeps its unit', () => {
  expect(wrapText('最近心跳 10.001 秒', 80)).toEqual(['最近心跳', '10.001 秒'])
  expect(wrapText('last heartbeat 888.888 s', 120)).toEqual(['last heartbeat', '888.888 s'])
})
