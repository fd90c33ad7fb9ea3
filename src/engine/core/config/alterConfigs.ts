/**
 * IncrementalAlterConfigs for the configs the simulator models: a topic's configs, and the
 * cluster-wide default of broker configs (resource name ""). Every value is checked against the
 * catalog (type, range, allowed values) and the whole request is refused with INVALID_CONFIG on
 * the first problem, changing nothing, as the controller does. Broker configs Kafka cannot change
 * at runtime are refused with its message "Cannot update these configs dynamically".
 * A null value deletes the override (the DELETE operation): the default applies again.
 */
import { kafkaError, type KafkaError } from '../errors'
import { resolveLogConfig, updateLogConfig, type LogConfigOverrides } from '../log'
import { logConfigFor } from '../replication/brokerStorage'
import type { ClusterState } from '../types'
import { validateBrokerConfig } from './validateBrokerConfig'
import { configEntry } from './parseConfigs'
import { parseConfigValue } from './parseConfigValue'

export type ConfigResourceType = 'broker' | 'topic'
export type AlterConfigValue = number | string | boolean | null

/** Topic configs the engine acts on: replication configs and the log's configs. */
export const MODELLED_TOPIC_CONFIGS = [
  'min.insync.replicas',
  'unclean.leader.election.enable',
  'retention.ms',
  'retention.bytes',
  'segment.bytes',
  'segment.ms',
  'segment.jitter.ms',
  'segment.index.bytes',
  'index.interval.bytes',
  'max.message.bytes',
  'message.timestamp.type',
  'message.timestamp.before.max.ms',
  'message.timestamp.after.max.ms',
  'flush.messages',
  'flush.ms',
  'file.delete.delay.ms',
] as const

/** Broker configs the engine acts on (the scenario's `brokerConfigs`). */
export const MODELLED_BROKER_CONFIGS = [
  'min.insync.replicas',
  'unclean.leader.election.enable',
  'broker.heartbeat.interval.ms',
  'broker.session.timeout.ms',
  'replica.lag.time.max.ms',
  'replica.fetch.wait.max.ms',
  'replica.fetch.max.bytes',
  'replica.high.watermark.checkpoint.interval.ms',
  'auto.leader.rebalance.enable',
  'leader.imbalance.check.interval.seconds',
] as const

/**
 * Of those, the ones Kafka 4.0 updates cluster-wide at runtime (DynamicBrokerConfig: the log
 * configs' broker synonyms, including `min.insync.replicas` and `unclean.leader.election.enable`).
 */
export const DYNAMIC_BROKER_CONFIGS: ReadonlySet<string> = new Set([
  'min.insync.replicas',
  'unclean.leader.election.enable',
])

const invalid = (message: string) => kafkaError('INVALID_CONFIG', message)

function checkValues(
  scope: ConfigResourceType,
  configs: Readonly<Record<string, AlterConfigValue>>,
  modelled: readonly string[],
): { values: Record<string, number | string | boolean | null> } | KafkaError {
  const values: Record<string, number | string | boolean | null> = {}
  for (const [name, raw] of Object.entries(configs)) {
    const entry = configEntry(scope, name)
    if (entry === null) return invalid(`Unknown ${scope} config name: ${name}`)
    if (!modelled.includes(name)) {
      return invalid(`${name} is a Kafka ${scope} config this simulator does not model.`)
    }
    if (raw === null) {
      values[name] = null
      continue
    }
    const parsed = parseConfigValue(entry, raw)
    if (!parsed.ok) return invalid(parsed.problem.message)
    const value = parsed.value
    if (Array.isArray(value)) return invalid(`${name} takes a single value.`)
    values[name] = value as number | string | boolean | null
  }
  return { values }
}

/** Checks a request without changing anything; null when it would be applied. */
export function checkAlterConfigs(
  state: ClusterState,
  resourceType: ConfigResourceType,
  resourceName: string,
  configs: Readonly<Record<string, AlterConfigValue>>,
): KafkaError | null {
  if (resourceType === 'topic') {
    const topic = state.controller.topicsByName[resourceName]
    if (topic === undefined) {
      return kafkaError('UNKNOWN_TOPIC_OR_PARTITION', `The topic '${resourceName}' does not exist.`)
    }
    const checked = checkValues('topic', configs, MODELLED_TOPIC_CONFIGS)
    if (!('values' in checked)) return checked
    const merged = mergeConfigs(topic.configs, checked.values)
    const logOverrides: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(merged)) {
      if (key !== 'min.insync.replicas' && key !== 'unclean.leader.election.enable')
        logOverrides[key] = value
    }
    const resolved = resolveLogConfig(logOverrides as LogConfigOverrides)
    return resolved.ok ? null : resolved.error
  }
  if (resourceName !== '') {
    return invalid(
      'The simulator keeps one set of broker configs: alter the cluster-wide default (resource name "").',
    )
  }
  const checked = checkValues('broker', configs, MODELLED_BROKER_CONFIGS)
  if (!('values' in checked)) return checked
  const frozen = Object.keys(checked.values).filter((name) => !DYNAMIC_BROKER_CONFIGS.has(name))
  if (frozen.length > 0) {
    return invalid(`Cannot update these configs dynamically: Set(${frozen.join(', ')})`)
  }
  const merged = mergeConfigs(state.scenario.brokerConfigs ?? {}, checked.values)
  const all = validateBrokerConfig(merged)
  return all.ok ? null : invalid(all.errors[0]!.message)
}

function mergeConfigs<V>(
  current: Readonly<Record<string, V>>,
  changes: Readonly<Record<string, V | null>>,
): Record<string, V> {
  const merged: Record<string, V> = { ...current }
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete merged[key]
    else merged[key] = value
  }
  return merged
}

/** Applies a request `checkAlterConfigs` accepted. */
export function applyAlterConfigs(
  state: ClusterState,
  resourceType: ConfigResourceType,
  resourceName: string,
  configs: Readonly<Record<string, AlterConfigValue>>,
): void {
  const checked = checkValues(
    resourceType,
    configs,
    resourceType === 'topic' ? MODELLED_TOPIC_CONFIGS : MODELLED_BROKER_CONFIGS,
  )
  if (!('values' in checked)) throw new Error(`alterConfigs was not checked: ${checked.message}`)
  const parsed = checked.values
  if (resourceType === 'topic') {
    const topic = state.controller.topicsByName[resourceName]!
    topic.configs = mergeConfigs(topic.configs, parsed)
    const config = logConfigFor(state, resourceName)
    for (const brokerId of state.brokerIds) {
      for (const replica of Object.values(state.brokersById[brokerId]!.replicasByKey)) {
        if (replica.topic === resourceName) updateLogConfig(replica.log, config)
      }
    }
    return
  }
  state.scenario.brokerConfigs = mergeConfigs(
    state.scenario.brokerConfigs ?? {},
    parsed,
  ) as typeof state.scenario.brokerConfigs
}
