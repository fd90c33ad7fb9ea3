/**
 * A run = seed + scenario + command log. The timeline owns the live state and makes time travel
 * cheap: it checkpoints the state every `checkpointIntervalMs` of simulated time; `seek(t)`
 * restores the nearest checkpoint at or before t and replays the log up to t, which equals a fresh
 * run to t because the core is deterministic. A command issued while scrubbed back forks the run:
 * the recorded future is dropped (RaftScope's state.js does the same).
 */
import { advanceTo as advanceCore } from './advanceTo'
import { applyCommand, checkCommand, type CommandResult } from './applyCommand'
import { assert } from './assert'
import { clusterCommandSchema, type ClusterCommand, type RecordedCommand } from './commands'
import { createCluster } from './createCluster'
import { clonePlain } from './plainClone'
import { simError } from './errors'
import type { SimEvent } from './events'
import {
  checkpointPageCache,
  pageCacheCheckpointBytes,
  restorePageCache,
  takePageEvents,
  type PageCacheCheckpoint,
  type PageEvent,
} from './pageCache'
import { describeZodError, type ScenarioConfig } from './scenario'
import type { ClusterState } from './types'
import { toClusterView, type ClusterView } from './view'
import { MemorySegmentStore } from '../storage/memorySegmentStore'
import type { SegmentStore, StoreSnapshot } from '../storage/segmentStore'
import type { Env } from './env'

export const CHECKPOINT_INTERVAL_MS = 1_000
/**
 * Checkpoints hold a copy of the whole state (a few hundred KB to a few MB with busy brokers),
 * so their number and their estimated memory are bounded; past either bound they are thinned and
 * taken less often.
 */
export const CHECKPOINTS_MAX = 240
export const CHECKPOINTS_BYTES_MAX = 96 * 1024 * 1024
/** A seek forward by at most this much simply advances (the mirror then sees every event). */
const SEEK_FORWARD_ADVANCE_MS = 2 * CHECKPOINT_INTERVAL_MS
export const COMMANDS_MAX = 100_000

interface Checkpoint {
  nowMs: number
  appliedCount: number
  /** The state without its brokers' page caches, which `pageCaches` holds in a cheaper form. */
  state: ClusterState
  pageCaches: Record<string, PageCacheCheckpoint>
  storeSnapshot: StoreSnapshot | null
  /** Roughly how much memory the checkpoint holds (`clonePlain`'s meter and the page caches). */
  bytes: number
}

/**
 * A checkpoint's copy of the state. `clonePlain` copies everything but the page caches, which
 * are detached for that moment and copied by `checkpointPageCache` (a busy cache is most of the
 * cost of a clone).
 */
function captureState(state: ClusterState): Pick<Checkpoint, 'state' | 'pageCaches' | 'bytes'> {
  const brokers = Object.entries(state.brokersById)
  const pageCaches: Record<string, PageCacheCheckpoint> = {}
  const meter = { bytes: 0 }
  for (const [id, broker] of brokers) {
    pageCaches[id] = checkpointPageCache(broker.pageCache)
    meter.bytes += pageCacheCheckpointBytes(pageCaches[id])
  }
  const live = brokers.map(([, broker]) => broker.pageCache)
  try {
    for (const [, broker] of brokers) (broker as { pageCache: unknown }).pageCache = null
    const copy = clonePlain(state, meter)
    return { state: copy, pageCaches, bytes: meter.bytes }
  } finally {
    brokers.forEach(([, broker], i) => (broker.pageCache = live[i]!))
  }
}

/** A live state equal to the captured one; the checkpoint stays reusable. */
function restoreState(checkpoint: Checkpoint): ClusterState {
  const state = clonePlain(checkpoint.state)
  for (const [id, broker] of Object.entries(state.brokersById))
    broker.pageCache = restorePageCache(checkpoint.pageCaches[id]!)
  return state
}

export interface TimelineOptions {
  seed: number
  scenario: ScenarioConfig
  /** Where partition logs keep their bytes; restored with every checkpoint. */
  store?: SegmentStore | null
  checkpointIntervalMs?: number
}

/** A broker's page-cache events since the last frame (at most PAGE_EVENTS_PER_FRAME_MAX). */
export interface BrokerPageEvents {
  brokerId: number
  events: PageEvent[]
}

