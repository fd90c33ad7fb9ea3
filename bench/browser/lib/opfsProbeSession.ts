/**
 * The OPFS probe page in a persistent Chromium profile, for the browser benchmark
 * (bench/browser/opfs.ts). A persistent profile is what makes the figures real: an incognito
 * profile keeps OPFS in memory behind IPC, ~100x slower per call, which measures the IPC rather
 * than the disk.
 *
 * A measurement that loses its page ("Target page, context or browser has been closed", a
 * renderer crash, another Playwright run taking the browser down) is run again in a freshly
 * launched browser, a few times at most, so one hiccup does not cost the whole `npm run bench`.
 * (This file lives in lib/ because bench/run.ts runs every .ts file of bench/browser itself.)
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from '@playwright/test'
import { chromiumLaunchOptions } from '../../../playwright.config'
import type { ProbeCommand, ProbeResponse, ProbeResultOf } from '../../../app/probes/opfsProbeApi'

const ATTEMPTS_MAX = 3
/**
 * A measurement takes seconds; one still running after this has lost its worker (a worker that
 * dies answers nothing, and the page does not notice), so it counts as a lost page.
 */
const MEASURE_TIMEOUT_MS = 120_000

export interface OpfsProbeSession {
  /** Runs the probe measurement `name`; its figures (e.g. `mbPerS`, `recPerS`). */
  measure(name: string, params: Record<string, number>): Promise<Record<string, number>>
  close(): Promise<void>
}

interface Launched {
  context: BrowserContext
  page: Page
  userDataDir: string
}

async function launch(baseUrl: string, profilePrefix: string): Promise<Launched> {
  const userDataDir = await mkdtemp(join(tmpdir(), profilePrefix))
  const context = await chromium.launchPersistentContext(userDataDir, {
    ...chromiumLaunchOptions,
    headless: true,
  })
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto(`${baseUrl}/app/probes/opfs.html`)
    await page.waitForFunction(() => window.__opfsProbe !== undefined)
    return { context, page, userDataDir }
  } catch (error) {
    await shutDown({ context, userDataDir })
    throw error
  }
}

async function shutDown(launched: Omit<Launched, 'page'>): Promise<void> {
  await launched.context.close().catch(() => undefined)
  await rm(launched.userDataDir, { recursive: true, force: true })
}

class MeasurementTimeout extends Error {
  override name = 'MeasurementTimeout'
}

function withTimeout<T>(promise: Promise<T>, ms: number, name: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new MeasurementTimeout(`${name} gave no answer in ${ms} ms`)),
      ms,
    )
  })
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer))
}

/** True for errors that mean the page or browser went away, not that the measurement failed. */
function isPageLost(error: unknown): boolean {
  if (error instanceof MeasurementTimeout) return true
  const message = error instanceof Error ? error.message : String(error)
  return /Target page, context or browser has been closed|Target closed|Page crashed|browser has been closed|Execution context was destroyed/i.test(
    message,
  )
}

export async function openOpfsProbeSession(
  baseUrl: string,
  profilePrefix: string,
): Promise<OpfsProbeSession> {
  let current: Launched | null = await launch(baseUrl, profilePrefix)
  const measure = async (
    name: string,
    params: Record<string, number>,
  ): Promise<Record<string, number>> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        current ??= await launch(baseUrl, profilePrefix)
        return unwrap(
          await withTimeout(
            runProbe(current.page, { type: 'measure', name, params }),
            MEASURE_TIMEOUT_MS,
            name,
          ),
        )
      } catch (error) {
        if (!isPageLost(error) || attempt >= ATTEMPTS_MAX) throw error
        console.warn(`bench: ${name} lost its page (${String(error)}); relaunching the browser`)
        if (current !== null) await shutDown(current)
        current = null
      }
    }
  }
  return {
    measure,
    close: async () => {
      if (current !== null) await shutDown(current)
      current = null
    },
  }
}

function runProbe<C extends ProbeCommand>(
  page: Page,
  command: C,
): Promise<ProbeResponse<ProbeResultOf<C>>> {
  return page.evaluate((c) => {
    const probe = window.__opfsProbe
    if (probe === undefined) throw new Error('the OPFS probe page is not ready')
    return probe.run(c)
  }, command) as Promise<ProbeResponse<ProbeResultOf<C>>>
}

function unwrap<R>(response: ProbeResponse<R>): R {
  if (!response.ok) throw new Error(`${response.error.name}: ${response.error.message}`)
  return response.result
}

/** Median of the rounds, so a hiccup of the machine in one round does not move the figure. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted[Math.floor(sorted.length / 2)]
  if (middle === undefined) throw new Error('median of nothing')
  return middle
}

export function round1(value: number): number {
  return Math.round(value * 10) / 10
}

/** A figure the measurement must have returned. */
export function figure(result: Record<string, number>, name: string): number {
  const value = result[name]
  if (value === undefined) throw new Error(`the measurement returned no ${name}`)
  return value
}
