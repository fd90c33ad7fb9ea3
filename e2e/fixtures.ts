/**
 * Shared Playwright fixtures: every page collects console errors and page errors so a journey can
 * assert the app ran clean, and `openApp` waits until the engine's first frame is on screen.
 */
import { test as base, expect, type Page } from '@playwright/test'
// Brings in the `window.__kafkaSim` declaration.
import type {} from '../app/testHooks'

export interface AppPage {
  page: Page
  errors: string[]
}

export const test = base.extend<{ app: (query?: string) => Promise<AppPage> }>({
  app: async ({ page }, use) => {
    const errors: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text())
    })
    page.on('pageerror', (error) => errors.push(error.message))
    await use(async (query = '') => {
      await page.goto(`/?e2e=1${query}`)
      await page.waitForFunction(() => window.__kafkaSim?.state().view != null)
      return { page, errors }
    })
  },
})

export { expect }

/** A fault from the broker's context menu (right click on the broker, then the item). */
export async function brokerFault(page: Page, brokerId: number, item: string) {
  await page.locator(`[data-broker-id="${brokerId}"]`).click({ button: 'right' })
  await page.getByRole('menu').getByRole('menuitem', { name: item }).click()
  await expect(page.getByRole('menu')).toHaveCount(0)
}

export async function simState(page: Page) {
  return page.evaluate(() => window.__kafkaSim!.state())
}

/** Number of pixels that differ between two PNG screenshots (decoded by the browser itself). */
export async function pixelDiff(page: Page, a: Buffer, b: Buffer): Promise<number> {
  return page.evaluate(
    async ([a64, b64]) => {
      const load = async (b64: string) => {
        const image = new Image()
        image.src = `data:image/png;base64,${b64}`
        await image.decode()
        const canvas = document.createElement('canvas')
        canvas.width = image.width
        canvas.height = image.height
        const context = canvas.getContext('2d')!
        context.drawImage(image, 0, 0)
        return context.getImageData(0, 0, image.width, image.height)
      }
      const [x, y] = [await load(a64), await load(b64)]
      if (x.width !== y.width || x.height !== y.height) return -1
      let differing = 0
      for (let i = 0; i < x.data.length; i += 4) {
        if (
          x.data[i] !== y.data[i] ||
          x.data[i + 1] !== y.data[i + 1] ||
          x.data[i + 2] !== y.data[i + 2]
        )
          differing++
      }
      return differing
    },
    [a.toString('base64'), b.toString('base64')] as const,
  )
}

/** A client fault from the client's context menu on the canvas (right click on the box, the item). */
export async function clientFault(page: Page, node: string, item: string) {
  await page.locator(`.cluster-svg [data-node="${node}"]`).click({ button: 'right' })
  await page.getByRole('menu').getByRole('menuitem', { name: item }).click()
  await expect(page.getByRole('menu')).toHaveCount(0)
}
