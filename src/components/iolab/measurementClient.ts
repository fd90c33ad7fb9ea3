/**
 * The page's side of the IO lab's measurement worker: starts the worker on first use, runs one
 * plan at a time and forwards its progress, results and ending to callbacks. Cancelling asks the
 * worker to stop between tasks; if it does not answer within `HARD_CANCEL_MS` (a task stuck in a
 * long synchronous loop), the worker is terminated and a fresh one is started next time.
 */
import type {
  IoLabReply,
  IoLabRequest,
  MeasurementPlan,
  MeasurementResult,
  MeasurementTask,
} from '../../engine'

export type RunEnding =
  | { readonly type: 'finished'; readonly opfs: boolean }
  | { readonly type: 'cancelled' }
  | { readonly type: 'failed'; readonly message: string }

export interface RunCallbacks {
  onProgress(done: number, total: number, task: MeasurementTask | null): void
  onResult(result: MeasurementResult): void
  onEnd(ending: RunEnding): void
}

export interface MeasurementClient {
  run(plan: MeasurementPlan, callbacks: RunCallbacks): void
  cancel(): void
  dispose(): void
}

const HARD_CANCEL_MS = 3_000

export function createMeasurementClient(): MeasurementClient {
  let worker: Worker | null = null
  let runId = 0
  let active: { runId: number; callbacks: RunCallbacks } | null = null
  let hardCancelTimer: number | null = null

  const end = (ending: RunEnding) => {
    if (hardCancelTimer !== null) window.clearTimeout(hardCancelTimer)
    hardCancelTimer = null
    const callbacks = active?.callbacks
    active = null
    callbacks?.onEnd(ending)
  }

  const onMessage = (event: MessageEvent<IoLabReply>) => {
    const reply = event.data
    if (active === null || reply.runId !== active.runId) return // a cancelled run's leftovers
    switch (reply.type) {
      case 'progress':
        active.callbacks.onProgress(reply.done, reply.total, reply.task)
        break
      case 'result':
        active.callbacks.onResult(reply.result)
        break
      case 'finished':
        end({ type: 'finished', opfs: reply.opfs })
        break
      case 'cancelled':
        end({ type: 'cancelled' })
        break
      case 'failed':
        end({ type: 'failed', message: reply.message })
        break
    }
  }

  const terminate = () => {
    worker?.terminate()
    worker = null
  }

  const ensureWorker = (): Worker => {
    if (worker !== null) return worker
    const created = new Worker(
      new URL('../../engine/storage/opfs/ioLabWorker.ts', import.meta.url),
      { type: 'module', name: 'kafkascope-io-lab' },
    )
    created.addEventListener('message', onMessage)
    created.addEventListener('error', (event) => {
      terminate()
      end({ type: 'failed', message: event.message || 'the measurement worker failed to start' })
    })
    worker = created
    return created
  }

  const post = (request: IoLabRequest) => ensureWorker().postMessage(request)

  return {
    run(plan, callbacks) {
      if (active !== null) this.cancel()
      runId += 1
      active = { runId, callbacks }
      post({ type: 'run', runId, plan })
    },
    cancel() {
      if (active === null) return
      const cancelled = active.runId
      post({ type: 'cancel', runId: cancelled })
      hardCancelTimer ??= window.setTimeout(() => {
        hardCancelTimer = null
        if (active?.runId !== cancelled) return
        terminate()
        end({ type: 'cancelled' })
      }, HARD_CANCEL_MS)
    },
    dispose() {
      if (hardCancelTimer !== null) window.clearTimeout(hardCancelTimer)
      hardCancelTimer = null
      active = null
      terminate()
    },
  }
}
