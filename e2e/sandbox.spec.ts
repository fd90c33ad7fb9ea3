/**
 * The sandbox: faults from the canvas's context menu (mouse and keyboard only), the config panel
 * (Kafka's INVALID_CONFIG inline, nothing changed), the inspector (a batch's v2 header fields),
 * the script console (sends records, reports a syntax error's line, stops an endless loop), the
 * cluster builder, and axe on every panel. Screenshots of the panels in both languages.
 */
import { mkdirSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'
import { expect, simState, test } from './fixtures'

const SHOTS = 'test-results/screenshots'
mkdirSync(SHOTS, { recursive: true })

async function produce(page: Page, partition: number, values: string[]) {
  await page.evaluate(
    ({ partition, values }) =>
      window.__kafkaDispatch!({
        type: 'produce',
        topic: 'orders',
        partition,
        records: values.map((value) => ({ key: null, value })),
        acks: -1,
      }),
    { partition, values },
  )
}

/** A producer that sent two records and a two-member group that consumed them. */
async function busyClients(page: Page) {
  await page.evaluate(() => window.__kafkaSim!.advanceTo(3_000))
  await page.evaluate(() => {
    const dispatch = window.__kafkaDispatch!
    dispatch({ type: 'createProducer', producerName: 'producer-1', configs: { 'linger.ms': 5 } })
    for (const key of ['alice', 'bob'])
      dispatch({ type: 'send', producerName: 'producer-1', topic: 'orders', key, value: 'v' })
    for (const consumerName of ['consumer-1', 'consumer-2']) {
      dispatch({ type: 'createConsumer', consumerName, groupId: 'group-1' })
      dispatch({ type: 'subscribe', consumerName, topics: ['orders'] })
      dispatch({ type: 'runConsumer', consumerName, processingMs: 10 })
    }
  })
  await page.evaluate(() => window.__kafkaSim!.advanceTo(12_000))
}

async function openTab(page: Page, name: string) {
  await page.getByRole('tab', { name }).click()
}

test('a right click on a broker opens its fault menu; crash and restart are engine commands', async ({
  app,
}) => {
  const { page, errors } = await app('&lang=en')
  await page.evaluate(() => window.__kafkaSim!.advanceTo(3_000))
  await page.locator('[data-broker-id="2"]').click({ button: 'right' })
  const menu = page.getByRole('menu', { name: 'Broker 2' })
  await expect(menu).toBeVisible()
  await menu.getByRole('menuitem', { name: 'Crash the process (kill -9)' }).click()
  await expect(page.locator('[data-broker-id="2"]')).toHaveAttribute('data-status', 'offline')
  await expect(page.locator('[data-event-type="brokerCrashed"]')).toHaveCount(1)
  // A replica's menu has the same faults for its broker: restart broker 2 from orders-0's row.
  await page.locator('[data-replica="orders-0@2"] .replica-label').click({ button: 'right' })
  await page.getByRole('menuitem', { name: 'Restart' }).click()
  await expect(page.locator('[data-broker-id="2"]')).not.toHaveAttribute('data-status', 'offline')
  // The controller link's menu cuts that link only.
  await page.locator('[data-link="controller-broker-3"] .link-hit').click({ force: true })
  await page.getByRole('menuitem', { name: 'Cut the link to the controller' }).click()
  await expect(page.locator('[data-event-type="linkCut"]')).toHaveCount(1)
  expect(errors).toEqual([])
})

test('keyboard only: Tab to a broker, Shift+F10, arrows, Enter injects the fault', async ({
  app,
}) => {
  const { page, errors } = await app('&lang=en')
  await page.evaluate(() => window.__kafkaSim!.advanceTo(3_000))
  // Tab through the page until broker 3 has focus.
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press('Tab')
    if (await page.evaluate(() => document.activeElement?.getAttribute('data-broker-id') === '3'))
      break
  }
  await expect(page.locator('[data-broker-id="3"]')).toBeFocused()
  // Enter opens the menu, Escape closes it and gives focus back.
  await page.keyboard.press('Enter')
  await expect(page.getByRole('menu')).toBeVisible()
  await expect(page.getByRole('menuitem').first()).toBeFocused()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('menu')).toHaveCount(0)
  await expect(page.locator('[data-broker-id="3"]')).toBeFocused()
  // Shift+F10, then down to "Power loss" (inspect, crash, power loss), Enter.
  await page.keyboard.press('Shift+F10')
  await expect(page.getByRole('menuitem').first()).toBeFocused()
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  await expect(page.getByRole('menuitem', { name: /Power loss/ })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.locator('[data-broker-id="3"]')).toHaveAttribute('data-status', 'offline')
  const view = (await simState(page)).view!
  expect(view.brokers.find((b) => b.brokerId === 3)!.lastCrashMode).toBe('powerLoss')
  // The ContextMenu key opens it too; End reaches the last item (heal the network).
  await page.locator('[data-broker-id="1"]').focus()
  await page.keyboard.press('ContextMenu')
  await page.keyboard.press('End')
  await expect(page.getByRole('menuitem', { name: 'Heal the network' })).toBeFocused()
  await page.keyboard.press('Escape')
  expect(errors).toEqual([])
})

