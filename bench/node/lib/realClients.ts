/**
 * The benchmarks' real clients.
 * - `realClients`: `WorkloadClients` on the engine's clients: a KafkaProducer with Kafka 4.0
 *   defaults (idempotent, acks=all, linger.ms 5, the uniform sticky partitioner) sending
 *   `RECORDS_PER_PRODUCE` messages per `produce()` as one KafkaJS-style
 *   `send({ topic, messages })`, and a consumer group of two KafkaConsumers (classic protocol,
 *   range assignor, auto commit) subscribed to the topic, each calling `poll()` once per `poll()`
 *   of the workload.
 * - `producerThroughput`: records a KafkaProducer (Kafka's defaults unless configs are given) gets
 *   acknowledged per wall-clock second by a cluster (by default `createThroughputEngine`'s: 3
 *   brokers, 1 ms links, min.insync.replicas 2, topic `t` with RF 3; or
 *   `createSingleBrokerEngine`'s: 1 broker, topic `t` with 1 partition, RF 1), sent by an
 *   application that calls `send` again only once its last call returned.
 */
import type { SimEvent } from '../../../src/engine/core/events'
import type { Engine } from '../../../src/engine/headless'
import {
  createThroughputEngine,
  RECORDS_PER_PRODUCE,
  TOPIC,
  VALUE,
  type WorkloadClients,
} from './workload'

export const GROUP_ID = 'workload'

export function realClients(engine: Engine): WorkloadClients {
  const producer = engine.producer({})
  const messages = Array.from({ length: RECORDS_PER_PRODUCE }, () => ({ key: null, value: VALUE }))
  const members = [1, 2].map(() =>
    engine.consumer({ groupId: GROUP_ID, configs: { 'auto.offset.reset': 'earliest' } }),
  )
  for (const member of members) member.subscribe({ topics: [TOPIC] })
  return {
    produce: () => {
      const sent = producer.send({ topic: TOPIC, messages })
      if (!sent.ok) throw new Error(`send refused: ${sent.error?.message}`)
    },
    poll: () => {
      for (const member of members) {
        const polled = member.poll()
        if (!polled.ok) throw new Error(`poll refused: ${polled.error.message}`)
      }
    },
  }
}

/** Records acknowledged by these events (`producerBatchCompleted` without an error). */
function ackedIn(events: readonly SimEvent[]): number {
  let acked = 0
  for (const e of events)
    if (e.type === 'producerBatchCompleted' && e.error === null) acked += e.recordCount
  return acked
}

export interface ProducerThroughputOptions {
  partitions: number
  /** Messages (100-byte values, null keys) of one `send({ topic, messages })`. */
  messagesPerSend: number
  /** Sends between two steps of simulated time. */
  sendsPerStep: number
  stepMs: number
  /** Wall-clock time spent sending; then the run goes on for 1 s of simulated time. */
  wallMs: number
  /** The cluster, with a topic `t` of `partitions` partitions: `createThroughputEngine` if omitted. */
  createCluster?: (partitions: number) => Engine
  /** Producer configs besides Kafka 4.0's defaults (e.g. `{ acks: '1' }`). */
  configs?: Record<string, string | number | boolean | null>
}

/**
 * One broker and topic `t` with `partitions` partitions of RF 1 (the single-producer setup of
 * Kreps's benchmark), 1 ms links without loss, advanced past registration and leader election;
 * checkpoints off.
 */
export function createSingleBrokerEngine(partitions: number): Engine {
  return createThroughputEngine(partitions, { brokers: 1 })
}

/** Acknowledged records per wall-clock second (the final second of simulated time included). */
export function producerThroughput(options: ProducerThroughputOptions): number {
  const engine = (options.createCluster ?? createThroughputEngine)(options.partitions)
  const producer = engine.producer(options.configs ?? {})
  if (!producer.created.ok) throw new Error(`producer refused: ${producer.created.error.message}`)
  engine.advanceBy(10)
  const messages = Array.from({ length: options.messagesPerSend }, () => ({
    key: null,
    value: VALUE,
  }))
  // The application calls send() again only once its last call returned: a send() blocks while
  // buffer.memory is used up (as in kafka-producer-perf-test), it does not queue more calls.
  const blocked = () => engine.timeline.state().producersById[producer.name]!.operations.length > 0
  let acked = 0
  const started = performance.now()
  while (performance.now() - started < options.wallMs) {
    for (let i = 0; i < options.sendsPerStep && !blocked(); i++) {
      const sent = producer.send({ topic: 't', messages })
      if (!sent.ok) throw new Error(`send refused: ${sent.error?.message}`)
    }
    acked += ackedIn(engine.advanceBy(options.stepMs))
  }
  acked += ackedIn(engine.advanceBy(1000))
  return Math.round(acked / ((performance.now() - started) / 1000))
}
