/**
 * The typed boundary between the main thread and the engine: commands in (imperative verbs),
 * replies out (past-tense facts or whole frames). Every request carries an `id` and gets exactly
 * one reply with the same `replyTo`, so the player can keep exactly one request in flight.
 */
import type { ClusterCommand } from './core/commands'
import type { KafkaError } from './core/errors'
import type { SimEvent } from './core/events'
import type { ReplayFile } from './core/replay'
import type { ScenarioConfig } from './core/scenario'
import type { BrokerPageEvents } from './core/timeline'
import type { BatchHeaderView, ClusterView, ConfigsView } from './core/view'
import type { StorageStatus } from './storage/storageStatus'

/**
 * Bumped whenever a message shape changes; the host refuses a client of another version.
 * 2: `init` names its simulation and may resume it; frames carry `storage`.
 */
export const PROTOCOL_VERSION = 2

export type EngineRequestBody =
  | { type: 'hello'; protocolVersion: number }
  | {
      type: 'init'
      seed: number
      scenario: ScenarioConfig
      /**
       * The simulation whose OPFS directory holds this run (default 'sandbox'). A new run empties
       * it; only one tab at a time may use it (the others run in memory with a notice).
       */
      simulationId?: string
      /** Restore the run saved for this simulation when it has this seed and scenario (reload). */
      resume?: boolean
      /** 'memory' skips OPFS as if it were missing (`?storage=memory`: tests and diagnosis). */
      storage?: 'auto' | 'memory'
    }
  | { type: 'advanceTo'; targetMs: number }
  | { type: 'seek'; targetMs: number }
  | { type: 'dispatch'; command: ClusterCommand }
  | { type: 'exportReplay' }
  | { type: 'importReplay'; replay: unknown }
  /** Reads what frames leave out, at the current time (the inspector, the config panel). */
  | { type: 'describe'; query: DescribeQuery }
  /** Runs a fresh, separate simulation and fingerprints it (determinism checks across runtimes). */
  | { type: 'traceHash'; seed: number; scenario: ScenarioConfig; untilMs: number; stepMs: number }

export type DescribeQuery =
  { kind: 'batches'; brokerId: number; partitionKey: string } | { kind: 'configs' }

export type DescribeResult =
  { kind: 'batches'; batches: BatchHeaderView[] } | { kind: 'configs'; configs: ConfigsView }

export type EngineRequest = EngineRequestBody & { id: number }
export type EngineRequestType = EngineRequestBody['type']

export interface Frame {
  type: 'frame'
  nowMs: number
  maxMs: number
  seed: number
  view: ClusterView
  events: SimEvent[]
  /** Set after a seek: the mirror drops the events it holds numbered from here, then appends. */
  eventsSinceSeq: number | null
  /** A replayed run may carry a note (e.g. recorded by another engine version). */
  notice: string | null
  /** Where the run's bytes live and why not on disk; absent from hosts without storage (tests). */
  storage?: StorageStatus
  /** The brokers' page-cache events since the previous frame, bounded per broker. */
  pageEvents?: BrokerPageEvents[]
}

export type EngineReplyBody =
  | { type: 'ready'; protocolVersion: number; engineVersion: string }
  | Frame
  | { type: 'replayExported'; replay: ReplayFile }
  | { type: 'traceHashed'; hash: string; eventCount: number }
  | { type: 'described'; result: DescribeResult }
  /** The request was refused; nothing changed. Kafka-level mistakes carry Kafka's error name. */
  | { type: 'rejected'; error: KafkaError }
  /** The engine itself failed (an invariant broke); the run is stopped and can be replayed. */
  | { type: 'failed'; message: string; seed: number | null }

export type EngineReply = EngineReplyBody & { replyTo: number }

/** What postMessage needs; a Worker, a worker's `self` and a MessagePort all satisfy it. */
export interface Endpoint {
  postMessage(message: unknown): void
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void
  removeEventListener(type: 'message', listener: (event: MessageEvent) => void): void
  start?: () => void
}
