/**
 * Classroom journeys: a copied link reopens the same view in another browser; a replay file moves
 * a run between browsers; tampered links and malformed files are refused with a reason; the app
 * works offline after one visit; axe finds nothing serious; no request leaves the origin; message
 * values with markup stay text; presenter mode, shortcuts and canvas pictures work; and
 * screenshots of presenter mode, a tablet and a phone in both languages for a person to look at.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import type { Browser, Page } from '@playwright/test'
import { encodeRunLink } from '../app/share/runLink'
import { expect, pixelDiff, simState, test } from './fixtures'

const SHOTS = 'test-results/screenshots/classroom'
mkdirSync(SHOTS, { recursive: true })

const VIEWPORT = { width: 1280, height: 720 }

/** A sandbox run with a fault in it: broker 2 crashed at 4.5 s, 9 s run, shown at 7 s. */
async function runWithCrash(page: Page) {
  await page.evaluate(() => window.__kafkaSim!.advanceTo(4_500))
  await page.evaluate(() =>
    window.__kafkaDispatch!({ type: 'crashBroker', brokerId: 2, mode: 'process' }),
  )
  await expect(page.locator('[data-broker-id="2"]')).toHaveAttribute('data-status', 'offline')
  await page.evaluate(() => window.__kafkaSim!.advanceTo(9_000))
}

async function openInNewContext(browser: Browser, url: string) {
  const context = await browser.newContext({ viewport: VIEWPORT })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(url)
  await page.waitForFunction(() => window.__kafkaSim?.state().view != null)
  return { context, page, errors }
}

async function canvasShot(page: Page) {
  await page.mouse.move(0, 0) // no hover highlight
  return page.getByTestId('cluster').screenshot({ animations: 'disabled' })
}

test('a copied link reproduces the same canvas in another browser', async ({ app, browser }) => {
  const { page, errors } = await app('&lang=en')
  await runWithCrash(page)
  await page.evaluate(() => window.__kafkaSim!.seekTo(7_000))
  const before = await simState(page)
  const shotBefore = await canvasShot(page)

  await page.getByRole('button', { name: 'Copy link' }).click()
  const link = await page.getByLabel('Link to this view').inputValue()
  expect(link).toMatch(/[?&]seed=42&brokers=3&at=7000&log=[\w-]+&lang=en/)
  expect(link.length).toBeLessThan(300) // one crash: a short link

  const other = await openInNewContext(browser, link)
  await expect.poll(async () => (await simState(other.page)).nowMs).toBe(7_000)
  const after = await simState(other.page)
  expect(after.maxMs).toBe(9_000)
  expect(after.view).toEqual(before.view)
  const shotAfter = await canvasShot(other.page)
  const differing = await pixelDiff(page, shotBefore, shotAfter)
  expect(differing).toBeLessThan(0.001 * 906 * 585) // anti-aliasing noise only
  expect(other.errors).toEqual([])
  await other.context.close()
  expect(errors).toEqual([])
})

test('a lesson link opens the same lesson at the same step', async ({ app, browser }) => {
  const { page } = await app('&lang=en&page=lessons&lesson=heartbeats-and-fencing&step=2')
  const panel = page.getByTestId('lesson-panel')
  await expect(panel.locator('[data-step-id]')).toBeVisible()
  const stepId = await panel.locator('[data-step-id]').getAttribute('data-step-id')
  await expect.poll(() => page.url()).toContain('step=2')
  const before = await simState(page)
  await page.getByRole('button', { name: 'Copy link' }).click()
  const link = await page.getByLabel('Link to this view').inputValue()
  expect(link).toContain('page=lessons&lesson=heartbeats-and-fencing&step=2')

  const other = await openInNewContext(browser, link)
  await expect(other.page.getByTestId('lesson-panel').locator('[data-step-id]')).toHaveAttribute(
    'data-step-id',
    stepId!,
  )
  await expect.poll(async () => (await simState(other.page)).nowMs).toBe(before.nowMs)
  expect((await simState(other.page)).view).toEqual(before.view)
  await other.context.close()
})

test('a replay exported in one browser and imported in another gives the same view', async ({
  app,
  browser,
}) => {
  const { page } = await app('&lang=en')
  await runWithCrash(page)
  const finalState = await simState(page)
  const shotBefore = await canvasShot(page)
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Save run' }).click()
  const file = await (await download).path()
  const replay = JSON.parse(readFileSync(file, 'utf8'))
  expect(replay).toMatchObject({ format: 'kafkascope-replay', seed: 42, endMs: 9_000 })
  expect(replay.commands).toHaveLength(1)

  const other = await openInNewContext(browser, '/?e2e=1&lang=en&seed=5')
  const origin = new URL(other.page.url()).origin
  expect(origin).toBe(new URL(page.url()).origin)
  await other.page.getByTestId('replay-file').setInputFiles(file)
  await expect(other.page.getByRole('status').filter({ hasText: 'Replay opened' })).toBeVisible()
  await expect.poll(async () => (await simState(other.page)).nowMs).toBe(9_000)
  expect((await simState(other.page)).view).toEqual(finalState.view)
  const differing = await pixelDiff(page, shotBefore, await canvasShot(other.page))
  expect(differing).toBeLessThan(0.001 * 906 * 585)
  await other.context.close()
})

