/**
 * Goal: a learner can take the lessons in a real browser: open one from the catalog, read, run
 * the demo, solve the tasks with the cluster's own buttons, get feedback, restart a step, resume
 * after a reload, and finish; with the keyboard alone and in Chinese too; with no console errors
 * and no axe violations.
 * Method: the app at `/?e2e=1&page=lessons&lesson=<id>&lang=<en|zh-CN>`; simulated time moves
 * through `window.__kafkaSim.advanceTo` (deterministic), except where the keyboard test plays in
 * real time with Space. Screenshots of key moments go to test-results/screenshots.
 */
import AxeBuilder from '@axe-core/playwright'
import { mkdirSync } from 'node:fs'
import type { Locator, Page } from '@playwright/test'
import { expect, simState, test } from './fixtures'

const SHOTS = 'test-results/screenshots'
mkdirSync(SHOTS, { recursive: true })

const FENCING = 'heartbeats-and-fencing'
const ISOLATION = 'isolation-and-healing'

async function advanceBy(page: Page, ms: number): Promise<void> {
  const { nowMs } = await simState(page)
  await page.evaluate((target) => window.__kafkaSim!.advanceTo(target), nowMs + ms)
}

function lessonPage(page: Page) {
  const panel = page.getByTestId('lesson-panel')
  const step = panel.locator('[data-step-id]')
  return {
    panel,
    step,
    goal: panel.getByTestId('goal-status'),
    next: panel.getByRole('button', { name: /^(Next|Finish|下一步|完成)$/ }),
    /** Waits until the panel shows the step with this id. */
    at: (stepId: string) => expect(step).toHaveAttribute('data-step-id', stepId),
    /** Opens broker `brokerId`'s fault menu (right click) and chooses an item by its id. */
    fault: async (brokerId: number, item: string) => {
      await page.locator(`[data-broker-id="${brokerId}"]`).click({ button: 'right' })
      await page.getByTestId('fault-menu').locator(`[data-item="${item}"]`).click()
    },
    broker: (brokerId: number) => page.locator(`[data-broker-id="${brokerId}"]`),
  }
}

/** Clicks a lesson action and waits until the engine has taken all of its commands. */
async function runAction(panel: Locator, id: string) {
  await panel.locator(`[data-action-id="${id}"]`).click()
  await expect(panel.locator('.lesson-actions')).toHaveAttribute('data-busy', 'false')
}

async function reached(goal: Locator) {
  await expect(goal).toHaveAttribute('data-reached', 'true')
}

/** Reads the intro and lets the brokers come online: the first two steps of most lessons. */
async function throughBrokersJoin(page: Page, l: ReturnType<typeof lessonPage>) {
  await l.at('intro')
  await l.next.click()
  await l.at('brokers-join')
  await advanceBy(page, 3_000)
  await reached(l.goal)
  await l.next.click()
}

async function openLesson(
  app: (q?: string) => Promise<{ page: Page; errors: string[] }>,
  id: string,
  lang = 'en',
) {
  const opened = await app(`&page=lessons&lesson=${id}&lang=${lang}`)
  await expect(opened.page.getByTestId('lesson-panel')).toBeVisible()
  await expect(opened.page.getByTestId('lesson-panel').locator('[data-step-id]')).toBeVisible()
  return opened
}

test.beforeEach(async ({ page }) => {
  // Every test starts with no saved progress.
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('lessons-e2e-cleared')) {
      localStorage.removeItem('kafkascope.lessons.progress.v1')
      sessionStorage.setItem('lessons-e2e-cleared', '1')
    }
  })
})

