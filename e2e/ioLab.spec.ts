/**
 * Goal: the IO lab works end to end in Chromium: every copy path steps forward and back with the
 * counters of KAFKA_SPEC §5 (read+write: 4 copies, 2 by CPU, 4 context switches; sendfile with
 * DMA gather: 2 DMA copies, 0 CPU, 2 switches); the page cache demo steps through its script;
 * the real measurements run in a worker on OPFS (in Playwright's incognito context), report
 * progress, render every chart, can be cancelled, and the codecs' output decompresses back to
 * its input; both languages render, and screenshots of every tab are saved for review.
 * Method: drive the page like a learner (buttons by role and name, the keyboard for the tabs);
 * read counters from `data-counter` / `data-value`; the measurement uses the small plan.
 */
import { mkdirSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import type { Locator, Page } from '@playwright/test'
import { expect, test } from './fixtures'

const SHOTS = 'test-results/screenshots'
mkdirSync(SHOTS, { recursive: true })

async function openIoLab(page: Page, lang: 'en' | 'zh-CN', section = ''): Promise<string[]> {
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(`/?e2e=1&page=io-lab&lang=${lang}${section ? `&section=${section}` : ''}`)
  await expect(page.getByTestId('io-lab')).toBeVisible()
  return errors
}

/** The whole page, however tall: the viewport grows to the IO lab's content, then shrinks back. */
async function shootWhole(page: Page, path: string): Promise<void> {
  const height = await page.evaluate(() => {
    const main = document.querySelector('.iolab')
    return main === null ? 720 : main.getBoundingClientRect().top + main.scrollHeight
  })
  await page.setViewportSize({ width: 1280, height: Math.max(720, Math.ceil(height) + 4) })
  await page.screenshot({ path })
  await page.setViewportSize({ width: 1280, height: 720 })
}

async function counters(scope: Locator): Promise<Record<string, string>> {
  return scope
    .locator('[data-counter]')
    .evaluateAll((nodes) =>
      Object.fromEntries(
        nodes.map((n) => [n.getAttribute('data-counter'), n.getAttribute('data-value')]),
      ),
    )
}

// Totals after the last step, with the data on disk (KAFKA_SPEC §5).
const EXPECTED = {
  readWrite: { copies: '4', cpuCopies: '2', dmaCopies: '2', contextSwitches: '4', syscalls: '2' },
  mmapWrite: { copies: '3', cpuCopies: '1', dmaCopies: '2', contextSwitches: '4', syscalls: '2' },
  sendfile: { copies: '3', cpuCopies: '1', dmaCopies: '2', contextSwitches: '2', syscalls: '1' },
  sendfileGather: {
    copies: '2',
    cpuCopies: '0',
    dmaCopies: '2',
    contextSwitches: '2',
    syscalls: '1',
  },
  tls: { cpuCopies: '3', contextSwitches: '4', userSpaceCopies: '3' },
  produce: { cpuCopies: '2', dmaCopies: '2', contextSwitches: '4', userSpaceCopies: '2' },
} as const
const ZERO = { copies: '0', cpuCopies: '0', dmaCopies: '0', contextSwitches: '0', syscalls: '0' }

test('each copy path steps forward and back and shows the expected counters', async ({ page }) => {
  const errors = await openIoLab(page, 'en')
  const panel = page.getByRole('tabpanel', { name: 'Copy paths' })
  const box = panel.getByTestId('copy-counters')
  const next = panel.getByRole('button', { name: 'Next' })
  const back = panel.getByRole('button', { name: 'Back' })
  for (const [path, expected] of Object.entries(EXPECTED)) {
    await panel.locator(`[data-path="${path}"]`).first().click()
    await expect(panel.getByTestId('copy-step')).toHaveText(/^Before step 1 of \d+$/)
    expect(await counters(box)).toMatchObject(ZERO)
    const total = Number(/of (\d+)/.exec((await panel.getByTestId('copy-step').innerText())!)![1])
    for (let i = 1; i <= total; i += 1) {
      await next.click()
      await expect(panel.getByTestId('copy-step')).toHaveText(`Step ${i} of ${total}`)
    }
    await expect(next).toBeDisabled()
    expect(await counters(box), path).toMatchObject(expected)
    // Every copy made so far is a numbered arrow in the diagram.
    const moves = await panel
      .locator('[data-kind="dma"], [data-kind="cpu"], [data-kind="encrypt"]')
      .count()
    expect(moves).toBe(Number((await counters(box)).copies))
    // Back all the way: the counters fold back down to zero.
    for (let i = total - 1; i >= 0; i -= 1) await back.click()
    await expect(back).toBeDisabled()
    expect(await counters(box)).toMatchObject(ZERO)
  }

  // read+write one step at a time: the narration and the counters follow each step.
  await panel.locator('[data-path="readWrite"]').first().click()
  await next.click()
  await expect(panel.getByTestId('copy-narration')).toContainText('read()')
  expect(await counters(box)).toMatchObject({ contextSwitches: '1', syscalls: '1', copies: '0' })
  await next.click()
  expect(await counters(box)).toMatchObject({ dmaCopies: '1', diskReads: '1' })
  await back.click()
  expect(await counters(box)).toMatchObject({ dmaCopies: '0', diskReads: '0' })

  // Z-1: a tailing consumer's data is cached: sendfile with gather does no disk read, 1 DMA copy.
  await panel.locator('[data-path="sendfileGather"]').first().click()
  await panel.getByLabel('Data already in the page cache (a tailing consumer)').check()
  for (let i = 0; i < 5; i += 1) await next.click()
  expect(await counters(box)).toMatchObject({
    copies: '1',
    cpuCopies: '0',
    dmaCopies: '1',
    diskReads: '0',
    contextSwitches: '2',
  })
  await expect(panel.getByTestId('copy-fetch')).toContainText('1 × sendfile()')
  // The same fetch over TLS: 32 passes of 32 KiB through user space.
  await panel.locator('[data-path="tls"]').first().click()
  await expect(panel.getByTestId('copy-fetch')).toContainText('32 × read() + 32 × write()')
  await expect(panel.getByTestId('copy-fetch')).toContainText('1 MiB')
  expect(errors).toEqual([])
})

test('the copy paths and tabs work from the keyboard', async ({ page }) => {
  await openIoLab(page, 'en')
  const copyTab = page.getByRole('tab', { name: 'Copy paths' })
  await copyTab.focus()
  await page.keyboard.press('ArrowRight')
  await expect(page.getByRole('tab', { name: 'Page cache' })).toBeFocused()
  await expect(page.getByRole('tab', { name: 'Page cache' })).toHaveAttribute(
    'aria-selected',
    'true',
  )
  await expect(page).toHaveURL(/section=cache/)
  await page.keyboard.press('ArrowLeft')
  const next = page
    .getByRole('tabpanel', { name: 'Copy paths' })
    .getByRole('button', { name: 'Next' })
  await next.focus()
  await page.keyboard.press('Enter')
  await page.keyboard.press('Space')
  await expect(page.getByTestId('copy-step')).toHaveText('Step 2 of 8')
  // Focus is visible: the focus ring is drawn.
  const outline = await next.evaluate((el) => getComputedStyle(el).outlineStyle)
  expect(outline).toBe('solid')
})

test('the page cache demo steps through its script: relay hits, a lagging miss, read-ahead', async ({
  page,
}) => {
  const errors = await openIoLab(page, 'en', 'cache')
  const panel = page.getByRole('tabpanel', { name: 'Page cache' })
  const box = panel.getByTestId('cache-counters')
  const next = panel.getByRole('button', { name: 'Next' })
  for (let i = 0; i < 9; i += 1) await next.click()
  expect(await counters(box)).toMatchObject({ hits: '9', misses: '0', dirtyPages: '9' })
  await expect(panel.getByTestId('cache-narration')).toContainText('cache hit')
  await next.click() // 10 s: the lagging consumer starts on the cold old segment
  expect(await counters(box)).toMatchObject({ misses: '4', readAheadPages: '4' })
  const old = panel.locator('[data-file="old"]')
  await expect(old.locator('[data-mark="miss"]')).toHaveCount(4)
  await expect(old.locator('[data-mark="readAhead"]')).toHaveCount(4)
  await expect(panel.getByTestId('cache-narration')).toContainText('read-ahead')
  await panel.getByRole('button', { name: 'Back' }).click()
  expect(await counters(box)).toMatchObject({ misses: '0', readAheadPages: '0' })
  // Play to the end: the flusher has written back pages dirty for 30 s.
  for (let i = 0; i < 26; i += 1) await next.click()
  await expect(panel.getByTestId('cache-time')).toHaveAttribute('data-step', '35')
  await expect(panel.getByTestId('cache-narration')).toContainText('Flusher')
  await expect(panel.locator('[data-file="active"] [data-mark="writtenBack"]')).toHaveCount(5)
  await expect(panel.getByTestId('cache-hit-ratio-chart').locator('path.chart-line')).toHaveCount(1)
  // log.flush.interval.messages = 10: nothing stays dirty, a power loss loses nothing.
  await panel.getByLabel('log.flush.interval.messages').selectOption('10')
  expect(await counters(box)).toMatchObject({ dirtyPages: '0' })
  await expect(panel.getByTestId('cache-power-loss')).toContainText('0 B')
  expect(errors).toEqual([])
})

test('the measurements run in a worker on OPFS, render their charts and can be cancelled', async ({
  page,
}) => {
  test.setTimeout(50_000)
  const errors = await openIoLab(page, 'en', 'measure')
  const panel = page.getByRole('tabpanel', { name: 'Measure in your browser' })
  await panel.getByLabel('Size').selectOption('small')
  const started = Date.now()
  await panel.getByRole('button', { name: 'Run measurements' }).click()
  const status = panel.getByTestId('measure-status')
  await expect(panel.getByTestId('measure-progress')).toBeVisible()
  await expect(status).toHaveAttribute('data-status', 'finished', { timeout: 40_000 })
  const elapsedMs = Date.now() - started
  // Every chart has its bars or its line.
  await expect(
    panel.getByTestId('chart-seq-random').locator('.chart-svg rect.chart-bar'),
  ).toHaveCount(2)
  await expect(
    panel.getByTestId('chart-call-cost').locator('.chart-svg rect.chart-bar'),
  ).toHaveCount(2)
  await expect(panel.getByTestId('chart-batch-size').locator('path.chart-line')).toHaveCount(1)
  await expect(panel.getByTestId('chart-batch-size').locator('.chart-marker')).toHaveCount(7)
  await expect(
    panel.getByTestId('chart-compression-ratio').locator('.chart-svg rect.chart-bar'),
  ).toHaveCount(8)
  await expect(
    panel.getByTestId('chart-compression-speed').locator('.chart-svg rect.chart-bar'),
  ).toHaveCount(8)
  await expect(
    panel.getByTestId('chart-partitions').locator('.chart-svg rect.chart-bar'),
  ).toHaveCount(4)
  // The real codecs' output decompressed back to the input, for every codec.
  await expect(panel.locator('[data-round-trip="true"]')).toHaveCount(4)
  await expect(panel.locator('[data-round-trip="false"]')).toHaveCount(0)
  const figures = await panel.locator('.chart').evaluateAll((charts) =>
    charts.map((chart) => ({
      title: chart.querySelector('figcaption')?.textContent ?? '',
      values: [...chart.querySelectorAll('[data-row]')].map(
        (row) =>
          `${row.querySelector('.chart-row-label')?.textContent}: ${[...row.querySelectorAll('.chart-value')].map((v) => v.textContent).join(' / ')}`,
      ),
      description: chart.querySelector('desc')?.textContent ?? '',
    })),
  )
  const summary = await panel.getByTestId('call-cost-summary').innerText()
  console.log(
    `IO lab measurements (small, ${elapsedMs} ms):\n${JSON.stringify(figures, null, 1)}\n${summary}`,
  )
  await page.mouse.move(0, 0)
  await shootWhole(page, `${SHOTS}/io-lab-measure-en.png`)
  // The results stay when the language changes; the charts are redrawn in Chinese.
  await page.getByRole('button', { name: '中文' }).click()
  await expect(page.getByRole('tab', { name: '在浏览器里实测' })).toBeVisible()
  await shootWhole(page, `${SHOTS}/io-lab-measure-zh-CN.png`)
  await page.getByRole('button', { name: 'English' }).click()

  // Cancel a second run: it stops, and says so.
  await panel.getByRole('button', { name: 'Run measurements' }).click()
  await expect(status).toHaveAttribute('data-status', 'running')
  await panel.getByRole('button', { name: 'Cancel' }).click()
  await expect(status).toHaveAttribute('data-status', 'cancelled', { timeout: 10_000 })
  await expect(status).toContainText('Cancelled')
  expect(errors).toEqual([])
})

test('every tab renders in both languages (screenshots for review)', async ({ page }) => {
  for (const lang of ['en', 'zh-CN'] as const) {
    const errors = await openIoLab(page, lang)
    await page.mouse.move(0, 0)
    const panel = page.locator('.iolab-panel:not([hidden])')
    await panel.locator('[data-path="sendfileGather"]').first().click()
    const next = panel.locator('.step-controls button').nth(2)
    for (let i = 0; i < 4; i += 1) await next.click()
    await page.screenshot({ path: `${SHOTS}/io-lab-copy-${lang}.png` })
    await shootWhole(page, `${SHOTS}/io-lab-copy-${lang}-full.png`)
    await page.locator('#iolab-tab-cache').click()
    for (let i = 0; i < 12; i += 1)
      await page.locator('.iolab-panel:not([hidden]) .step-controls button').nth(2).click()
    await page.screenshot({ path: `${SHOTS}/io-lab-cache-${lang}.png` })
    await shootWhole(page, `${SHOTS}/io-lab-cache-${lang}-full.png`)
    await page.locator('#iolab-tab-durability').click()
    await shootWhole(page, `${SHOTS}/io-lab-durability-${lang}.png`)
    if (lang === 'zh-CN') {
      await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN')
      await expect(page.getByRole('tab', { name: '页缓存' })).toBeVisible()
    }
    expect(errors).toEqual([])
  }
})

test('every tab passes an axe accessibility scan', async ({ page }) => {
  await openIoLab(page, 'en')
  for (const tab of ['Copy paths', 'Page cache', 'Flush & durability', 'Measure in your browser']) {
    await page.getByRole('tab', { name: tab }).click()
    const panel = page.locator('.iolab-panel:not([hidden])')
    const next = panel.getByRole('button', { name: 'Next' })
    if ((await next.count()) > 0) for (let i = 0; i < 3; i += 1) await next.click()
    const scan = await new AxeBuilder({ page }).include('.iolab').analyze()
    const problems = scan.violations.map(
      (v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`,
    )
    expect(problems, tab).toEqual([])
  }
})
