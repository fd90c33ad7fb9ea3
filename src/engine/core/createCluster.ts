/**
 * (scenario, seed) → the cluster at time 0: the scenario's topics exist with leader = first
 * replica at leader epoch 0 and ISR = all replicas, and brokers start, recover nothing and
 * register with the controller.
 */
import { assert } from './assert'
import { createTimerQueue, schedule } from './clock'
import type { Env } from './env'
import type { SimEvent } from './events'
import { createTransactionCoordinatorState } from './clients/transactions/transactionTypes'
import { initialConsumerGroups } from './clients/group/offsetsTopic'
import { newBrokerState } from './replication/brokerReplicas'
import { registerTopic, validateTopic } from './replication/topics'
import { forkRng } from './rng'
import { startBroker } from './rules/brokerLifecycle'
import { resolveBrokerConfigs, type ScenarioConfig } from './scenario'
import { CONTROLLER_NODE, type BrokerState, type ClusterState } from './types'

export function createCluster(
  scenario: ScenarioConfig,
  seed: number,
  env: Env,
): { state: ClusterState; events: SimEvent[] } {
  const brokerIds = Array.from({ length: scenario.brokers }, (_, i) => i + 1)
  const brokersById: Record<string, BrokerState> = {}
  for (const brokerId of brokerIds) brokersById[brokerId] = newBrokerState(brokerId)
  const state: ClusterState = {
    seed,
    scenario: structuredClone(scenario),
    nowMs: 0,
    rng: { network: forkRng(seed, 'network') },
    timers: createTimerQueue(),
    brokerIds,
    brokersById,
    controller: {
      nodeId: CONTROLLER_NODE,
      registrationsById: {},
      nextBrokerEpoch: 1,
      topicsByName: {},
      partitionsByKey: {},
      metadataVersion: 0,
    },
    network: { blockedLinks: [], lastDeliverAtMsByLink: {}, extraLatencyMsByNode: {} },
    inFlightById: {},
    nextMessageId: 1,
    nextRequestId: 1,
    pendingClientRequests: {},
    clientResults: [],
    nextEventSeq: 0,
    producersById: {},
    transactions: createTransactionCoordinatorState(),
    consumerGroups: initialConsumerGroups({ seed, scenario, brokerIds }),
  }
  const events: SimEvent[] = []
  for (const topic of scenario.topics ?? []) {
    const invalid = validateTopic(state, topic)
    assert(invalid === null, `scenario topics are validated by parseScenario: ${invalid?.message}`)
    registerTopic(state, topic)
    events.push({
      type: 'topicCreated',
      topic: topic.name,
      partitions: topic.partitions,
      replicationFactor: topic.replicationFactor,
      seq: state.nextEventSeq++,
      atMs: 0,
    })
  }
  for (const brokerId of brokerIds) startBroker(state, env, events, brokerId)
  const periodMs = resolveBrokerConfigs(scenario)['leader.imbalance.check.interval.seconds'] * 1000
  schedule(state.timers, 0, periodMs, { kind: 'leaderImbalanceCheck' })
  return { state, events }
}