test('an invalid config gets INVALID_CONFIG inline and changes nothing; a valid one applies', async ({
  app,
}) => {
  const { page, errors } = await app('&lang=en')
  await page.evaluate(() => window.__kafkaSim!.advanceTo(2_000))
  await openTab(page, 'Configs')
  const panel = page.getByTestId('config-panel')
  const minIsr = panel.locator('[data-config="min.insync.replicas"]')
  await expect(minIsr.getByRole('textbox')).toHaveValue('2')
  await expect(minIsr).toContainText('With acks=all')
  await minIsr.getByRole('textbox').fill('0')
  await minIsr.getByRole('button', { name: 'Apply' }).click()
  await expect(minIsr.getByRole('alert')).toHaveAttribute('data-error', 'INVALID_CONFIG')
  await expect(minIsr.getByRole('alert')).toContainText(
    'INVALID_CONFIG: Invalid value 0 for configuration min.insync.replicas',
  )
  // Nothing changed: the engine still reports 2 (read again on the next frame).
  await page.evaluate(() => window.__kafkaSim!.advanceTo(2_500))
  await openTab(page, 'Client')
  await openTab(page, 'Configs')
  await expect(minIsr.getByRole('textbox')).toHaveValue('2')
  await expect(minIsr).toHaveAttribute('data-default', 'false')
  // A static broker config is refused as Kafka refuses it.
  await panel.getByLabel('Resource').selectOption({ label: 'Brokers (cluster-wide default)' })
  const lag = panel.locator('[data-config="replica.lag.time.max.ms"]')
  await lag.getByRole('textbox').fill('5000')
  await lag.getByRole('button', { name: 'Apply' }).click()
  await expect(lag.getByRole('alert')).toContainText('Cannot update these configs dynamically')
  // A dynamic one applies.
  await panel.getByLabel('Resource').selectOption({ label: 'Topic orders' })
  const retention = panel.locator('[data-config="retention.ms"]')
  await retention.getByRole('textbox').fill('60000')
  await retention.getByRole('button', { name: 'Apply' }).click()
  await expect(retention.getByRole('textbox')).toHaveValue('60000')
  await expect(retention).toHaveAttribute('data-default', 'false')
  expect(errors).toEqual([])
})

