/**
 * Parsing and validating one config value as `ConfigDef#parseValue` does: `parseType` (type
 * coercion, e.g. numeric strings for numbers) then the entry's validator. Error texts are Kafka's
 * (`ConfigException(name, value, message)` → "Invalid value V for configuration N: message").
 *
 * Simulator limits: a long is a JS number, so values beyond ±(2^53 − 1) are refused, except
 * Long.MAX_VALUE itself where it means "never/unlimited" (stored as null).
 */
import { clientError, kafkaError } from '../errors'
import type { ConfigEntry, ConfigProblem, ConfigValidator, ConfigValue } from './configTypes'
import {
  INT_MAX,
  INT_MIN,
  LONG_MAX_VALUE,
  LONG_MIN_VALUE,
  SHORT_MAX,
  SHORT_MIN,
} from './validators'

export type ParsedValue =
  | { readonly ok: true; readonly value: ConfigValue }
  | { readonly ok: false; readonly problem: ConfigProblem }

/**
 * The two ways Kafka reports a bad config: a broker, or an AlterConfigs/CreateTopics request,
 * answers INVALID_CONFIG (40, `InvalidConfigurationException` on the client side); a client
 * constructor throws `ConfigException` and never talks to a broker.
 */
export type ConfigErrorName = 'INVALID_CONFIG' | 'ConfigException'

export function configProblem(
  errorName: ConfigErrorName,
  config: string,
  message: string,
  accepted: string | null,
): ConfigProblem {
  const error =
    errorName === 'ConfigException'
      ? clientError('ConfigException', message)
      : kafkaError('INVALID_CONFIG', message)
  return { ...error, config, accepted }
}

/** The same problem as `new KafkaProducer/KafkaConsumer(props)` throws it. */
export function asConfigException(problem: ConfigProblem): ConfigProblem {
  return configProblem('ConfigException', problem.config, problem.message, problem.accepted)
}

/** How Java's `toString` prints the offending value in the message. */
function javaDisplay(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(javaDisplay).join(', ')}]`
  if (typeof value === 'string') return value
  return String(value)
}

/** The Java class a JS value would arrive as, for "Expected … but it was a …" messages. */
function javaClassOf(value: unknown): string {
  if (typeof value === 'boolean') return 'java.lang.Boolean'
  if (typeof value === 'string') return 'java.lang.String'
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return 'java.lang.Double'
    return value >= INT_MIN && value <= INT_MAX ? 'java.lang.Integer' : 'java.lang.Long'
  }
  if (Array.isArray(value)) return 'java.util.ArrayList'
  return 'java.lang.Object'
}

/** Kafka's `Range#toString` / `ValidString#toString` forms, or a type range. */
export function describeAccepted(entry: ConfigEntry): string | null {
  const validator = entry.validator
  switch (validator.kind) {
    case 'range':
      if (validator.max === null) return `[${validator.min},...]`
      if (validator.min === null) return `[...,${validator.max}]`
      return `[${validator.min},...,${validator.max}]`
    case 'oneOf':
    case 'listOf':
      return `[${validator.values.join(', ')}]`
    case 'nonEmptyString':
      return 'non-empty string'
    case 'none':
      break
  }
  switch (entry.kind) {
    case 'int':
      return `[${INT_MIN},...,${INT_MAX}]`
    case 'short':
      return `[${SHORT_MIN},...,${SHORT_MAX}]`
    case 'long':
      return `[${LONG_MIN_VALUE},...,${LONG_MAX_VALUE}]`
    case 'boolean':
      return '[true, false]'
    default:
      return null
  }
}

const INTEGER_TEXT = /^[+-]?\d+$/

/** `Integer.parseInt` / `Short.parseShort` / `Long.parseLong` on trimmed text, as a bigint. */
function parseJavaInteger(text: string, min: bigint, max: bigint): bigint | null {
  if (!INTEGER_TEXT.test(text)) return null
  const value = BigInt(text)
  return value >= min && value <= max ? value : null
}

type Coerced =
  | { readonly ok: true; readonly value: ConfigValue }
  | { readonly ok: false; readonly reason: string }

