/**
 * The engine host: the only stateful shell around the pure core. It speaks the protocol over any
 * Endpoint (a Worker's `self`, a MessagePort, ...) and answers every request with exactly one
 * reply. It never throws across the boundary: bad input is `rejected`, engine bugs are `failed`.
 */
import { assertNever } from './core/assert'
import { simError } from './core/errors'
import { exportReplay, importReplay } from './core/replay'
import { parseScenario } from './core/scenario'
import { createTimeline, type Timeline } from './core/timeline'
import { traceHash } from './core/traceHash'
import { ENGINE_VERSION } from './core/version'
import { runTrace } from './headless'
import {
  PROTOCOL_VERSION,
  type EngineReplyBody,
  type EngineRequest,
  type Endpoint,
  type Frame,
} from './protocol'
import type { SimEvent } from './core/events'
import type { SegmentStore } from './storage/segmentStore'

/** Longest single advance or seek target: 24 simulated hours. */
const TIME_MS_MAX = 24 * 3_600_000
/** Longest trace a `traceHash` request may run. */
const TRACE_MS_MAX = 3_600_000

export interface EngineHostOptions {
  /** Makes the store the timeline keeps partition bytes in (OPFS in a worker, memory elsewhere). */
  createStore?: () => SegmentStore | null
}

export function createEngineHost(endpoint: Endpoint, options: EngineHostOptions = {}) {
  let timeline: Timeline | null = null
  let failed = false

  const frame = (
    events: SimEvent[],
    eventsSinceSeq: number | null,
    notice: string | null = null,
  ): Frame => {
    const t = timeline!
    return {
      type: 'frame',
      nowMs: t.nowMs(),
      maxMs: t.maxMs(),
      seed: t.seed,
      view: t.view(),
      events,
      eventsSinceSeq,
      notice,
    }
  }

  const reject = (
    message: string,
    name: 'INVALID_COMMAND' | 'NOT_INITIALIZED' = 'INVALID_COMMAND',
  ): EngineReplyBody => ({
    type: 'rejected',
    error: simError(name, message),
  })

  const isTime = (ms: unknown): ms is number =>
    typeof ms === 'number' && Number.isInteger(ms) && ms >= 0 && ms <= TIME_MS_MAX

  const handle = (request: EngineRequest): EngineReplyBody => {
    if (request.type === 'hello') {
      return request.protocolVersion === PROTOCOL_VERSION
        ? { type: 'ready', protocolVersion: PROTOCOL_VERSION, engineVersion: ENGINE_VERSION }
        : reject(
            `The app speaks protocol ${request.protocolVersion}; this engine speaks ${PROTOCOL_VERSION}. Reload the page.`,
          )
    }
    if (request.type === 'init') {
      const scenario = parseScenario(request.scenario)
      if (!scenario.ok) return { type: 'rejected', error: scenario.error }
      if (!Number.isInteger(request.seed) || request.seed < 0 || request.seed > 0xffff_ffff) {
        return reject('The seed must be an integer from 0 to 4294967295.')
      }
      timeline = createTimeline({
        seed: request.seed,
        scenario: scenario.value,
        store: options.createStore?.() ?? null,
      })
      failed = false
      return frame([...timeline.initialEvents()], 0)
    }
    if (request.type === 'traceHash') {
      const scenario = parseScenario(request.scenario)
      if (!scenario.ok) return { type: 'rejected', error: scenario.error }
      if (
        !isTime(request.untilMs) ||
        request.untilMs > TRACE_MS_MAX ||
        !isTime(request.stepMs) ||
        request.stepMs < 1
      ) {
        return reject('untilMs must be within one hour and stepMs at least 1.')
      }
      const trace = runTrace(request.seed, scenario.value, request.untilMs, request.stepMs)
      return {
        type: 'traceHashed',
        hash: traceHash(trace.events, trace.view),
        eventCount: trace.events.length,
      }
    }
    if (request.type === 'importReplay') {
      const result = importReplay(request.replay, options.createStore?.() ?? null)
      if (!result.ok) return { type: 'rejected', error: result.error }
      timeline = result.timeline
      failed = false
      return frame([], 0, result.warning)
    }
    if (timeline === null) return reject('Send init first.', 'NOT_INITIALIZED')
    if (failed)
      return reject('The run stopped after an engine failure; start a new one.', 'NOT_INITIALIZED')
    switch (request.type) {
      case 'advanceTo':
        if (!isTime(request.targetMs))
          return reject('targetMs must be a whole number of milliseconds within 24 hours.')
        if (request.targetMs < timeline.nowMs())
          return reject('advanceTo only moves forward; use seek to go back.')
        return frame(timeline.advanceTo(request.targetMs), null)
      case 'seek': {
        if (!isTime(request.targetMs))
          return reject('targetMs must be a whole number of milliseconds within 24 hours.')
        const result = timeline.seek(request.targetMs)
        return frame(result.events, result.eventsSinceSeq)
      }
      case 'dispatch': {
        // A command issued in the past forks the run; the mirror already dropped the old future's
        // events when it seeked back, so the new events simply follow.
        const result = timeline.dispatch(request.command)
        if (!result.ok) return { type: 'rejected', error: result.error }
        return frame(result.events, null)
      }
      case 'exportReplay':
        return { type: 'replayExported', replay: exportReplay(timeline) }
      default:
        return assertNever(request, 'request')
    }
  }

  const onMessage = (event: MessageEvent) => {
    const request = event.data as EngineRequest
    const replyTo = typeof request?.id === 'number' ? request.id : -1
    let reply: EngineReplyBody
    try {
      reply = handle(request)
    } catch (error) {
      // An exception here is an engine bug (a broken invariant): stop the run, keep the seed.
      failed = true
      reply = {
        type: 'failed',
        message: error instanceof Error ? error.message : String(error),
        seed: timeline?.seed ?? null,
      }
    }
    endpoint.postMessage({ ...reply, replyTo })
  }

  endpoint.addEventListener('message', onMessage)
  endpoint.start?.()
  return {
    dispose: () => endpoint.removeEventListener('message', onMessage),
  }
}