test('the inspector shows a batch read from the log: v2 header fields', async ({ app }) => {
  const { page, errors } = await app('&lang=en')
  await page.evaluate(() => window.__kafkaSim!.advanceTo(3_000))
  await produce(page, 0, ['a', 'b', 'c'])
  await page.evaluate(() => window.__kafkaSim!.advanceTo(3_500))
  const leader = await page.locator('[data-partition="orders-0"]').getAttribute('data-leader')
  await page.locator(`[data-replica="orders-0@${leader}"] [data-offset="1"]`).click()
  const batch = page.getByTestId('inspector-batch')
  await expect(batch).toBeVisible()
  const field = (name: string) => batch.locator(`[data-field="${name}"] dd`)
  await expect(field('baseOffset')).toHaveText('0')
  await expect(field('lastOffsetDelta')).toHaveText('2')
  await expect(field('records count')).toHaveText('3')
  await expect(field('magic')).toHaveText('2')
  await expect(field('partitionLeaderEpoch')).toHaveText('0')
  await expect(field('  compression')).toHaveText('none')
  await expect(field('  timestampType')).toHaveText('CreateTime')
  await expect(field('  isTransactional')).toHaveText('false')
  await expect(field('producerId')).toHaveText('-1')
  await expect(field('crc')).toHaveText(/^0x[0-9a-f]{8}$/)
  for (const name of [
    'batchLength',
    'baseTimestamp',
    'maxTimestamp',
    'producerEpoch',
    'baseSequence',
  ])
    await expect(field(name)).toHaveText(/^-?\d+$/)
  // Keyboard: the replica's batch list is buttons; a broker shows its fields.
  await page.getByRole('button', { name: 'All batches of this replica' }).click()
  await expect(page.getByTestId('inspector-replica')).toBeVisible()
  await page.getByRole('button', { name: /offsets 0–2 · 3 record/ }).click()
  await expect(page.getByTestId('inspector-batch')).toBeVisible()
  await page.locator('[data-broker-id="1"]').click()
  await expect(page.getByTestId('inspector-broker')).toContainText('brokerEpoch')
  expect(errors).toEqual([])
})

test('the script console sends records, shows syntax, runtime and Kafka errors with their line, stops an endless loop', async ({
  app,
}) => {
  const { page, errors } = await app('&lang=en')
  await page.evaluate(() => window.__kafkaSim!.advanceTo(3_000))
  await openTab(page, 'Script')
  const code = page.getByLabel('Script (KafkaJS-style API and sim.*)')
  const output = page.getByTestId('script-output')
  await code.fill(
    [
      "await producer.send({ topic: 'orders', messages: [{ key: 'k1', value: 'v1' }, { key: 'k2', value: 'v2' }] })",
      "await consumer.subscribe({ topics: ['orders'], fromBeginning: true })",
      'await consumer.run({ eachMessage: async ({ partition, message }) => console.log("got", partition, message.offset, message.value) })',
      'await sim.advance(6000)',
      "console.log('hw', (await sim.describe()).partitions.map((p) => p.highWatermark).reduce((a, b) => a + b, 0))",
    ].join('\n'),
  )
  await page.getByTestId('script-console').getByRole('button', { name: 'Run', exact: true }).click()
  await expect(output).toContainText('Script finished.', { timeout: 20_000 })
  await expect(output).toContainText('hw 2')
  await expect(output).toContainText('got')
  await expect(output).toContainText('v1')
  await expect(output).toContainText('v2')

  await code.fill("console.log('one')\nconst x = = 2\n")
  await page.getByTestId('script-console').getByRole('button', { name: 'Run', exact: true }).click()
  await expect(output).toContainText('Line 2: SyntaxError')

  // A runtime error points at the line that failed, not at the call that led there.
  await code.fill(
    [
      "console.log('before')",
      'function total(order) {',
      '  return order.items.length',
      '}',
      'total({ items: [1] })',
      'total({})',
    ].join('\n'),
  )
  await page.getByTestId('script-console').getByRole('button', { name: 'Run', exact: true }).click()
  await expect(output).toContainText('Line 3: TypeError')
  await expect(output).toContainText('before')

  // A Kafka error from an awaited engine call carries the line of that await.
  await code.fill(
    [
      "await producer.send({ topic: 'orders', messages: [{ value: 'fine' }] })",
      "console.log('sent')",
      'await producer.send({',
      "  topic: 'no-such-topic',",
      "  messages: [{ value: 'lost' }],",
      '})',
    ].join('\n'),
  )
  await page.getByTestId('script-console').getByRole('button', { name: 'Run', exact: true }).click()
  await expect(output).toContainText(
    'Line 3: UNKNOWN_TOPIC_OR_PARTITION: Topic no-such-topic does not exist',
    { timeout: 20_000 },
  )
  await expect(output).toContainText('sent')

  await code.fill("console.log('looping')\nwhile (true) {}\n")
  await page.getByTestId('script-console').getByRole('button', { name: 'Run', exact: true }).click()
  await expect(output).toContainText('Stopped: the script ran for 2 s', { timeout: 10_000 })
  // The page stayed responsive and the engine still answers.
  await page.evaluate(() => window.__kafkaSim!.advanceTo(10_000))
  expect((await simState(page)).nowMs).toBe(10_000)
  expect(errors).toEqual([])
})

