/**
 * Messages between the script console (page) and the script worker. The worker runs the learner's
 * script in an interpreter (sval: no eval, so a strict Content-Security-Policy holds) and asks the
 * page for every simulator action; the page answers each call exactly once.
 */

/** Simulator actions a script may ask for (see scriptApi.ts). */
export type ScriptVerb =
  | 'send'
  | 'subscribe'
  | 'run'
  | 'processed'
  | 'disconnect'
  | 'advance'
  | 'fetch'
  | 'fetchResults'
  | 'describe'
  | 'command'
  | 'now'

export type ToWorker =
  | { type: 'run'; code: string }
  | { type: 'reply'; id: number; ok: true; value: unknown }
  /** `name`: Kafka's error name when the engine refused (`UNKNOWN_TOPIC_OR_PARTITION`), else `Error`. */
  | { type: 'reply'; id: number; ok: false; error: string; name: string }

export type FromWorker =
  | { type: 'call'; id: number; verb: ScriptVerb; args: unknown }
  | { type: 'log'; text: string }
  | { type: 'done' }
  /** `line` is the script's own line (1-based) when the interpreter knows it. */
  | { type: 'error'; message: string; line: number | null }

/** Lines the worker adds in front of the script (the async wrapper). */
export const WRAPPER_LINES = 1

export function wrapScript(code: string): string {
  return `(async () => {\n${code}\n})().then(__done, __fail)`
}

/** The line of a parse error: acorn's `loc.line`, or "(line:column)" at the end of its message. */
export function scriptLine(error: unknown): number | null {
  const loc = (error as { loc?: { line?: unknown } } | null)?.loc
  let line: number | null = typeof loc?.line === 'number' ? loc.line : null
  if (line === null && error instanceof Error) {
    const match = /\((\d+):\d+\)\s*$/.exec(error.message)
    if (match) line = Number(match[1])
  }
  return line === null ? null : Math.max(1, line - WRAPPER_LINES)
}

/**
 * The error a refused call rejects with in the script: named as Kafka names it, with KafkaJS's
 * `type` too, so `catch (e) { e.type }` reads like a KafkaJS protocol error.
 */
export function scriptCallError(message: string, name: string): Error {
  const error = new Error(message)
  error.name = name
  if (name !== 'Error') Object.assign(error, { type: name })
  return error
}
