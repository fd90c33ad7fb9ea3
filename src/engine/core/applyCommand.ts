/**
 * Applies one cluster command at the current simulated time. A command that makes no sense for
 * the cluster as it is (restarting a running broker, an unknown topic) is refused with a clear
 * error (Kafka's name where Kafka has one) and changes nothing.
 */
import { assertNever } from './assert'
import { applyAlterConfigs, checkAlterConfigs } from './config/alterConfigs'
import type { ClusterCommand } from './commands'
import { emit } from './emit'
import type { Env } from './env'
import { kafkaError, simError, type KafkaError } from './errors'
import type { SimEvent } from './events'
import { heal, isolate, linkKey } from './network'
import { sendFetch } from './replication/follower'
import { sendConsumerFetch, sendProduce } from './replication/clientRequests'
import { electPreferredLeaders, publishMetadata } from './replication/controller'
import { registerTopic, validateTopic } from './replication/topics'
import { crashBroker, startBroker } from './rules/brokerLifecycle'
import { applyProducerCommand, checkProducerCommand } from './clients/producer/producerClient'
import {
  applyConsumerCommand,
  checkConsumerCommand,
  isConsumerCommand,
} from './clients/consumer/consumerCommands'
import { isProducerCommand } from './clients/producer/producerCommands'
import { brokerNode, type BrokerId, type ClusterState } from './types'

export type CommandResult = { ok: true; events: SimEvent[] } | { ok: false; error: KafkaError }

/** Checks a command against the current state without changing anything. */
export function checkCommand(state: ClusterState, command: ClusterCommand): KafkaError | null {
  const requireBroker = (brokerId: BrokerId) =>
    state.brokersById[brokerId] === undefined
      ? simError(
          'UNKNOWN_BROKER',
          `There is no broker ${brokerId}; this cluster has brokers ${state.brokerIds.join(', ')}.`,
        )
      : null
  const requireRunning = (brokerId: BrokerId) =>
    requireBroker(brokerId) ??
    (state.brokersById[brokerId]!.process === 'running'
      ? null
      : simError('BROKER_NOT_RUNNING', `Broker ${brokerId} is down.`))
  const requirePartition = (topic: string, partition: number) => {
    const spec = state.controller.topicsByName[topic]
    if (spec === undefined || partition >= spec.partitions) {
      return kafkaError(
        'UNKNOWN_TOPIC_OR_PARTITION',
        `This server does not host this topic-partition: ${topic}-${partition}.`,
      )
    }
    return null
  }
  // The clients' own verbs are checked by their modules (the lists live with their schemas).
  if (isProducerCommand(command)) return checkProducerCommand(state, command)
  if (isConsumerCommand(command)) return checkConsumerCommand(state, command)
  switch (command.type) {
    case 'crashBroker': {
      const unknown = requireBroker(command.brokerId)
      if (unknown) return unknown
      return state.brokersById[command.brokerId]!.process === 'running'
        ? null
        : simError('BROKER_NOT_RUNNING', `Broker ${command.brokerId} is already down.`)
    }
    case 'restartBroker': {
      const unknown = requireBroker(command.brokerId)
      if (unknown) return unknown
      return state.brokersById[command.brokerId]!.process === 'crashed'
        ? null
        : simError('BROKER_ALREADY_RUNNING', `Broker ${command.brokerId} is already running.`)
    }
    case 'isolateBroker':
    case 'dropResponses':
      return requireBroker(command.brokerId)
    case 'pauseFetcher':
    case 'resumeFetcher':
    case 'stepFetcher':
      return requireRunning(command.brokerId)
    case 'cutLink': {
      for (const node of [command.a, command.b]) {
        const broker = /^broker-(\d)$/.exec(node)
        if (broker && state.brokersById[Number(broker[1])] === undefined)
          return simError('UNKNOWN_BROKER', `There is no ${node}.`)
      }
      return command.a === command.b
        ? simError('INVALID_COMMAND', 'A link joins two different nodes.')
        : null
    }
    case 'healNetwork':
    case 'electPreferredLeaders':
    case 'slowNode':
      return null
    case 'createTopic':
      return validateTopic(state, command.topic)
    case 'produce':
    case 'consumerFetch':
      return requirePartition(command.topic, command.partition)
    case 'alterConfigs':
      return checkAlterConfigs(state, command.resourceType, command.resourceName, command.configs)
    default:
      return assertNever(command, 'command')
  }
}

