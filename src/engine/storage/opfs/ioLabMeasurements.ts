/**
 * The IO lab's measurements: real writes through OPFS sync access handles and the engine's real
 * codecs on generated JSON records, one task at a time (see core/io/measurements.ts for the plan).
 * Files come from a `ScratchFiles` so the same code runs on OPFS in the worker and on an
 * in-memory disk in Node tests. Every timing includes the final `flush()`: bytes count once they
 * have reached the file system, as in ioMeasurements.ts.
 */
import { assert } from '../../core/assert'
import {
  generateJsonRecords,
  generateJsonRecordBytes,
  packIntoBatches,
  type CompressionTiming,
  type MeasurementPlan,
  type MeasurementResult,
  type MeasurementTask,
  type WriteTiming,
} from '../../core/io'
import { compress, decompress } from '../../core/log/compression'
import type { FileIo } from './fileIo'

/** Scratch files for one run. */
export interface ScratchFiles {
  /** Creates (or truncates) `name` and opens it. */
  open(name: string): Promise<FileIo>
  /** Closes the handle and deletes the file. */
  remove(name: string, io: FileIo): Promise<void>
}

export interface MeasureContext {
  /** Null where OPFS sync access handles are missing: only compression can run. */
  readonly files: ScratchFiles | null
  /** A monotonic clock in milliseconds (`performance.now`). */
  readonly now: () => number
}

/** Tasks that need files. */
export function needsFiles(task: MeasurementTask): boolean {
  return task.kind !== 'compression'
}

/** Runs one task and returns its result. */
export async function measureTask(
  plan: MeasurementPlan,
  task: MeasurementTask,
  context: MeasureContext,
): Promise<MeasurementResult> {
  if (task.kind === 'compression') {
    return measureCompression(plan, task.codec, context.now)
  }
  const files = context.files
  assert(files !== null, `${task.kind} needs OPFS`)
  switch (task.kind) {
    case 'sequential': {
      const { totalBytes, writeBytes } = plan.sequentialVsRandom
      return {
        kind: 'sequential',
        timing: await sequentialWrites(files, context.now, totalBytes, writeBytes),
      }
    }
    case 'random': {
      const { totalBytes, writeBytes } = plan.sequentialVsRandom
      return {
        kind: 'random',
        timing: await randomWrites(files, context.now, totalBytes, writeBytes, plan.seed),
      }
    }
    case 'unbatched':
    case 'batched': {
      const { records, batchBytes } = plan.callCost
      const encoder = new TextEncoder()
      const lines = generateJsonRecords(plan.seed, records).map((r) => encoder.encode(`${r}\n`))
      // Unbatched: one write per record. Batched: the same records packed into batch.size chunks.
      const writes = task.kind === 'unbatched' ? lines : concatIntoBatches(lines, batchBytes)
      const timing = await writeAll(files, context.now, `${task.kind}.bin`, writes)
      return { kind: task.kind, records, timing }
    }
    case 'batchSize': {
      const timing = await sequentialWrites(
        files,
        context.now,
        plan.batchSize.totalBytes,
        task.writeBytes,
      )
      return { kind: 'batchSize', writeBytes: task.writeBytes, timing }
    }
    case 'partitions': {
      const { totalBytes, appendBytes } = plan.partitions
      const timing = await interleavedAppends(
        files,
        context.now,
        totalBytes,
        appendBytes,
        task.files,
      )
      return { kind: 'partitions', files: task.files, timing }
    }
  }
}

/** Deterministic filler bytes: an xorshift32 stream, so nothing is compressible or sparse. */
function fillerBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length)
  let x = seed >>> 0 || 1
  for (let i = 0; i < length; i += 1) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    bytes[i] = x & 0xff
  }
  return bytes
}

function concatIntoBatches(lines: readonly Uint8Array[], batchBytes: number): Uint8Array[] {
  const batches: Uint8Array[] = []
  let parts: Uint8Array[] = []
  let size = 0
  const close = () => {
    const batch = new Uint8Array(size)
    let at = 0
    for (const part of parts) {
      batch.set(part, at)
      at += part.length
    }
    batches.push(batch)
    parts = []
    size = 0
  }
  for (const line of lines) {
    if (size > 0 && size + line.length > batchBytes) close()
    parts.push(line)
    size += line.length
  }
  if (size > 0) close()
  return batches
}

async function withFile<T>(files: ScratchFiles, name: string, body: (io: FileIo) => T): Promise<T> {
  const io = await files.open(name)
  try {
    return body(io)
  } finally {
    await files.remove(name, io)
  }
}

/** Appends `writes` one after another to a new file, then flushes. */
function writeAll(
  files: ScratchFiles,
  now: () => number,
  name: string,
  writes: readonly Uint8Array[],
): Promise<WriteTiming> {
  return withFile(files, name, (io) => {
    let at = 0
    const startMs = now()
    for (const chunk of writes) {
      io.write(chunk, { at })
      at += chunk.length
    }
    io.flush()
    return { bytes: at, calls: writes.length, ms: now() - startMs }
  })
}

