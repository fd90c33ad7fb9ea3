/**
 * Replication figures (issue "Engine replication"):
 * - rf3_acks_all_rec_per_s: 100-byte records in 160-record batches (≈ 16 KiB, batch.size), RF 3,
 *   acks=all, simulated replication over real bytes, counted when acknowledged;
 * - fast_forward_ratio: simulated seconds per wall second of the standard workload
 *   (lib/workload.ts: 3 brokers, 6 partitions RF 3, a 1,000 msg/s producer and a two-member
 *   consumer group; raw produce requests and fetches stand in for the clients until the producer
 *   and consumer groups land, see `WorkloadClients`), advanced in 100 ms steps, checkpoints off;
 * - seek_ms_p95: seeks to random points of a 10-minute simulated history of that workload
 *   (checkpoints on, as in the app).
 * Codecs are initialised first, as the engine host does, so the CRC-32C is the WebAssembly one.
 */
import { initCodecs } from '../../src/engine/core/log'
import { seekP95Ms } from './lib/seekTimes'
import { createThroughputEngine, runStandardWorkload, VALUE } from './lib/workload'

function acksAllThroughput(): number {
  const engine = createThroughputEngine(1)
  const records = Array.from({ length: 160 }, () => ({ key: null, value: VALUE }))
  const started = performance.now()
  let sent = 0
  while (performance.now() - started < 3000) {
    for (let i = 0; i < 10; i++) {
      engine.produce({ topic: 't', records, acks: -1 })
      sent += records.length
    }
    engine.advanceBy(5)
  }
  engine.advanceBy(1000)
  const seconds = (performance.now() - started) / 1000
  // Every record below the leader's HW is replicated to the ISR, i.e. acknowledged with acks=all.
  const hw = engine.replica(1, 't')!.highWatermark
  return Math.round(Math.min(hw, sent) / seconds)
}

export default async function (): Promise<Record<string, number>> {
  // As the engine host does before its first reply (the WebAssembly CRC-32C among them).
  await initCodecs()
  const recPerS = acksAllThroughput()

  runStandardWorkload({ seconds: 10, checkpointIntervalMs: 3_600_000 }) // warm-up (JIT)
  const started = performance.now()
  const simSeconds = 120
  runStandardWorkload({ seconds: simSeconds, checkpointIntervalMs: 3_600_000 })
  const fastForward = simSeconds / ((performance.now() - started) / 1000)

  const history = runStandardWorkload({ seconds: 600 })
  return {
    rf3_acks_all_rec_per_s: recPerS,
    fast_forward_ratio: Math.round(fastForward),
    seek_ms_p95: seekP95Ms(history, 600_000),
  }
}
