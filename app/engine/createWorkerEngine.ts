import type { Endpoint } from '../../src/engine'
import { createEngineClient, type EngineClient } from './engineClient'

/** The engine in a module Worker: the normal case. Throws if Workers are unavailable. */
export function createWorkerEngine(): EngineClient {
  const worker = new Worker(new URL('../../src/engine/worker.ts', import.meta.url), {
    type: 'module',
    name: 'kafkascope-engine',
  })
  return createEngineClient(worker as unknown as Endpoint, 'worker', () => worker.terminate())
}
