/**
 * Browser benchmark of the OPFS segment store, run by bench/run.ts against a served build.
 *
 * Figures (MB = 10^6 bytes, each including the final fsync):
 * - opfs_raw_seq_write_mb_per_s: 1 MiB writes straight to a sync access handle, the ceiling.
 * - opfs_store_append_mb_per_s: 16 KiB appends (producer batches at batch.size=16384) through
 *   OpfsSegmentStore, which coalesces them into large writes. The goal is >= 60% of the raw figure.
 *
 * Method: a persistent Chromium profile (an incognito profile keeps OPFS in memory behind IPC,
 * ~100x slower per call, which measures the IPC rather than the disk). Raw and store runs
 * alternate for a few rounds after a warm-up, and each figure is the median of its rounds, so a
 * hiccup of the machine hits both sides alike.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Page } from '@playwright/test'
import { chromiumLaunchOptions } from '../../playwright.config'
import type { ProbeCommand, ProbeResponse, ProbeResultOf } from '../../app/probes/opfsProbeApi'

const MiB = 1024 * 1024
const ROUNDS = 5
const TOTAL_BYTES = 128 * MiB

export default async function opfsBench(ctx: { baseUrl: string }): Promise<Record<string, number>> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'kafkascope-opfs-bench-'))
  const context = await chromium.launchPersistentContext(userDataDir, {
    ...chromiumLaunchOptions,
    headless: true,
  })
  try {
    const page = context.pages()[0] ?? (await context.newPage())
    await page.goto(`${ctx.baseUrl}/app/probes/opfs.html`)
    await page.waitForFunction(() => window.__opfsProbe !== undefined)

    const raw = () =>
      measure(page, 'rawSequentialWrite', { totalBytes: TOTAL_BYTES, writeBytes: MiB })
    const store = () =>
      measure(page, 'storeAppend', { totalBytes: TOTAL_BYTES, chunkBytes: 16 * 1024, files: 1 })
    await raw() // warm-up: first file creation, JIT, OPFS backend start
    await store()
    const rawMbPerS: number[] = []
    const storeMbPerS: number[] = []
    for (let round = 0; round < ROUNDS; round += 1) {
      rawMbPerS.push(await raw())
      storeMbPerS.push(await store())
    }
    return {
      opfs_raw_seq_write_mb_per_s: round1(median(rawMbPerS)),
      opfs_store_append_mb_per_s: round1(median(storeMbPerS)),
    }
  } finally {
    await context.close()
    await rm(userDataDir, { recursive: true, force: true })
  }
}

async function measure(page: Page, name: string, params: Record<string, number>): Promise<number> {
  const result = unwrap(await runProbe(page, { type: 'measure', name, params }))
  const mbPerS = result.mbPerS
  if (mbPerS === undefined) throw new Error(`measurement ${name} returned no mbPerS`)
  return mbPerS
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = sorted[Math.floor(sorted.length / 2)]
  if (middle === undefined) throw new Error('median of nothing')
  return middle
}

function round1(value: number): number {
  return Math.round(value * 10) / 10
}
