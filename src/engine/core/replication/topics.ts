/**
 * Topic creation at the controller (CreateTopics): validation with Kafka's error names, the
 * replica assignment, and the first registration of every partition (leader = first replica,
 * leader epoch 0, ISR = all replicas).
 */
import { kafkaError, type KafkaError } from '../errors'
import { resolveLogConfig, type LogConfigOverrides } from '../log'
import { type TopicSpec } from '../scenario'
import { brokerConfigsOf } from './brokerConfigsOf'
import {
  partitionKey,
  type BrokerId,
  type ClusterState,
  type PartitionRegistration,
} from '../types'

/**
 * Striped placement: partition p starts at broker index p and takes the next brokers in order,
 * so leaders spread over the cluster (like Kafka's rack-unaware placement with a fixed start).
 */
export function assignReplicas(
  brokerIds: readonly BrokerId[],
  partitions: number,
  replicationFactor: number,
): BrokerId[][] {
  return Array.from({ length: partitions }, (_, p) =>
    Array.from({ length: replicationFactor }, (_, r) => brokerIds[(p + r) % brokerIds.length]!),
  )
}

export function validateTopic(state: ClusterState, spec: TopicSpec): KafkaError | null {
  if (state.controller.topicsByName[spec.name] !== undefined) {
    return kafkaError('TOPIC_ALREADY_EXISTS', `Topic '${spec.name}' already exists.`)
  }
  if (spec.name === '.' || spec.name === '..') {
    return kafkaError('INVALID_TOPIC_EXCEPTION', `Topic name cannot be "." or "..".`)
  }
  if (spec.partitions < 1)
    return kafkaError('INVALID_PARTITIONS', 'Number of partitions must be larger than 0.')
  const brokers = state.brokerIds.length
  if (spec.replicationFactor < 1 || spec.replicationFactor > brokers) {
    return kafkaError(
      'INVALID_REPLICATION_FACTOR',
      `Unable to replicate the partition ${spec.replicationFactor} time(s): the number of brokers is ${brokers}.`,
    )
  }
  if (spec.replicas !== undefined) {
    if (spec.replicas.length !== spec.partitions) {
      return kafkaError(
        'INVALID_PARTITIONS',
        `The assignment lists ${spec.replicas.length} partitions, not ${spec.partitions}.`,
      )
    }
    for (const [p, replicas] of spec.replicas.entries()) {
      if (
        replicas.length !== spec.replicationFactor ||
        new Set(replicas).size !== replicas.length
      ) {
        return kafkaError(
          'INVALID_REPLICATION_FACTOR',
          `Partition ${p} needs ${spec.replicationFactor} distinct replicas.`,
        )
      }
      const unknown = replicas.find((b) => !state.brokerIds.includes(b))
      if (unknown !== undefined)
        return kafkaError(
          'INVALID_REPLICATION_FACTOR',
          `Partition ${p} names unknown broker ${unknown}.`,
        )
    }
  }
  return validateTopicConfigs(spec.configs ?? {})
}

const REPLICATION_TOPIC_CONFIGS = ['min.insync.replicas', 'unclean.leader.election.enable']

function validateTopicConfigs(
  configs: Record<string, number | string | boolean>,
): KafkaError | null {
  const logOverrides: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(configs)) {
    if (key === 'min.insync.replicas') {
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
        return kafkaError(
          'INVALID_CONFIG',
          `Invalid value ${String(value)} for configuration min.insync.replicas: Value must be at least 1`,
        )
      }
    } else if (key === 'unclean.leader.election.enable') {
      if (typeof value !== 'boolean') {
        return kafkaError(
          'INVALID_CONFIG',
          `Invalid value ${String(value)} for configuration unclean.leader.election.enable: Expected value to be either true or false`,
        )
      }
    } else {
      logOverrides[key] = value
    }
  }
  const resolved = resolveLogConfig(logOverrides as LogConfigOverrides)
  return resolved.ok ? null : resolved.error
}

/** Registers the topic and its partitions at the controller. */
export function registerTopic(state: ClusterState, spec: TopicSpec): PartitionRegistration[] {
  const replicas =
    spec.replicas ?? assignReplicas(state.brokerIds, spec.partitions, spec.replicationFactor)
  state.controller.topicsByName[spec.name] = {
    name: spec.name,
    partitions: spec.partitions,
    replicationFactor: spec.replicationFactor,
    configs: { ...(spec.configs ?? {}) },
  }
  return replicas.map((assignment, partition) => {
    const registration: PartitionRegistration = {
      topic: spec.name,
      partition,
      replicas: [...assignment],
      isr: [...assignment],
      leader: assignment[0]!,
      leaderEpoch: 0,
      partitionEpoch: 0,
      leaderRecoveryState: 'RECOVERED',
    }
    state.controller.partitionsByKey[partitionKey(spec.name, partition)] = registration
    return registration
  })
}

/** A topic config, else the broker default (`min.insync.replicas`, `unclean.leader.election.enable`). */
export function replicationConfig<
  K extends 'min.insync.replicas' | 'unclean.leader.election.enable',
>(state: ClusterState, topic: string, key: K): K extends 'min.insync.replicas' ? number : boolean {
  const value = state.controller.topicsByName[topic]?.configs[key]
  const fallback = brokerConfigsOf(state)[key]
  return (value ?? fallback) as K extends 'min.insync.replicas' ? number : boolean
}

/** `Partition.effectiveMinIsr`: min(min.insync.replicas, replication factor). */
export function effectiveMinIsr(state: ClusterState, topic: string): number {
  const replicationFactor = state.controller.topicsByName[topic]?.replicationFactor ?? 1
  return Math.min(replicationConfig(state, topic, 'min.insync.replicas'), replicationFactor)
}

export { REPLICATION_TOPIC_CONFIGS }
