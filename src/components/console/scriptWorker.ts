/**
 * The script worker: runs one learner script (see interpretScript.ts) with a KafkaJS-like API
 * (`producer.send`, `consumer.subscribe`, `consumer.run`) and simulation verbs (`sim.advance`,
 * `sim.crashBroker`, ...). Every action is a call to the page, which owns the engine; the page
 * terminates this worker when the script runs too long without waiting on the simulator.
 */
import { interpretScript, type InterpretedScript } from './interpretScript'
import { scriptCallError, type FromWorker, type ScriptVerb, type ToWorker } from './scriptProtocol'

const post = (message: FromWorker) => self.postMessage(message)
let nextId = 1
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()
let script: InterpretedScript | null = null

function call(verb: ScriptVerb, args: unknown): Promise<unknown> {
  const id = nextId++
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject })
    post({ type: 'call', id, verb, args })
  })
}

// A refused call nobody awaited ends the script as Node ends a process: with its error.
self.addEventListener('unhandledrejection', (event) => {
  event.preventDefault()
  script?.reportUnhandled(event.reason)
})

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data
  if (message.type === 'run') {
    script = interpretScript(message.code, call, post)
    return
  }
  const waiting = pending.get(message.id)
  if (waiting === undefined) return
  pending.delete(message.id)
  if (message.ok) waiting.resolve(message.value)
  else waiting.reject(scriptCallError(message.error, message.name))
})
