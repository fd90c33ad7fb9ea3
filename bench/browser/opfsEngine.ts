/**
 * Browser benchmark of the engine's write path into OPFS, run by bench/run.ts against a served
 * build (next to bench/browser/opfs.ts, which reports the raw ceiling `opfs_raw_seq_write_mb_per_s`
 * with the same method in the same run).
 *
 * Figures (MB = 10^6 bytes, each including the final fsync):
 * - append_rec_per_s_opfs: 100-byte records in real v2 batches of 16 KiB (batch.size 16384, CRC-32C),
 *   appended as leader through the partition log into the OPFS store, the way the engine's worker
 *   does (probe measurement `engineAppend`, src/engine/storage/opfs/engineMeasurements.ts). Same
 *   method as bench/node/appendMemory.ts (`append_rec_per_s_memory`), batch building included.
 * - opfs_engine_write_mb_per_s: the same runs in batch bytes per second.
 * - opfs_engine_vs_raw_seq_pct: that bandwidth as a percentage of raw 1 MiB sequential writes
 *   measured in the same browser, interleaved round by round (goal: >= 60).
 *
 * Method: a persistent Chromium profile (an incognito one keeps OPFS in memory behind IPC), 128 MiB
 * per run, a warm-up of each, then raw and engine runs alternate for a few rounds; each figure is
 * the median of its rounds, so a hiccup of the machine hits both sides alike.
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

export default async function opfsEngineBench(ctx: {
  baseUrl: string
}): Promise<Record<string, number>> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'kafkascope-opfs-engine-bench-'))
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
    const engine = () =>
      measure(page, 'engineAppend', { totalBytes: TOTAL_BYTES, batchBytes: 16_384 })
    await raw() // warm-up: first file creation, JIT, OPFS backend start
    await engine()
    const rawMbPerS: number[] = []
    const engineMbPerS: number[] = []
    const engineRecPerS: number[] = []
    for (let round = 0; round < ROUNDS; round += 1) {
      rawMbPerS.push((await raw()).mbPerS)
      const result = await engine()
      engineMbPerS.push(result.mbPerS)
      engineRecPerS.push(result.recPerS)
    }
    const engineMb = median(engineMbPerS)
    return {
      append_rec_per_s_opfs: Math.round(median(engineRecPerS)),
      opfs_engine_write_mb_per_s: round1(engineMb),
      opfs_engine_vs_raw_seq_pct: round1((100 * engineMb) / median(rawMbPerS)),
    }
  } finally {
    await context.close()
    await rm(userDataDir, { recursive: true, force: true })
  }
}

async function measure(
  page: Page,
  name: string,
  params: Record<string, number>,
): Promise<{ mbPerS: number; recPerS: number }> {
  const result = unwrap(await runProbe(page, { type: 'measure', name, params }))
  const mbPerS = result.mbPerS
  if (mbPerS === undefined) throw new Error(`measurement ${name} returned no mbPerS`)
  return { mbPerS, recPerS: result.recPerS ?? Number.NaN }
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