export interface SeekResult {
  /** Events from the restored checkpoint up to the target time. */
  events: SimEvent[]
  /** Events numbered from here on were recomputed; a mirror drops what it had from here. */
  eventsSinceSeq: number
}

export interface Timeline {
  readonly seed: number
  readonly scenario: ScenarioConfig
  /** The live state; read it, never change it (commands go through `dispatch`). */
  state(): ClusterState
  /** The store holding the partition logs' bytes. */
  env(): Env
  nowMs(): number
  /** The furthest simulated time this run has reached (the scrubber's end). */
  maxMs(): number
  view(): ClusterView
  /** Events of the cluster's creation at time 0 (brokers starting). */
  initialEvents(): readonly SimEvent[]
  commands(): readonly RecordedCommand[]
  /** Moves forward, applying recorded commands that fall due (after a seek back). */
  advanceTo(targetMs: number): SimEvent[]
  seek(targetMs: number): SeekResult
  /** Validates, applies and records a command at the current time; forks when scrubbed back. */
  dispatch(command: unknown): CommandResult
  /** When the checkpoints kept for `seek` were taken, oldest first (diagnostics and tests). */
  checkpointTimes(): number[]
  /**
   * Hands over the brokers' page-cache events gathered since the last call (hits, misses,
   * read-ahead, dirtying, write-back, eviction) and forgets them: the host sends them with each
   * frame. They are an observation, not part of the run: they never change what happens next.
   */
  takePageEvents(): BrokerPageEvents[]
}