test('a tampered link and a malformed replay file each show their error', async ({ app }) => {
  const { page, errors } = await app('&lang=en&at=5000&log=%3Cscript%3Ealert(1)%3C%2Fscript%3E')
  await expect(page.getByTestId('link-problem')).toContainText(
    "This link's run could not be opened (the run is not valid base64url text)",
  )
  await expect(page.locator('[data-broker-id]')).toHaveCount(3) // the default run, not a blank page
  expect((await simState(page)).nowMs).toBe(0)

  // Well-formed, but broker 5 does not exist in a 3-broker cluster: the engine refuses the run.
  const log = encodeRunLink({
    endMs: 2_000,
    commands: [{ seq: 0, atMs: 1_000, command: { type: 'restartBroker', brokerId: 5 } }],
    scenario: null,
  })
  await page.goto(`/?e2e=1&lang=en&brokers=3&at=2000&log=${log}`)
  await page.waitForFunction(() => window.__kafkaSim?.state().view != null)
  await expect(page.getByTestId('link-problem')).toContainText('the engine refused it')
  await expect(page.locator('[data-broker-id]')).toHaveCount(3)

  await page.evaluate(() => window.__kafkaSim!.advanceTo(3_000))
  const before = await simState(page)
  const input = page.getByTestId('replay-file')
  await input.setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "kafkascope-replay", '),
  })
  await expect(page.getByRole('status').filter({ hasText: 'broken.json' })).toContainText(
    'The replay broken.json was refused: The file is not valid JSON. Nothing changed.',
  )
  await input.setInputFiles({
    name: 'future.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify({ format: 'kafkascope-replay', formatVersion: 99 })),
  })
  await expect(page.getByRole('status').filter({ hasText: 'future.json' })).toContainText(
    'Replay format version 99 is not supported',
  )
  const after = await simState(page)
  expect(after.nowMs).toBe(before.nowMs)
  expect(after.view).toEqual(before.view)
  expect(errors).toEqual([])
})

test('the app works offline after the first visit', async ({ app, context }) => {
  test.setTimeout(90_000)
  const { page } = await app('&lang=en')
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
  })
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null)
  await context.setOffline(true)
  try {
    await page.reload()
    await page.waitForFunction(() => window.__kafkaSim?.state().view != null)
    expect((await simState(page)).engineKind).toBe('worker')
    await page.evaluate(() => window.__kafkaSim!.advanceTo(3_000))
    await expect(page.locator('[data-status="online"]')).toHaveCount(3)
    // The lessons page, then the IO lab measuring the real codecs (zstd is WebAssembly) in its
    // worker: all served by the service worker, under the page's CSP.
    await page.getByRole('link', { name: 'Lessons' }).click()
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible()
    await page.goto('/?e2e=1&lang=en&page=io-lab&section=measure')
    const panel = page.getByRole('tabpanel', { name: 'Measure in your browser' })
    await panel.getByLabel('Size').selectOption('small')
    await panel.getByRole('button', { name: 'Run measurements' }).click()
    await expect(panel.getByTestId('measure-status')).toHaveAttribute('data-status', 'finished', {
      timeout: 40_000,
    })
    await expect(panel.locator('[data-round-trip="true"]')).toHaveCount(4)
    // The policy is in force: string code is not evaluated (no `unsafe-eval`), WebAssembly
    // compiles (`wasm-unsafe-eval`). DevTools' own evaluate is exempt from CSP, so the string is
    // handed to the page's timer, which compiles it as page code.
    const policy = await page.evaluate(async () => {
      const violations: string[] = []
      window.addEventListener('securitypolicyviolation', (e) =>
        violations.push(e.violatedDirective),
      )
      const pageTimer = window.setTimeout as unknown as (code: string, ms: number) => number
      pageTimer('window.__evaluated = true', 0)
      await new Promise((resolve) => window.setTimeout(resolve, 100))
      const emptyModule = new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0])
      const wasm = (await WebAssembly.compile(emptyModule)) instanceof WebAssembly.Module
      const evaluated = (window as { __evaluated?: boolean }).__evaluated === true
      return { evaluated, violations: [...new Set(violations)], wasm }
    })
    expect(policy).toEqual({ evaluated: false, violations: ['script-src'], wasm: true })
  } finally {
    await context.setOffline(false)
  }
})

test('axe finds no serious or critical violations on home, lesson and sandbox pages', async ({
  app,
}) => {
  for (const query of [
    '&lang=en&page=lessons',
    '&lang=zh-CN&page=lessons&lesson=heartbeats-and-fencing',
    '&lang=en',
    '&lang=en&present=1',
  ]) {
    const { page } = await app(query)
    await page.evaluate(() => window.__kafkaSim!.advanceTo(3_000))
    const results = await new AxeBuilder({ page }).analyze()
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)
    expect(serious, query).toEqual([])
  }
})

