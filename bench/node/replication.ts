/**
 * Replication figures (issue "Engine replication"):
 * - rf3_acks_all_rec_per_s: 100-byte records in 160-record batches (≈ 16 KiB, batch.size), RF 3,
 *   acks=all, simulated replication over real bytes, counted when acknowledged;
 * - fast_forward_ratio: simulated seconds per wall second for 3 brokers, 6 partitions RF 3, a
 *   1,000 msg/s producer and two consumers fetching (consumer groups come with the clients work;
 *   here two raw fetchers poll their partitions);
 * - seek_ms_p95: seeks to random points of a 10-minute simulated history of that workload.
 */
import { createEngine } from '../../src/engine/headless'
import { createRng, nextInt } from '../../src/engine/core/rng'

const VALUE = 'x'.repeat(100)

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!
}

function acksAllThroughput(): number {
  const engine = createEngine({
    seed: 1,
    checkpointIntervalMs: 3_600_000,
    scenario: {
      brokers: 3,
      network: { latencyMsMin: 1, latencyMsMax: 1, lossPerMille: 0 },
      brokerConfigs: { 'min.insync.replicas': 2 },
      topics: [{ name: 't', partitions: 1, replicationFactor: 3 }],
    },
  })
  engine.advanceTo(100)
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

function standardWorkload(seconds: number, checkpointIntervalMs?: number) {
  const engine = createEngine({
    seed: 2,
    ...(checkpointIntervalMs !== undefined ? { checkpointIntervalMs } : {}),
    scenario: { brokers: 3, topics: [{ name: 'orders', partitions: 6, replicationFactor: 3 }] },
  })
  const positions = [0, 0, 0, 0, 0, 0]
  let partition = 0
  for (let t = 100; t <= seconds * 1000; t += 100) {
    engine.advanceTo(t)
    // 1,000 msg/s: 100 records every 100 ms, sticky to one partition per batch.
    engine.produce({
      topic: 'orders',
      partition,
      records: Array.from({ length: 100 }, () => ({ key: null, value: VALUE })),
      acks: -1,
    })
    partition = (partition + 1) % 6
    if (t % 500 === 0) {
      // Two consumers, three partitions each, poll every 500 ms.
      for (let p = 0; p < 6; p++) {
        engine.consumerFetch({ topic: 'orders', partition: p, fetchOffset: positions[p]! })
      }
      for (const r of engine.clientResults().slice(-12)) {
        if (r.kind === 'fetch' && r.offsets.length > 0) {
          const p = r.partition
          positions[p] = Math.max(positions[p]!, r.offsets[r.offsets.length - 1]! + 1)
        }
      }
    }
  }
  return engine
}

export default async function (): Promise<Record<string, number>> {
  const recPerS = acksAllThroughput()

  let started = performance.now()
  const simSeconds = 120
  standardWorkload(simSeconds, 3_600_000)
  const fastForward = simSeconds / ((performance.now() - started) / 1000)

  const history = standardWorkload(600)
  const rng = createRng(7)
  const seeks: number[] = []
  for (let i = 0; i < 100; i++) {
    const target = nextInt(rng, 600_001)
    started = performance.now()
    history.seek(target)
    seeks.push(performance.now() - started)
  }
  return {
    rf3_acks_all_rec_per_s: recPerS,
    fast_forward_ratio: Math.round(fastForward),
    seek_ms_p95: Number(percentile(seeks, 95).toFixed(1)),
  }
}
