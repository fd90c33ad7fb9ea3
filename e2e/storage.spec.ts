/**
 * Journeys of the sandbox's storage in a real browser (OPFS in the engine's worker, Web Locks):
 * a reload brings the same run back (time, scrubber end, brokers, events) with its segment bytes
 * checked against the disk; a second tab on the same simulation runs in memory with a clear
 * notice and leaves the saved run alone while the first tab goes on; without OPFS
 * (`?storage=memory` acts as "no OPFS"; the in-process engine has none either) a notice says
 * the run is not saved.
 *
 * Each Playwright test has a fresh browser context, so OPFS starts empty; pages of one test
 * share it, as tabs of one profile do.
 */
import { mkdirSync } from 'node:fs'
import type { Page } from '@playwright/test'
import type { ClusterCommand } from '../src/engine'
import type {} from '../app/wiring/dispatchTestHook'
import { brokerFault, expect, simState, test } from './fixtures'

const SHOTS = 'test-results/screenshots'
mkdirSync(SHOTS, { recursive: true })

async function dispatch(page: Page, command: ClusterCommand): Promise<void> {
  const type = await page.evaluate((c) => window.__kafkaDispatch!(c), command)
  expect(type, JSON.stringify(command)).toBe('frame')
}

async function advanceTo(page: Page, ms: number): Promise<void> {
  await page.evaluate((t) => window.__kafkaSim!.advanceTo(t), ms)
}

async function waitForEngine(page: Page): Promise<void> {
  await page.waitForFunction(() => window.__kafkaSim?.state().view != null)
}

/**
 * Some history: a topic with produced records (segment bytes), a crash by button, a seek back.
 * (The sandbox already has `orders`; this one is created by command.)
 */
async function makeHistory(page: Page): Promise<void> {
  await advanceTo(page, 3_000)
  await dispatch(page, {
    type: 'createTopic',
    topic: { name: 'payments', partitions: 1, replicationFactor: 3 },
  })
  await advanceTo(page, 5_000)
  for (let i = 0; i < 3; i += 1) {
    await dispatch(page, {
      type: 'produce',
      topic: 'payments',
      partition: 0,
      records: Array.from({ length: 20 }, (_, r) => ({ key: `k${r}`, value: `order ${i}-${r}` })),
      acks: -1,
    })
    await advanceTo(page, 5_500 + i * 500)
  }
  await brokerFault(page, 2, 'Crash the process (kill -9)')
  await expect(page.locator('[data-broker-id="2"]')).toHaveAttribute('data-status', 'offline')
  await advanceTo(page, 20_000)
  await page.evaluate(() => window.__kafkaSim!.seekTo(12_345))
}

test('a reload restores the sandbox from OPFS: same time, brokers and events', async ({ app }) => {
  const { page, errors } = await app('&lang=en')
  // A normal run on OPFS has nothing to say.
  await expect(page.getByTestId('storage-notice')).toHaveCount(0)
  await makeHistory(page)
  const before = await simState(page)
  expect(before).toMatchObject({ nowMs: 12_345, maxMs: 20_000 })
  const markup = await page.getByTestId('cluster').innerHTML()

  await page.reload()
  await waitForEngine(page)
  const notice = page.getByTestId('storage-notice')
  await expect(notice).toHaveAttribute('data-notice', 'restored')
  await expect(notice).toContainText('Restored your last run')
  await expect(notice).toContainText('t = 12.345 s')
  const after = await simState(page)
  expect(after.nowMs).toBe(before.nowMs)
  expect(after.maxMs).toBe(before.maxMs)
  expect(after.eventCount).toBe(before.eventCount)
  expect(after.view).toEqual(before.view)
  // The segment files on disk were compared with the rebuilt ones: all identical.
  expect(Number(await notice.getAttribute('data-files-compared'))).toBeGreaterThan(0)
  expect(Number(await notice.getAttribute('data-bytes-verified'))).toBeGreaterThan(0)
  expect(await notice.getAttribute('data-files-differing')).toBe('0')
  await page.screenshot({ path: `${SHOTS}/storage-restored-en.png` })
  // With the notice gone the canvas has its old room again and draws the same markup.
  await page.getByRole('button', { name: 'Dismiss' }).click()
  await expect(notice).toHaveCount(0)
  await page.mouse.move(0, 0)
  expect(await page.getByTestId('cluster').innerHTML()).toBe(markup)

  // The restored run goes on, and time travel works on it.
  await advanceTo(page, 25_000)
  await page.evaluate(() => window.__kafkaSim!.seekTo(4_000))
  expect((await simState(page)).view!.brokers[1]!.status).toBe('online')
  expect(errors).toEqual([])
})

