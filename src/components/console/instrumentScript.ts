/**
 * Gives a script's runtime errors their line. sval evaluates the parsed tree and keeps no
 * position for a failing node, so the tree is instrumented before it runs, without changing what
 * the script does:
 *
 * - every function (the script's own async wrapper too) gets a local `__scriptLine`, and its body
 *   runs in `try { … } catch (e) { throw __scriptTag(e, __scriptLine) }`, which notes the line on
 *   the error (the first note wins: the innermost function's line) and rethrows the same value;
 * - each statement is preceded by `__scriptLine = <its line>`; loop tests and updates set it too,
 *   and so does every `await` (its argument becomes `(__scriptLine = <line>, argument)`), so a
 *   rejected engine call reports the line of the `await` that waited for it.
 *
 * The line is a local of each function invocation, so concurrent async code (a consumer's
 * `eachMessage` running while the main script waits) never mixes up lines. Directive prologues
 * stay first, declarations keep their scope (markers go between statements, blocks are only
 * added around single statements that are not declarations), labels keep their loops.
 */

/** An ESTree node as acorn (inside sval) makes it: `start`/`end` are character offsets. */
export interface EsNode {
  type: string
  start?: number
  end?: number
  [field: string]: unknown
}

export const LINE_VARIABLE = '__scriptLine'
export const TAG_FUNCTION = '__scriptTag'
const ERROR_VARIABLE = '__scriptError'

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'])
const STATEMENT_LISTS: Record<string, string> = {
  BlockStatement: 'body',
  StaticBlock: 'body',
  SwitchCase: 'consequent',
}
const SINGLE_BODIES: Record<string, readonly string[]> = {
  IfStatement: ['consequent', 'alternate'],
  ForStatement: ['body'],
  ForInStatement: ['body'],
  ForOfStatement: ['body'],
  WhileStatement: ['body'],
  DoWhileStatement: ['body'],
}
const LOOP_EXPRESSIONS: Record<string, readonly string[]> = {
  ForStatement: ['test', 'update'],
  WhileStatement: ['test'],
  DoWhileStatement: ['test'],
}
const DECLARATIONS = new Set(['VariableDeclaration', 'FunctionDeclaration', 'ClassDeclaration'])

const isNode = (value: unknown): value is EsNode =>
  typeof value === 'object' && value !== null && typeof (value as EsNode).type === 'string'

/** Offsets where each line starts (acorn's line breaks: \r\n, \r, \n, U+2028, U+2029). */
function lineStarts(source: string): number[] {
  const starts = [0]
  for (const match of source.matchAll(/\r\n?|[\n\u2028\u2029]/g))
    starts.push(match.index + match[0].length)
  return starts
}

/**
 * Instruments `program` (as sval's `parse` returns it) in place and returns it.
 * @param lineOffset lines added in front of the learner's code: reported lines are its own.
 */