export function applyCommand(
  state: ClusterState,
  env: Env,
  command: ClusterCommand,
): CommandResult {
  const error = checkCommand(state, command)
  if (error) return { ok: false, error }
  const events: SimEvent[] = []
  if (isProducerCommand(command)) {
    applyProducerCommand(state, events, command)
    return { ok: true, events }
  }
  if (isConsumerCommand(command)) {
    applyConsumerCommand(state, env, events, command)
    return { ok: true, events }
  }
  switch (command.type) {
    case 'crashBroker':
      crashBroker(state, env, events, command.brokerId, command.mode)
      break
    case 'restartBroker':
      startBroker(state, env, events, command.brokerId)
      break
    case 'isolateBroker': {
      const node = brokerNode(command.brokerId)
      isolate(state, node, [
        state.controller.nodeId,
        'client-1',
        ...state.brokerIds.map(brokerNode),
        ...Object.keys(state.producersById),
        ...Object.keys(state.consumerGroups.consumersByName),
      ])
      emit(state, events, { type: 'nodeIsolated', nodeId: node })
      break
    }
    case 'cutLink': {
      const key = linkKey(command.a, command.b)
      if (!state.network.blockedLinks.includes(key)) state.network.blockedLinks.push(key)
      state.network.blockedLinks.sort()
      emit(state, events, { type: 'linkCut', a: command.a, b: command.b })
      break
    }
    case 'healNetwork':
      heal(state)
      emit(state, events, { type: 'networkHealed' })
      break
    case 'slowNode':
      if (command.extraLatencyMs === 0) delete state.network.extraLatencyMsByNode[command.nodeId]
      else state.network.extraLatencyMsByNode[command.nodeId] = command.extraLatencyMs
      emit(state, events, {
        type: 'nodeSlowed',
        nodeId: command.nodeId,
        extraLatencyMs: command.extraLatencyMs,
      })
      break
    case 'createTopic': {
      registerTopic(state, command.topic)
      const { name, partitions, replicationFactor } = command.topic
      emit(state, events, { type: 'topicCreated', topic: name, partitions, replicationFactor })
      publishMetadata(state, events)
      break
    }
    case 'produce':
      sendProduce(state, events, {
        topic: command.topic,
        partition: command.partition,
        records: command.records,
        acks: command.acks,
        ...(command.timeoutMs !== undefined ? { timeoutMs: command.timeoutMs } : {}),
        ...(command.brokerId !== undefined ? { brokerId: command.brokerId } : {}),
        ...(command.producerId !== undefined ? { producerId: command.producerId } : {}),
        ...(command.producerEpoch !== undefined ? { producerEpoch: command.producerEpoch } : {}),
        ...(command.baseSequence !== undefined ? { baseSequence: command.baseSequence } : {}),
      })
      break
    case 'consumerFetch':
      sendConsumerFetch(state, events, {
        topic: command.topic,
        partition: command.partition,
        fetchOffset: command.fetchOffset,
        ...(command.maxBytes !== undefined ? { maxBytes: command.maxBytes } : {}),
        ...(command.brokerId !== undefined ? { brokerId: command.brokerId } : {}),
        ...(command.isolationLevel !== undefined ? { isolationLevel: command.isolationLevel } : {}),
      })
      break
    case 'pauseFetcher':
      state.brokersById[command.brokerId]!.fetcherPaused = true
      emit(state, events, { type: 'fetcherPaused', brokerId: command.brokerId })
      break
    case 'resumeFetcher': {
      const broker = state.brokersById[command.brokerId]!
      broker.fetcherPaused = false
      emit(state, events, { type: 'fetcherResumed', brokerId: command.brokerId })
      for (const replica of Object.values(broker.replicasByKey))
        sendFetch(state, events, broker, replica)
      break
    }
    case 'stepFetcher': {
      const broker = state.brokersById[command.brokerId]!
      for (const replica of Object.values(broker.replicasByKey))
        sendFetch(state, events, broker, replica, true)
      break
    }
    case 'dropResponses':
      state.brokersById[command.brokerId]!.responsesToDrop += command.count
      break
    case 'electPreferredLeaders':
      electPreferredLeaders(state, events)
      break
    case 'alterConfigs':
      applyAlterConfigs(state, command.resourceType, command.resourceName, command.configs)
      break
    default:
      assertNever(command, 'command')
  }
  return { ok: true, events }
}
