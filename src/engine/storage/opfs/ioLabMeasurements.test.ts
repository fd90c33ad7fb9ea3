/**
 * Goal: the IO lab's measurements do what their charts claim: each write task writes the planned
 * bytes in the planned number of calls (one per record unbatched, far fewer batched, one per
 * write size, round-robin over N partition files), leaves no scratch file behind, and the
 * compression task reports sizes of real codec output that decompresses back to its input.
 * Method: run every task of the small plan on `MemoryDisk` (the in-memory stand-in for OPFS sync
 * handles) with a fake clock, and count calls and files. Real OPFS timing is e2e/ioLab.spec.ts.
 */
import { beforeAll, expect, test } from 'vitest'
import { measurementPlan, planTasks, type MeasurementResult } from '../../core/io'
import { initCodecs } from '../../core/log/compression'
import { measureTask, type ScratchFiles } from './ioLabMeasurements'
import { MemoryFileIo, createMemoryDisk } from './memoryFileIo'

const plan = measurementPlan('small')
const disk = createMemoryDisk()
let clockMs = 0
const now = () => (clockMs += 1)
const opened: string[] = []
const files: ScratchFiles = {
  async open(name) {
    opened.push(name)
    return new MemoryFileIo(disk, name)
  },
  async remove(name, io) {
    io.close()
    disk.files.delete(name)
  },
}

const results: MeasurementResult[] = []

beforeAll(async () => {
  await initCodecs()
  for (const task of planTasks(plan)) results.push(await measureTask(plan, task, { files, now }))
})

test('every task ran and cleaned up after itself', () => {
  expect(results).toHaveLength(planTasks(plan).length)
  expect(disk.files.size).toBe(0)
  expect(opened.length).toBeGreaterThan(planTasks(plan).length)
})

test('sequential and random runs write the same bytes in the same number of calls', () => {
  const sequential = results.find((r) => r.kind === 'sequential')
  const random = results.find((r) => r.kind === 'random')
  const { totalBytes, writeBytes } = plan.sequentialVsRandom
  expect(sequential).toMatchObject({
    timing: { bytes: totalBytes, calls: totalBytes / writeBytes },
  })
  expect(random).toMatchObject({ timing: { bytes: totalBytes, calls: totalBytes / writeBytes } })
})

test('unbatched writes make one call per record; batched the same bytes in few calls', () => {
  const unbatched = results.find((r) => r.kind === 'unbatched')
  const batched = results.find((r) => r.kind === 'batched')
  if (unbatched?.kind !== 'unbatched' || batched?.kind !== 'batched') throw new Error('missing')
  expect(unbatched.timing.calls).toBe(plan.callCost.records)
  expect(batched.timing.bytes).toBe(unbatched.timing.bytes)
  // Whole records per batch: batches are nearly, not exactly, full.
  const fullBatches = Math.ceil(batched.timing.bytes / plan.callCost.batchBytes)
  expect(batched.timing.calls).toBeGreaterThanOrEqual(fullBatches)
  expect(batched.timing.calls).toBeLessThan(fullBatches * 1.1)
})

test('the batch-size curve has one point per write size, each the same total', () => {
  const points = results.filter((r) => r.kind === 'batchSize')
  expect(points.map((p) => p.writeBytes)).toEqual(plan.batchSize.writeBytes)
  for (const point of points) {
    expect(point.timing.bytes).toBe(plan.batchSize.totalBytes)
    expect(point.timing.calls).toBe(Math.ceil(plan.batchSize.totalBytes / point.writeBytes))
  }
})

test('interleaved partitions spread the same appends over N files', () => {
  const points = results.filter((r) => r.kind === 'partitions')
  expect(points.map((p) => p.files)).toEqual(plan.partitions.fileCounts)
  for (const count of plan.partitions.fileCounts) {
    expect(opened.filter((name) => name.startsWith(`partition-${count}-`))).toHaveLength(count)
  }
  for (const point of points) expect(point.timing.bytes).toBe(plan.partitions.totalBytes)
})

test('compression reports real codec output that decompresses back to the input', () => {
  const codecs = results.filter((r) => r.kind === 'compression')
  expect(codecs.map((c) => c.codec)).toEqual(['gzip', 'snappy', 'lz4', 'zstd'])
  for (const codec of codecs) {
    expect(codec.roundTripOk).toBe(true)
    expect(codec.byBatchSize.map((b) => b.batchBytes)).toEqual(plan.compression.batchBytes)
    for (const timing of codec.byBatchSize) {
      expect(timing.inputBytes).toBeGreaterThanOrEqual(plan.compression.totalBytes - 1024)
      expect(timing.outputBytes).toBeLessThan(timing.inputBytes)
      expect(timing.compressMs).toBeGreaterThan(0)
    }
  }
})
