/**
 * The sandbox's cluster view shows replication from the engine's own state: the `orders` topic's
 * partitions with leader, leader epoch, ISR and each replica's log (HW, LEO). A crashed leader is
 * replaced at a higher leader epoch, seeking back shows the old leader exactly, and replaying
 * forward gives the same view again. The producer panel reaches NOT_ENOUGH_REPLICAS with acks=all
 * once two of three brokers are gone. Screenshots in both languages at two sizes for review.
 */
import { mkdirSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { brokerFault, expect, simState, test } from './fixtures'

const SHOTS = 'test-results/screenshots'
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