test('from the catalog, a learner completes "Heartbeats and fencing" with the cluster buttons', async ({
  app,
}) => {
  const { page, errors } = await app('&page=lessons&lang=en')
  const catalog = page.getByTestId('lessons-catalog')
  await expect(catalog.getByRole('heading', { name: 'Replication' })).toBeVisible()
  await page.screenshot({ path: `${SHOTS}/lessons-catalog-en.png` })
  await catalog
    .getByRole('group', { name: /Heartbeats and fencing.*: actions/ })
    .getByRole('button', { name: 'Start' })
    .click()
  await expect(page).toHaveURL(new RegExp(`lesson=${FENCING}`))
  const l = lessonPage(page)
  await l.at('intro')
  expect((await simState(page)).nowMs).toBe(0) // a fresh run with the lesson's seed
  await l.next.click()

  await l.at('brokers-join')
  await expect(l.next).toBeDisabled()
  await advanceBy(page, 3_000)
  await reached(l.goal)
  await l.next.click()
  await l.at('session')
  await l.next.click()

  await l.at('crash-broker-2')
  await l.panel.getByRole('button', { name: 'Run the demo' }).click()
  await expect(l.broker(2)).toHaveAttribute('data-status', 'offline')
  await expect(l.broker(2)).toContainText('controller: alive')
  await l.next.click()

  await l.at('controller-fences')
  await advanceBy(page, 12_000)
  await reached(l.goal)
  await expect(l.broker(2)).toContainText('controller: fenced')
  await page.screenshot({ path: `${SHOTS}/lesson-fenced-en.png` })
  await l.next.click()
  await l.at('why-wait')
  await l.next.click()

  await l.at('restart-broker-2')
  await expect(l.goal).toHaveAttribute('data-reached', 'false')
  await l.fault(2, 'restart')
  await advanceBy(page, 4_000)
  await reached(l.goal)
  await expect(l.broker(2)).toHaveAttribute('data-status', 'online')
  await expect(l.broker(2)).toContainText('broker epoch 4')
  await l.next.click()
  await l.at('new-epoch')
  await l.next.click()

  await l.at('isolate-broker-3')
  await l.fault(3, 'isolate')
  await advanceBy(page, 12_000)
  await reached(l.goal)
  await expect(l.broker(3)).toHaveAttribute('data-status', 'fenced')
  await l.next.click()
  await l.at('summary')
  await l.next.click()

  await expect(l.panel.getByRole('heading', { name: 'Lesson complete' })).toBeVisible()
  await l.panel.getByRole('button', { name: 'All lessons' }).click()
  await expect(
    page.getByRole('listitem').filter({ hasText: 'Heartbeats and fencing' }),
  ).toContainText('Finished')
  expect(errors).toEqual([])
})

test('keyboard only, in Chinese: play with Space, step with Tab and Enter, focus is visible', async ({
  app,
}) => {
  const { page, errors } = await openLesson(app, ISOLATION, 'zh-CN')
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
  const l = lessonPage(page)
  await expect(l.step).toContainText('网络分区')

  /** Tabs forward until the focused element has this accessible text. */
  const tabTo = async (name: string) => {
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press('Tab')
      const text = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '')
      if (text === name) return
    }
    throw new Error(`could not reach "${name}" with Tab`)
  }
  const focusIsVisibleOnStepHeading = async () => {
    const focused = page.locator(':focus')
    await expect(focused).toHaveJSProperty('tagName', 'H3')
    const outline = await focused.evaluate((el) => getComputedStyle(el).outlineStyle)
    expect(outline).not.toBe('none')
  }

  await tabTo('下一步')
  await page.keyboard.press('Enter')
  await lessonPage(page).at('brokers-join')
  await focusIsVisibleOnStepHeading()
  await page.keyboard.press(' ') // play in real time; the goal pauses playback when reached
  await reached(l.goal)
  await expect(l.goal).toContainText('完成！')
  await tabTo('下一步')
  await page.keyboard.press('Enter')

  await l.at('isolate-broker-3')
  await focusIsVisibleOnStepHeading()
  await tabTo('运行演示')
  await page.keyboard.press('Enter')
  await expect(l.broker(3)).toContainText('网络已切断')
  await tabTo('下一步')
  await page.keyboard.press('Enter')

  await l.at('fenced-while-running')
  await advanceBy(page, 12_000)
  await reached(l.goal)
  await expect(l.broker(3)).toHaveAttribute('data-status', 'fenced')
  await page.screenshot({ path: `${SHOTS}/lesson-isolated-zh-CN.png` })
  await tabTo('下一步')
  await page.keyboard.press('Enter')
  await l.at('still-running')
  await tabTo('下一步')
  await page.keyboard.press('Enter')

  await l.at('heal')
  await tabTo('显示提示')
  await page.keyboard.press('Enter')
  await expect(l.panel.getByTestId('hint')).toContainText('修复网络')
  // Broker 3's fault menu from the keyboard: Tab to the broker, Enter opens the menu, End
  // reaches its last item, "修复网络" (heal the network).
  for (let i = 0; i < 60; i += 1) {
    await page.keyboard.press('Tab')
    const id = await page.evaluate(() => document.activeElement?.getAttribute('data-broker-id'))
    if (id === '3') break
  }
  await page.keyboard.press('Enter')
  await page.keyboard.press('End')
  await expect(page.locator(':focus')).toHaveText('修复网络')
  await page.keyboard.press('Enter')
  await advanceBy(page, 3_000)
  await reached(l.goal)
  const broker3 = (await simState(page)).view!.brokers[2]!
  expect(broker3).toMatchObject({ status: 'online', brokerEpoch: 3 }) // the same epoch as before
  expect(errors).toEqual([])
})