test('the builder restarts the engine with a validated cluster and puts it in the URL', async ({
  app,
}) => {
  const { page, errors } = await app('&lang=en')
  await openTab(page, 'Build')
  await page.getByLabel('Brokers (1–6)').fill('7')
  await page.getByRole('button', { name: 'Start this cluster' }).click()
  await expect(page.getByRole('alert')).toContainText('INVALID_CONFIG: brokers')
  await page.getByLabel('Brokers (1–6)').fill('5')
  await page.getByRole('group', { name: 'Topic 1' }).getByLabel('Partitions (1–12)').fill('12')
  await page.getByRole('button', { name: 'Start this cluster' }).click()
  await expect(page.locator('[data-broker-id]')).toHaveCount(5)
  await expect(page.locator('[data-partition]')).toHaveCount(12)
  expect(page.url()).toContain('sandbox=')
  await page.evaluate(() => window.__kafkaSim!.advanceTo(4_000))
  await page.screenshot({ path: `${SHOTS}/sandbox-5-brokers-12-partitions-1280x720.png` })
  // A reload builds the same cluster from the URL.
  await page.reload()
  await page.waitForFunction(() => window.__kafkaSim?.state().view != null)
  await expect(page.locator('[data-partition]')).toHaveCount(12)
  expect(errors).toEqual([])
})

test('axe finds no serious or critical violation on the cluster view and every sandbox panel', async ({
  app,
}) => {
  const { page, errors } = await app('&lang=en')
  await busyClients(page)
  await produce(page, 0, ['a'])
  await page.evaluate(() => window.__kafkaSim!.advanceTo(12_500))
  await page.locator('[data-replica="orders-0@1"] [data-offset="0"]').click()
  for (const tab of ['Client', 'Inspector', 'Configs', 'Script', 'Build']) {
    await openTab(page, tab)
    if (tab === 'Client')
      await page.getByRole('button', { name: 'Controls and internals', expanded: false }).click()
    if (tab === 'Script') {
      await page.getByLabel('Script (KafkaJS-style API and sim.*)').fill('null.x')
      await page.getByRole('button', { name: 'Run', exact: true }).click()
      await expect(page.getByTestId('script-output')).toContainText('Line 1: TypeError')
    }
    const scan = await new AxeBuilder({ page }).include('main').analyze()
    const serious = scan.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    expect(
      serious.map((v) => `${tab}: ${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`),
    ).toEqual([])
  }
  await page.locator('[data-broker-id="1"]').click({ button: 'right' })
  const scan = await new AxeBuilder({ page }).include('main').analyze()
  expect(
    scan.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id),
  ).toEqual([])
  expect(errors).toEqual([])
})

interface TabWalk {
  /** What Tab reached inside the open tab panel, in order. */
  visited: string[]
  /** Reached controls without a focus ring, or off screen. */
  unseen: string[]
  /** Enabled, displayed controls in the panel that Tab never reached. */
  missed: string[]
  /** Tab went on out of the panel: no keyboard trap. */
  leftPanel: boolean
}

