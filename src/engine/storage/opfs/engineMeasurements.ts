/**
 * Engine-level OPFS measurements for the probe worker (registered on import, see
 * opfsProbeWorker.ts): what the broker's write path sustains into OPFS, the same way the engine's
 * worker writes (`openSegmentStore`, i.e. `OpfsSegmentStore` behind `FallbackSegmentStore`).
 *
 * `engineAppend`: 100-byte values (null keys) go into real v2 record batches of up to 16 KiB — what
 * a producer with batch.size 16384 sends — each built with its CRC-32C, then appended as leader
 * (CRC and record validation, offset assignment, sparse offset and time indexes) to one partition
 * log, until `totalBytes` of batches are in; then the store is flushed (fsync). Building the
 * batches is timed too, like bench/node/appendMemory.ts, so the two figures compare. MB = 10^6.
 * With `memory: true` the same path runs into a `MemorySegmentStore` in this worker instead, which
 * tells how much of the time is the disk's. Also returned: the time spent building batches
 * (`buildMs`), in `appendAsLeader` including the store's buffering and write-outs (`appendMs`),
 * and in the final flush (`flushMs`).
 */
import { MemorySegmentStore } from '../memorySegmentStore'
import {
  appendAsLeader,
  appendRecord,
  buildRecordBatch,
  createLog,
  createRecordBatchWriter,
  initCodecs,
  resetRecordBatchWriter,
  sizeOfRecord,
  uncompressedSizeInBytes,
} from '../../core/log'
import { openSegmentStore } from './openSegmentStore'
import { numberParam, registerMeasurement } from './probeMeasurements'
import type { MeasureParams } from './probeProtocol'
import { deleteSimulation } from './simulations'

const MiB = 1024 * 1024
const T0 = 1_700_000_000_000
let simSequence = 0

registerMeasurement('engineAppend', engineAppend)

async function engineAppend(params: MeasureParams): Promise<Record<string, number>> {
  const totalBytes = numberParam(params, 'totalBytes', 128 * MiB)
  const batchBytes = numberParam(params, 'batchBytes', 16_384)
  const valueBytes = numberParam(params, 'valueBytes', 100)
  const writeBatchBytes = params.writeBatchBytes
  const inMemory = params.memory === true
  await initCodecs()
  const simId = `probe-engine-append-${Date.now()}-${(simSequence += 1)}`
  const opened = inMemory
    ? {
        store: new MemorySegmentStore(),
        notice: null,
        detail: null,
        close: () => Promise.resolve(),
      }
    : await openSegmentStore(simId, {
        createMemoryStore: () => new MemorySegmentStore(),
        ...(typeof writeBatchBytes === 'number' ? { writeBatchBytes } : {}),
      })
  try {
    if (opened.notice !== null) throw new Error(`OPFS store unavailable: ${opened.detail}`)
    const ctx = { store: opened.store }
    const log = createLog(ctx, { logDir: 'broker-1', topic: 'bench', partition: 0 }, T0)
    const writer = createRecordBatchWriter({ capacityBytes: batchBytes + 256 })
    const value = new Uint8Array(valueBytes).map((_, i) => i)
    let records = 0
    let bytes = 0
    let batches = 0
    let buildMs = 0
    let appendMs = 0
    const startMs = performance.now()
    while (bytes < totalBytes) {
      const batchStartMs = performance.now()
      resetRecordBatchWriter(writer)
      while (
        uncompressedSizeInBytes(writer) + sizeOfRecord(writer.recordsCount, 0, null, value) <=
        batchBytes
      ) {
        appendRecord(writer, T0, null, value)
      }
      const batch = buildRecordBatch(writer)
      const builtMs = performance.now()
      const result = appendAsLeader(ctx, log, batch, { leaderEpoch: 0, nowMs: T0 })
      if (!result.ok) throw new Error(`append failed: ${result.error.message}`)
      const appendedMs = performance.now()
      buildMs += builtMs - batchStartMs
      appendMs += appendedMs - builtMs
      records += result.info.recordsCount
      bytes += batch.length
      batches += 1
    }
    const flushStartMs = performance.now()
    opened.store.flush()
    const endMs = performance.now()
    const ms = endMs - startMs
    if (!inMemory && opened.store.kind !== 'opfs') throw new Error('the store fell back to memory')
    return {
      recPerS: records / (Math.max(ms, 0.001) / 1000),
      mbPerS: bytes / 1e6 / (Math.max(ms, 0.001) / 1000),
      ms,
      records,
      bytes,
      batches,
      buildMs,
      appendMs,
      flushMs: endMs - flushStartMs,
    }
  } finally {
    await opened.close().catch(() => undefined)
    if (!inMemory) await deleteSimulation(simId, 5_000)
  }
}
