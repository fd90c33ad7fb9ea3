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
 * Method: a persistent Chromium profile (lib/opfsProbeSession.ts, which also relaunches the
 * browser when a run loses its page), 128 MiB per run, a warm-up of each, then raw and engine runs
 * alternate for a few rounds; each figure is the median of its rounds, so a hiccup of the machine
 * hits both sides alike.
 */
import { figure, median, openOpfsProbeSession, round1 } from './lib/opfsProbeSession'

const MiB = 1024 * 1024
const ROUNDS = 5
const TOTAL_BYTES = 128 * MiB

export default async function opfsEngineBench(ctx: {
  baseUrl: string
}): Promise<Record<string, number>> {
  const session = await openOpfsProbeSession(ctx.baseUrl, 'kafkascope-opfs-engine-bench-')
  try {
    const raw = async () =>
      figure(
        await session.measure('rawSequentialWrite', { totalBytes: TOTAL_BYTES, writeBytes: MiB }),
        'mbPerS',
      )
    const engine = () =>
      session.measure('engineAppend', { totalBytes: TOTAL_BYTES, batchBytes: 16_384 })
    await raw() // warm-up: first file creation, JIT, OPFS backend start
    await engine()
    const rawMbPerS: number[] = []
    const engineMbPerS: number[] = []
    const engineRecPerS: number[] = []
    for (let round = 0; round < ROUNDS; round += 1) {
      rawMbPerS.push(await raw())
      const result = await engine()
      engineMbPerS.push(figure(result, 'mbPerS'))
      engineRecPerS.push(figure(result, 'recPerS'))
    }
    const engineMb = median(engineMbPerS)
    return {
      append_rec_per_s_opfs: Math.round(median(engineRecPerS)),
      opfs_engine_write_mb_per_s: round1(engineMb),
      opfs_engine_vs_raw_seq_pct: round1((100 * engineMb) / median(rawMbPerS)),
    }
  } finally {
    await session.close()
  }
}