/** Tabs from the open side-panel tab through its panel until focus leaves it. */
async function tabThroughPanel(page: Page): Promise<TabWalk> {
  await page
    .getByRole('tablist', { name: 'Sandbox panels' })
    .getByRole('tab', { selected: true })
    .focus()
  const walk: TabWalk = { visited: [], unseen: [], missed: [], leftPanel: false }
  for (let press = 0; press < 200 && !walk.leftPanel; press++) {
    await page.keyboard.press('Tab')
    const step = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null
      if (el === null || !document.querySelector('.side-tab-panel')?.contains(el)) return null
      el.setAttribute('data-tab-reached', '')
      const style = getComputedStyle(el)
      const box = el.getBoundingClientRect()
      const ring = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
      const onScreen = box.width > 0 && box.top >= 0 && box.bottom <= window.innerHeight
      const name = `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`
      return { name, ring, onScreen }
    })
    if (step === null) walk.leftPanel = walk.visited.length > 0
    else {
      walk.visited.push(step.name)
      if (!step.ring || !step.onScreen) walk.unseen.push(step.name)
    }
  }
  walk.missed = await page.evaluate(() =>
    [
      ...document.querySelectorAll<HTMLElement>(
        '.side-tab-panel :is(button, input, select, textarea, a[href], [tabindex="0"])',
      ),
    ]
      .filter(
        (el) =>
          !(el as HTMLButtonElement).disabled &&
          el.tabIndex >= 0 &&
          el.getClientRects().length > 0 &&
          !el.hasAttribute('data-tab-reached'),
      )
      .map((el) => el.outerHTML.slice(0, 80)),
  )
  return walk
}

test('keyboard: every tab and every control of each panel in Tab order, with a focus ring and no trap', async ({
  app,
}) => {
  const { page, errors } = await app('&lang=en')
  await busyClients(page)
  await page.locator('[data-replica="orders-0@1"] [data-offset="0"]').click()
  const tabs = page.getByRole('tablist', { name: 'Sandbox panels' })
  // The tabs: one Tab stop, arrows move between them, Home and End jump.
  await tabs.getByRole('tab', { selected: true }).focus()
  await expect(tabs.getByRole('tab', { name: 'Inspector' })).toBeFocused()
  await page.keyboard.press('Home')
  await expect(tabs.getByRole('tab', { name: 'Client', selected: true })).toBeFocused()
  const check = async (tab: string, least: number) => {
    const walk = await tabThroughPanel(page)
    expect(walk.visited.length, `${tab}: ${walk.visited.join(', ')}`).toBeGreaterThanOrEqual(least)
    expect(walk.unseen, `${tab}: without a visible focus`).toEqual([])
    expect(walk.missed, `${tab}: not reachable by Tab`).toEqual([])
    expect(walk.leftPanel, `${tab}: Tab is trapped`).toBe(true)
  }

  // Client: the section headings, the send form, the consumers' controls, the raw requests.
  await check('Client', 15)
  const sections = page.getByTestId('producer-panel')
  await sections.getByRole('button', { name: 'Controls and internals' }).focus()
  await page.keyboard.press('Enter')
  await expect(sections.getByRole('button', { name: 'Flush' })).toBeVisible()
  await check('Client, details open', 20)
  await sections.getByLabel('Value').focus()
  await page.keyboard.type('typed')
  await page.keyboard.press('Enter')
  await page.evaluate(() => window.__kafkaSim!.advanceTo(12_500))
  await expect(sections.getByTestId('producer-outcomes').locator('li').first()).toContainText(
    'record 3',
  )

  // Inspector: its batch buttons.
  await tabs.getByRole('tab', { selected: true }).focus()
  await page.keyboard.press('ArrowRight')
  await expect(tabs.getByRole('tab', { name: 'Inspector', selected: true })).toBeFocused()
  await check('Inspector', 1)
  await page.getByRole('button', { name: 'All batches of this replica' }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('inspector-replica')).toBeVisible()

  // Configs: every value and its Apply; Enter in a field applies it, Kafka refuses a bad one.
  await tabs.getByRole('tab', { name: 'Inspector' }).focus()
  await page.keyboard.press('ArrowRight')
  await expect(page.locator('[data-config="min.insync.replicas"]')).toBeVisible()
  await check('Configs', 10)
  const minIsr = page.locator('[data-config="min.insync.replicas"]')
  await minIsr.getByRole('textbox').focus()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type('0')
  await page.keyboard.press('Enter')
  await expect(minIsr.getByRole('alert')).toContainText('INVALID_CONFIG')

  // Script: the editor lets Tab go on to Run; Enter on Run runs it.
  await tabs.getByRole('tab', { name: 'Configs' }).focus()
  await page.keyboard.press('ArrowRight')
  await check('Script', 3)
  const code = page.getByLabel('Script (KafkaJS-style API and sim.*)')
  await code.focus()
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type("console.log('from the keyboard')")
  await page.keyboard.press('Tab')
  await expect(page.getByRole('button', { name: 'Run', exact: true })).toBeFocused()
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('script-output')).toContainText('from the keyboard')
  await expect(page.getByTestId('script-output')).toContainText('Script finished.')

  // Build: every field; Enter on "Add a topic" adds one.
  await tabs.getByRole('tab', { name: 'Script' }).focus()
  await page.keyboard.press('End')
  await expect(tabs.getByRole('tab', { name: 'Build', selected: true })).toBeFocused()
  await check('Build', 8)
  await page.getByRole('button', { name: 'Add a topic' }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('group', { name: 'Topic 2' })).toBeVisible()
  expect(errors).toEqual([])
})

