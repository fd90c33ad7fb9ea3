/**
 * Producer figure (issue #5, producer half):
 * - producer_rec_per_s: 100-byte null-key records through the simulated KafkaProducer (Kafka 4.0
 *   defaults: idempotence, acks=all, linger.ms 5, batch.size 16384, sticky partitioner) into a
 *   3-broker cluster with 3 partitions RF 3, counted when acknowledged, per wall-clock second.
 *   The application sends the way a KafkaJS user does: one `producer.send({ topic, messages })`
 *   with 200 messages every 5 ms of simulated time (one recorded `sendMessages` command, each
 *   message still a `send()` call of its own), not one command per record.
 */
import { initCodecs } from '../../src/engine/core/log'
import { producerThroughput } from './lib/realClients'

export default async function (): Promise<Record<string, number>> {
  await initCodecs() // the WebAssembly CRC-32C, as the engine host loads it
  return {
    producer_rec_per_s: producerThroughput({
      partitions: 3,
      messagesPerSend: 200,
      sendsPerStep: 1,
      stepMs: 5,
      wallMs: 3000,
    }),
  }
}
