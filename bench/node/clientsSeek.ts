/**
 * Seeking with the real clients in the loop (issue #5): `seek_ms_p95_clients` is `seek_ms_p95`
 * (bench/node/replication.ts: 100 seeks to random points of a 10-minute history, checkpoints on as
 * in the app) over the standard workload run by the real KafkaProducer and a two-member consumer
 * group (lib/realClients.ts), so every checkpoint also holds the producer's accumulator, the
 * group coordinator and both consumers. Goal as for the raw workload: ≤ 50 ms.
 */
import { initCodecs } from '../../src/engine/core/log'
import { realClients } from './lib/realClients'
import { seekP95Ms } from './lib/seekTimes'
import { runStandardWorkload } from './lib/workload'

export default async function (): Promise<Record<string, number>> {
  await initCodecs() // the WebAssembly CRC-32C, as the engine host loads it
  const history = runStandardWorkload({ seconds: 600, clients: realClients })
  return { seek_ms_p95_clients: seekP95Ms(history, 600_000) }
}
