/**
 * (scenario, seed) → the cluster at time 0: brokers started and registering with the controller.
 */
import { createTimerQueue } from './clock'
import type { SimEvent } from './events'
import { forkRng } from './rng'
import { startBroker } from './rules/brokerLifecycle'
import type { ScenarioConfig } from './scenario'
import { CONTROLLER_NODE, type BrokerState, type ClusterState } from './types'

export function createCluster(
  scenario: ScenarioConfig,
  seed: number,
): { state: ClusterState; events: SimEvent[] } {
  const brokerIds = Array.from({ length: scenario.brokers }, (_, i) => i + 1)
  const brokersById: Record<string, BrokerState> = {}
  for (const brokerId of brokerIds) {
    brokersById[brokerId] = {
      brokerId,
      incarnation: 0,
      process: 'crashed',
      brokerEpoch: null,
      lastCrashMode: null,
    }
  }
  const state: ClusterState = {
    seed,
    scenario: structuredClone(scenario),
    nowMs: 0,
    rng: { network: forkRng(seed, 'network') },
    timers: createTimerQueue(),
    brokerIds,
    brokersById,
    controller: { nodeId: CONTROLLER_NODE, registrationsById: {}, nextBrokerEpoch: 1 },
    network: { blockedLinks: [], lastDeliverAtMsByLink: {} },
    inFlightById: {},
    nextMessageId: 1,
    nextEventSeq: 0,
  }
  const events: SimEvent[] = []
  for (const brokerId of brokerIds) startBroker(state, events, brokerId)
  return { state, events }
}