export function instrumentScript(program: EsNode, source: string, lineOffset: number): EsNode {
  const starts = lineStarts(source)
  /** The learner's 1-based line of a node, or 0 for code that is not theirs (the wrapper). */
  const lineOf = (node: EsNode): number => {
    const at = node.start ?? 0
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if (starts[mid]! <= at) low = mid
      else high = mid - 1
    }
    return Math.max(0, low + 1 - lineOffset)
  }
  const identifier = (name: string): EsNode => ({ type: 'Identifier', name })
  const setLine = (line: number): EsNode => ({
    type: 'AssignmentExpression',
    operator: '=',
    left: identifier(LINE_VARIABLE),
    right: { type: 'Literal', value: line, raw: String(line) },
  })
  const marker = (line: number): EsNode => ({
    type: 'ExpressionStatement',
    expression: setLine(line),
  })
  const withLine = (line: number, expression: EsNode): EsNode => ({
    type: 'SequenceExpression',
    expressions: [setLine(line), expression],
  })
  const isDirective = (statement: unknown) =>
    isNode(statement) && typeof statement.directive === 'string'

  const markStatements = (statements: unknown[]): unknown[] =>
    statements.flatMap((statement) =>
      isNode(statement) && !isDirective(statement) && statement.type !== 'EmptyStatement'
        ? [marker(lineOf(statement)), statement]
        : [statement],
    )

  const wrapFunction = (fn: EsNode) => {
    let body = fn.body as EsNode
    if (body.type !== 'BlockStatement') {
      // `x => expression` becomes `x => { return expression }` (the same value, now marked).
      const returned: EsNode = { type: 'ReturnStatement', argument: body, start: body.start ?? 0 }
      body = { type: 'BlockStatement', body: markStatements([returned]) }
      fn.expression = false
    }
    const statements = body.body as unknown[]
    let prologue = 0
    while (prologue < statements.length && isDirective(statements[prologue])) prologue++
    fn.body = {
      type: 'BlockStatement',
      body: [
        ...statements.slice(0, prologue),
        {
          type: 'VariableDeclaration',
          kind: 'let',
          declarations: [
            {
              type: 'VariableDeclarator',
              id: identifier(LINE_VARIABLE),
              init: { type: 'Literal', value: lineOf(fn), raw: String(lineOf(fn)) },
            },
          ],
        },
        {
          type: 'TryStatement',
          block: { type: 'BlockStatement', body: statements.slice(prologue) },
          handler: {
            type: 'CatchClause',
            param: identifier(ERROR_VARIABLE),
            body: {
              type: 'BlockStatement',
              body: [
                {
                  type: 'ThrowStatement',
                  argument: {
                    type: 'CallExpression',
                    callee: identifier(TAG_FUNCTION),
                    arguments: [identifier(ERROR_VARIABLE), identifier(LINE_VARIABLE)],
                    optional: false,
                  },
                },
              ],
            },
          },
          finalizer: null,
        },
      ],
    }
  }

  const visit = (node: EsNode): void => {
    for (const [field, value] of Object.entries(node)) {
      if (Array.isArray(value)) for (const item of value) if (isNode(item)) visit(item)
      if (isNode(value) && field !== 'loc') visit(value)
    }
    const list = STATEMENT_LISTS[node.type]
    if (list !== undefined) node[list] = markStatements(node[list] as unknown[])
    for (const field of SINGLE_BODIES[node.type] ?? []) {
      const body = node[field]
      if (isNode(body) && body.type !== 'BlockStatement' && !DECLARATIONS.has(body.type))
        node[field] = { type: 'BlockStatement', body: [marker(lineOf(body)), body] }
    }
    for (const field of LOOP_EXPRESSIONS[node.type] ?? []) {
      const expression = node[field]
      if (isNode(expression)) node[field] = withLine(lineOf(expression), expression)
    }
    if (node.type === 'AwaitExpression' && isNode(node.argument))
      node.argument = withLine(lineOf(node), node.argument)
    if (FUNCTIONS.has(node.type)) wrapFunction(node)
  }
  visit(program)
  return program
}

/**
 * Where thrown values got their line: the first note wins, so an error keeps the line where it
 * was thrown as it travels out through callers and awaits.
 */
export function createLineNotes() {
  const objects = new WeakMap<object, number>()
  const primitives = new Map<unknown, number>()
  const isObject = (value: unknown): value is object =>
    (typeof value === 'object' && value !== null) || typeof value === 'function'
  return {
    note(error: unknown, line: unknown): unknown {
      if (typeof line !== 'number' || line < 1) return error
      if (isObject(error)) {
        if (!objects.has(error)) objects.set(error, line)
      } else if (!primitives.has(error)) primitives.set(error, line)
      return error
    },
    lineOf(error: unknown): number | null {
      return (isObject(error) ? objects.get(error) : primitives.get(error)) ?? null
    },
  }
}
