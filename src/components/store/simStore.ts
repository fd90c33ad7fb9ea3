/**
 * simStore: a read-only mirror of the engine, updated only by frames (app/wiring calls
 * `applyFrame`). No component changes the cluster here; they send commands to the engine and the
 * engine's next frame updates this store.
 */
import { createStore } from 'zustand/vanilla'
import type { ClusterView, Frame, KafkaError, SimEvent } from '../../engine'
import { shareUnchanged } from './shareUnchanged'

/** The event log keeps this many recent events. */
export const RECENT_EVENTS_MAX = 500

export interface SimState {
  status: 'booting' | 'ready' | 'failed'
  engineKind: 'worker' | 'in-process' | null
  seed: number | null
  nowMs: number
  maxMs: number
  view: ClusterView | null
  events: readonly SimEvent[]
  /** Why the engine stopped or refused to start, shown to the learner. */
  failure: string | null
  /** Informational note from the engine (e.g. a replay from another engine version). */
  notice: string | null
  /** The last command the engine refused, with Kafka's error name; cleared by the next frame. */
  rejection: KafkaError | null
  /** Where the run's bytes live (OPFS or memory, and why), restored-run report; from frames. */
  storage: StorageStatus | null
}

/** `Frame.storage`: OPFS or memory, the notice to show, and how a reload restored the run. */
export type StorageStatus = NonNullable<Frame['storage']>

export function createSimStore() {
  return createStore<SimState>()(() => ({
    status: 'booting',
    engineKind: null,
    seed: null,
    nowMs: 0,
    maxMs: 0,
    view: null,
    events: [],
    failure: null,
    notice: null,
    rejection: null,
    storage: null,
  }))
}

export type SimStore = ReturnType<typeof createSimStore>

export function applyFrame(store: SimStore, frame: Frame): void {
  store.setState((prev) => {
    const kept =
      frame.eventsSinceSeq === null
        ? prev.events
        : prev.events.filter((e) => e.seq < frame.eventsSinceSeq!)
    // Keep the same array when nothing changed (structural sharing); a seek to 0 empties it.
    const unchanged = kept.length === prev.events.length && frame.events.length === 0
    const events = unchanged ? prev.events : [...kept, ...frame.events]
    return {
      status: 'ready',
      seed: frame.seed,
      nowMs: frame.nowMs,
      maxMs: frame.maxMs,
      view: prev.view === null ? frame.view : shareUnchanged(prev.view, frame.view),
      events: events.length > RECENT_EVENTS_MAX ? events.slice(-RECENT_EVENTS_MAX) : events,
      notice: frame.notice ?? prev.notice,
      rejection: frame.events.length > 0 ? null : prev.rejection,
      storage: frame.storage ?? prev.storage,
    }
  })
}

export function markEngineReady(store: SimStore, engineKind: 'worker' | 'in-process'): void {
  store.setState({ engineKind })
}

export function markFailed(store: SimStore, failure: string): void {
  store.setState({ status: 'failed', failure })
}

export function markRejected(store: SimStore, rejection: KafkaError): void {
  store.setState({ rejection })
}
