/**
 * Playback: paused / playing, step forward and back, speed, scrubbing. The machine owns the
 * learner's control of time, never the cluster: it emits `request`s (advanceTo / seek) that
 * app/wiring forwards to the engine, and hears back `FRAME`s. At most one request is in flight;
 * a seek asked for meanwhile waits and the newest one wins. While playing, a requestAnimationFrame
 * ticker converts wall time into simulated time at the chosen speed; gaps of 500 ms or more (a
 * hidden tab) are skipped rather than replayed in one jump, as RaftScope does.
 */
import { assign, enqueueActions, fromCallback, setup } from 'xstate'

export const SPEEDS = [0.1, 0.25, 0.5, 1, 2, 5, 10, 100] as const
export type Speed = (typeof SPEEDS)[number]

export type PlaybackRequest =
  { type: 'advanceTo'; targetMs: number } | { type: 'seek'; targetMs: number }

/** A wall-clock gap at least this long is treated as a pause (hidden tab, debugger). */
export const WALL_GAP_MS_MAX = 500
/** Step forward with nothing scheduled moves this far. */
export const STEP_IDLE_MS = 100

export interface PlaybackContext {
  nowMs: number
  maxMs: number
  nextDueMs: number | null
  speed: Speed
  inFlight: boolean
  /** Simulated milliseconds the clock owes the engine since the last advance. */
  owedMs: number
  lastWallMs: number | null
  queued: PlaybackRequest | null
}

export type PlaybackEvent =
  | { type: 'PLAY' }
  | { type: 'PAUSE' }
  | { type: 'TOGGLE' }
  | { type: 'STEP_FORWARD' }
  | { type: 'STEP_BACK'; targetMs: number }
  | { type: 'SCRUB'; targetMs: number }
  | { type: 'SET_SPEED'; speed: Speed }
  | { type: 'TICK'; wallMs: number }
  | { type: 'FRAME'; nowMs: number; maxMs: number; nextDueMs: number | null }
  /** A frame answering someone else's request (a cluster command): position only, no credit. */
  | { type: 'SYNC'; nowMs: number; maxMs: number; nextDueMs: number | null }
  | { type: 'REJECTED' }

export type PlaybackEmitted = { type: 'request'; request: PlaybackRequest }

/** Calls back on every animation frame with its timestamp; stops when the actor stops. */
export const animationFrameTicker = fromCallback<PlaybackEvent>(({ sendBack }) => {
  let handle = requestAnimationFrame(function loop(wallMs) {
    sendBack({ type: 'TICK', wallMs })
    handle = requestAnimationFrame(loop)
  })
  return () => cancelAnimationFrame(handle)
})

export const playbackMachine = setup({
  types: {
    context: {} as PlaybackContext,
    events: {} as PlaybackEvent,
    emitted: {} as PlaybackEmitted,
    input: {} as { speed?: Speed } | undefined,
  },
  actors: { ticker: animationFrameTicker },
  actions: {
    // Sends now if nothing is in flight; otherwise keeps only the newest seek for later.
    request: enqueueActions(({ context, enqueue }, request: PlaybackRequest) => {
      if (context.inFlight) {
        enqueue.assign({ queued: request })
        return
      }
      enqueue.assign({ inFlight: true, owedMs: 0 })
      enqueue.emit({ type: 'request', request })
    }),
    tick: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'TICK') return
      const deltaMs = context.lastWallMs === null ? 0 : event.wallMs - context.lastWallMs
      const usableMs = deltaMs > 0 && deltaMs < WALL_GAP_MS_MAX ? deltaMs : 0
      // Cap the debt so a slow engine at high speed never spirals into ever-larger requests.
      const capMs = Math.max(1, context.speed * WALL_GAP_MS_MAX)
      const owedMs = Math.min(capMs, context.owedMs + usableMs * context.speed)
      enqueue.assign({ lastWallMs: event.wallMs, owedMs })
      const wholeMs = Math.floor(owedMs)
      if (context.inFlight || context.queued !== null || wholeMs < 1) return
      enqueue.assign({ inFlight: true, owedMs: owedMs - wholeMs })
      enqueue.emit({
        type: 'request',
        request: { type: 'advanceTo', targetMs: context.nowMs + wholeMs },
      })
    }),
    receiveFrame: enqueueActions(({ context, event, enqueue }) => {
      if (event.type !== 'FRAME' && event.type !== 'REJECTED') return
      if (event.type === 'FRAME') {
        enqueue.assign({ nowMs: event.nowMs, maxMs: event.maxMs, nextDueMs: event.nextDueMs })
      }
      if (context.queued !== null) {
        enqueue.assign({ queued: null, inFlight: true })
        enqueue.emit({ type: 'request', request: context.queued })
      } else {
        enqueue.assign({ inFlight: false })
      }
    }),
    resetWallClock: assign({ lastWallMs: null, owedMs: 0 }),
  },
}).createMachine({
  id: 'playback',
  context: ({ input }) => ({
    nowMs: 0,
    maxMs: 0,
    nextDueMs: null,
    speed: input?.speed ?? 1,
    inFlight: false,
    owedMs: 0,
    lastWallMs: null,
    queued: null,
  }),
  initial: 'paused',
  on: {
    FRAME: { actions: 'receiveFrame' },
    REJECTED: { actions: 'receiveFrame' },
    SYNC: {
      actions: assign({
        nowMs: ({ event }) => event.nowMs,
        maxMs: ({ event }) => event.maxMs,
        nextDueMs: ({ event }) => event.nextDueMs,
      }),
    },
    SET_SPEED: { actions: assign({ speed: ({ event }) => event.speed }) },
    SCRUB: {
      actions: {
        type: 'request',
        params: ({ event }) => ({
          type: 'seek',
          targetMs: Math.max(0, Math.round(event.targetMs)),
        }),
      },
    },
  },
  states: {
    paused: {
      on: {
        PLAY: 'playing',
        TOGGLE: 'playing',
        STEP_FORWARD: {
          actions: {
            type: 'request',
            params: ({ context }) => ({
              type: 'advanceTo',
              targetMs:
                context.nextDueMs !== null && context.nextDueMs > context.nowMs
                  ? context.nextDueMs
                  : context.nowMs + STEP_IDLE_MS,
            }),
          },
        },
        STEP_BACK: {
          actions: {
            type: 'request',
            params: ({ event }) => ({ type: 'seek', targetMs: Math.max(0, event.targetMs) }),
          },
        },
      },
    },
    playing: {
      entry: 'resetWallClock',
      invoke: { src: 'ticker' },
      on: {
        TICK: { actions: 'tick' },
        PAUSE: 'paused',
        TOGGLE: 'paused',
        // Stepping is a paused activity: the first press pauses, the next ones step.
        STEP_FORWARD: 'paused',
        STEP_BACK: 'paused',
      },
    },
  },
})