export function createTimeline(options: TimelineOptions): Timeline {
  // Partition bytes always live in a store; memory unless the host gives OPFS.
  const store: SegmentStore = options.store ?? new MemorySegmentStore()
  const env: Env = { store }
  let checkpointIntervalMs = options.checkpointIntervalMs ?? CHECKPOINT_INTERVAL_MS
  assert(Number.isInteger(checkpointIntervalMs) && checkpointIntervalMs > 0, 'checkpoint interval')
  const created = createCluster(options.scenario, options.seed, env)
  let state = created.state
  let maxMs = 0
  let applied = 0
  const log: RecordedCommand[] = []
  const checkpoints: Checkpoint[] = []

  const takeCheckpoint = () => {
    checkpoints.push({
      nowMs: state.nowMs,
      appliedCount: applied,
      ...captureState(state),
      storeSnapshot: store.snapshot(),
    })
    const overBudget = () =>
      checkpoints.length > CHECKPOINTS_MAX ||
      checkpoints.reduce((bytes, c) => bytes + c.bytes, 0) > CHECKPOINTS_BYTES_MAX
    if (!overBudget()) return
    while (checkpoints.length > 2 && overBudget()) dropCheckpoint()
    // Take the next ones about as far apart as the kept ones are on average.
    const spanMs = state.nowMs - checkpoints[0]!.nowMs
    checkpointIntervalMs = Math.max(
      checkpointIntervalMs,
      Math.floor(spanMs / Math.max(1, checkpoints.length - 1)),
    )
  }

  // Past CHECKPOINTS_MAX (or CHECKPOINTS_BYTES_MAX) checkpoints are dropped one by one, each time
  // the one whose neighbours are closest together (never the first or the latest), so the rest
  // stay as evenly spread as possible and the longest replay of a seek stays short; new ones are
  // then taken about as far apart as the kept ones, so a long run costs bounded memory and few
  // copies.
  const dropCheckpoint = () => {
    const gapAround = (i: number) => checkpoints[i + 1]!.nowMs - checkpoints[i - 1]!.nowMs
    let drop = 1
    for (let i = 2; i < checkpoints.length - 1; i++) if (gapAround(i) < gapAround(drop)) drop = i
    const [dropped] = checkpoints.splice(drop, 1)
    if (dropped?.storeSnapshot) store.release(dropped.storeSnapshot)
  }

  const lastCheckpointMs = () => checkpoints[checkpoints.length - 1]?.nowMs ?? -1

  takeCheckpoint()

  const advanceTo = (targetMs: number): SimEvent[] => {
    assert(Number.isInteger(targetMs) && targetMs >= state.nowMs, 'advance only moves forward')
    const events: SimEvent[] = []
    for (;;) {
      const nextCommand = log[applied]
      const commandDue = nextCommand !== undefined && nextCommand.atMs <= targetMs
      const nextCheckpointMs =
        (Math.floor(state.nowMs / checkpointIntervalMs) + 1) * checkpointIntervalMs
      let stopMs = targetMs
      if (commandDue) stopMs = Math.min(stopMs, nextCommand.atMs)
      if (nextCheckpointMs <= stopMs) stopMs = nextCheckpointMs
      events.push(...advanceCore(state, env, stopMs))
      // Checkpoints are a cache: after a seek back they already exist and are identical.
      if (stopMs === nextCheckpointMs && stopMs > lastCheckpointMs()) takeCheckpoint()
      if (commandDue && nextCommand.atMs === state.nowMs) {
        const result = applyCommand(state, env, nextCommand.command)
        assert(result.ok, `recorded command ${nextCommand.seq} no longer applies`)
        events.push(...result.events)
        applied += 1
        continue
      }
      if (state.nowMs === targetMs) break
    }
    maxMs = Math.max(maxMs, targetMs)
    return events
  }

  const seek = (targetMs: number): SeekResult => {
    assert(Number.isInteger(targetMs) && targetMs >= 0, 'seek to a non-negative integer time')
    // Going back restores the nearest checkpoint at or before t and replays from there. Going
    // forward simply advances when no checkpoint lies in between, or when it is a little step (so
    // the mirror gets every event in between); a longer jump forward restores the nearest
    // checkpoint too (the event log then skips the jumped-over part), so no seek replays more
    // than one checkpoint gap or a little step.
    let nearest = checkpoints[0]!
    for (const candidate of checkpoints) if (candidate.nowMs <= targetMs) nearest = candidate
    const longJump =
      targetMs > state.nowMs &&
      nearest.nowMs > state.nowMs &&
      targetMs - state.nowMs > SEEK_FORWARD_ADVANCE_MS
    if (targetMs < state.nowMs || longJump) {
      state = restoreState(nearest)
      if (nearest.storeSnapshot) store.restore(nearest.storeSnapshot)
      applied = nearest.appliedCount
    }
    const eventsSinceSeq = state.nextEventSeq
    return { events: advanceTo(targetMs), eventsSinceSeq }
  }

  const dispatch = (input: unknown): CommandResult => {
    const parsed = clusterCommandSchema.safeParse(input)
    if (!parsed.success) {
      return { ok: false, error: simError('INVALID_COMMAND', describeZodError(parsed.error)) }
    }
    const command: ClusterCommand = parsed.data
    const refused = checkCommand(state, command)
    if (refused) return { ok: false, error: refused }
    if (log.length >= COMMANDS_MAX) {
      return {
        ok: false,
        error: simError('INVALID_COMMAND', `A run holds at most ${COMMANDS_MAX} commands.`),
      }
    }
    if (applied < log.length || state.nowMs < maxMs) fork()
    const result = applyCommand(state, env, command)
    assert(result.ok, 'a checked command applies')
    log.push({ seq: log.length, atMs: state.nowMs, command })
    applied += 1
    return result
  }

  /** Drops the recorded future: a new command at a past time starts a new branch. */
  const fork = () => {
    log.splice(applied)
    for (let i = checkpoints.length - 1; i > 0; i--) {
      const checkpoint = checkpoints[i]!
      if (checkpoint.nowMs <= state.nowMs) break
      if (checkpoint.storeSnapshot) store.release(checkpoint.storeSnapshot)
      checkpoints.splice(i, 1)
    }
    maxMs = state.nowMs
  }

  return {
    seed: options.seed,
    scenario: options.scenario,
    state: () => state,
    env: () => env,
    nowMs: () => state.nowMs,
    maxMs: () => maxMs,
    view: () => toClusterView(state),
    initialEvents: () => created.events,
    commands: () => log,
    checkpointTimes: () => checkpoints.map((c) => c.nowMs),
    advanceTo,
    seek,
    dispatch,
    takePageEvents: () =>
      state.brokerIds.flatMap((brokerId) => {
        const events = takePageEvents(state.brokersById[brokerId]!.pageCache)
        return events.length === 0 ? [] : [{ brokerId, events }]
      }),
  }
}
