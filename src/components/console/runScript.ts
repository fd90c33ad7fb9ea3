/**
 * Runs one script in a fresh worker and stops it when it runs away: a script that keeps the
 * worker busy for RUNAWAY_MS without waiting on the simulator (an endless loop) is terminated,
 * and so is any script after SCRIPT_MAX_MS. The page never runs the script's code itself.
 */
import type { ScriptHost } from './scriptApi'
import type { FromWorker, ToWorker } from './scriptProtocol'

export const RUNAWAY_MS = 2_000
export const SCRIPT_MAX_MS = 60_000

export type ScriptOutcome =
  | { kind: 'done' }
  | { kind: 'error'; message: string; line: number | null }
  | { kind: 'stopped'; reason: 'runaway' | 'tooLong' | 'byUser' }

export interface RunningScript {
  stop(): void
  finished: Promise<ScriptOutcome>
}

export function runScript(
  code: string,
  host: ScriptHost,
  onLog: (text: string) => void,
): RunningScript {
  const worker = new Worker(new URL('./scriptWorker.ts', import.meta.url), { type: 'module' })
  let settle: (outcome: ScriptOutcome) => void = () => {}
  const finished = new Promise<ScriptOutcome>((resolve) => (settle = resolve))
  let callsPending = 0
  let over = false
  let watchdog: ReturnType<typeof setTimeout> | undefined
  const limit = setTimeout(() => end({ kind: 'stopped', reason: 'tooLong' }), SCRIPT_MAX_MS)
  const end = (outcome: ScriptOutcome) => {
    if (over) return
    over = true
    clearTimeout(watchdog)
    clearTimeout(limit)
    worker.terminate()
    settle(outcome)
  }
  // The worker is only "busy" while the page owes it nothing: waiting on a call is fine.
  const arm = () => {
    clearTimeout(watchdog)
    if (callsPending === 0)
      watchdog = setTimeout(() => end({ kind: 'stopped', reason: 'runaway' }), RUNAWAY_MS)
  }
  const send = (message: ToWorker) => worker.postMessage(message)
  worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
    const message = event.data
    if (over) return
    switch (message.type) {
      case 'log':
        onLog(message.text)
        break
      case 'done':
        end({ kind: 'done' })
        return
      case 'error':
        end({ kind: 'error', message: message.message, line: message.line })
        return
      case 'call':
        callsPending++
        host.call(message.verb, message.args).then(
          (value) => {
            callsPending--
            if (!over) send({ type: 'reply', id: message.id, ok: true, value })
            arm()
          },
          (error: unknown) => {
            callsPending--
            const text = error instanceof Error ? error.message : String(error)
            const name = error instanceof Error ? error.name : 'Error'
            if (!over) send({ type: 'reply', id: message.id, ok: false, error: text, name })
            arm()
          },
        )
        break
    }
    arm()
  })
  worker.addEventListener('error', (event) => {
    event.preventDefault()
    end({ kind: 'error', message: event.message || 'The script worker failed.', line: null })
  })
  send({ type: 'run', code })
  arm()
  return { stop: () => end({ kind: 'stopped', reason: 'byUser' }), finished }
}
