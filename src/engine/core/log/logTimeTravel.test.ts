/**
 * Goal: a log can be checkpointed and restored for time travel: its state is plain data (JSON
 * and structuredClone survive it, no Infinity), and its bytes come back with the store snapshot,
 * after which the log behaves exactly as if the later steps never happened.
 * Method: checkpoint mid-run (structuredClone + store snapshot), keep going with appends, a roll,
 * retention and truncation, restore, replay the same steps, and compare every file and the state
 * with the first run; also check a JSON round trip of the state.
 */
import { expect, test } from 'vitest'
import { deleteOldSegments } from './logRetention'
import type { PartitionLogState } from './logState'
import { truncateTo } from './logTruncation'
import { appendThousandByteBatches, newLog, newTestContext, T0 } from './testing/logFixtures'
import type { TestContext } from './testing/logFixtures'

function filesOf(ctx: TestContext): Record<string, string> {
  const files: Record<string, string> = {}
  for (const name of ctx.store.list('broker-1/t-0')) {
    const path = `broker-1/t-0/${name}`
    files[name] = Buffer.from(ctx.store.read(path, 0, ctx.store.size(path))).toString('base64')
  }
  return files
}

function laterSteps(ctx: TestContext, log: PartitionLogState) {
  appendThousandByteBatches(ctx, log, 1500, 1)
  deleteOldSegments(ctx, log, { nowMs: T0 + 10 ** 7, highWatermark: log.logEndOffset })
  truncateTo(ctx, log, log.logEndOffset - 700, T0 + 10 ** 7)
  appendThousandByteBatches(ctx, log, 300, 2)
}

test('restore(snapshot) + the cloned state replay exactly like the original run', () => {
  const ctx = newTestContext()
  const log = newLog(ctx, { 'segment.bytes': 1_048_576, 'retention.bytes': 1_500_000 })
  appendThousandByteBatches(ctx, log, 1500)
  const checkpoint = { state: structuredClone(log), snapshot: ctx.store.snapshot() }
  expect(JSON.parse(JSON.stringify(log))).toEqual(log)

  laterSteps(ctx, log)
  const first = { state: structuredClone(log), files: filesOf(ctx) }

  ctx.store.restore(checkpoint.snapshot)
  const restored = structuredClone(checkpoint.state)
  expect(restored.logEndOffset).toBe(1500)
  laterSteps(ctx, restored)
  expect(restored).toEqual(first.state)
  expect(filesOf(ctx)).toEqual(first.files)
  ctx.store.release(checkpoint.snapshot)
  expect(ctx.store.liveSnapshotCount()).toBe(0)
})