test('restarting a step rewinds the cluster; a reload resumes where the learner was', async ({
  app,
}) => {
  const { page, errors } = await openLesson(app, FENCING)
  const l = lessonPage(page)
  await l.next.click()
  await advanceBy(page, 3_000)
  await reached(l.goal)
  await l.next.click()
  await l.next.click()
  await l.panel.getByRole('button', { name: 'Run the demo' }).click()
  await expect(l.broker(2)).toHaveAttribute('data-status', 'offline')
  await l.next.click()
  await l.at('controller-fences')
  const startMs = (await simState(page)).nowMs
  await advanceBy(page, 12_000)
  await reached(l.goal)

  await l.panel.getByRole('button', { name: 'Restart this step' }).click()
  await expect(l.goal).toHaveAttribute('data-reached', 'false')
  await expect.poll(async () => (await simState(page)).nowMs).toBe(startMs - 1)
  await expect(l.broker(2)).toContainText('controller: alive')

  // Leave and come back: this step was done once, so the lesson resumes at the next one, on the
  // cluster rebuilt as the lesson's own path has it there.
  await page.reload()
  await page.waitForFunction(() => window.__kafkaSim?.state().view != null)
  await l.at('why-wait')
  await expect(l.panel).toContainText('Step 6 of 10')
  await expect(l.broker(2)).toHaveAttribute('data-status', 'offline')
  await expect(l.broker(2)).toContainText('controller: fenced')

  await l.panel.getByRole('button', { name: 'All lessons' }).click()
  const card = page.getByRole('listitem').filter({ hasText: 'Heartbeats and fencing' })
  await expect(card).toContainText('5 of 10 steps done') // steps 1–5
  await expect(card.getByRole('button', { name: 'Continue' })).toBeVisible()
  expect(errors).toEqual([])
})

