/**
 * Goal: the interview drill lists the classic questions in both languages, and "prove it" lands on
 * the simulated state that shows the answer: for "acks=1 on failover", the lesson step after the
 * old leader truncated the two acknowledged records, with the truncation in the event log.
 * Method: the app at `/?e2e=1&page=drill&lang=<en|zh-CN>`; state read through
 * `window.__kafkaSim.state()`. Screenshots go to test-results/screenshots.
 */
import { mkdirSync } from 'node:fs'
import { expect, simState, test } from './fixtures'

const SHOTS = 'test-results/screenshots'
mkdirSync(SHOTS, { recursive: true })

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => localStorage.removeItem('kafkascope.lessons.progress.v1'))
})

for (const [lang, question, prove] of [
  ['en', 'What happens with acks=1 when the leader fails?', 'Prove it'],
  ['zh-CN', 'acks=1 时 leader 宕机会怎样？', '证明给我看'],
] as const) {
  test(`"prove it" opens the state where acks=1 lost acknowledged records (${lang})`, async ({
    app,
  }) => {
    const { page, errors } = await app(`&page=drill&lang=${lang}`)
    const drill = page.getByTestId('drill')
    await expect(drill.locator('.drill-card')).toHaveCount(18)
    const card = drill.locator('[data-card-id="acks-one-failover"]')
    await expect(card.getByRole('heading')).toHaveText(question)
    await page.screenshot({ path: `${SHOTS}/drill-${lang}.png` })
    // Every card now opens a simulated state, the consumer ones included.
    await expect(drill.locator('[data-card-id="commit-offset"] .drill-prove')).toHaveCount(2)

    await card.getByRole('link', { name: new RegExp(prove) }).click()
    await expect(page).toHaveURL(/[?&]lesson=acks-levels(&|$)/)
    expect(new URL(page.url()).searchParams.get('page')).toBe('lessons')
    const panel = page.getByTestId('lesson-panel')
    await expect(panel.locator('[data-step-id]')).toHaveAttribute('data-step-id', 'wrap-up')
    // The claimed outcome: broker 2 leads, and broker 1 cut its log back to offset 3, losing the
    // two records acks=1 had acknowledged at offsets 3 and 4.
    const view = (await simState(page)).view!
    const orders = view.partitions.find((p) => p.key === 'orders-0')!
    expect(orders.leader).toBe(2)
    expect(orders.replicaViews.find((r) => r.brokerId === 1)?.logEndOffset).toBe(3)
    const truncated = view.partitions[0]!.replicaViews.find((r) => r.brokerId === 1)!
    expect(truncated.leaderEpochCache).toEqual([{ epoch: 0, startOffset: 0 }])
    // The lesson's text at this step names the outcome, and the event log shows the truncation.
    await expect(panel.locator('[data-step-id="wrap-up"]')).toContainText('divergingEpoch')
    const truncation =
      lang === 'en'
        ? 'Broker 1 truncated orders-0 to offset 3'
        : 'Broker 1 把 orders-0 截断到 offset 3'
    await expect(page.locator('.event-log').getByText(truncation).first()).toBeVisible()
    await page.screenshot({ path: `${SHOTS}/drill-proof-acks-levels-${lang}.png` })

    // Back on the drill, the card counts as proved.
    await page.goBack()
    await expect(card).toContainText(lang === 'en' ? '✓ proof opened' : '✓ 已看证明')
    await expect(drill.getByTestId('drill-progress')).toContainText(
      lang === 'en' ? 'opened the proof of 1 of' : '中 1 道',
    )
    expect(errors).toEqual([])
  })
}

test('"prove it" for offset + 1 opens the restarted consumer that read on from the commit', async ({
  app,
}) => {
  const { page, errors } = await app('&page=drill&lang=en')
  const card = page.getByTestId('drill').locator('[data-card-id="commit-offset"]')
  await card.locator('[data-proof="committed-offset/restart"]').click()
  await expect(page).toHaveURL(/[?&]lesson=committed-offset(&|$)/)
  const panel = page.getByTestId('lesson-panel')
  await expect(panel.locator('[data-step-id]')).toHaveAttribute('data-step-id', 'wrap-up')
  const view = (await simState(page)).view!
  const group = view.consumerGroups.groups.find((g) => g.groupId === 'billing')!
  expect(group.partitions[0]).toMatchObject({
    partitionKey: 'orders-0',
    committedOffset: 20,
    duplicateCount: 0,
    processedRanges: [[0, 20]],
  })
  await page.screenshot({ path: `${SHOTS}/drill-proof-committed-offset-en.png` })
  expect(errors).toEqual([])
})