/** `ConfigDef#parseType` for the catalog's kinds (value is not null/undefined here). */
function coerce(entry: ConfigEntry, value: unknown): Coerced {
  const trimmed = typeof value === 'string' ? value.trim() : null
  switch (entry.kind) {
    case 'boolean':
      if (typeof value === 'boolean') return { ok: true, value }
      if (trimmed?.toLowerCase() === 'true') return { ok: true, value: true }
      if (trimmed?.toLowerCase() === 'false') return { ok: true, value: false }
      return { ok: false, reason: 'Expected value to be either true or false' }
    case 'string':
      if (trimmed !== null) return { ok: true, value: trimmed }
      return {
        ok: false,
        reason: `Expected value to be a string, but it was a ${javaClassOf(value)}`,
      }
    case 'enum':
      // Kafka's STRING type refuses numbers; we also accept them so `acks: 1` works.
      if (trimmed !== null) return { ok: true, value: trimmed }
      if (typeof value === 'number' && Number.isInteger(value))
        return { ok: true, value: String(value) }
      return {
        ok: false,
        reason: `Expected value to be a string, but it was a ${javaClassOf(value)}`,
      }
    case 'list':
      if (Array.isArray(value) && value.every((item) => typeof item === 'string')) {
        return { ok: true, value: value.map((item: string) => item.trim()) }
      }
      if (trimmed !== null) {
        return { ok: true, value: trimmed === '' ? [] : trimmed.split(/\s*,\s*/) }
      }
      return { ok: false, reason: 'Expected a comma separated list.' }
    case 'int':
    case 'short': {
      const [min, max, type, label] =
        entry.kind === 'int'
          ? [INT_MIN, INT_MAX, 'INT', 'a 32-bit integer']
          : [SHORT_MIN, SHORT_MAX, 'SHORT', 'a 16-bit integer (short)']
      if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) {
        return { ok: true, value }
      }
      if (trimmed !== null) {
        const parsed = parseJavaInteger(trimmed, BigInt(min), BigInt(max))
        if (parsed !== null) return { ok: true, value: Number(parsed) }
        return { ok: false, reason: `Not a number of type ${type}` }
      }
      return {
        ok: false,
        reason: `Expected value to be ${label}, but it was a ${javaClassOf(value)}`,
      }
    }
    case 'long': {
      let parsed: bigint
      if (typeof value === 'number' && Number.isInteger(value)) {
        // 9223372036854775807 written as a JS number rounds to 2^63: read it as Long.MAX_VALUE.
        parsed = value === 2 ** 63 ? LONG_MAX_VALUE : BigInt(value)
        if (parsed < LONG_MIN_VALUE || parsed > LONG_MAX_VALUE) {
          return { ok: false, reason: 'Not a number of type LONG' }
        }
      } else if (trimmed !== null) {
        const fromText = parseJavaInteger(trimmed, LONG_MIN_VALUE, LONG_MAX_VALUE)
        if (fromText === null) return { ok: false, reason: 'Not a number of type LONG' }
        parsed = fromText
      } else {
        return {
          ok: false,
          reason: `Expected value to be a 64-bit integer (long), but it was a ${javaClassOf(value)}`,
        }
      }
      if (parsed === LONG_MAX_VALUE && entry.longMaxValueIsNull === true)
        return { ok: true, value: null }
      if (parsed > BigInt(Number.MAX_SAFE_INTEGER) || parsed < BigInt(Number.MIN_SAFE_INTEGER)) {
        return {
          ok: false,
          reason:
            `Value must be between ${Number.MIN_SAFE_INTEGER} and ${Number.MAX_SAFE_INTEGER} ` +
            '(the simulator stores longs as exact JavaScript numbers)',
        }
      }
      return { ok: true, value: Number(parsed) }
    }
  }
}

/** The validator's check on a coerced value; returns the canonical value or a reason. */
function validate(
  validator: ConfigValidator,
  value: ConfigValue,
): Coerced & { readonly badElement?: string } {
  switch (validator.kind) {
    case 'none':
      return { ok: true, value }
    case 'range':
      if (typeof value !== 'number') return { ok: true, value } // null = never/unset
      if (validator.min !== null && value < validator.min) {
        return { ok: false, reason: `Value must be at least ${validator.min}` }
      }
      if (validator.max !== null && value > validator.max) {
        return { ok: false, reason: `Value must be no more than ${validator.max}` }
      }
      return { ok: true, value }
    case 'oneOf': {
      const text = String(value)
      const match = validator.caseInsensitive
        ? validator.values.find((candidate) => candidate.toLowerCase() === text.toLowerCase())
        : validator.values.find((candidate) => candidate === text)
      if (match !== undefined) return { ok: true, value: match }
      return {
        ok: false,
        reason: validator.caseInsensitive
          ? `String must be one of (case insensitive): ${validator.values.join(', ')}`
          : `String must be one of: ${validator.values.join(', ')}`,
      }
    }
    case 'listOf': {
      const canonical: string[] = []
      for (const element of value as readonly string[]) {
        const resolved = Object.hasOwn(validator.aliases, element)
          ? validator.aliases[element]!
          : validator.values.includes(element)
            ? element
            : null
        if (resolved === null) {
          return {
            ok: false,
            reason: `String must be one of: ${validator.values.join(', ')}`,
            badElement: element,
          }
        }
        canonical.push(resolved)
      }
      return { ok: true, value: canonical }
    }
    case 'nonEmptyString':
      if (value === '') return { ok: false, reason: 'String must be non-empty' }
      return { ok: true, value }
  }
}

/** Parses and validates `value` for `entry`; null is accepted only where the config allows it. */
export function parseConfigValue(entry: ConfigEntry, value: unknown): ParsedValue {
  const accepted = describeAccepted(entry)
  const fail = (shown: unknown, reason: string): ParsedValue => ({
    ok: false,
    problem: configProblem(
      'INVALID_CONFIG',
      entry.name,
      `Invalid value ${javaDisplay(shown)} for configuration ${entry.name}: ${reason}`,
      accepted,
    ),
  })

  if (value === null) {
    if (entry.default === null || entry.longMaxValueIsNull === true)
      return { ok: true, value: null }
    return fail(null, 'Value must be non-null')
  }
  const coerced = coerce(entry, value)
  if (!coerced.ok) return fail(value, coerced.reason)
  const validated = validate(entry.validator, coerced.value)
  if (!validated.ok) return fail(validated.badElement ?? value, validated.reason)
  return { ok: true, value: validated.value }
}