test('no request leaves the app origin', async ({ app }) => {
  const requests: string[] = []
  const { page } = await app('&lang=en')
  page.on('request', (request) => requests.push(request.url()))
  const origin = new URL(page.url()).origin
  await page.reload()
  await page.waitForFunction(() => window.__kafkaSim?.state().view != null)
  await page.evaluate(() => window.__kafkaSim!.advanceTo(3_000))
  await page.getByRole('link', { name: 'Lessons' }).click()
  await page.getByRole('link', { name: 'IO lab' }).click()
  await page.getByRole('link', { name: 'Cluster' }).click()
  await page.getByRole('button', { name: 'Save PNG' }).click()
  expect(requests.length).toBeGreaterThan(0)
  const outside = requests.filter(
    (url) => !/^(blob|data):/.test(url) && new URL(url).origin !== origin,
  )
  expect(outside).toEqual([])
})

test('a message value with markup shows as text', async ({ app }) => {
  const { page, errors } = await app('&lang=en')
  const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'
  // Produced, replicated, then fetched back: the value reaches the results list both ways.
  await page.evaluate(async (value) => {
    const sim = window.__kafkaSim!
    const send = window.__kafkaDispatch!
    const where = { topic: 'orders', partition: 0 }
    await sim.advanceTo(3_000)
    await send({ type: 'produce', ...where, records: [{ key: null, value }], acks: -1 })
    await sim.advanceTo(4_000)
    await send({ type: 'consumerFetch', ...where, fetchOffset: 0 })
    await sim.advanceTo(5_000)
  }, payload)
  await expect(page.getByText(payload).first()).toBeVisible()
  expect(await page.locator('img[src="x"]').count()).toBe(0)
  expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined()
  expect(errors).toEqual([])
})

test('keyboard: shortcuts overlay, presenter mode, next, play and pause', async ({ app }) => {
  const { page } = await app('&lang=en')
  await page.keyboard.press('?')
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' })
  await expect(dialog).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(dialog).toBeHidden()
  await page.keyboard.press('p')
  await expect(page.locator('html')).toHaveAttribute('data-presenter', 'on')
  await expect.poll(() => page.url()).toContain('present=1')
  await page.keyboard.press('.')
  await expect.poll(async () => (await simState(page)).nowMs).toBeGreaterThan(0)
  await page.keyboard.press('Space')
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible()
  await page.keyboard.press('Space')
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeVisible()
  await page.getByRole('button', { name: 'Presenter mode' }).click()
  await expect(page.locator('html')).not.toHaveAttribute('data-presenter', 'on')
})

test('the canvas exports as a self-contained SVG and a 2× PNG', async ({ app }) => {
  const { page } = await app('&lang=en')
  await runWithCrash(page)
  const svgDownload = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Save SVG' }).click()
  const svg = readFileSync(await (await svgDownload).path(), 'utf8')
  expect(svg).toMatch(/^<\?xml/)
  expect(svg).toContain('<title>KafkaScope cluster at 9.000 s</title>')
  expect(svg).not.toContain('class=')
  expect(svg).toContain('font-family:')
  // The canvas's font travels with the picture.
  expect(svg).toMatch(
    /@font-face\{font-family:'Noto Sans';font-style:normal;font-weight:700;src:url\(data:font\/woff2;base64,/,
  )
  const width = Number(/<svg[^>]* width="(\d+)"/.exec(svg)?.[1])
  const pngDownload = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Save PNG' }).click()
  const png = readFileSync(await (await pngDownload).path())
  writeFileSync(`${SHOTS}/canvas-export.png`, png)
  expect(png.subarray(1, 4).toString()).toBe('PNG')
  expect(png.readUInt32BE(16)).toBe(width * 2)
})

test('screenshots: presenter mode, tablet and phone in both languages', async ({ app }) => {
  const sizes = [
    { name: 'presenter', width: 1280, height: 720, query: '&present=1' },
    { name: 'tablet', width: 1024, height: 768, query: '' },
    { name: 'phone', width: 390, height: 844, query: '' },
  ]
  for (const lang of ['en', 'zh-CN']) {
    for (const size of sizes) {
      const { page } = await app(`&lang=${lang}&storage=memory${size.query}`)
      await page.setViewportSize({ width: size.width, height: size.height })
      await runWithCrash(page)
      await page.mouse.move(0, 0)
      await page.screenshot({ path: `${SHOTS}/${size.name}-${lang}.png` })
      // Nothing wider than the screen: a tablet or phone never scrolls sideways.
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      )
      expect(overflow, `${size.name} ${lang}`).toBeLessThanOrEqual(0)
    }
    const { page } = await app(
      `&lang=${lang}&storage=memory&page=lessons&lesson=heartbeats-and-fencing`,
    )
    await page.setViewportSize({ width: 1024, height: 768 })
    await expect(page.getByTestId('lesson-panel')).toBeVisible()
    await page.screenshot({ path: `${SHOTS}/lesson-tablet-${lang}.png` })
  }
})