/** `totalBytes` appended to a new file in writes of `writeBytes`. */
function sequentialWrites(
  files: ScratchFiles,
  now: () => number,
  totalBytes: number,
  writeBytes: number,
): Promise<WriteTiming> {
  const chunk = fillerBytes(writeBytes, 1)
  return withFile(files, `sequential-${writeBytes}.bin`, (io) => {
    let calls = 0
    const startMs = now()
    for (let at = 0; at < totalBytes; at += writeBytes) {
      io.write(at + writeBytes <= totalBytes ? chunk : chunk.subarray(0, totalBytes - at), { at })
      calls += 1
    }
    io.flush()
    return { bytes: totalBytes, calls, ms: now() - startMs }
  })
}

/**
 * As many writes of `writeBytes` as the sequential run, at random block positions of a file of
 * `totalBytes` laid out first (untimed), so random writes overwrite rather than grow the file.
 */
function randomWrites(
  files: ScratchFiles,
  now: () => number,
  totalBytes: number,
  writeBytes: number,
  seed: number,
): Promise<WriteTiming> {
  const chunk = fillerBytes(writeBytes, 2)
  const blocks = Math.max(1, Math.floor(totalBytes / writeBytes))
  return withFile(files, 'random.bin', (io) => {
    const fill = fillerBytes(Math.min(1024 * 1024, totalBytes), 3)
    for (let at = 0; at < totalBytes; at += fill.length) {
      io.write(at + fill.length <= totalBytes ? fill : fill.subarray(0, totalBytes - at), { at })
    }
    io.flush()
    let x = seed >>> 0 || 1
    const startMs = now()
    for (let i = 0; i < blocks; i += 1) {
      x ^= x << 13
      x ^= x >>> 17
      x ^= x << 5
      x >>>= 0
      io.write(chunk, { at: (x % blocks) * writeBytes })
    }
    io.flush()
    return { bytes: blocks * writeBytes, calls: blocks, ms: now() - startMs }
  })
}

/** Appends of `appendBytes` round-robin over `fileCount` files, as partitions on one disk. */
async function interleavedAppends(
  files: ScratchFiles,
  now: () => number,
  totalBytes: number,
  appendBytes: number,
  fileCount: number,
): Promise<WriteTiming> {
  const chunk = fillerBytes(appendBytes, 4)
  const names = Array.from({ length: fileCount }, (_, i) => `partition-${fileCount}-${i}.log`)
  const handles: FileIo[] = []
  try {
    for (const name of names) handles.push(await files.open(name))
    const positions = handles.map(() => 0)
    let calls = 0
    const startMs = now()
    for (let written = 0; written < totalBytes; written += appendBytes) {
      const index = calls % fileCount
      const io = handles[index]
      const at = positions[index]
      assert(io !== undefined && at !== undefined, 'one handle per file')
      io.write(chunk, { at })
      positions[index] = at + appendBytes
      calls += 1
    }
    for (const io of handles) io.flush()
    return { bytes: calls * appendBytes, calls, ms: now() - startMs }
  } finally {
    for (const [i, io] of handles.entries()) await files.remove(names[i]!, io)
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false
  return true
}

/**
 * Compresses the JSON records batch by batch with the engine's codec, decompresses every batch and
 * compares it with its input. Each codec first runs once untimed, so the timings do not include
 * the JavaScript engine compiling it.
 */
export function measureCompression(
  plan: MeasurementPlan,
  codec: MeasurementPlan['compression']['codecs'][number],
  now: () => number,
): MeasurementResult {
  const records = generateJsonRecordBytes(plan.seed, plan.compression.totalBytes)
  let roundTripOk = true
  const byBatchSize: CompressionTiming[] = plan.compression.batchBytes.map((batchBytes) => {
    const batches = packIntoBatches(records, batchBytes)
    const first = batches[0]
    if (first !== undefined) decompress(codec, compress(codec, first)) // warm-up
    const startMs = now()
    const compressed = batches.map((batch) => compress(codec, batch))
    const compressMs = now() - startMs
    const decompressStartMs = now()
    const restored = compressed.map((bytes) => decompress(codec, bytes))
    const decompressMs = now() - decompressStartMs
    restored.forEach((bytes, i) => {
      if (!sameBytes(bytes, batches[i]!)) roundTripOk = false
    })
    return {
      batchBytes,
      batches: batches.length,
      inputBytes: batches.reduce((sum, b) => sum + b.length, 0),
      outputBytes: compressed.reduce((sum, b) => sum + b.length, 0),
      compressMs,
      decompressMs,
    }
  })
  return { kind: 'compression', codec, byBatchSize, roundTripOk }
}