/** The panels at both sizes, one test per language (the view itself: clusterView.spec.ts). */
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
]
/** PANEL_SHOTS=/tmp/shots-panels puts the panel screenshots where a reviewer looks at them. */
const PANEL_SHOTS = process.env.PANEL_SHOTS ?? SHOTS
mkdirSync(PANEL_SHOTS, { recursive: true })

for (const lang of ['en', 'zh-CN'] as const) {
  test(`screenshot: sandbox panels, every tab, ${lang}`, async ({ app }) => {
    const { page, errors } = await app(`&lang=${lang}`)
    await busyClients(page)
    await produce(page, 0, ['a', 'b'])
    await page.evaluate(() => window.__kafkaSim!.advanceTo(12_012))
    for (const { width, height } of SIZES) {
      const name = `${lang}-${width}x${height}`
      await page.setViewportSize({ width, height })
      await page.locator('[data-replica="orders-0@1"] [data-offset="0"]').click()
      await page.mouse.move(0, 0)
      await page.screenshot({ path: `${PANEL_SHOTS}/sandbox-inspector-${name}.png` })
      await page.locator('[data-broker-id="2"]').click({ button: 'right' })
      await page.screenshot({ path: `${PANEL_SHOTS}/sandbox-menu-${name}.png` })
      await page.keyboard.press('Escape')
      const tabs = page.getByRole('tablist').first().getByRole('tab')
      await tabs.nth(0).click()
      await expect(page.getByTestId('group-partitions')).toBeVisible()
      await page.screenshot({ path: `${PANEL_SHOTS}/sandbox-client-${name}.png` })
      await tabs.nth(2).click()
      await expect(page.locator('[data-config="min.insync.replicas"]')).toBeVisible()
      await page.screenshot({ path: `${PANEL_SHOTS}/sandbox-config-${name}.png` })
      await tabs.nth(3).click()
      await page.screenshot({ path: `${PANEL_SHOTS}/sandbox-script-${name}.png` })
      await tabs.nth(4).click()
      await page.screenshot({ path: `${PANEL_SHOTS}/sandbox-build-${name}.png` })
    }
    expect(errors).toEqual([])
  })
}

