/**
 * Main-thread half of the OPFS probe: starts the probe worker and exposes
 * `window.__opfsProbe.run(command)`, a one-request-one-reply RPC over postMessage. OPFS sync
 * access handles exist only in workers, so everything real happens there.
 */
import type { OpfsProbeApi, ProbeCommand, ProbeResponse, ProbeResultOf } from './opfsProbeApi'
import type {
  ProbeReplyMessage,
  ProbeRequestMessage,
} from '../../src/engine/storage/opfs/probeProtocol'

const status = document.getElementById('status')
const worker = new Worker(
  new URL('../../src/engine/storage/opfs/opfsProbeWorker.ts', import.meta.url),
  { type: 'module' },
)
const waitingById = new Map<number, (response: ProbeResponse<unknown>) => void>()
let nextId = 1

worker.addEventListener('message', (event: MessageEvent<ProbeReplyMessage>) => {
  const resolve = waitingById.get(event.data.id)
  waitingById.delete(event.data.id)
  resolve?.(event.data.response)
})

// A worker that fails to load or throws at top level would otherwise leave callers hanging.
worker.addEventListener('error', (event) => {
  const message = event.message || 'the probe worker failed'
  for (const resolve of waitingById.values()) {
    resolve({ ok: false, error: { name: 'WorkerError', message } })
  }
  waitingById.clear()
  if (status !== null) status.textContent = `worker error: ${message}`
})

const probe: OpfsProbeApi = {
  run<C extends ProbeCommand>(command: C): Promise<ProbeResponse<ProbeResultOf<C>>> {
    return new Promise<ProbeResponse<unknown>>((resolve) => {
      const id = nextId++
      waitingById.set(id, resolve)
      const message: ProbeRequestMessage = { id, command }
      worker.postMessage(message)
      if (status !== null) status.textContent = `running ${command.type}`
    }).then((response) => {
      if (status !== null) status.textContent = response.ok ? 'ready' : `${response.error.name}`
      return response as ProbeResponse<ProbeResultOf<C>>
    })
  },
}

window.__opfsProbe = probe
if (status !== null) status.textContent = 'ready'
