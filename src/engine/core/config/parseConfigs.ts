/**
 * Resolves raw config maps (as a user would type them: numbers, numeric strings, booleans,
 * "true"/"false", comma-separated lists) into typed configs with Kafka 4.0 defaults applied.
 *
 * Every invalid key is reported, not just the first. Unknown names are errors here (Kafka's
 * clients only log "supplied but not used"; topic configs fail with "Unknown topic config name"),
 * because in a teaching tool a typo should not silently fall back to the default.
 */
import { BROKER_CONFIGS, type BrokerConfigs } from './brokerConfigs'
import type {
  ConfigCatalog,
  ConfigEntry,
  ConfigProblem,
  ConfigScope,
  ConfigValue,
  ParseConfigsResult,
} from './configTypes'
import { CONSUMER_CONFIGS, type ConsumerConfigs } from './consumerConfigs'
import { configProblem, parseConfigValue } from './parseConfigValue'
import { PRODUCER_CONFIGS, type ProducerConfigs } from './producerConfigs'
import { TOPIC_CONFIGS, type TopicConfigs } from './topicConfigs'

/** Resolved configs per scope. */
export interface ConfigsByScope {
  readonly broker: BrokerConfigs
  readonly topic: TopicConfigs
  readonly producer: ProducerConfigs
  readonly consumer: ConsumerConfigs
}

/** The catalog of each scope. */
export const CONFIG_CATALOGS: { readonly [S in ConfigScope]: ConfigCatalog<ConfigsByScope[S]> } = {
  broker: BROKER_CONFIGS,
  topic: TOPIC_CONFIGS,
  producer: PRODUCER_CONFIGS,
  consumer: CONSUMER_CONFIGS,
}

/** The catalog entry for `name` in `scope`, or null if Kafka has no such config there. */
export function configEntry(scope: ConfigScope, name: string): ConfigEntry | null {
  const catalog: Readonly<Record<string, ConfigEntry>> = CONFIG_CATALOGS[scope]
  return Object.hasOwn(catalog, name) ? catalog[name]! : null
}

function defaultsRecord(scope: ConfigScope): Record<string, ConfigValue> {
  const catalog: Readonly<Record<string, ConfigEntry>> = CONFIG_CATALOGS[scope]
  const resolved: Record<string, ConfigValue> = {}
  for (const [name, entry] of Object.entries(catalog)) resolved[name] = entry.default
  return resolved
}

/** Every config of the scope at its Kafka 4.0 default. */
export function defaultConfigs<S extends ConfigScope>(scope: S): ConfigsByScope[S] {
  // The catalog has exactly one entry per key of ConfigsByScope[S] (ConfigCatalog enforces it).
  return defaultsRecord(scope) as unknown as ConfigsByScope[S]
}

/**
 * Parses `raw` for `scope`. Keys whose value is `undefined` count as not set. Problems are
 * INVALID_CONFIG (40), as a broker answers them; `validateProducerConfig` and
 * `validateConsumerConfig` report the same problems as the clients' `ConfigException`.
 */
export function parseConfigs<S extends ConfigScope>(
  scope: S,
  raw: Readonly<Record<string, unknown>>,
): ParseConfigsResult<ConfigsByScope[S]> {
  const resolved = defaultsRecord(scope)
  const errors: ConfigProblem[] = []
  const explicitlySet: string[] = []
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue
    const entry = configEntry(scope, name)
    if (entry === null) {
      errors.push(
        configProblem('INVALID_CONFIG', name, `Unknown ${scope} config name: ${name}`, null),
      )
      continue
    }
    const parsed = parseConfigValue(entry, value)
    if (!parsed.ok) {
      errors.push(parsed.problem)
      continue
    }
    resolved[name] = parsed.value
    explicitlySet.push(name)
  }
  if (errors.length > 0) return { ok: false, errors }
  return { ok: true, configs: resolved as unknown as ConfigsByScope[S], explicitlySet }
}
