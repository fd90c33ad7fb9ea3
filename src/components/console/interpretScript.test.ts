/**
 * Goal: a script's runtime errors are reported with the learner's own line: a TypeError, a thrown
 * Error or string, a refused engine call (Kafka's error name) at the line of the `await` that
 * waited for it, an error in a callback while other async code runs; and the instrumentation
 * changes nothing a script computes.
 * Method: the worker's interpreter run in Node with a fake page (`call`) that answers, or refuses
 * as the engine does, and the same programs run with and without instrumentation.
 */
import Sval from 'sval'
import { describe, expect, test } from 'vitest'
import { interpretScript, type Call } from './interpretScript'
import { instrumentScript, type EsNode } from './instrumentScript'
import { scriptCallError, type FromWorker } from './scriptProtocol'

interface Ended {
  logs: string[]
  end: FromWorker
}

/** Runs `lines` as a script; `sim.now()` answers 0 and `producer.send` is refused. */
function run(lines: string[], call?: Call): Promise<Ended> {
  const logs: string[] = []
  const fake: Call = async (verb) => {
    if (verb === 'send')
      throw scriptCallError(
        'Topic nope does not exist; create it first.',
        'UNKNOWN_TOPIC_OR_PARTITION',
      )
    if (verb === 'advance') throw new RangeError('sim.advance takes 0 to 600000 ms')
    return 0
  }
  return new Promise((resolve) => {
    interpretScript(lines.join('\n'), call ?? fake, (message) => {
      if (message.type === 'log') logs.push(message.text)
      else if (message.type !== 'call') resolve({ logs, end: message })
    })
  })
}

const failure = (ended: Ended) => {
  if (ended.end.type !== 'error') throw new Error(`expected an error, got ${ended.end.type}`)
  return { line: ended.end.line, message: ended.end.message }
}

describe('runtime errors carry the line of the learner’s code', () => {
  test('a TypeError', async () => {
    const ended = await run(['const a = 1', 'const o = null', 'console.log(o.x)'])
    expect(failure(ended)).toEqual({
      line: 3,
      message: expect.stringMatching(/^TypeError: /) as unknown,
    })
  })

  test('an Error thrown in a function points at the throw, not the call', async () => {
    const ended = await run([
      'function check(n) {',
      '  if (n > 1)',
      "    throw new Error('too big: ' + n)",
      '  return n',
      '}',
      'check(1)',
      'check(2)',
    ])
    expect(failure(ended)).toEqual({ line: 3, message: 'Error: too big: 2' })
  })

  test('a thrown string', async () => {
    expect(failure(await run(['let x = 1', "throw 'nope'"]))).toEqual({ line: 2, message: 'nope' })
  })

  test('a refused engine call: Kafka’s error name, at the line of its await', async () => {
    const ended = await run([
      "console.log('start')",
      'const results = [',
      "  await producer.send({ topic: 'nope', messages: [{ value: 'v' }] }),",
      ']',
    ])
    expect(ended.logs).toEqual(['start'])
    expect(failure(ended)).toEqual({
      line: 3,
      message: 'UNKNOWN_TOPIC_OR_PARTITION: Topic nope does not exist; create it first.',
    })
  })

  test('a refused call keeps its line while other async code runs meanwhile', async () => {
    const ended = await run([
      'const background = (async () => {',
      '  for (let i = 0; i < 5; i++) await sim.now()',
      '})()',
      'await sim.advance(700000)',
    ])
    expect(failure(ended)).toEqual({
      line: 4,
      message: 'RangeError: sim.advance takes 0 to 600000 ms',
    })
  })

  test('an error in a callback keeps the callback’s line through the awaits above it', async () => {
    const ended = await run([
      'async function each(records, handler) {',
      '  for (const r of records) await handler(r)',
      '}',
      'await each([1, 2], async (r) => {',
      '  await sim.now()',
      '  console.log(r.toFixed(1), r.value.length)',
      '})',
    ])
    expect(failure(ended).line).toBe(6)
  })

  test('an expression-bodied arrow and a loop test after the first iteration', async () => {
    expect(failure(await run(['const f = (o) =>', '  o.a.b', 'f({})'])).line).toBe(2)
    const loop = await run([
      'const xs = [1, null]',
      'let i = 0',
      'while (xs[i].toFixed()) {',
      '  i++',
      '}',
    ])
    expect(failure(loop).line).toBe(3)
  })

  test('a syntax error keeps acorn’s line', async () => {
    expect(failure(await run(["console.log('one')", 'const x = = 2']))).toEqual({
      line: 2,
      message: expect.stringMatching(/^SyntaxError: Unexpected token/) as unknown,
    })
  })

  test('a caught error is the same value, and the script finishes', async () => {
    const ended = await run([
      'try { null.x } catch (e) { console.log(e instanceof TypeError) }',
      "try { await producer.send({ topic: 'nope', messages: [] }) }",
      'catch (e) { console.log(e.name, e.type) }',
    ])
    expect(ended.logs).toEqual(['true', 'UNKNOWN_TOPIC_OR_PARTITION UNKNOWN_TOPIC_OR_PARTITION'])
    expect(ended.end).toEqual({ type: 'done' })
  })
})

