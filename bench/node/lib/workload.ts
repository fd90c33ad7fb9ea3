/**
 * The standard workload of the replication benchmarks (bench/node/replication.ts): 3 brokers, a
 * topic of 6 partitions with RF 3, a producer writing 1,000 msg/s (100 records of 100 bytes
 * every 100 ms, sticky to one partition per batch) and a consumer group of two members polling
 * every 500 ms, three partitions each.
 *
 * The clients sit behind `WorkloadClients`. Today `rawClients` stands in for them with the
 * engine's raw produce requests and consumer fetches (the producer client and consumer groups are
 * being built); when they land, a second implementation of the same two methods on the real
 * clients is all the benchmark needs. (This file lives in lib/ because bench/run.ts runs every
 * .ts file of bench/node itself.)
 */
import { createEngine, type Engine } from '../../../src/engine/headless'

export const TOPIC = 'orders'
export const PARTITIONS = 6
export const PRODUCE_EVERY_MS = 100
export const POLL_EVERY_MS = 500
export const RECORDS_PER_PRODUCE = 100
export const VALUE = 'x'.repeat(100)

/** What the workload asks of its clients, at fixed points of simulated time. */
export interface WorkloadClients {
  /** The producer sends `RECORDS_PER_PRODUCE` records (every `PRODUCE_EVERY_MS`). */
  produce(): void
  /** Every group member polls its partitions once (every `POLL_EVERY_MS`). */
  poll(): void
}

/**
 * Raw stand-ins: one produce request per batch, partitions in turn (the sticky partitioner); two
 * "members" that each fetch three partitions from their last position.
 */
export function rawClients(engine: Engine): WorkloadClients {
  const positions = new Array<number>(PARTITIONS).fill(0)
  const records = Array.from({ length: RECORDS_PER_PRODUCE }, () => ({ key: null, value: VALUE }))
  let partition = 0
  return {
    produce: () => {
      engine.produce({ topic: TOPIC, partition, records, acks: -1 })
      partition = (partition + 1) % PARTITIONS
    },
    poll: () => {
      // Positions move with the fetches answered since the last poll.
      for (const result of engine.clientResults()) {
        if (result.kind !== 'fetch' || result.offsets.length === 0) continue
        const next = result.offsets[result.offsets.length - 1]! + 1
        positions[result.partition] = Math.max(positions[result.partition]!, next)
      }
      for (let p = 0; p < PARTITIONS; p++)
        engine.consumerFetch({ topic: TOPIC, partition: p, fetchOffset: positions[p]! })
    },
  }
}

/**
 * The cluster of the acks=all throughput figures (raw requests and the real producer alike):
 * 3 brokers joined by 1 ms links without loss, min.insync.replicas 2, topic `t` with RF 3,
 * advanced past broker registration and leader election; checkpoints off. With `brokers: 1` it
 * is Kreps's single-producer setup instead: one broker, RF 1.
 */
export function createThroughputEngine(
  partitions: number,
  options: { brokers?: 1 | 3 } = {},
): Engine {
  const brokers = options.brokers ?? 3
  const engine = createEngine({
    seed: 1,
    checkpointIntervalMs: 3_600_000,
    scenario: {
      brokers,
      network: { latencyMsMin: 1, latencyMsMax: 1, lossPerMille: 0 },
      ...(brokers === 3 ? { brokerConfigs: { 'min.insync.replicas': 2 } } : {}),
      topics: [{ name: 't', partitions, replicationFactor: brokers }],
    },
  })
  engine.advanceTo(100)
  return engine
}

export interface WorkloadOptions {
  seconds: number
  /** The timeline's checkpoint interval; its default (every simulated second) when omitted. */
  checkpointIntervalMs?: number
  clients?: (engine: Engine) => WorkloadClients
}

/** Runs the workload for `seconds` of simulated time and returns the engine at the end. */
export function runStandardWorkload(options: WorkloadOptions): Engine {
  const engine = createEngine({
    seed: 2,
    ...(options.checkpointIntervalMs !== undefined
      ? { checkpointIntervalMs: options.checkpointIntervalMs }
      : {}),
    scenario: {
      brokers: 3,
      topics: [{ name: TOPIC, partitions: PARTITIONS, replicationFactor: 3 }],
    },
  })
  const clients = (options.clients ?? rawClients)(engine)
  for (let t = PRODUCE_EVERY_MS; t <= options.seconds * 1000; t += PRODUCE_EVERY_MS) {
    engine.advanceTo(t)
    clients.produce()
    if (t % POLL_EVERY_MS === 0) clients.poll()
  }
  return engine
}