test('the client tab: a producer sends a keyed record and sees its offset; two consumers split the partitions', async ({
  app,
}) => {
  const { page, errors } = await app('&lang=en')
  await page.evaluate(() => window.__kafkaSim!.advanceTo(3_000))
  const producer = page.getByTestId('producer-panel')
  await producer.getByRole('button', { name: 'Create producer' }).click()
  await producer.getByLabel('Key', { exact: true }).fill('user-1')
  await producer.getByLabel('Value').fill('hello')
  await producer.getByRole('button', { name: 'Send', exact: true }).click()
  await page.evaluate(() => window.__kafkaSim!.advanceTo(3_500))
  const outcome = producer.getByTestId('producer-outcomes').locator('li').first()
  await expect(outcome).toHaveAttribute('data-offset', '0')
  await expect(outcome).toContainText('at offset 0')
  await expect(producer.getByTestId('producer-identity')).toContainText('epoch 0')
  await expect(producer.getByTestId('producer-identity')).toBeVisible()

  const consumers = page.getByTestId('consumer-panel')
  await consumers.getByRole('button', { name: 'Add consumer' }).click()
  await consumers.getByRole('button', { name: 'Add consumer' }).click()
  await page.evaluate(() => window.__kafkaSim!.advanceTo(12_000))
  await expect(consumers.getByTestId('group-state')).toHaveAttribute('data-state', 'Stable')
  const members = consumers.getByTestId('group-members').locator('li')
  await expect(members).toHaveCount(2)
  const assignments = await members.evaluateAll((items) =>
    items.map((li) => (li.getAttribute('data-assignment') ?? '').split(',').filter(Boolean)),
  )
  const partitions = await page.locator('[data-partition^="orders-"]').count()
  expect(assignments.every((a) => a.length > 0)).toBe(true)
  expect(new Set(assignments.flat()).size).toBe(assignments.flat().length)
  expect(assignments.flat().length).toBeGreaterThan(0)
  expect(assignments.flat().length).toBeLessThanOrEqual(partitions)
  // At 1280×720 the essentials of both are on screen together: the send form, the latest
  // outcome and the group's whole table (position, committed offset, lag) with a producer above.
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.locator('.side-tab-panel').evaluate((panel) => panel.scrollTo(0, 0))
  const table = consumers.getByTestId('group-partitions')
  for (const essential of [
    producer.getByRole('button', { name: 'Send', exact: true }),
    outcome,
    table.locator('tbody tr').last(),
  ])
    await expect(essential).toBeInViewport({ ratio: 1 })
  await expect(table.getByRole('columnheader')).toHaveText([
    'Partition',
    'Position',
    'Committed',
    'Lag',
  ])
  await page.screenshot({ path: `${SHOTS}/sandbox-clients-en-1280x720.png` })

  // Each consumer has its controls: commit, slow, crash, close.
  const first = consumers.locator('[data-consumer="consumer-1"]')
  await first.getByRole('button', { name: 'Commit' }).click()
  await first.getByLabel('Processing time per record of consumer-1').selectOption('1000')
  await page.evaluate(() => window.__kafkaSim!.advanceTo(12_500))
  await expect(first.getByLabel('Processing time per record of consumer-1')).toHaveValue('1000')
  await first.getByRole('button', { name: 'Crash' }).click()
  await page.evaluate(() => window.__kafkaSim!.advanceTo(13_000))
  await expect(first).toHaveAttribute('data-status', 'crashed')
  await expect(first.getByRole('button', { name: 'Restart' })).toBeVisible()

  // A section closed stays closed after a reload (the classroom's layout is remembered).
  const heading = producer.getByRole('button', { name: /^KafkaProducer: producer-1/ })
  await heading.click()
  await expect(heading).toHaveAttribute('aria-expanded', 'false')
  await expect(producer.getByLabel('Value')).toBeHidden()
  await page.reload()
  await page.waitForFunction(() => window.__kafkaSim?.state().view != null)
  await expect(page.getByTestId('producer-panel').getByRole('button').first()).toHaveAttribute(
    'aria-expanded',
    'false',
  )
  expect(errors).toEqual([])
})

test('screenshot: the client tab in Chinese', async ({ app }) => {
  const { page, errors } = await app('&lang=zh-CN')
  await page.setViewportSize({ width: 1280, height: 720 })
  await page.evaluate(() => window.__kafkaSim!.advanceTo(3_000))
  await page.evaluate(() => {
    const dispatch = window.__kafkaDispatch!
    dispatch({ type: 'createProducer', producerName: 'producer-1', configs: { 'linger.ms': 5 } })
    dispatch({ type: 'send', producerName: 'producer-1', topic: 'orders', key: 'k', value: 'v' })
    for (const consumerName of ['consumer-1', 'consumer-2']) {
      dispatch({ type: 'createConsumer', consumerName, groupId: 'group-1' })
      dispatch({ type: 'subscribe', consumerName, topics: ['orders'] })
      dispatch({ type: 'runConsumer', consumerName, processingMs: 10 })
    }
  })
  await page.evaluate(() => window.__kafkaSim!.advanceTo(12_000))
  await expect(page.getByTestId('group-members').locator('li')).toHaveCount(2)
  await expect(page.getByTestId('producer-outcomes').locator('li')).toHaveCount(1)
  await page.screenshot({ path: `${SHOTS}/sandbox-clients-zh-CN-1280x720.png` })
  expect(errors).toEqual([])
})