test('the catalog and the player pass an axe accessibility scan', async ({ app }) => {
  const { page } = await app('&page=lessons&lang=en')
  const violations = async () =>
    (await new AxeBuilder({ page }).include('main').analyze()).violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`,
    )
  expect(await violations()).toEqual([])
  await page.getByRole('button', { name: 'Start' }).first().click()
  const l = lessonPage(page)
  await l.at('intro')
  await l.next.click()
  await advanceBy(page, 3_000)
  await reached(l.goal)
  await l.panel.getByRole('button', { name: 'Next' }).click()
  expect(await violations()).toEqual([])
})

for (const lang of ['en', 'zh-CN'] as const) {
  test(`"Sequential append and offsets" end to end with the lesson's own buttons (${lang})`, async ({
    app,
  }) => {
    const { page, errors } = await openLesson(app, 'sequential-append', lang)
    const l = lessonPage(page)
    const runDemo = l.panel.getByRole('button', {
      name: lang === 'en' ? 'Run the demo' : '运行演示',
    })
    await throughBrokersJoin(page, l)

    await l.at('append-three')
    await runDemo.click()
    await expect(l.next).toBeEnabled()
    // The demo lets its request cross the simulated network: the three records are in the log.
    await expect
      .poll(async () => (await simState(page)).view!.partitions[0]!.replicaViews[0]!.logEndOffset)
      .toBe(3)
    await l.next.click()

    await l.at('reach-offset-5')
    await expect(l.goal).toHaveAttribute('data-reached', 'false')
    // The readout shows the number the goal reads: the log end offset, 3 after the demo.
    await expect(l.panel.locator('.lesson-readout-row[data-field="logEndOffset"] dd')).toHaveText(
      '3',
    )
    await runAction(l.panel, 'send-two')
    await advanceBy(page, 1_000)
    await reached(l.goal)
    await expect(l.panel.locator('.lesson-readout-row[data-field="logEndOffset"] dd')).toHaveText(
      '5',
    )
    await page.screenshot({ path: `${SHOTS}/lesson-sequential-append-${lang}.png` })
    await l.next.click()
    await l.at('offsets')
    await l.next.click()

    await l.at('read-from-2')
    await runAction(l.panel, 'fetch-2')
    await advanceBy(page, 1_000)
    await reached(l.goal)
    const fetched = (await simState(page)).view!.clientResults.filter((r) => r.kind === 'fetch')
    expect(fetched.at(-1)?.offsets).toEqual([2, 3, 4])
    await l.next.click()
    await l.at('wrap-up')
    await l.next.click()
    await expect(l.panel.locator('[data-step-kind="finished"]')).toBeVisible()
    expect(errors).toEqual([])
  })
}

for (const lang of ['en', 'zh-CN'] as const) {
  test(`"Commit offset + 1" with a real consumer group, end to end (${lang})`, async ({ app }) => {
    const { page, errors } = await openLesson(app, 'committed-offset', lang)
    const l = lessonPage(page)
    const readout = (field: string) =>
      l.panel.locator(`.lesson-readout-row[data-field="${field}"] dd`)
    const group = async () =>
      (await simState(page)).view!.consumerGroups.groups.find((g) => g.groupId === 'billing')
    await throughBrokersJoin(page, l)

    await l.at('setup')
    await l.panel.getByRole('button', { name: lang === 'en' ? 'Run the demo' : '运行演示' }).click()
    await expect(l.next).toBeEnabled()
    await l.next.click()
    await l.at('fetched')
    await advanceBy(page, 6_000)
    await reached(l.goal)
    await l.next.click()

    await l.at('poll')
    await runAction(l.panel, 'poll')
    await advanceBy(page, 200)
    await reached(l.goal)
    await expect(readout('processedCount')).toHaveText('10')
    await l.next.click()

    await l.at('commit-next')
    await runAction(l.panel, 'commit-10')
    await advanceBy(page, 500)
    await reached(l.goal)
    await expect(readout('committedOffset')).toHaveText('10')
    expect((await group())?.partitions[0]?.committedOffset).toBe(10)
    await page.screenshot({ path: `${SHOTS}/lesson-committed-offset-${lang}.png` })
    await l.next.click()
    await l.at('why-next')
    await l.next.click()

    await l.at('restart')
    await runAction(l.panel, 'restart')
    await advanceBy(page, 8_000)
    await reached(l.goal)
    // The restarted process went on from 10: the whole partition read once, nothing twice.
    const partition = (await group())!.partitions[0]!
    expect(partition.committedOffset).toBe(20)
    expect(partition.duplicateCount).toBe(0)
    expect(partition.processedRanges).toEqual([[0, 20]])
    await l.next.click()
    await l.at('wrap-up')
    await l.next.click()
    await expect(l.panel.locator('[data-step-kind="finished"]')).toBeVisible()
    expect(errors).toEqual([])
  })
}
