/**
 * Types of the config catalog: one entry per Kafka config, mirroring a `ConfigDef#define` call
 * (clients/common/config/ConfigDef.java): name, type, default, validator. UI text lives elsewhere;
 * an entry only carries a stable `docKey`.
 *
 * Values are plain JSON data. Kafka's `Long.MAX_VALUE` used as "never"/"unlimited" (e.g.
 * `flush.messages`) and "unset" defaults (e.g. `log.flush.interval.ms`) are `null`, never Infinity.
 */
import type { KafkaError } from '../errors'

export type ConfigScope = 'broker' | 'topic' | 'producer' | 'consumer'

/** `ConfigDef.Type`, with STRING split into free strings and enumerations. */
export type ConfigKind = 'int' | 'short' | 'long' | 'boolean' | 'string' | 'enum' | 'list'

export type ConfigValue = number | boolean | string | readonly string[] | null

/** `ConfigDef.Validator`s used by the catalog. */
export type ConfigValidator =
  | { readonly kind: 'none' }
  /** `Range.atLeast` / `Range.between`: inclusive bounds; null = unbounded on that side. */
  | { readonly kind: 'range'; readonly min: number | null; readonly max: number | null }
  /** `ValidString.in` / `CaseInsensitiveValidString.in`. */
  | {
      readonly kind: 'oneOf'
      readonly values: readonly string[]
      readonly caseInsensitive: boolean
    }
  /**
   * `ValidList.in`: every element must be one of `values`. `aliases` maps other accepted
   * spellings (e.g. Java class names) to the canonical value stored.
   */
  | {
      readonly kind: 'listOf'
      readonly values: readonly string[]
      readonly aliases: Readonly<Record<string, string>>
    }
  /** `NonEmptyString`: null (unset) is fine, "" is not. */
  | { readonly kind: 'nonEmptyString' }

/** A default or rule that differed in an older version (the [3.x] notes of KAFKA_SPEC). */
export interface ConfigHistoryNote {
  /** Versions the note applies to, e.g. "≤2.8" or "3.x". */
  readonly versions: string
  /** The default in those versions, when it differed. */
  readonly default?: ConfigValue
  /** What changed, with the KIP/JIRA. */
  readonly note: string
}

export interface ConfigEntry<V extends ConfigValue = ConfigValue> {
  /** Kafka's exact config name. */
  readonly name: string
  readonly kind: ConfigKind
  /** Kafka 4.0 default. null = unset, or Long.MAX_VALUE meaning never/unlimited (see below). */
  readonly default: V
  readonly validator: ConfigValidator
  /**
   * True when Kafka's value `Long.MAX_VALUE` means "never"/"unlimited" for this config: it is
   * stored as null, and null is accepted as input.
   */
  readonly longMaxValueIsNull?: boolean
  /** Stable key of the explanatory text (UI text lives elsewhere). */
  readonly docKey: string
  /** The Kafka source file defining it (abbreviated as in KAFKA_SPEC §0). */
  readonly source: string
  /** Kafka version that introduced the config, when the spec gives it. */
  readonly since?: string
  readonly history?: readonly ConfigHistoryNote[]
}

/** A catalog: one entry per key of the resolved configs type `T`. */
export type ConfigCatalog<T> = { readonly [K in keyof T & string]: ConfigEntry<T[K] & ConfigValue> }

/** An invalid config: a Kafka error naming the key, plus machine-readable details. */
export interface ConfigProblem extends KafkaError {
  /** The config name. */
  readonly config: string
  /** What is accepted, in Kafka's validator notation: "[1,...]", "[all, -1, 0, 1]"; or null. */
  readonly accepted: string | null
}

export type ParseConfigsResult<T> =
  | { readonly ok: true; readonly configs: T; readonly explicitlySet: readonly string[] }
  | { readonly ok: false; readonly errors: readonly ConfigProblem[] }

/** Something the client changes or ignores without failing, as Kafka logs it. */
export interface ConfigNote {
  readonly kind:
    | 'idempotenceDisabled'
    | 'deliveryTimeoutRaised'
    | 'autoCommitDisabledWithoutGroupId'
    | 'groupInstanceIdWithoutGroupId'
    | 'heartbeatNotBelowSessionTimeout'
    | 'heartbeatAboveThirdOfSessionTimeout'
    | 'ignoredWithConsumerGroupProtocol'
  readonly config: string
  readonly message: string
}

/** The result of a client's constructor-time validation: settings, or the exception. */
export type ValidateConfigResult<T> =
  ({ readonly ok: true } & T) | { readonly ok: false; readonly errors: readonly ConfigProblem[] }
