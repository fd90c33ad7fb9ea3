/**
 * `window.__kafkaSim`: a typed handle for browser tests (installed in dev builds and with `?e2e=1`).
 * It reads the mirror and drives playback the same way the UI does; it never bypasses the engine.
 */
import type { Actor } from 'xstate'
import type { ClusterView, ScenarioConfig } from '../src/engine'
import type { SimStore } from '../src/components/store/simStore'
import type { playbackMachine } from '../src/lessons/playbackMachine'
import type { WiredEngine } from './wiring/wireEngine'

export interface EndToEndApi {
  state(): {
    nowMs: number
    maxMs: number
    view: ClusterView | null
    eventCount: number
    engineKind: string | null
  }
  play(): void
  pause(): void
  /** Seeks and resolves once the frame for that time has arrived. */
  seekTo(ms: number): Promise<void>
  /** Advances (paused) and resolves once the frame for that time has arrived. */
  advanceTo(ms: number): Promise<void>
  /** Fingerprint of a fresh run computed inside the engine (the worker when there is one). */
  traceHash(
    seed: number,
    scenario: ScenarioConfig,
    untilMs: number,
    stepMs: number,
  ): Promise<string>
}

declare global {
  interface Window {
    __kafkaSim?: EndToEndApi
  }
}

function whenAt(store: SimStore, ms: number): Promise<void> {
  return new Promise((resolve) => {
    if (store.getState().nowMs === ms) return resolve()
    const unsubscribe = store.subscribe((s) => {
      if (s.nowMs === ms) {
        unsubscribe()
        resolve()
      }
    })
  })
}

export function installTestHooks(
  simStore: SimStore,
  playback: Actor<typeof playbackMachine>,
  engine: WiredEngine,
) {
  window.__kafkaSim = {
    state: () => {
      const s = simStore.getState()
      return {
        nowMs: s.nowMs,
        maxMs: s.maxMs,
        view: s.view,
        eventCount: s.events.length,
        engineKind: s.engineKind,
      }
    },
    play: () => playback.send({ type: 'PLAY' }),
    pause: () => playback.send({ type: 'PAUSE' }),
    seekTo: (ms) => {
      playback.send({ type: 'SCRUB', targetMs: ms })
      return whenAt(simStore, ms)
    },
    advanceTo: async (ms) => {
      playback.send({ type: 'PAUSE' })
      const reply = await engine.request({ type: 'advanceTo', targetMs: ms })
      if (reply.type !== 'frame') throw new Error(`advanceTo refused: ${JSON.stringify(reply)}`)
    },
    traceHash: async (seed, scenario, untilMs, stepMs) => {
      const reply = await engine.client.request({
        type: 'traceHash',
        seed,
        scenario,
        untilMs,
        stepMs,
      })
      if (reply.type !== 'traceHashed')
        throw new Error(`traceHash refused: ${JSON.stringify(reply)}`)
      return reply.hash
    },
  }
}
