/**
 * Runs one learner script in the sval interpreter (no eval, so a strict Content-Security-Policy
 * holds) with the KafkaJS-like API, and reports how it ended: `done`, or `error` with the line of
 * the learner's code that failed: acorn's position for a syntax error, the instrumented line (see
 * instrumentScript.ts) for a runtime error, a thrown value, or a rejected await.
 */
import Sval from 'sval'
import { createLineNotes, instrumentScript, TAG_FUNCTION, type EsNode } from './instrumentScript'
import {
  scriptLine,
  WRAPPER_LINES,
  wrapScript,
  type FromWorker,
  type ScriptVerb,
} from './scriptProtocol'
import { createScriptApi } from './workerApi'

export type Call = (verb: ScriptVerb, args: unknown) => Promise<unknown>

const show = (value: unknown): string => {
  if (typeof value === 'string') return value
  try {
    return JSON.stringify(value) ?? String(value)
  } catch {
    return String(value)
  }
}

/** "TypeError: …", a Kafka error's "UNKNOWN_TOPIC_OR_PARTITION: …", or the thrown value. */
export function describeThrown(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : show(error)
}

export interface InterpretedScript {
  /** Reports a failure that reached no handler (an un-awaited call that was refused). */
  reportUnhandled(reason: unknown): void
}

export function interpretScript(
  code: string,
  call: Call,
  post: (message: FromWorker) => void,
): InterpretedScript {
  const notes = createLineNotes()
  const fail = (error: unknown) =>
    post({ type: 'error', message: describeThrown(error), line: notes.lineOf(error) })
  const interpreter = new Sval({ ecmaVer: 'latest', sourceType: 'script', sandBox: true })
  const log = (...parts: unknown[]) => post({ type: 'log', text: parts.map(show).join(' ') })
  interpreter.import({
    ...createScriptApi(call),
    console: { log, info: log, warn: log, error: log },
    __done: () => post({ type: 'done' }),
    __fail: fail,
    [TAG_FUNCTION]: notes.note,
  })
  const source = wrapScript(code)
  let program: EsNode
  try {
    program = interpreter.parse(source) as unknown as EsNode
  } catch (error) {
    // acorn ends its message with the wrapped script's "(line:column)": the line is reported apart.
    post({
      type: 'error',
      message: describeThrown(error).replace(/\s*\(\d+:\d+\)\s*$/, ''),
      line: scriptLine(error),
    })
    return { reportUnhandled: fail }
  }
  instrumentScript(program, source, WRAPPER_LINES)
  try {
    interpreter.run(program as unknown as Parameters<Sval['run']>[0])
  } catch (error) {
    fail(error)
  }
  return { reportUnhandled: fail }
}
