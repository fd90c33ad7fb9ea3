/** Test helpers: a cluster with topic `t`, records produced through the raw client. */
import { createEngine, type Engine } from '../../../headless'
import type { SimEvent } from '../../events'
import type { ScenarioConfig } from '../../scenario'

export function engineWithTopic(
  options: {
    partitions?: number
    records?: number
    topics?: string[]
    brokerConfigs?: ScenarioConfig['brokerConfigs']
  } = {},
): Engine {
  const topics = options.topics ?? ['t']
  const engine = createEngine({
    seed: 7,
    scenario: {
      brokers: 3,
      network: { latencyMsMin: 1, latencyMsMax: 1, lossPerMille: 0 },
      ...(options.brokerConfigs ? { brokerConfigs: options.brokerConfigs } : {}),
      topics: topics.map((name) => ({
        name,
        partitions: options.partitions ?? 1,
        replicationFactor: 3,
      })),
    },
  })
  engine.advanceTo(3000)
  const count = options.records ?? 0
  for (const name of topics) {
    for (let p = 0; p < (options.partitions ?? 1); p++) {
      for (let from = 0; from < count; from += 500) {
        const n = Math.min(500, count - from)
        const result = engine.produce({
          topic: name,
          partition: p,
          acks: 'all',
          records: Array.from({ length: n }, (_, i) => ({
            key: `k${from + i}`,
            value: `v${from + i}`,
          })),
        })
        if (!result.ok) throw new Error(result.error.message)
      }
    }
  }
  engine.advanceBy(2000)
  return engine
}

/** Advances until `done` holds (checked every `stepMs`), or throws after `maxMs`. */
export function advanceUntil(
  engine: Engine,
  done: () => boolean,
  maxMs = 120_000,
  stepMs = 10,
): number {
  const start = engine.nowMs()
  while (!done()) {
    if (engine.nowMs() - start > maxMs) throw new Error(`condition not met within ${maxMs} ms`)
    engine.advanceBy(stepMs)
  }
  return engine.nowMs()
}

/** The group is Stable with `members` members, and every running consumer of it knows so. */
export function groupStable(engine: Engine, groupId: string, members: number): () => boolean {
  return () => {
    const group = engine.view().consumerGroups.groups.find((g) => g.groupId === groupId)
    const consumers = engine.view().consumerGroups.consumers.filter((c) => c.groupId === groupId)
    return (
      group?.state === 'Stable' &&
      group.members.length === members &&
      consumers.every((c) => c.status !== 'running' || c.memberState === 'STABLE')
    )
  }
}

/** Advances in 10 ms steps until `done` holds and returns the events on the way. */
export function eventsUntil(engine: Engine, done: () => boolean, maxMs = 120_000): SimEvent[] {
  const events: SimEvent[] = []
  const start = engine.nowMs()
  while (!done()) {
    if (engine.nowMs() - start > maxMs) throw new Error(`condition not met within ${maxMs} ms`)
    events.push(...engine.advanceBy(10))
  }
  return events
}
