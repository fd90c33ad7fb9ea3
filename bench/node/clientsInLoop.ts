/**
 * The storage and replication figures with the real clients in the loop (issue #5): the same
 * workloads as bench/node/replication.ts, but records go through the simulated KafkaProducer and
 * are read by a consumer group instead of raw produce requests and fetches.
 * - rf3_acks_all_rec_per_s_clients: 100-byte null-key records sent by the real producer (Kafka
 *   4.0 defaults: idempotence, acks=all, linger.ms 5, batch.size 16384, 5 requests in flight) as
 *   KafkaJS-style sends of 160 messages, ten every 5 ms of simulated time, to one partition with
 *   RF 3 and min.insync.replicas 2 (the load of acksAllThroughput in replication.ts), counted
 *   when acknowledged, per wall-clock second;
 * - append_rec_per_s_clients: the storage figure with the client in the loop, in Kreps's
 *   single-producer setup without replication: the same producer and send loop but with acks=1
 *   (as in Kreps's test; idempotence, left at its default, is then off), to a single broker with a
 *   topic of 1 partition and RF 1 over 1 ms links, counted when acknowledged, per wall-clock
 *   second (compare append_rec_per_s_memory, which appends ready-made batches directly);
 * - fast_forward_ratio_clients: simulated seconds per wall second of the standard workload
 *   (lib/workload.ts) run by lib/realClients.ts: the producer sends 100 messages every 100 ms and
 *   a two-member consumer group polls every 500 ms; 100 ms steps, checkpoints off.
 */
import { initCodecs } from '../../src/engine/core/log'
import type { Engine } from '../../src/engine/headless'
import {
  createSingleBrokerEngine,
  GROUP_ID,
  producerThroughput,
  realClients,
  type ProducerThroughputOptions,
} from './lib/realClients'
import { runStandardWorkload } from './lib/workload'

/** The group must really have consumed, or the figure measures an idle consumer. */
function assertConsumed(engine: Engine, seconds: number): void {
  const group = engine.view().consumerGroups.groups.find((g) => g.groupId === GROUP_ID)
  const processed = group?.partitions.reduce((sum, p) => sum + p.processedCount, 0) ?? 0
  if (processed < seconds * 500)
    throw new Error(`the consumer group processed only ${processed} records in ${seconds} s`)
}

/** Simulated seconds per wall second of the standard workload with the real clients. */
export function fastForwardWithClients(simSeconds: number): number {
  runStandardWorkload({ seconds: 10, checkpointIntervalMs: 3_600_000, clients: realClients }) // JIT
  const started = performance.now()
  const engine = runStandardWorkload({
    seconds: simSeconds,
    checkpointIntervalMs: 3_600_000,
    clients: realClients,
  })
  const ratio = simSeconds / ((performance.now() - started) / 1000)
  assertConsumed(engine, simSeconds)
  return ratio
}

/** 160-message sends, ten every 5 ms of simulated time, to one partition, for 3 s of wall time. */
const SEND_LOOP: ProducerThroughputOptions = {
  partitions: 1,
  messagesPerSend: 160,
  sendsPerStep: 10,
  stepMs: 5,
  wallMs: 3000,
}

export default async function (): Promise<Record<string, number>> {
  await initCodecs() // the WebAssembly CRC-32C, as the engine host loads it
  return {
    rf3_acks_all_rec_per_s_clients: producerThroughput(SEND_LOOP),
    append_rec_per_s_clients: producerThroughput({
      ...SEND_LOOP,
      createCluster: createSingleBrokerEngine,
      configs: { acks: '1' },
    }),
    fast_forward_ratio_clients: Math.round(fastForwardWithClients(120)),
  }
}
