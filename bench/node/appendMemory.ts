/**
 * `append_rec_per_s_memory`: the produce path end to end in Node, the memory counterpart of
 * `append_rec_per_s_opfs` (bench/browser/opfs.ts) and, like it, of Kreps's single-producer figure.
 * 100-byte records (null key) go into real v2 batches of up to 16 KiB — what a producer with
 * batch.size 16384 sends — each built with its CRC-32C (timed: the producer's work), then appended
 * as leader (CRC validation, LogValidator's record scan, offset assignment, sparse indexes) into a
 * MemorySegmentStore, for about two seconds after a short warm-up. Figure: records appended per
 * second. `initCodecs()` first, so the CRC-32C is the WebAssembly one, as in the engine.
 */
import { MemorySegmentStore } from '../../src/engine/storage/memorySegmentStore'
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
} from '../../src/engine/core/log'

const BATCH_SIZE = 16_384
const RECORD_VALUE_BYTES = 100
const WARM_UP_MS = 300
const MEASURE_MS = 2_000
const T0 = 1_700_000_000_000

export default async function (): Promise<Record<string, number>> {
  await initCodecs()
  const ctx = { store: new MemorySegmentStore() }
  const log = createLog(ctx, { logDir: 'bench', topic: 't', partition: 0 }, T0)
  const writer = createRecordBatchWriter({ capacityBytes: BATCH_SIZE + 256 })
  const value = new Uint8Array(RECORD_VALUE_BYTES).map((_, i) => i)

  /** Fills one batch like the producer's accumulator, appends it, returns its record count. */
  const produceOneBatch = (): number => {
    resetRecordBatchWriter(writer)
    while (
      uncompressedSizeInBytes(writer) + sizeOfRecord(writer.recordsCount, 0, null, value) <=
      BATCH_SIZE
    ) {
      appendRecord(writer, T0, null, value)
    }
    const result = appendAsLeader(ctx, log, buildRecordBatch(writer), { leaderEpoch: 0, nowMs: T0 })
    if (!result.ok) throw new Error(`append failed: ${result.error.message}`)
    return result.info.recordsCount
  }

  let started = performance.now()
  while (performance.now() - started < WARM_UP_MS) produceOneBatch()

  let records = 0
  started = performance.now()
  let elapsedMs = 0
  while (elapsedMs < MEASURE_MS) {
    records += produceOneBatch()
    elapsedMs = performance.now() - started
  }
  return { append_rec_per_s_memory: Math.round(records / (elapsedMs / 1000)) }
}
