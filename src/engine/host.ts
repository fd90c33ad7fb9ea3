/**
 * The engine host: the only stateful shell around the pure core. It speaks the protocol over any
 * Endpoint (a Worker's `self`, a MessagePort, ...) and answers every request with exactly one
 * reply, in arrival order. It never throws across the boundary: bad input is `rejected`, engine
 * bugs are `failed`. Nothing is answered before the codecs are ready (zstd's WebAssembly).
 *
 * With `storage` (the worker and the in-process fallback), each run's partition bytes live in its
 * simulation's OPFS directory, the run is saved after every change, and `init { resume: true }`
 * brings a saved run back after a reload (see storage/runStorage.ts).
 */
import { assertNever } from './core/assert'
import { simError } from './core/errors'
import { initCodecs } from './core/log'
import { exportReplay, importReplay } from './core/replay'
import { parseScenario, type ScenarioConfig } from './core/scenario'
import { createTimeline, type Timeline } from './core/timeline'
import { traceHash } from './core/traceHash'
import { ENGINE_VERSION } from './core/version'
import { describeConfigs, describeReplicaBatches } from './core/view'
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
import { rebuildSavedRun } from './storage/restoreRun'
import type { SavedRun } from './storage/runRecord'
import type { RunStorage } from './storage/runStorage'
import { DEFAULT_SIMULATION_ID, isSimulationId } from './storage/storageStatus'

/** Longest single advance or seek target: 24 simulated hours. */
const TIME_MS_MAX = 24 * 3_600_000
/** Longest trace a `traceHash` request may run. */
const TRACE_MS_MAX = 3_600_000

export interface EngineHostOptions {
  /** Makes the store a timeline keeps partition bytes in, without `storage` (tests). */
  createStore?: () => SegmentStore | null
  /** Gives each run its store, saves runs and restores them (OPFS in a worker). */
  storage?: RunStorage
  /** Awaited before the first reply; default `initCodecs()`. */
  ready?: Promise<void>
}

