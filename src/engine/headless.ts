/**
 * The engine without a UI: for tests, benchmarks and scripts in Node (and, later, the sandbox's
 * script console). It wraps a timeline with Kafka-flavoured verbs. See docs/engine-api.md.
 */
import type { CommandResult } from './core/applyCommand'
import type { SimEvent } from './core/events'
import { exportReplay, type ReplayFile } from './core/replay'
import { STANDARD_SCENARIO, type ScenarioConfig } from './core/scenario'
import { createTimeline, type SeekResult, type Timeline } from './core/timeline'
import type { BrokerId, CrashMode } from './core/types'
import type { ClusterView } from './core/view'
import type { SegmentStore } from './storage/segmentStore'

export interface EngineOptions {
  seed?: number
  scenario?: ScenarioConfig
  store?: SegmentStore | null
}

export interface Engine {
  readonly timeline: Timeline
  nowMs(): number
  view(): ClusterView
  advanceBy(ms: number): SimEvent[]
  advanceTo(ms: number): SimEvent[]
  seek(ms: number): SeekResult
  crashBroker(brokerId: BrokerId, mode?: CrashMode): CommandResult
  restartBroker(brokerId: BrokerId): CommandResult
  isolateBroker(brokerId: BrokerId): CommandResult
  healNetwork(): CommandResult
  exportReplay(): ReplayFile
}

export function createEngine(options: EngineOptions = {}): Engine {
  const timeline = createTimeline({
    seed: options.seed ?? 1,
    scenario: options.scenario ?? STANDARD_SCENARIO,
    store: options.store ?? null,
  })
  return fromTimeline(timeline)
}

/** Wraps an existing timeline (e.g. one rebuilt from a replay file). */
export function fromTimeline(timeline: Timeline): Engine {
  return {
    timeline,
    nowMs: () => timeline.nowMs(),
    view: () => timeline.view(),
    advanceBy: (ms) => timeline.advanceTo(timeline.nowMs() + ms),
    advanceTo: (ms) => timeline.advanceTo(ms),
    seek: (ms) => timeline.seek(ms),
    crashBroker: (brokerId, mode = 'process') =>
      timeline.dispatch({ type: 'crashBroker', brokerId, mode }),
    restartBroker: (brokerId) => timeline.dispatch({ type: 'restartBroker', brokerId }),
    isolateBroker: (brokerId) => timeline.dispatch({ type: 'isolateBroker', brokerId }),
    healNetwork: () => timeline.dispatch({ type: 'healNetwork' }),
    exportReplay: () => exportReplay(timeline),
  }
}

/** Runs a fresh simulation to `untilMs` in steps of `stepMs` and collects every event. */
export function runTrace(
  seed: number,
  scenario: ScenarioConfig,
  untilMs: number,
  stepMs: number,
): { events: SimEvent[]; view: ClusterView } {
  const timeline = createTimeline({ seed, scenario })
  const events: SimEvent[] = [...timeline.initialEvents()]
  for (let t = Math.min(stepMs, untilMs); ; t = Math.min(t + stepMs, untilMs)) {
    events.push(...timeline.advanceTo(t))
    if (t === untilMs) break
  }
  return { events, view: timeline.view() }
}
