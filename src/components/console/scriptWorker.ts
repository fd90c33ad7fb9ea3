/**
 * The script worker: runs one learner script in the sval interpreter with a KafkaJS-like API
 * (`producer.send`, `consumer.subscribe`, `consumer.run`) and simulation verbs (`sim.advance`,
 * `sim.crashBroker`, ...). Every action is a call to the page, which owns the engine; the page
 * terminates this worker when the script runs too long without waiting on the simulator.
 */
import Sval from 'sval'
import {
  scriptLine,
  wrapScript,
  type FromWorker,
  type ScriptVerb,
  type ToWorker,
} from './scriptProtocol'
import { createScriptApi } from './workerApi'

const post = (message: FromWorker) => self.postMessage(message)
let nextId = 1
const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>()

function call(verb: ScriptVerb, args: unknown): Promise<unknown> {
  const id = nextId++
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject })
    post({ type: 'call', id, verb, args })
  })
}

const show = (value: unknown): string => {
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value)
  } catch {
    return String(value)
  }
}

function run(code: string): void {
  const interpreter = new Sval({ ecmaVer: 'latest', sourceType: 'script', sandBox: true })
  const log = (...parts: unknown[]) => post({ type: 'log', text: parts.map(show).join(' ') })
  interpreter.import({
    ...createScriptApi(call),
    console: { log, info: log, warn: log, error: log },
    __done: () => post({ type: 'done' }),
    __fail: (error: unknown) =>
      post({
        type: 'error',
        message: error instanceof Error ? `${error.name}: ${error.message}` : show(error),
        line: null,
      }),
  })
  try {
    interpreter.run(wrapScript(code))
  } catch (error) {
    // acorn ends its message with the wrapped script's "(line:column)": the line is reported apart.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : show(error)
    post({
      type: 'error',
      message: message.replace(/\s*\(\d+:\d+\)\s*$/, ''),
      line: scriptLine(error),
    })
  }
}

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const message = event.data
  if (message.type === 'run') {
    run(message.code)
    return
  }
  const waiting = pending.get(message.id)
  if (waiting === undefined) return
  pending.delete(message.id)
  if (message.ok) waiting.resolve(message.value)
  else waiting.reject(new Error(message.error))
})
