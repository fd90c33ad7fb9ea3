/**
 * Assertions for engine code. A failed assertion is an engine bug, never a user error: user
 * mistakes are answered with Kafka error names (see errors.ts), not thrown.
 */
export class AssertionError extends Error {
  override name = 'AssertionError'
}

/** Throws when `condition` is false. Use a blatantly true assertion instead of a comment. */
export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new AssertionError(message)
}

/** Exhaustiveness check for discriminated unions: a missing case fails to compile. */
export function assertNever(value: never, what = 'value'): never {
  throw new AssertionError(`unexpected ${what}: ${JSON.stringify(value)}`)
}
