import type { FileIo } from './fileIo'
import { openOpfsSegmentStore } from './openOpfsSegmentStore'
import { childDirectory, opfsRoot, type OpfsDirectoryHandle } from './opfsTypes'
import { numberParam, registerMeasurement } from './probeMeasurements'
import { patternBytes } from './probePattern'
import type { MeasureParams } from './probeProtocol'
import { deleteSimulation } from './simulations'

/**
 * Real IO measurements in the user's browser, for the benchmarks and the IO lab: raw sync-handle
 * writes (sequential or random, any write size) and appends through `OpfsSegmentStore`.
 * MB = 10^6 bytes. Timings include the final `flush()`, so buffered bytes are counted only once
 * they reach the file system. Scratch files live in `/kafkascope-probe/` and are deleted after.
 */
export function registerIoMeasurements(): void {
  registerMeasurement('rawSequentialWrite', rawSequentialWrite)
  registerMeasurement('rawRandomWrite', rawRandomWrite)
  registerMeasurement('storeAppend', storeAppend)
}

const MiB = 1024 * 1024
const SCRATCH_DIR = 'kafkascope-probe'
let scratchSequence = 0

/** Writes `totalBytes` to a new file in writes of `writeBytes`, one after another. */
async function rawSequentialWrite(params: MeasureParams): Promise<Record<string, number>> {
  const totalBytes = numberParam(params, 'totalBytes', 64 * MiB)
  const writeBytes = numberParam(params, 'writeBytes', MiB)
  const chunk = patternBytes(1, 0, writeBytes)
  return withScratchFile(async (io) => {
    const startMs = performance.now()
    let writes = 0
    for (let at = 0; at < totalBytes; at += writeBytes) {
      io.write(at + writeBytes <= totalBytes ? chunk : chunk.subarray(0, totalBytes - at), { at })
      writes += 1
    }
    const flushStartMs = performance.now()
    io.flush()
    const endMs = performance.now()
    const ms = endMs - startMs
    const flushMs = endMs - flushStartMs
    return { mbPerS: megabytesPerSecond(totalBytes, ms), ms, bytes: totalBytes, writes, flushMs }
  })
}

/** Writes `writes` blocks of `writeBytes` at random block-aligned places in a `fileBytes` file. */
async function rawRandomWrite(params: MeasureParams): Promise<Record<string, number>> {
  const fileBytes = numberParam(params, 'fileBytes', 16 * MiB)
  const writeBytes = numberParam(params, 'writeBytes', 4096)
  const writes = numberParam(params, 'writes', 2048)
  let random = numberParam(params, 'seed', 1) >>> 0 || 1
  const chunk = patternBytes(2, 0, writeBytes)
  const blocks = Math.max(1, Math.floor(fileBytes / writeBytes))
  return withScratchFile(async (io) => {
    // Lay the file out first, untimed, so random writes overwrite instead of growing the file.
    const fill = new Uint8Array(Math.min(MiB, fileBytes))
    for (let at = 0; at < fileBytes; at += fill.length) io.write(fill, { at })
    io.flush()
    const startMs = performance.now()
    for (let i = 0; i < writes; i += 1) {
      // xorshift32: deterministic positions for a given seed.
      random ^= random << 13
      random ^= random >>> 17
      random ^= random << 5
      random >>>= 0
      io.write(chunk, { at: (random % blocks) * writeBytes })
    }
    io.flush()
    const ms = performance.now() - startMs
    const bytes = writes * writeBytes
    return {
      mbPerS: megabytesPerSecond(bytes, ms),
      ms,
      bytes,
      writes,
      writesPerS: writes / (ms / 1000),
    }
  })
}

/**
 * Appends `totalBytes` through `OpfsSegmentStore` in chunks of `chunkBytes` (producer batches),
 * round-robin over `files` files (partitions), then flushes.
 */
async function storeAppend(params: MeasureParams): Promise<Record<string, number>> {
  const totalBytes = numberParam(params, 'totalBytes', 64 * MiB)
  const chunkBytes = numberParam(params, 'chunkBytes', 16 * 1024)
  const files = numberParam(params, 'files', 1)
  const writeBatchBytes = params.writeBatchBytes
  const chunk = patternBytes(3, 0, chunkBytes)
  const simId = `probe-store-append-${Date.now()}-${(scratchSequence += 1)}`
  const store = await openOpfsSegmentStore(
    simId,
    typeof writeBatchBytes === 'number' ? { writeBatchBytes } : {},
  )
  try {
    const paths = Array.from(
      { length: files },
      (_, i) => `broker-1/bench-${i}/00000000000000000000.log`,
    )
    const startMs = performance.now()
    let appends = 0
    for (let written = 0; written < totalBytes; written += chunkBytes) {
      const path = paths[appends % files]
      if (path === undefined) throw new Error('unreachable: files >= 1')
      store.append(path, chunk)
      appends += 1
    }
    store.flush()
    const ms = performance.now() - startMs
    const bytes = appends * chunkBytes
    return { mbPerS: megabytesPerSecond(bytes, ms), ms, bytes, appends }
  } finally {
    await store.close(false)
    await deleteSimulation(simId)
  }
}

async function withScratchFile(
  measure: (io: FileIo) => Promise<Record<string, number>>,
): Promise<Record<string, number>> {
  const dir = await scratchDirectory()
  const name = `scratch-${Date.now()}-${(scratchSequence += 1)}.bin`
  const io = await (await dir.getFileHandle(name, { create: true })).createSyncAccessHandle()
  try {
    return await measure(io)
  } finally {
    io.close()
    await dir.removeEntry(name)
  }
}

async function scratchDirectory(): Promise<OpfsDirectoryHandle> {
  const dir = await childDirectory(await opfsRoot(), SCRATCH_DIR, true)
  if (dir === null) throw new Error('could not create the probe scratch directory')
  return dir
}

function megabytesPerSecond(bytes: number, ms: number): number {
  return bytes / 1e6 / (Math.max(ms, 0.001) / 1000)
}
