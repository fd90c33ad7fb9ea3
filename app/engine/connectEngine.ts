import { handshake, type EngineClient } from './engineClient'
import { createInProcessEngine } from './createInProcessEngine'
import { createWorkerEngine } from './createWorkerEngine'

const WORKER_HANDSHAKE_TIMEOUT_MS = 5_000

/**
 * Starts the engine in a Worker and checks the protocol version; falls back to the in-process
 * engine when the Worker cannot start or does not answer ("don't use workers if they are failing").
 * `?engine=inprocess` forces the fallback (used by tests of that path).
 */
export async function connectEngine(preferInProcess = false): Promise<EngineClient> {
  if (!preferInProcess) {
    try {
      const worker = createWorkerEngine()
      if (await handshake(worker, WORKER_HANDSHAKE_TIMEOUT_MS)) return worker
      worker.dispose()
    } catch {
      // Fall through to the in-process engine.
    }
  }
  const inProcess = createInProcessEngine()
  if (!(await handshake(inProcess, WORKER_HANDSHAKE_TIMEOUT_MS))) {
    throw new Error('The engine did not start.')
  }
  return inProcess
}