test('a second tab on the same simulation is told it is locked; the first keeps working', async ({
  app,
  context,
}) => {
  const { page, errors } = await app('&lang=en')
  await makeHistory(page)
  const first = await simState(page)

  const second = await context.newPage()
  const secondErrors: string[] = []
  second.on('pageerror', (error) => secondErrors.push(error.message))
  await second.goto('/?e2e=1&lang=en')
  await waitForEngine(second)
  const locked = second.getByTestId('storage-notice')
  await expect(locked).toHaveAttribute('data-notice', 'opfs-locked')
  await expect(locked).toContainText('This simulation is open in another tab')
  await expect(locked).toContainText('nothing was written to the saved simulation')
  await second.screenshot({ path: `${SHOTS}/storage-locked-en.png` })
  // The second tab runs its own copy in memory.
  expect(await simState(second)).toMatchObject({ nowMs: 0, maxMs: 0 })
  await advanceTo(second, 6_000)
  await brokerFault(second, 1, 'Crash the process (kill -9)')
  await expect(second.locator('[data-broker-id="1"]')).toHaveAttribute('data-status', 'offline')
  await advanceTo(second, 30_000)

  // The first tab is untouched and goes on.
  expect(await simState(page)).toMatchObject({ nowMs: first.nowMs, maxMs: first.maxMs })
  await expect(page.getByTestId('storage-notice')).toHaveCount(0)
  await advanceTo(page, 21_000)
  await brokerFault(page, 3, 'Isolate from the network')
  await advanceTo(page, 22_000)
  const firstLater = await simState(page)
  expect(firstLater.view!.brokers[0]!.status).toBe('online')

  // The saved run is the first tab's: close the second, reload the first.
  await second.close()
  await page.reload()
  await waitForEngine(page)
  await expect(page.getByTestId('storage-notice')).toHaveAttribute('data-notice', 'restored')
  const restored = await simState(page)
  expect(restored.nowMs).toBe(firstLater.nowMs)
  expect(restored.view).toEqual(firstLater.view)
  expect(await page.getByTestId('storage-notice').getAttribute('data-files-differing')).toBe('0')
  expect(errors).toEqual([])
  expect(secondErrors).toEqual([])
})

test('without OPFS the run is in memory and a notice says so, in both languages', async ({
  app,
}) => {
  const { page, errors } = await app('&lang=en&storage=memory')
  const notice = page.getByTestId('storage-notice')
  await expect(notice).toHaveAttribute('data-notice', 'opfs-unavailable')
  await expect(notice).toContainText('runs in memory')
  await advanceTo(page, 5_000)
  await page.getByRole('button', { name: '中文' }).click()
  await expect(notice).toContainText('模拟在内存中运行')
  // Nothing was saved: a reload starts over.
  await page.reload()
  await waitForEngine(page)
  expect(await simState(page)).toMatchObject({ nowMs: 0, maxMs: 0 })
  await expect(page.getByTestId('storage-notice')).toHaveAttribute(
    'data-notice',
    'opfs-unavailable',
  )
  expect(errors).toEqual([])

  // The in-process engine (no worker, so no sync access handles) says the same.
  const inProcess = await app('&lang=en&engine=inprocess')
  expect((await simState(inProcess.page)).engineKind).toBe('in-process')
  await expect(inProcess.page.getByTestId('storage-notice')).toHaveAttribute(
    'data-notice',
    'opfs-unavailable',
  )
})
