/**
 * Shorthands for the `ConfigDef` validators the catalogs use, and Java's integer limits.
 */
import type { ConfigValidator } from './configTypes'

export const INT_MAX = 2147483647
export const INT_MIN = -2147483648
export const SHORT_MAX = 32767
export const SHORT_MIN = -32768
/** Java's `Long.MAX_VALUE`, exactly (a JS number cannot hold it). */
export const LONG_MAX_VALUE = 9223372036854775807n
export const LONG_MIN_VALUE = -9223372036854775808n

export const NO_VALIDATOR: ConfigValidator = { kind: 'none' }
export const NON_EMPTY_STRING: ConfigValidator = { kind: 'nonEmptyString' }

/** `Range.atLeast(min)`. */
export function atLeast(min: number): ConfigValidator {
  return { kind: 'range', min, max: null }
}

/** `Range.between(min, max)`. */
export function between(min: number, max: number): ConfigValidator {
  return { kind: 'range', min, max }
}

/** `ValidString.in(...)` (case-sensitive) or `CaseInsensitiveValidString.in(...)`. */
export function oneOf(values: readonly string[], caseInsensitive = false): ConfigValidator {
  return { kind: 'oneOf', values, caseInsensitive }
}

/** `ValidList.in(...)`, with optional alias spellings. */
export function listOf(
  values: readonly string[],
  aliases: Readonly<Record<string, string>> = {},
): ConfigValidator {
  return { kind: 'listOf', values, aliases }
}