export function createEngineHost(endpoint: Endpoint, options: EngineHostOptions = {}) {
  let timeline: Timeline | null = null
  let failed = false
  const storage = options.storage ?? null
  const ready = options.ready ?? initCodecs()
  /** The last init's `storage: 'memory'`, kept for imported runs. */
  let memoryOnly = false

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
      pageEvents: t.takePageEvents(),
      ...(storage === null ? {} : { storage: storage.status() }),
    }
  }

  const reject = (
    message: string,
    name: 'INVALID_COMMAND' | 'NOT_INITIALIZED' = 'INVALID_COMMAND',
  ): EngineReplyBody => ({
    type: 'rejected',
    error: simError(name, message),
  })

  /** Saves the run after a request changed it, then answers with the frame. */
  const saved = (reply: Frame, durable: boolean): Frame => {
    if (storage !== null && timeline !== null) {
      storage.save(timeline, durable)
      // Saving may have moved the store to memory (a full disk): say so in this very frame.
      reply.storage = storage.status()
    }
    return reply
  }

  const isTime = (ms: unknown): ms is number =>
    typeof ms === 'number' && Number.isInteger(ms) && ms >= 0 && ms <= TIME_MS_MAX

  const handle = async (request: EngineRequest): Promise<EngineReplyBody> => {
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
      const simulationId = request.simulationId ?? DEFAULT_SIMULATION_ID
      if (!isSimulationId(simulationId)) {
        return reject('simulationId must be 1-64 letters, digits, ".", "_" or "-".')
      }
      if (storage === null) {
        timeline = createTimeline({
          seed: request.seed,
          scenario: scenario.value,
          store: options.createStore?.() ?? null,
        })
        failed = false
        return frame([...timeline.initialEvents()], 0)
      }
      memoryOnly = request.storage === 'memory'
      const begin = (resume: boolean) => storage.begin({ simulationId, resume, memoryOnly })
      let begun = await begin(request.resume === true)
      let notice: string | null = null
      timeline = null
      failed = false
      if (begun.saved !== null && sameRun(begun.saved, request.seed, scenario.value)) {
        let restored: ReturnType<typeof rebuildSavedRun>
        try {
          restored = rebuildSavedRun(begun.saved, begun.store)
        } catch (error) {
          // A saved run that breaks the engine must not break every reload after it.
          const message = error instanceof Error ? error.message : String(error)
          restored = { ok: false, error: simError('INVALID_REPLAY', message) }
        }
        if (restored.ok) {
          timeline = restored.timeline
          storage.finishRestore({
            nowMs: timeline.nowMs(),
            maxMs: timeline.maxMs(),
            commands: timeline.commands().length,
          })
          storage.save(timeline, true)
          return frame(restored.events, 0, restored.warning)
        }
        // The saved run no longer applies (another engine version): a new run replaces it.
        notice = `The saved run could not be restored: ${restored.error.message}`
        begun = await begin(false)
      }
      timeline = createTimeline({
        seed: request.seed,
        scenario: scenario.value,
        store: begun.store,
      })
      storage.save(timeline, true)
      return frame([...timeline.initialEvents()], 0, notice)
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
      if (storage === null) {
        const result = importReplay(request.replay, options.createStore?.() ?? null)
        if (!result.ok) return { type: 'rejected', error: result.error }
        timeline = result.timeline
        failed = false
        return frame([], 0, result.warning)
      }
      // Checked in memory first: a refused file must leave the open run (and its files) alone.
      const checked = importReplay(request.replay)
      if (!checked.ok) return { type: 'rejected', error: checked.error }
      const simulationId = storage.status().simulationId || DEFAULT_SIMULATION_ID
      timeline = null
      const begun = await storage.begin({ simulationId, resume: false, memoryOnly })
      const result = importReplay(request.replay, begun.store)
      if (!result.ok) return { type: 'rejected', error: result.error }
      timeline = result.timeline
      failed = false
      storage.save(timeline, true)
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
        return saved(frame(timeline.advanceTo(request.targetMs), null), false)
      case 'seek': {
        if (!isTime(request.targetMs))
          return reject('targetMs must be a whole number of milliseconds within 24 hours.')
        const result = timeline.seek(request.targetMs)
        return saved(frame(result.events, result.eventsSinceSeq), false)
      }
      case 'dispatch': {
        // A command issued in the past forks the run; the mirror already dropped the old future's
        // events when it seeked back, so the new events simply follow.
        const result = timeline.dispatch(request.command)
        if (!result.ok) return { type: 'rejected', error: result.error }
        return saved(frame(result.events, null), true)
      }
      case 'exportReplay':
        return { type: 'replayExported', replay: exportReplay(timeline) }
      case 'describe': {
        const query = request.query
        if (query?.kind === 'configs')
          return {
            type: 'described',
            result: { kind: 'configs', configs: describeConfigs(timeline.state()) },
          }
        if (query?.kind === 'batches' && typeof query.partitionKey === 'string') {
          const batches = describeReplicaBatches(
            timeline.state(),
            timeline.env(),
            query.brokerId,
            query.partitionKey,
          )
          return { type: 'described', result: { kind: 'batches', batches } }
        }
        return reject('describe needs a query: configs, or batches of a broker and partition.')
      }
      default:
        return assertNever(request, 'request')
    }
  }

  const answer = async (request: EngineRequest): Promise<void> => {
    const replyTo = typeof request?.id === 'number' ? request.id : -1
    let reply: EngineReplyBody
    try {
      await ready
      reply = await handle(request)
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

  // One request at a time, in arrival order: `init` may wait for the disk, and a request sent
  // meanwhile must see the new run.
  let queue: Promise<void> = Promise.resolve()
  const onMessage = (event: MessageEvent) => {
    const request = event.data as EngineRequest
    queue = queue.then(() => answer(request))
  }

  endpoint.addEventListener('message', onMessage)
  endpoint.start?.()
  return {
    dispose: () => endpoint.removeEventListener('message', onMessage),
  }
}

/** The saved run is this seed and scenario (compared after both went through the schema). */
function sameRun(saved: SavedRun, seed: number, scenario: ScenarioConfig): boolean {
  if (saved.replay.seed !== seed) return false
  const savedScenario = parseScenario(saved.replay.scenario)
  return savedScenario.ok && JSON.stringify(savedScenario.value) === JSON.stringify(scenario)
}
