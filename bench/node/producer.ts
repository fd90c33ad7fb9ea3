/**
 * Producer figure (issue #5, producer half):
 * - producer_rec_per_s: 100-byte null-key records through the simulated KafkaProducer (Kafka 4.0
 *   defaults: idempotence, acks=all, linger.ms 5, batch.size 16384, sticky partitioner) into a
 *   3-broker cluster with 3 partitions RF 3, counted when acknowledged, per wall-clock second.
 */
import { createEngine } from '../../src/engine/headless'

const VALUE = 'x'.repeat(100)

export default async function (): Promise<Record<string, number>> {
  const engine = createEngine({
    seed: 1,
    checkpointIntervalMs: 3_600_000,
    scenario: {
      brokers: 3,
      network: { latencyMsMin: 1, latencyMsMax: 1, lossPerMille: 0 },
      brokerConfigs: { 'min.insync.replicas': 2 },
      topics: [{ name: 't', partitions: 3, replicationFactor: 3 }],
    },
  })
  engine.advanceTo(100)
  const producer = engine.producer({})
  engine.advanceBy(10)
  const send = {
    type: 'send' as const,
    producerName: producer.name,
    topic: 't',
    key: null,
    value: VALUE,
  }
  let acked = 0
  const count = (events: ReturnType<typeof engine.advanceBy>) => {
    for (const e of events)
      if (e.type === 'producerBatchCompleted' && e.error === null) acked += e.recordCount
  }
  const started = performance.now()
  while (performance.now() - started < 3000) {
    for (let i = 0; i < 200; i++) engine.dispatch(send)
    count(engine.advanceBy(5))
  }
  count(engine.advanceBy(1000))
  const seconds = (performance.now() - started) / 1000
  return { producer_rec_per_s: Math.round(acked / seconds) }
}
