/**
 * The engine without a UI: for tests, benchmarks and scripts in Node (and, later, the sandbox's
 * script console). It wraps a timeline with Kafka-flavoured verbs. See docs/engine-api.md.
 */
import type { CommandResult } from './core/applyCommand'
import type { SimEvent } from './core/events'
import { exportReplay, type ReplayFile } from './core/replay'
import { STANDARD_SCENARIO, type ScenarioConfig } from './core/scenario'
import { createTimeline, type SeekResult, type Timeline } from './core/timeline'
import type { ClusterCommand } from './core/commands'
import type { TopicSpec } from './core/scenario'
import type { BrokerId, ClientResult, CrashMode, NodeId, ReplicaState } from './core/types'
import type { ClusterView } from './core/view'
import type { SegmentStore } from './storage/segmentStore'
import {
  createProducerHandle,
  type ProducerHandle,
  type ProducerOptions,
} from './core/clients/producer/producerApi'
import {
  createConsumerHandle,
  type ConsumerHandle,
  type ConsumerOptions,
} from './core/clients/consumer/consumerApi'

export interface EngineOptions {
  seed?: number
  scenario?: ScenarioConfig
  store?: SegmentStore | null
  /** How often the timeline checkpoints for seek (default every simulated second). */
  checkpointIntervalMs?: number
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
  cutLink(a: NodeId, b: NodeId): CommandResult
  slowNode(nodeId: NodeId, extraLatencyMs: number): CommandResult
  createTopic(topic: TopicSpec): CommandResult
  /** A raw produce request from `client-1` (to the current leader unless `brokerId` is given). */
  produce(request: {
    topic: string
    partition?: number
    records: { key?: string | null; value: string | null }[]
    acks?: -1 | 0 | 1 | 'all' | number
    timeoutMs?: number
    brokerId?: BrokerId
    producerId?: number
    producerEpoch?: number
    baseSequence?: number
  }): CommandResult
  consumerFetch(request: {
    topic: string
    partition?: number
    fetchOffset: number
    maxBytes?: number
    brokerId?: BrokerId
    isolationLevel?: 'read_uncommitted' | 'read_committed'
  }): CommandResult
  /**
   * A simulated KafkaProducer (`producer-N`) with Kafka configs, KafkaJS-style: see
   * docs/engine-api.md "Producers". Invalid configs: `created` holds the ConfigException.
   */
  producer(
    configs?: Record<string, string | number | boolean | null>,
    options?: ProducerOptions,
  ): ProducerHandle
  /**
   * A simulated KafkaConsumer (`consumer-N`, classic group protocol), KafkaJS-style: see
   * docs/engine-api.md "Consumers". Invalid configs: `created` holds the exception.
   */
  consumer(options?: ConsumerOptions): ConsumerHandle
  /** Admin `deleteRecords`: moves a partition's log start offset forward (at most to its HW). */
  deleteRecords(topic: string, partition: number, beforeOffset: number): CommandResult
  pauseFetcher(brokerId: BrokerId): CommandResult
  resumeFetcher(brokerId: BrokerId): CommandResult
  stepFetcher(brokerId: BrokerId): CommandResult
  dropResponses(brokerId: BrokerId, count: number): CommandResult
  dispatch(command: ClusterCommand): CommandResult
  /** What `client-1` got back, oldest first. */
  clientResults(): readonly ClientResult[]
  /** A broker's replica of a partition (its log, HW, role), or undefined. */
  replica(brokerId: BrokerId, topic: string, partition?: number): ReplicaState | undefined
  exportReplay(): ReplayFile
}

export function createEngine(options: EngineOptions = {}): Engine {
  const timeline = createTimeline({
    seed: options.seed ?? 1,
    scenario: options.scenario ?? STANDARD_SCENARIO,
    store: options.store ?? null,
    ...(options.checkpointIntervalMs !== undefined
      ? { checkpointIntervalMs: options.checkpointIntervalMs }
      : {}),
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
    cutLink: (a, b) => timeline.dispatch({ type: 'cutLink', a, b }),
    slowNode: (nodeId, extraLatencyMs) =>
      timeline.dispatch({ type: 'slowNode', nodeId, extraLatencyMs }),
    createTopic: (topic) => timeline.dispatch({ type: 'createTopic', topic }),
    produce: ({ topic, partition = 0, records, acks = -1, timeoutMs, brokerId, ...idempotence }) =>
      timeline.dispatch({
        ...idempotence,
        type: 'produce',
        topic,
        partition,
        records: records.map((r) => ({ key: r.key ?? null, value: r.value })),
        acks: acks === 'all' ? -1 : acks,
        ...(timeoutMs !== undefined ? { timeoutMs } : {}),
        ...(brokerId !== undefined ? { brokerId } : {}),
      }),
    consumerFetch: ({ topic, partition = 0, fetchOffset, maxBytes, brokerId, isolationLevel }) =>
      timeline.dispatch({
        type: 'consumerFetch',
        topic,
        partition,
        fetchOffset,
        ...(maxBytes !== undefined ? { maxBytes } : {}),
        ...(brokerId !== undefined ? { brokerId } : {}),
        ...(isolationLevel !== undefined ? { isolationLevel } : {}),
      }),
    producer: (configs = {}, options = {}) => createProducerHandle(timeline, configs, options),
    consumer: (options = {}) => createConsumerHandle(timeline, options),
    deleteRecords: (topic, partition, beforeOffset) =>
      timeline.dispatch({ type: 'deleteRecords', topic, partition, beforeOffset }),
    pauseFetcher: (brokerId) => timeline.dispatch({ type: 'pauseFetcher', brokerId }),
    resumeFetcher: (brokerId) => timeline.dispatch({ type: 'resumeFetcher', brokerId }),
    stepFetcher: (brokerId) => timeline.dispatch({ type: 'stepFetcher', brokerId }),
    dropResponses: (brokerId, count) =>
      timeline.dispatch({ type: 'dropResponses', brokerId, count }),
    dispatch: (command) => timeline.dispatch(command),
    clientResults: () => timeline.state().clientResults,
    replica: (brokerId, topic, partition = 0) =>
      timeline.state().brokersById[brokerId]?.replicasByKey[`${topic}-${partition}`],
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
