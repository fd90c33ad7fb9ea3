/**
 * Helpers for producer tests: the C3 cluster (SCENARIOS §8.0) with a 1 ms network, a reader that
 * returns a partition's whole committed content through consumer fetches, and result shortcuts.
 */
import type { Engine } from '../../../headless'
import { c3, startCluster } from '../../replication/testing'
import type { ScenarioConfig } from '../../scenario'
import { lastStableOffset } from '../transactions/stableOffset'
import type { RecordOutcome } from './producerApi'

export function cluster(
  overrides: Partial<ScenarioConfig> = {},
  topicConfigs: Record<string, number | boolean> = {},
): Engine {
  return startCluster(c3(overrides, topicConfigs), 100)
}

/** A cluster of three brokers with one topic `t` of `partitions` partitions (RF 3). */
export function clusterWithPartitions(partitions: number, overrides: Partial<ScenarioConfig> = {}) {
  return startCluster(
    c3({
      topics: [{ name: 't', partitions, replicationFactor: 3 }],
      ...overrides,
    }),
    100,
  )
}

/**
 * Reads partition `partition` of `t` from offset 0 up to what the leader lets this isolation level
 * see, in fetches of `maxBytes` (small enough that every value is kept), retrying fetches that got
 * no answer. Stops at the first fetch that returns nothing visible.
 */
export function readAll(
  engine: Engine,
  partition = 0,
  isolationLevel: 'read_uncommitted' | 'read_committed' = 'read_uncommitted',
  maxBytes = 2048,
): { offsets: number[]; values: string[] } {
  const offsets: number[] = []
  const values: string[] = []
  let fetchOffset = 0
  for (let attempts = 0; attempts < 500; attempts++) {
    const requestId = engine.timeline.state().nextRequestId
    const sent = engine.consumerFetch({
      topic: 't',
      partition,
      fetchOffset,
      maxBytes,
      isolationLevel,
    })
    if (!sent.ok) throw new Error(sent.error.message)
    engine.advanceBy(600)
    const answer = engine.clientResults().find((r) => r.requestId === requestId)
    if (answer === undefined) continue
    if (answer.error !== null) throw new Error(`${answer.error.error}: ${answer.error.message}`)
    if (answer.offsets.length === 0) break
    offsets.push(...answer.offsets)
    values.push(...answer.values)
    fetchOffset = answer.offsets[answer.offsets.length - 1]! + 1
  }
  return { offsets, values }
}

function leaderOf(engine: Engine, partition: number): number {
  return engine.timeline.state().controller.partitionsByKey[`t-${partition}`]!.leader
}

/** The leader's last stable offset of `t-partition`. */
export function lsoOf(engine: Engine, partition = 0): number {
  return lastStableOffset(engine.replica(leaderOf(engine, partition), 't', partition)!)
}

export function acked(outcome: RecordOutcome | undefined): { partition: number; offset: number } {
  if (outcome?.status !== 'acked') throw new Error(`not acked: ${JSON.stringify(outcome)}`)
  return { partition: outcome.partition, offset: outcome.offset }
}