/** Runs a program in sval, instrumented or not, and returns what it logged. */
function logsOf(code: string, instrumented: boolean): string[] {
  const logs: string[] = []
  const interpreter = new Sval({ ecmaVer: 'latest', sourceType: 'script', sandBox: true })
  interpreter.import({
    log: (...parts: unknown[]) => logs.push(parts.map(String).join(' ')),
    __scriptTag: (error: unknown) => error,
  })
  const program = interpreter.parse(code) as unknown as EsNode
  if (instrumented) instrumentScript(program, code, 0)
  interpreter.run(program as unknown as Parameters<Sval['run']>[0])
  return logs
}

const PROGRAMS = {
  'scopes, hoisting and closures': `
    function outer() {
      log(hoisted(), typeof later)
      var later = 1
      function hoisted() { return 'hoisted' }
      const fns = []
      for (let i = 0; i < 3; i++) fns.push(() => i)
      { let shadow = 'inner'; log(shadow) }
      return fns.map((f) => f())
    }
    log(outer().join(','))`,
  'directives, this, classes, getters, generators': `
    function strict() { 'use strict'; return this === undefined }
    log(strict())
    class Counter {
      #n = 0
      static made = 0
      constructor() { Counter.made++ }
      get next() { return ++this.#n }
    }
    class Twice extends Counter { get next() { return super.next * 2 } }
    const c = new Twice()
    log(c.next, c.next, Counter.made)
    function* gen() { try { yield 1; yield 2 } finally { log('closed') } }
    for (const v of gen()) { log(v); break }`,
  'labels, switch, do-while, arguments, exceptions': `
    outer: for (const a of [1, 2, 3]) {
      for (const b of [1, 2, 3]) {
        if (b === 2) continue outer
        if (a === 3) break outer
        log(a, b)
      }
    }
    function sum() { let s = 0; for (const x of arguments) s += x; return s }
    switch (sum(1, 2)) { case 3: let t = 'three'; log(t); break; default: log('other') }
    let k = 0
    do k++; while (k < 4)
    log(k)
    try { throw new RangeError('r') } catch (e) { log(e.name) } finally { log('finally') }
    if (k) log('if'); else log('else')`,
}

describe('the instrumentation changes nothing a script computes', () => {
  for (const [name, code] of Object.entries(PROGRAMS))
    test(name, () => {
      const plain = logsOf(code, false)
      expect(plain.length).toBeGreaterThan(2)
      expect(logsOf(code, true)).toEqual(plain)
    })

  test('async code too', async () => {
    const ended = await run([
      'const order = []',
      'const a = (async () => { order.push(1); await sim.now(); order.push(3) })()',
      'order.push(2)',
      'await a',
      "console.log(order.join(','))",
      'const double = async (x) => (await sim.now()) + x * 2',
      'console.log(await double(21))',
    ])
    expect(ended).toEqual({ logs: ['1,2,3', '42'], end: { type: 'done' } })
  })
})
