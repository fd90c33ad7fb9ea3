/**
 * Engine-level OPFS measurements for the probe worker (registered on import, see
 * opfsProbeWorker.ts): what the broker's write path sustains into OPFS, the same way the engine's
 * worker writes (`openSegmentStore`, i.e. `OpfsSegmentStore` behind `FallbackSegmentStore`).
 * Both append real v2 record batches of up to `batchBytes` (default 16 KiB, a producer's
 * batch.size) holding `valueBytes`-byte values (default 100, null keys), each batch with its own
 * CRC-32C, as leader to one partition log — CRC validation, the record scan of Kafka's
 * LogValidator, offset assignment, sparse offset and time indexes — until `totalBytes` of batches
 * are in, then flush (fsync). MB = 10^6 bytes.
 *
 * - `engineWrite`, the broker's write path: `distinctBytes` (default 32 MiB) of batches are built
 *   before the clock starts, each in its own buffer with its own content and CRC (as they arrive
 *   from producers); then they are appended in turn, the whole set again as often as `totalBytes`
 *   needs (every append checks its CRC afresh: nothing is cached), so the time is `appendAsLeader`
 *   into the store plus the final flush, nothing of the producer's. (Holding all 128 MiB of a
 *   run as separate batches made the probe's worker die now and then.)
 * - `engineAppend`, the produce path end to end (like Kreps's single-producer figure and
 *   bench/node/appendMemory.ts): one producer builds each batch, then the broker appends it; both
 *   are timed (`buildMs`, `appendMs`, `flushMs` tell them apart).
 *
 * With `memory: true` either runs into a `MemorySegmentStore` in this worker instead, which tells
 * how much of the time is the disk's.
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
  type LogContext,
  type PartitionLogState,
  type RecordBatchWriter,
} from '../../core/log'
import { openSegmentStore, type OpenedSegmentStore } from './openSegmentStore'
import { numberParam, registerMeasurement } from './probeMeasurements'
import type { MeasureParams } from './probeProtocol'
import { deleteSimulation } from './simulations'

const MiB = 1024 * 1024
const T0 = 1_700_000_000_000
let simSequence = 0

registerMeasurement('engineWrite', engineWrite)
registerMeasurement('engineAppend', engineAppend)

interface Workload {
  totalBytes: number
  batchBytes: number
  value: Uint8Array
}

function workloadOf(params: MeasureParams): Workload {
  const valueBytes = numberParam(params, 'valueBytes', 100)
  return {
    totalBytes: numberParam(params, 'totalBytes', 128 * MiB),
    batchBytes: numberParam(params, 'batchBytes', 16_384),
    value: new Uint8Array(valueBytes).map((_, i) => i),
  }
}

/** Fills the writer like a producer's accumulator (batch.size) and builds the batch (CRC-32C). */
function produceBatch(writer: RecordBatchWriter, workload: Workload): Uint8Array {
  const { batchBytes, value } = workload
  resetRecordBatchWriter(writer)
  while (
    uncompressedSizeInBytes(writer) + sizeOfRecord(writer.recordsCount, 0, null, value) <=
    batchBytes
  ) {
    appendRecord(writer, T0, null, value)
  }
  return buildRecordBatch(writer)
}

/** Appends as leader; returns the records appended. */
function appendBatch(ctx: LogContext, log: PartitionLogState, batch: Uint8Array): number {
  const result = appendAsLeader(ctx, log, batch, { leaderEpoch: 0, nowMs: T0 })
  if (!result.ok) throw new Error(`append failed: ${result.error.message}`)
  return result.info.recordsCount
}

/** Runs `measure` on a fresh partition log in the OPFS store (or memory), then removes it all. */
async function withPartitionLog(
  params: MeasureParams,
  measure: (ctx: LogContext, log: PartitionLogState) => Record<string, number>,
): Promise<Record<string, number>> {
  await initCodecs()
  const inMemory = params.memory === true
  const writeBatchBytes = params.writeBatchBytes
  const simId = `probe-engine-${Date.now()}-${(simSequence += 1)}`
  const opened: OpenedSegmentStore = inMemory
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
    const figures = measure(ctx, log)
    if (!inMemory && opened.store.kind !== 'opfs') throw new Error('the store fell back to memory')
    return figures
  } finally {
    await opened.close().catch(() => undefined)
    if (!inMemory) await deleteSimulation(simId, 5_000)
  }
}

function rates(records: number, bytes: number, ms: number): Record<string, number> {
  const seconds = Math.max(ms, 0.001) / 1000
  return { recPerS: records / seconds, mbPerS: bytes / 1e6 / seconds, ms, records, bytes }
}

async function engineWrite(params: MeasureParams): Promise<Record<string, number>> {
  const workload = workloadOf(params)
  return withPartitionLog(params, (ctx, log) => {
    // Untimed: the batches as producers send them, each with its own bytes and so its own CRC.
    const writer = createRecordBatchWriter({ capacityBytes: workload.batchBytes + 256 })
    const distinctBytes = Math.min(
      workload.totalBytes,
      numberParam(params, 'distinctBytes', 32 * MiB),
    )
    const batches: Uint8Array[] = []
    for (let built = 0; built < distinctBytes;) {
      const batchIndex = batches.length
      workload.value[0] = batchIndex & 0xff
      workload.value[1] = (batchIndex >>> 8) & 0xff
      const batch = produceBatch(writer, workload)
      batches.push(batch)
      built += batch.length
    }
    let records = 0
    let bytes = 0
    let appended = 0
    const startMs = performance.now()
    while (bytes < workload.totalBytes) {
      const batch = batches[appended % batches.length]!
      records += appendBatch(ctx, log, batch)
      bytes += batch.length
      appended += 1
    }
    const flushStartMs = performance.now()
    ctx.store.flush()
    const endMs = performance.now()
    return {
      ...rates(records, bytes, endMs - startMs),
      batches: appended,
      distinctBatches: batches.length,
      flushMs: endMs - flushStartMs,
    }
  })
}

async function engineAppend(params: MeasureParams): Promise<Record<string, number>> {
  const workload = workloadOf(params)
  return withPartitionLog(params, (ctx, log) => {
    const writer = createRecordBatchWriter({ capacityBytes: workload.batchBytes + 256 })
    let records = 0
    let bytes = 0
    let batches = 0
    let buildMs = 0
    let appendMs = 0
    const startMs = performance.now()
    while (bytes < workload.totalBytes) {
      const batchStartMs = performance.now()
      const batch = produceBatch(writer, workload)
      const builtMs = performance.now()
      records += appendBatch(ctx, log, batch)
      appendMs += performance.now() - builtMs
      buildMs += builtMs - batchStartMs
      bytes += batch.length
      batches += 1
    }
    const flushStartMs = performance.now()
    ctx.store.flush()
    const endMs = performance.now()
    return {
      ...rates(records, bytes, endMs - startMs),
      batches,
      buildMs,
      appendMs,
      flushMs: endMs - flushStartMs,
    }
  })
}
