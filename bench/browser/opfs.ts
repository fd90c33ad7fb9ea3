/**
 * Browser benchmark of the OPFS segment store, run by bench/run.ts against a served build.
 *
 * Figures (MB = 10^6 bytes, each including the final fsync):
 * - opfs_raw_seq_write_mb_per_s: 1 MiB writes straight to a sync access handle, the ceiling.
 * - opfs_store_append_mb_per_s: 16 KiB appends (producer batches at batch.size=16384) through
 *   OpfsSegmentStore, which coalesces them into large writes. The goal is >= 60% of the raw figure.
 *
 * Method: a persistent Chromium profile (lib/opfsProbeSession.ts). Raw and store runs alternate
 * for a few rounds after a warm-up, and each figure is the median of its rounds, so a hiccup of
 * the machine hits both sides alike.
 */
import { figure, median, openOpfsProbeSession, round1 } from './lib/opfsProbeSession'

const MiB = 1024 * 1024
const ROUNDS = 5
const TOTAL_BYTES = 128 * MiB

export default async function opfsBench(ctx: { baseUrl: string }): Promise<Record<string, number>> {
  const session = await openOpfsProbeSession(ctx.baseUrl, 'kafkascope-opfs-bench-')
  try {
    const raw = async () =>
      figure(
        await session.measure('rawSequentialWrite', { totalBytes: TOTAL_BYTES, writeBytes: MiB }),
        'mbPerS',
      )
    const store = async () =>
      figure(
        await session.measure('storeAppend', {
          totalBytes: TOTAL_BYTES,
          chunkBytes: 16 * 1024,
          files: 1,
        }),
        'mbPerS',
      )
    await raw() // warm-up: first file creation, JIT, OPFS backend start
    await store()
    const rawMbPerS: number[] = []
    const storeMbPerS: number[] = []
    for (let round = 0; round < ROUNDS; round += 1) {
      rawMbPerS.push(await raw())
      storeMbPerS.push(await store())
    }
    return {
      opfs_raw_seq_write_mb_per_s: round1(median(rawMbPerS)),
      opfs_store_append_mb_per_s: round1(median(storeMbPerS)),
    }
  } finally {
    await session.close()
  }
}
