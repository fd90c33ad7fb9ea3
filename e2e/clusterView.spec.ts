/**
 * The sandbox's cluster view shows replication from the engine's own state: the `orders` topic's
 * partitions with leader, leader epoch, ISR and each replica's log (HW, LEO). A crashed leader is
 * replaced at a higher leader epoch, seeking back shows the old leader exactly, and replaying
 * forward gives the same view again. The producer panel reaches NOT_ENOUGH_REPLICAS with acks=all
 * once two of three brokers are gone. Clients are drawn beside the controller with every message
 * they send, placed by simulated time (the same after scrubbing away and back), reachable from the
 * keyboard; a consumer killed from its menu makes its group rebalance. 6 brokers with 12
 * partitions at RF 6 fit 1280×720. Screenshots in both languages at two sizes for review.
 */
import { mkdirSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { brokerFault, clientFault, expect, simState, test, type AppPage } from './fixtures'

/** Screenshots for review (SHOTS_DIR=/tmp/shots-canvas to look at them outside the repo). */
const SHOTS = process.env.SHOTS_DIR ?? 'test-results/screenshots'
mkdirSync(SHOTS, { recursive: true })

/** Every partition's and replica's data attributes: what the drawing says, in one value. */
async function drawnReplication(page: Page) {
  return page.locator('[data-partition]').evaluateAll((nodes) =>
    nodes.map((node) => ({
      partition: node.getAttribute('data-partition'),
      leader: node.getAttribute('data-leader'),
      leaderEpoch: node.getAttribute('data-leader-epoch'),
      isr: node.getAttribute('data-isr'),
      replicas: [...node.querySelectorAll('[data-replica]')].map((r) =>
        [
          'data-replica',
          'data-role',
          'data-online',
          'data-in-isr',
          'data-log-start-offset',
          'data-log-end-offset',
          'data-high-watermark',
        ].map((name) => r.getAttribute(name)),
      ),
    })),
  )
}

test('the sandbox starts with the orders topic; ?brokers= still sets the cluster size', async ({
  app,
}) => {
  const { page, errors } = await app('&lang=en&brokers=2')
  await page.evaluate(() => window.__kafkaSim!.advanceTo(3_000))
  await expect(page.locator('[data-broker-id]')).toHaveCount(2)
  await expect(page.locator('[data-partition]')).toHaveCount(3)
  // Replication factor min(3, brokers) = 2.
  await expect(page.locator('[data-replica^="orders-0@"]')).toHaveCount(2)
  await expect(page.locator('[data-node="client-1"]')).toBeVisible()
  expect(errors).toEqual([])
})

test('a crashed leader is replaced at a higher leader epoch; seeking back shows it exactly', async ({
  app,
}) => {
  const { page, errors } = await app('&lang=en')
  await page.evaluate(() => window.__kafkaSim!.advanceTo(4_000))
  const orders0 = page.locator('[data-partition="orders-0"]')
  await expect(orders0.locator('[data-replica]')).toHaveCount(3)
  // Some records, so the log strips have cells and a HW.
  const panel = page.getByTestId('client-panel')
  await panel.getByLabel('Value').fill('first <b>order</b>')
  await panel.getByRole('button', { name: 'Send' }).click()
  await page.evaluate(() => window.__kafkaSim!.advanceTo(4_500))
  await expect(page.getByTestId('client-results').locator('li[data-kind="produce"]')).toHaveCount(1)

  const oldLeader = Number(await orders0.getAttribute('data-leader'))
  const oldEpoch = Number(await orders0.getAttribute('data-leader-epoch'))
  expect(oldLeader).toBeGreaterThan(0)
  await expect(orders0.locator(`[data-replica="orders-0@${oldLeader}"]`)).toHaveAttribute(
    'data-role',
    'leader',
  )
  const beforeCrash = await drawnReplication(page)
  const crashAtMs = (await simState(page)).nowMs

  await brokerFault(page, oldLeader, 'Crash the process (kill -9)')
  await expect(page.locator(`[data-broker-id="${oldLeader}"]`)).toHaveAttribute(
    'data-status',
    'offline',
  )
  const endMs = crashAtMs + 12_000
  await page.evaluate((ms) => window.__kafkaSim!.advanceTo(ms), endMs)
  await expect(orders0).not.toHaveAttribute('data-leader', String(oldLeader))
  await expect(orders0).not.toHaveAttribute('data-leader', '-1')
  const newEpoch = Number(await orders0.getAttribute('data-leader-epoch'))
  expect(newEpoch).toBeGreaterThan(oldEpoch)
  const newLeader = Number(await orders0.getAttribute('data-leader'))
  await expect(orders0.locator(`[data-replica="orders-0@${newLeader}"]`)).toHaveAttribute(
    'data-role',
    'leader',
  )
  await expect(orders0.locator(`[data-replica="orders-0@${oldLeader}"]`)).toHaveAttribute(
    'data-online',
    'false',
  )
  await expect(orders0.locator(`[data-replica="orders-0@${oldLeader}"]`)).toContainText('offline')
  const finalDrawing = await drawnReplication(page)
  const finalView = (await simState(page)).view

  // Back to just before the crash: the old leader and epoch, exactly as drawn then.
  await page.evaluate((ms) => window.__kafkaSim!.seekTo(ms), crashAtMs - 1)
  await expect(orders0).toHaveAttribute('data-leader', String(oldLeader))
  await expect(orders0).toHaveAttribute('data-leader-epoch', String(oldEpoch))
  expect(await drawnReplication(page)).toEqual(beforeCrash)

  // Forward again: the recorded crash replays to the same final view.
  await page.evaluate((ms) => window.__kafkaSim!.advanceTo(ms), endMs)
  expect(await drawnReplication(page)).toEqual(finalDrawing)
  expect((await simState(page)).view).toEqual(finalView)
  expect(errors).toEqual([])
})

test('acks=all with two of three brokers down gets NOT_ENOUGH_REPLICAS in the results list', async ({
  app,
}) => {
  const { page, errors } = await app('&lang=en')
  await page.evaluate(() => window.__kafkaSim!.advanceTo(4_000))
  const orders0 = page.locator('[data-partition="orders-0"]')
  const leader = Number(await orders0.getAttribute('data-leader'))
  const others = [1, 2, 3].filter((b) => b !== leader)
  // While all three are in sync, a record goes in and a consumer reads it back, as text.
  const panel = page.getByTestId('client-panel')
  await panel.getByLabel('Partition').selectOption('orders-0')
  await panel.getByLabel('Value').fill('<img src=x onerror=alert(1)>')
  await panel.getByRole('button', { name: 'Send' }).click()
  await page.evaluate(() => window.__kafkaSim!.advanceTo(4_500))
  await panel.getByLabel('Consume from offset').fill('0')
  await panel.getByRole('button', { name: 'Consume' }).click()
  await page.evaluate(() => window.__kafkaSim!.advanceTo(5_000))
  const fetched = page.getByTestId('client-results').locator('li[data-kind="fetch"]').first()
  await expect(fetched).toContainText('<img src=x onerror=alert(1)>')
  await expect(page.locator('.client-panel img')).toHaveCount(0)
  for (const brokerId of others) {
    await brokerFault(page, brokerId, 'Crash the process (kill -9)')
    await expect(page.locator(`[data-broker-id="${brokerId}"]`)).toHaveAttribute(
      'data-status',
      'offline',
    )
  }
  // Fencing (session timeout) and then the ISR shrink on the leader.
  await page.evaluate(() => window.__kafkaSim!.advanceTo(30_000))
  await expect(orders0).toHaveAttribute('data-isr', String(leader))
  for (const brokerId of others) {
    const replica = orders0.locator(`[data-replica="orders-0@${brokerId}"]`)
    await expect(replica).toHaveAttribute('data-in-isr', 'false')
    await expect(replica).toHaveClass(/replica--out-of-isr/)
  }

  await panel.getByLabel('Partition').selectOption('orders-0')
  await panel.getByLabel('Value').fill('lost?')
  await panel.getByLabel('acks').selectOption({ label: 'all (−1)' })
  await panel.getByLabel('Value').press('Enter') // keyboard: Enter in the form sends
  await page.evaluate(() => window.__kafkaSim!.advanceTo(31_000))
  const result = page.getByTestId('client-results').locator('li[data-kind="produce"]').first()
  await expect(result).toHaveAttribute('data-error', 'NOT_ENOUGH_REPLICAS')
  await expect(result).toContainText('NOT_ENOUGH_REPLICAS')

  // acks=1 is still written by the leader alone (not readable yet: HW waits for min ISR).
  await panel.getByLabel('acks').selectOption({ label: '1 (leader)' })
  await panel.getByRole('button', { name: 'Send' }).click()
  await page.evaluate(() => window.__kafkaSim!.advanceTo(32_000))
  await expect(
    page.getByTestId('client-results').locator('li[data-kind="produce"]').first(),
  ).toHaveAttribute('data-error', '')
  expect(errors).toEqual([])
})

test('pause and resume the fetcher from the broker menu are engine commands', async ({ app }) => {
  const { page, errors } = await app('&lang=en')
  await page.evaluate(() => window.__kafkaSim!.advanceTo(3_000))
  await brokerFault(page, 2, 'Pause the replica fetcher')
  await expect(page.locator('[data-event-type="fetcherPaused"]')).toHaveCount(1)
  await expect(page.locator('[data-broker-id="2"]')).toContainText('fetcher')
  await brokerFault(page, 2, 'Resume the replica fetcher')
  await expect(page.locator('[data-event-type="fetcherResumed"]')).toHaveCount(1)
  await page.locator('[data-broker-id="2"]').click({ button: 'right' })
  await expect(page.getByRole('menuitem', { name: 'Pause the replica fetcher' })).toBeVisible()
  await page.keyboard.press('Escape')
  expect(errors).toEqual([])
})

for (const lang of ['en', 'zh-CN'] as const) {
  for (const [width, height] of [
    [1280, 720],
    [1920, 1080],
  ] as const) {
    test(`screenshot: clients and their messages in flight, ${lang}, ${width}×${height}`, async ({
      app,
    }) => {
      const { page, errors } = await withClientsInFlight(app, `&lang=${lang}`)
      await page.setViewportSize({ width, height })
      await page.evaluate(() => window.__kafkaSim!.advanceTo(window.__kafkaSim!.state().nowMs + 8))
      await page.mouse.move(0, 0)
      await page.screenshot({ path: `${SHOTS}/clients-${lang}-${width}x${height}.png` })
      // Client text at least 14 px on screen, and inside its box.
      const texts = await page
        .locator('.cluster-svg [data-node^="consumer-"], .cluster-svg [data-node^="producer-"]')
        .evaluateAll((nodes) =>
          nodes.flatMap((node) => {
            const box = node.querySelector('.client-box')!.getBoundingClientRect()
            const svg = node.closest('svg')!
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width
            return [...node.querySelectorAll('text:not(.client-badge)')].map((text) => {
              const r = text.getBoundingClientRect()
              return {
                text: text.textContent,
                px: parseFloat(getComputedStyle(text).fontSize) * scale,
                inside: r.left >= box.left - 1 && r.right <= box.right + 1,
              }
            })
          }),
        )
      for (const text of texts) {
        expect(text.px, text.text!).toBeGreaterThanOrEqual(14)
        expect(text.inside, text.text!).toBe(true)
      }
      expect(errors).toEqual([])
    })

    test(`screenshot: cluster view, ${lang}, ${width}×${height}`, async ({ app }) => {
      const { page, errors } = await app(`&lang=${lang}`)
      await page.setViewportSize({ width, height })
      await page.evaluate(() => window.__kafkaSim!.advanceTo(4_000))
      for (const [partition, value] of [
        [0, 'a'],
        [0, 'b'],
        [1, 'c'],
      ] as const) {
        await page.evaluate(
          ({ partition, value }) =>
            window.__kafkaDispatch!({
              type: 'produce',
              topic: 'orders',
              partition,
              records: [{ key: null, value }],
              acks: -1,
            }),
          { partition, value },
        )
      }
      await page.evaluate(() => window.__kafkaSim!.advanceTo(4_800))
      // Broker 3 crashes (fenced at ~13 s: offline, out of every ISR); broker 2's fetcher hangs
      // and, once it lags more than replica.lag.time.max.ms, is out of ISR while still online.
      await page.evaluate(() =>
        window.__kafkaDispatch!({ type: 'crashBroker', brokerId: 3, mode: 'process' }),
      )
      await page.evaluate(() => window.__kafkaDispatch!({ type: 'pauseFetcher', brokerId: 2 }))
      await page.evaluate(() => window.__kafkaSim!.advanceTo(20_000))
      for (const acks of [1, 1]) {
        await page.evaluate(
          (acks) =>
            window.__kafkaDispatch!({
              type: 'produce',
              topic: 'orders',
              partition: 0,
              records: [{ key: null, value: 'd' }],
              acks,
            }),
          acks,
        )
      }
      await page.evaluate(() => window.__kafkaSim!.advanceTo(60_000))
      await page.evaluate(() =>
        window.__kafkaDispatch!({
          type: 'consumerFetch',
          topic: 'orders',
          partition: 0,
          fetchOffset: 0,
        }),
      )
      await page.evaluate(() => window.__kafkaSim!.advanceTo(60_006))
      await expect(page.locator('[data-replica="orders-0@2"]')).toHaveAttribute(
        'data-in-isr',
        'false',
      )
      await page.mouse.move(0, 0)
      await page.screenshot({ path: `${SHOTS}/cluster-${lang}-${width}x${height}.png` })
      // Brokers and every partition row are on screen without scrolling.
      const viewport = page.viewportSize()!
      for (const selector of ['[data-broker-id]', '[data-replica]', '[data-node="controller"]']) {
        for (const box of await page
          .locator(selector)
          .evaluateAll((nodes) =>
            nodes.map((n) => n.getBoundingClientRect().toJSON() as DOMRect),
          )) {
          expect(box.bottom, selector).toBeLessThanOrEqual(viewport.height)
          expect(box.right, selector).toBeLessThanOrEqual(viewport.width)
        }
      }
      // Every canvas text at least 14 px on screen (the viewBox is the canvas's pixel size).
      const smallest = await page.locator('.cluster-svg text').evaluateAll((nodes) =>
        Math.min(
          ...nodes.map((n) => {
            const svg = n.closest('svg')!
            return (
              parseFloat(getComputedStyle(n).fontSize) *
              (svg.getBoundingClientRect().width / svg.viewBox.baseVal.width)
            )
          }),
        ),
      )
      expect(smallest).toBeGreaterThanOrEqual(14)
      expect(errors).toEqual([])
    })
  }
}

test('the sandbox with partitions and the producer panel passes an axe scan', async ({ app }) => {
  const { page, errors } = await app('&lang=en')
  await page.evaluate(() => window.__kafkaSim!.advanceTo(4_000))
  await page.evaluate(() =>
    window.__kafkaDispatch!({
      type: 'produce',
      topic: 'orders',
      partition: 0,
      records: [{ key: null, value: 'a' }],
      acks: -1,
    }),
  )
  await page.evaluate(() => window.__kafkaSim!.advanceTo(4_500))
  const scan = await new AxeBuilder({ page }).include('main').analyze()
  expect(scan.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual(
    [],
  )
  expect(errors).toEqual([])
})

for (const brokers of [1, 6]) {
  test(`screenshot: ${brokers} broker(s) with the orders topic`, async ({ app }) => {
    const { page, errors } = await app(`&lang=en&brokers=${brokers}`)
    await page.evaluate(() => window.__kafkaSim!.advanceTo(4_000))
    await expect(page.locator('[data-partition]')).toHaveCount(3)
    await expect(page.locator('[data-replica^="orders-1@"]')).toHaveCount(Math.min(3, brokers))
    await page.screenshot({ path: `${SHOTS}/cluster-en-1280x720-brokers-${brokers}.png` })
    expect(errors).toEqual([])
  })
}

/** A producer and a 2-member group reading `orders`, past their first rebalance at 8 s. */
async function startClients(page: Page) {
  await page.evaluate(async () => {
    const dispatch = window.__kafkaDispatch!
    await dispatch({ type: 'createProducer', producerName: 'producer-1', configs: {} })
    for (const consumerName of ['consumer-1', 'consumer-2']) {
      await dispatch({
        type: 'createConsumer',
        consumerName,
        groupId: 'billing',
        configs: { 'auto.offset.reset': 'earliest' },
      })
      await dispatch({ type: 'subscribe', consumerName, topics: ['orders'] })
      await dispatch({ type: 'runConsumer', consumerName, processingMs: 10 })
    }
    await window.__kafkaSim!.advanceTo(8_000)
  })
}

/** Sends a record from producer-1 and steps 1 ms at a time until its produce request is in flight. */
async function produceInFlight(page: Page) {
  await page.evaluate(() =>
    window.__kafkaDispatch!({
      type: 'send',
      producerName: 'producer-1',
      topic: 'orders',
      key: 'k',
      value: 'v',
    }),
  )
  for (let i = 0; i < 200; i++) {
    const found = await page.evaluate(async () => {
      const sim = window.__kafkaSim!
      await sim.advanceTo(sim.state().nowMs + 1)
      const m = sim
        .state()
        .view!.messages.find((m) => m.kind === 'produceRequest' && m.from === 'producer-1')
      return m === undefined ? null : { ...m, nowMs: sim.state().nowMs }
    })
    if (found !== null) return found
  }
  throw new Error('no produce request from producer-1 within 200 ms')
}

/** The sandbox with clients running and a produce request of producer-1 in flight, paused. */
async function withClientsInFlight(app: (query?: string) => Promise<AppPage>, query = '&lang=en') {
  const opened = await app(query)
  await startClients(opened.page)
  return { ...opened, message: await produceInFlight(opened.page) }
}

const circleAt = (page: Page, id: number) =>
  page
    .locator(`[data-message-id="${id}"]`)
    .evaluate((c) => ({ cx: c.getAttribute('cx'), cy: c.getAttribute('cy') }))

test('a producer and a 2-member group are drawn; a produce request is placed by simulated time', async ({
  app,
}) => {
  const { page, errors } = await app('&lang=en')
  await startClients(page)
  await expect(page.locator('.cluster-svg [data-node="producer-1"]')).toContainText('Producer 1')
  for (const node of ['consumer-1', 'consumer-2']) {
    const box = page.locator(`.cluster-svg [data-node="${node}"]`)
    await expect(box).toHaveAttribute('data-status', 'running')
    // Its group and the partitions it owns, compactly.
    await expect(box).toContainText(/billing: orders \d/)
  }
  const message = await produceInFlight(page)
  const leaders = await page
    .locator('[data-partition]')
    .evaluateAll((nodes) => nodes.map((n) => `broker-${n.getAttribute('data-leader')}`))
  expect(leaders).toContain(message.to)
  // On its way: between the producer's box and the leader's top edge (their borders are 3 px).
  const dot = page.locator(`[data-message-id="${message.id}"]`)
  await expect(dot).toHaveAttribute('data-message-kind', 'produceRequest')
  const at = (await dot.boundingBox())!
  const producer = (await page
    .locator('.cluster-svg [data-node="producer-1"] .client-box')
    .boundingBox())!
  const leader = (await page
    .locator(`[data-broker-id="${message.to.slice('broker-'.length)}"] .broker-box`)
    .boundingBox())!
  expect(at.y + at.height / 2).toBeGreaterThanOrEqual(producer.y + producer.height - 3)
  expect(at.y + at.height / 2).toBeLessThanOrEqual(leader.y + 3)
  const before = await circleAt(page, message.id)
  // Scrub away (before it was sent) and back: the same message at the same place.
  await page.evaluate(() => window.__kafkaSim!.seekTo(5_000))
  await expect(page.locator(`[data-message-id="${message.id}"]`)).toHaveCount(0)
  await page.evaluate((ms) => window.__kafkaSim!.seekTo(ms), message.nowMs)
  await expect(page.locator(`[data-message-id="${message.id}"]`)).toHaveAttribute(
    'data-message-kind',
    'produceRequest',
  )
  expect(await circleAt(page, message.id)).toEqual(before)
  expect(errors).toEqual([])
})

test('Tab reaches the messages in flight, arrows move, Enter opens one in the inspector', async ({
  app,
}) => {
  const { page, errors } = await withClientsInFlight(app)
  const count = await page.locator('[data-message-id]').count()
  expect(count).toBeGreaterThan(0)
  // The last broker, then one Tab: the messages' single tab stop.
  await page.locator('[data-broker-id="3"]').focus()
  await page.keyboard.press('Tab')
  const focused = () =>
    page.evaluate(() => document.activeElement?.getAttribute('data-message-id') ?? null)
  const first = await focused()
  expect(first).not.toBeNull()
  await expect(page.locator(`[data-message-id="${first}"]`)).toHaveAttribute('aria-label', /→ /)
  let chosen = first
  if (count > 1) {
    await page.keyboard.press('ArrowRight')
    chosen = await focused()
    expect(chosen).not.toBe(first)
    expect(chosen).not.toBeNull()
  }
  await page.keyboard.press('Enter')
  const fields = page.getByTestId('inspector-message')
  await expect(fields.locator('[data-field="id"] dd')).toHaveText(String(chosen))
  // Only one message is in the tab order.
  await expect(page.locator('[data-message-id][tabindex="0"]')).toHaveCount(1)
  // When the focused message is delivered, focus stays with the messages in flight.
  await page.locator(`[data-message-id="${chosen}"]`).focus()
  const next = await page.evaluate(async (id) => {
    const sim = window.__kafkaSim!
    for (let i = 0; i < 100; i++) {
      await sim.advanceTo(sim.state().nowMs + 1)
      const messages = sim.state().view!.messages
      if (!messages.some((m) => String(m.id) === id)) return messages.length
    }
    return -1
  }, chosen)
  // (Heartbeats and fetches are still in flight then: the seed makes this run the same every time.)
  expect(next).toBeGreaterThan(0)
  await expect.poll(focused).not.toBeNull()
  expect(errors).toEqual([])
})

test('killing a consumer from its menu makes the group rebalance onto the survivor', async ({
  app,
}) => {
  const { page, errors } = await app('&lang=en')
  await startClients(page)
  const survivor = page.locator('.cluster-svg [data-node="consumer-1"]')
  const victim = page.locator('.cluster-svg [data-node="consumer-2"]')
  await expect(victim).toContainText(/billing: orders \d/)
  await expect(survivor).not.toContainText('orders 0–2')
  // The menu from the keyboard lists the consumer's faults.
  await victim.focus()
  await page.keyboard.press('Shift+F10')
  await expect(page.getByRole('menuitem', { name: /Slow consumer/ })).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(victim).toBeFocused()
  await clientFault(page, 'consumer-2', 'Kill the consumer (no LeaveGroup: the session times out)')
  await expect(victim).toHaveAttribute('data-status', 'crashed')
  await expect(victim).toContainText('crashed')
  // No LeaveGroup: the coordinator notices after session.timeout.ms (45 s) and rebalances.
  await page.evaluate(() => window.__kafkaSim!.advanceTo(70_000))
  await expect(survivor).toContainText('billing: orders 0–2')
  const group = (await simState(page)).view!.consumerGroups.groups.find(
    (g) => g.groupId === 'billing',
  )!
  expect(group.members.map((m) => m.node)).toEqual(['consumer-1'])
  expect(group.generationId).toBeGreaterThan(1)
  // Its menu now offers a restart; the inspector shows its fields.
  await victim.click({ button: 'right' })
  await expect(page.getByRole('menuitem', { name: 'Restart the consumer' })).toBeVisible()
  await page.getByRole('menuitem', { name: 'Inspect consumer-2' }).click()
  const fields = page.getByTestId('inspector-consumer')
  await expect(fields.locator('[data-field="status"] dd')).toHaveText('crashed')
  await expect(fields.locator('[data-field="group.id"] dd')).toHaveText('billing')
  expect(errors).toEqual([])
})

/** Broker boxes side by side without overlap, each holding its own text. */
async function brokersClear(page: Page) {
  const boxes = await page.locator('[data-broker-id]').evaluateAll((nodes) =>
    nodes.map((node) => {
      const box = node.querySelector('.broker-box')!.getBoundingClientRect()
      const overflowing = [...node.querySelectorAll('text:not(.broker-isolated)')]
        .filter((text) => {
          const r = text.getBoundingClientRect()
          return r.left < box.left - 1 || r.right > box.right + 1 || r.bottom > box.bottom + 1
        })
        .map((text) => text.textContent)
      return { left: box.left, right: box.right, overflowing }
    }),
  )
  for (const [i, box] of boxes.entries()) {
    expect(box.overflowing).toEqual([])
    if (i > 0) expect(box.left).toBeGreaterThanOrEqual(boxes[i - 1]!.right)
  }
}

test('6 brokers with 12 partitions at RF 6 fit 1280×720 without scrolling', async ({ app }) => {
  const scenario = { brokers: 6, topics: [{ name: 't', partitions: 12, replicationFactor: 6 }] }
  const { page, errors } = await app(`&lang=en&sandbox=${JSON.stringify(scenario)}`)
  await page.evaluate(() => window.__kafkaSim!.advanceTo(4_000))
  await expect(page.locator('[data-partition]')).toHaveCount(12)
  expect(
    await page.evaluate(() => document.scrollingElement!.scrollHeight <= window.innerHeight),
  ).toBe(true)
  const stage = await page
    .locator('.cluster-stage')
    .evaluate((s) => ({ scroll: s.scrollHeight, client: s.clientHeight }))
  expect(stage.scroll).toBeLessThanOrEqual(stage.client)
  await brokersClear(page)
  await page.screenshot({ path: `${SHOTS}/cluster-en-1280x720-6x12-rf6.png` })
  expect(errors).toEqual([])
})

test('a lesson on a tablet (1024×768): broker boxes hold their text at a 420 px canvas', async ({
  app,
}) => {
  for (const lang of ['en', 'zh-CN']) {
    const { page, errors } = await app(
      `&lang=${lang}&page=lessons&lesson=heartbeats-and-fencing&step=1`,
    )
    await page.setViewportSize({ width: 1024, height: 768 })
    // At 1 ms the controller has registered nobody yet: "controller: unregistered".
    await page.evaluate(() => window.__kafkaSim!.advanceTo(1))
    await brokersClear(page)
    await page.evaluate(() => window.__kafkaSim!.advanceTo(12_000))
    await brokersClear(page)
    await page.screenshot({ path: `${SHOTS}/lesson-${lang}-1024x768.png` })
    expect(errors).toEqual([])
  }
})

test('the cluster with clients and their messages in flight passes an axe scan', async ({
  app,
}) => {
  const { page, errors } = await withClientsInFlight(app)
  const scan = await new AxeBuilder({ page }).include('.cluster').analyze()
  expect(
    scan.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`),
  ).toEqual([])
  expect(errors).toEqual([])
})
