/**
 * Applies one cluster command at the current simulated time. A command that makes no sense for
 * the cluster as it is (restarting a running broker, an unknown broker id) is refused with a
 * clear error and changes nothing.
 */
import { assertNever } from './assert'
import type { ClusterCommand } from './commands'
import { emit } from './emit'
import { simError, type KafkaError } from './errors'
import type { SimEvent } from './events'
import { heal, isolate } from './network'
import { crashBroker, startBroker } from './rules/brokerLifecycle'
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
      return requireBroker(command.brokerId)
    case 'healNetwork':
      return null
    default:
      return assertNever(command, 'command')
  }
}

export function applyCommand(state: ClusterState, command: ClusterCommand): CommandResult {
  const error = checkCommand(state, command)
  if (error) return { ok: false, error }
  const events: SimEvent[] = []
  switch (command.type) {
    case 'crashBroker':
      crashBroker(state, events, command.brokerId, command.mode)
      break
    case 'restartBroker':
      startBroker(state, events, command.brokerId)
      break
    case 'isolateBroker': {
      const node = brokerNode(command.brokerId)
      const others = [state.controller.nodeId, ...state.brokerIds.map(brokerNode)]
      isolate(state, node, others)
      emit(state, events, { type: 'nodeIsolated', nodeId: node })
      break
    }
    case 'healNetwork':
      heal(state)
      emit(state, events, { type: 'networkHealed' })
      break
    default:
      assertNever(command, 'command')
  }
  return { ok: true, events }
}
