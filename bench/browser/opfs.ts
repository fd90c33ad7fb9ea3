/**
 * Browser benchmark of writing into OPFS, run by bench/run.ts against a served build: the raw
 * ceiling, the segment store, and the engine's write path, all measured in one browser session so
 * every figure has its baseline from the same run.
 *
 * Figures (MB = 10^6 bytes; every run writes 128 MiB and includes the final fsync):
 * - opfs_raw_seq_write_mb_per_s: 1 MiB writes straight to a sync access handle, the ceiling.
 * - opfs_store_append_mb_per_s: 16 KiB appends (producer batches at batch.size=16384) through
 *   OpfsSegmentStore alone, which coalesces them into large writes.
 * - opfs_engine_write_mb_per_s: the broker's write path (probe measurement `engineWrite`): real v2
 *   batches of 16 KiB holding 100-byte records, 32 MiB of them built before the clock starts,
 *   each in its own buffer with its own content and CRC-32C, as they arrive from producers, and
 *   appended in turn (the set four times over; every append checks the CRC afresh); timed is
 *   `appendAsLeader` — CRC validation once, the record scan of Kafka's LogValidator, offsets
 *   assigned by rewriting baseOffset (outside the CRC), sparse offset and time indexes — into the
 *   engine's OPFS store (`openSegmentStore`), then the final flush.
 * - opfs_engine_vs_raw_seq_pct: opfs_engine_write_mb_per_s as a percentage of the raw figure,
 *   the median of the per-round ratios (goal: >= 60).
 * - append_rec_per_s_opfs: the produce path end to end (`engineAppend`), like Kreps's
 *   single-producer figure (goal: >= 821,557 records/s): one producer fills each batch (appending
 *   records, building the header and CRC), then the broker appends it as above; both timed. Same
 *   method as bench/node/appendMemory.ts (`append_rec_per_s_memory`).
 * - opfs_produce_path_mb_per_s: that produce path in batch bytes per second.
 *
 * Method: a persistent Chromium profile (lib/opfsProbeSession.ts; an incognito one keeps OPFS in
 * memory behind IPC). After a warm-up of each, the four runs alternate round by round and each
 * figure is the median of its rounds, so a hiccup of the machine hits every side alike.
 */
import { figure, median, openOpfsProbeSession, round1 } from './lib/opfsProbeSession'

const MiB = 1024 * 1024
const ROUNDS = 7
const TOTAL_BYTES = 128 * MiB
const BATCH_BYTES = 16_384

export default async function opfsBench(ctx: { baseUrl: string }): Promise<Record<string, number>> {
  const session = await openOpfsProbeSession(ctx.baseUrl, 'kafkascope-opfs-bench-')
  try {
    const raw = () =>
      session.measure('rawSequentialWrite', { totalBytes: TOTAL_BYTES, writeBytes: MiB })
    const store = () =>
      session.measure('storeAppend', { totalBytes: TOTAL_BYTES, chunkBytes: BATCH_BYTES, files: 1 })
    const engine = () =>
      session.measure('engineWrite', { totalBytes: TOTAL_BYTES, batchBytes: BATCH_BYTES })
    const produce = () =>
      session.measure('engineAppend', { totalBytes: TOTAL_BYTES, batchBytes: BATCH_BYTES })
    // Warm-up: first file creation, JIT, the OPFS backend's start.
    for (const run of [raw, store, engine, produce]) await run()
    const rawMb: number[] = []
    const storeMb: number[] = []
    const engineMb: number[] = []
    const enginePct: number[] = []
    const produceRec: number[] = []
    const produceMb: number[] = []
    for (let round = 0; round < ROUNDS; round += 1) {
      const rawRound = figure(await raw(), 'mbPerS')
      rawMb.push(rawRound)
      storeMb.push(figure(await store(), 'mbPerS'))
      const engineRound = figure(await engine(), 'mbPerS')
      engineMb.push(engineRound)
      enginePct.push((100 * engineRound) / rawRound)
      const produced = await produce()
      produceRec.push(figure(produced, 'recPerS'))
      produceMb.push(figure(produced, 'mbPerS'))
    }
    return {
      opfs_raw_seq_write_mb_per_s: round1(median(rawMb)),
      opfs_store_append_mb_per_s: round1(median(storeMb)),
      opfs_engine_write_mb_per_s: round1(median(engineMb)),
      opfs_engine_vs_raw_seq_pct: round1(median(enginePct)),
      append_rec_per_s_opfs: Math.round(median(produceRec)),
      opfs_produce_path_mb_per_s: round1(median(produceMb)),
    }
  } finally {
    await session.close()
  }
}
