/**
 * Goal: the OPFS segment store works in a real browser: bytes survive a reload, a second tab on
 * the same simulation is refused without harming the first, and snapshots undo a mid-file
 * truncation. (Its logic is unit-tested in Node on a fake disk; this checks the real OPFS,
 * sync access handles and Web Locks.)
 * Method: the bare probe page (app/probes/opfs.html) runs the store in a worker; each step is a
 * `window.__opfsProbe.run(command)` call. Written data follows `patternBytes`, so the expected
 * SHA-256 is computed here in Node, independently of the browser.
 */
import { createHash } from 'node:crypto'
import { expect, test, type Page } from '@playwright/test'
import type { ProbeCommand, ProbeResponse, ProbeResultOf } from '../app/probes/opfsProbeApi'
import { patternBytes } from '../src/engine/storage/opfs/probePattern'

const PROBE_PATH = '/app/probes/opfs.html'
const LOG = 'broker-1/orders-0/00000000000000000000.log'
const INDEX = 'broker-1/orders-0/00000000000000000000.index'

async function openProbe(page: Page): Promise<void> {
  await page.goto(PROBE_PATH)
  await page.waitForFunction(() => window.__opfsProbe !== undefined)
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

/** Runs a command that must succeed and returns its result. */
async function probe<C extends ProbeCommand>(page: Page, command: C): Promise<ProbeResultOf<C>> {
  const response = await runProbe(page, command)
  if (!response.ok)
    throw new Error(`${command.type}: ${response.error.name}: ${response.error.message}`)
  return response.result
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex')
}

test('bytes written and flushed through the store read back the same after a reload', async ({
  page,
}) => {
  await openProbe(page)
  const simId = 'e2e-reload'
  await probe(page, { type: 'open', simId })
  // Odd chunk sizes: many small appends coalesce in the write buffer, some large ones bypass it.
  const log = await probe(page, {
    type: 'append',
    simId,
    path: LOG,
    totalBytes: 700_001,
    chunkBytes: 1_237,
    seed: 7,
  })
  expect(log.sha256).toBe(sha256(patternBytes(7, 0, 700_001)))
  await probe(page, {
    type: 'append',
    simId,
    path: INDEX,
    totalBytes: 4_096,
    chunkBytes: 8,
    seed: 8,
  })
  // Reads see buffered bytes before anything is flushed.
  expect((await probe(page, { type: 'read', simId, path: LOG })).sha256).toBe(log.sha256)
  await probe(page, { type: 'flush', simId })

  await page.reload()
  await page.waitForFunction(() => window.__opfsProbe !== undefined)
  // The old page's worker may hold the lock for a moment after the reload.
  const reopened = await probe(page, { type: 'open', simId, waitForLockMs: 10_000 })
  expect(reopened.files).toBe(2)
  expect(await probe(page, { type: 'list', simId, dir: 'broker-1/orders-0' })).toEqual([
    '00000000000000000000.index',
    '00000000000000000000.log',
  ])
  const read = await probe(page, { type: 'read', simId, path: LOG })
  expect(read.sizeBytes).toBe(700_001)
  expect(read.sha256).toBe(log.sha256)
  const index = await probe(page, { type: 'read', simId, path: INDEX })
  expect(index.sha256).toBe(sha256(patternBytes(8, 0, 4_096)))
  expect(await probe(page, { type: 'listSimulations' })).toContain(simId)

  await probe(page, { type: 'close', simId })
  await probe(page, { type: 'deleteSimulation', simId })
  expect(await probe(page, { type: 'listSimulations' })).not.toContain(simId)
})

test('a second page on the same simulation gets StoreLockedError and the first keeps its data', async ({
  page,
  context,
}) => {
  await openProbe(page)
  const simId = 'e2e-locked'
  await probe(page, { type: 'open', simId })
  const written = await probe(page, {
    type: 'append',
    simId,
    path: LOG,
    totalBytes: 300_000,
    chunkBytes: 16_384,
    seed: 3,
  })
  await probe(page, { type: 'flush', simId })

  const second = await context.newPage()
  await openProbe(second)
  const refused = await runProbe(second, { type: 'open', simId })
  expect(refused.ok).toBe(false)
  if (!refused.ok) {
    expect(refused.error.name).toBe('StoreLockedError')
    expect(refused.error.message).toContain('open in another tab')
  }
  // Deleting it from the second page is refused the same way.
  const deleteRefused = await runProbe(second, { type: 'deleteSimulation', simId })
  expect(deleteRefused.ok ? null : deleteRefused.error.name).toBe('StoreLockedError')

  // The first page carries on, with its bytes intact.
  const read = await probe(page, { type: 'read', simId, path: LOG })
  expect(read.sha256).toBe(written.sha256)
  await probe(page, { type: 'append', simId, path: LOG, totalBytes: 10, chunkBytes: 10, seed: 4 })
  expect((await probe(page, { type: 'read', simId, path: LOG })).sizeBytes).toBe(300_010)

  // Once the first page closes it, the second can open it and sees the same bytes.
  await probe(page, { type: 'close', simId })
  await probe(second, { type: 'open', simId })
  const seen = await probe(second, { type: 'read', simId, path: LOG, length: 300_000 })
  expect(seen.sha256).toBe(written.sha256)
  await probe(second, { type: 'close', simId })
})

test('snapshot, truncate mid-file, append, restore gives back the original bytes', async ({
  page,
}) => {
  await openProbe(page)
  const simId = 'e2e-snapshot'
  await probe(page, { type: 'open', simId })
  const original = await probe(page, {
    type: 'append',
    simId,
    path: LOG,
    totalBytes: 600_000,
    chunkBytes: 16_384,
    seed: 11,
  })
  await probe(page, { type: 'flush', simId }) // the bytes are on OPFS, not only in buffers
  const { snapshotId } = await probe(page, { type: 'snapshot', simId })

  await probe(page, { type: 'truncate', simId, path: LOG, size: 250_000 })
  await probe(page, {
    type: 'append',
    simId,
    path: LOG,
    totalBytes: 90_000,
    chunkBytes: 5_000,
    seed: 12,
  })
  await probe(page, {
    type: 'append',
    simId,
    path: 'broker-1/later.log',
    totalBytes: 10,
    chunkBytes: 10,
    seed: 13,
  })
  await probe(page, { type: 'flush', simId })
  expect((await probe(page, { type: 'read', simId, path: LOG })).sizeBytes).toBe(340_000)
  expect(await probe(page, { type: 'list', simId, dir: 'broker-1' })).toEqual(['later.log'])

  await probe(page, { type: 'restore', simId, snapshotId })
  const restored = await probe(page, { type: 'read', simId, path: LOG })
  expect(restored.sizeBytes).toBe(600_000)
  expect(restored.sha256).toBe(original.sha256)
  // broker-1/later.log was created after the snapshot: gone.
  expect(await probe(page, { type: 'list', simId, dir: 'broker-1' })).toEqual([])

  await probe(page, { type: 'release', simId, snapshotId })
  expect((await probe(page, { type: 'stats', simId })).undoBytes).toBe(0)
  // The restored bytes also reach the disk: flush, reopen, compare.
  await probe(page, { type: 'close', simId })
  await probe(page, { type: 'open', simId })
  expect((await probe(page, { type: 'read', simId, path: LOG })).sha256).toBe(original.sha256)
  await probe(page, { type: 'close', simId })
})
