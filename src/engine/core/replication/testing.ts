/**
 * Helpers for replication scenario tests: the C3 cluster of SCENARIOS.md §8.0 on a network with a
 * fixed 1 ms latency, so every time in a scenario is exact, and short readers for LEO/HW.
 */
import { createEngine, type Engine } from '../../headless'
import type { ScenarioConfig } from '../scenario'

export const FIXED_LATENCY = { latencyMsMin: 1, latencyMsMax: 1, lossPerMille: 0 }

export function c3(
  overrides: Partial<ScenarioConfig> = {},
  topicConfigs: Record<string, number | boolean> = {},
): ScenarioConfig {
  return {
    brokers: 3,
    network: FIXED_LATENCY,
    topics: [
      {
        name: 't',
        partitions: 1,
        replicationFactor: 3,
        replicas: [[1, 2, 3]],
        configs: topicConfigs,
      },
    ],
    ...overrides,
  }
}

export function startCluster(scenario: ScenarioConfig, settleMs = 100): Engine {
  const engine = createEngine({ seed: 1, scenario })
  engine.advanceTo(settleMs)
  return engine
}

export const leo = (e: Engine, b: number) => e.replica(b, 't')!.log.logEndOffset
export const hw = (e: Engine, b: number) => e.replica(b, 't')!.highWatermark
export const isr = (e: Engine) => e.timeline.state().controller.partitionsByKey['t-0']!.isr
export const leader = (e: Engine) => e.timeline.state().controller.partitionsByKey['t-0']!.leader
export const leaderEpoch = (e: Engine) =>
  e.timeline.state().controller.partitionsByKey['t-0']!.leaderEpoch
export const lastResult = (e: Engine) => e.clientResults()[e.clientResults().length - 1]!
export const values = (...vs: string[]) => vs.map((value) => ({ value }))

/** Produces and waits long enough for any replication round trip (not for timeouts). */
export function produce(e: Engine, vs: string[], acks: number, waitMs = 20) {
  const result = e.produce({ topic: 't', records: values(...vs), acks })
  if (!result.ok) throw new Error(result.error.message)
  e.advanceBy(waitMs)
  return lastResult(e)
}

/** A consumer fetch from the leader; waits out a long-poll. */
export function consume(e: Engine, fetchOffset: number) {
  e.consumerFetch({ topic: 't', fetchOffset })
  e.advanceBy(600)
  return lastResult(e)
}
