/**
 * A broker's partition replicas over its life: applying metadata from the controller (becoming
 * leader or follower when the leader epoch changes, KAFKA_SPEC §2.6), periodic tasks (ISR
 * expiration, HW checkpoint, the OS flusher), and what a crash and a restart do to them.
 */
import { schedule } from '../clock'
import { emit } from '../emit'
import type { Env } from '../env'
import type { SimEvent } from '../events'
import { assignLeaderEpochStartOffset, latestLeaderEpoch } from '../log'
import { createPageCache, flushDue } from '../pageCache'
import { brokerConfigsOf } from './brokerConfigsOf'
import {
  NO_LEADER,
  partitionKey,
  type BrokerState,
  type ClusterState,
  type MetadataImage,
  type PartitionRegistration,
  type ReplicaState,
} from '../types'
import { createReplicaLog, loadReplicaLog, logContextFor, losePowerOnDisk } from './brokerStorage'
import {
  onFetcherBackoff,
  onFetchTimeout,
  sendFetch,
  truncateToHighWatermarkIfLegacy,
} from './follower'
import { maybeIncrementHighWatermark } from './highWatermark'
import { failParkedFetches, onFetchWaitExpired } from './leaderFetch'
import { failDelayedProduces, onProduceTimeout } from './leaderProduce'
import { shrinkIsrIfNeeded } from './isr'
import { RETENTION_INITIAL_DELAY_MS, deleteDueFiles, runRetentionCheck } from './retentionTask'
import { rebuildProducerState } from './producerState'

/** The simulated broker machine's memory for the page cache: 1024 pages = 4 MiB (teaching scale). */
export const PAGE_CACHE_PAGES = 1024

/**
 * Page events a broker keeps between two frames (the host takes them with every frame, see
 * `Timeline.takePageEvents`); past that they are only counted, so a fast-forward stays cheap and
 * checkpoints stay small.
 */
export const PAGE_EVENTS_PER_FRAME_MAX = 128

const BROKER_PAGE_CACHE = { capacityPages: PAGE_CACHE_PAGES, eventsMax: PAGE_EVENTS_PER_FRAME_MAX }

export function newBrokerState(brokerId: number): BrokerState {
  return {
    brokerId,
    incarnation: 0,
    process: 'crashed',
    brokerEpoch: null,
    lastCrashMode: null,
    replicasByKey: {},
    metadataVersion: 0,
    fencedBrokerIds: [],
    highWatermarkCheckpoint: {},
    pageCache: createPageCache(BROKER_PAGE_CACHE),
    fetcherPaused: false,
    responsesToDrop: 0,
  }
}

function newReplica(
  state: ClusterState,
  env: Env,
  broker: BrokerState,
  registration: PartitionRegistration,
): ReplicaState {
  return {
    topic: registration.topic,
    partition: registration.partition,
    log: createReplicaLog(state, env, broker, registration.topic, registration.partition),
    highWatermark: 0,
    registration: structuredClone(registration),
    role: 'follower',
    followersById: {},
    pendingIsr: null,
    pendingIsrSentAtMs: 0,
    delayedProduces: [],
    produceTimerAtMs: null,
    parkedFetches: [],
    fetchInFlight: false,
    fetchRequestId: null,
    fetchSentAtMs: 0,
    fetchTimeoutScheduled: false,
    lastFetchedEpoch: null,
    producers: {},
  }
}

function becomeLeader(
  state: ClusterState,
  env: Env,
  out: SimEvent[],
  broker: BrokerState,
  replica: ReplicaState,
  registration: PartitionRegistration,
) {
  replica.role = 'leader'
  replica.registration = structuredClone(registration)
  replica.pendingIsr = null
  replica.fetchInFlight = false
  replica.fetchRequestId = null
  const log = replica.log
  // The new leader records where its epoch starts; it never truncates (KAFKA_SPEC §2.6).
  if ((latestLeaderEpoch(log) ?? -1) < registration.leaderEpoch) {
    assignLeaderEpochStartOffset(
      logContextFor(state, env, broker),
      log,
      registration.leaderEpoch,
      log.logEndOffset,
    )
  }
  replica.followersById = {}
  for (const id of registration.replicas) {
    if (id === broker.brokerId) continue
    const inSync = registration.isr.includes(id)
    replica.followersById[id] = {
      logEndOffset: -1,
      lastFetchTimeMs: state.nowMs,
      lastFetchLeaderLogEndOffset: log.logEndOffset,
      lastCaughtUpTimeMs: inSync ? state.nowMs : 0,
    }
  }
  maybeIncrementHighWatermark(state, env, out, broker, replica)
}

function becomeFollower(
  state: ClusterState,
  env: Env,
  out: SimEvent[],
  broker: BrokerState,
  replica: ReplicaState,
  registration: PartitionRegistration,
) {
  if (replica.role === 'leader') {
    failDelayedProduces(state, out, broker, replica)
    failParkedFetches(state, out, broker, replica)
  }
  replica.role = 'follower'
  replica.registration = structuredClone(registration)
  replica.followersById = {}
  replica.pendingIsr = null
  replica.fetchInFlight = false
  replica.fetchRequestId = null
  truncateToHighWatermarkIfLegacy(state, env, out, broker, replica)
  sendFetch(state, out, broker, replica)
}

/** Applies the controller's metadata image (a broker's view can lag; older images are ignored). */
export function applyMetadataImage(
  state: ClusterState,
  env: Env,
  out: SimEvent[],
  broker: BrokerState,
  image: MetadataImage,
): void {
  if (image.metadataVersion <= broker.metadataVersion) return
  broker.metadataVersion = image.metadataVersion
  broker.fencedBrokerIds = [...image.fencedBrokerIds]
  for (const registration of image.partitions) {
    if (!registration.replicas.includes(broker.brokerId)) continue
    const key = partitionKey(registration.topic, registration.partition)
    let replica = broker.replicasByKey[key]
    const isNew = replica === undefined
    if (replica === undefined) {
      replica = newReplica(state, env, broker, registration)
      broker.replicasByKey[key] = replica
    }
    const local = replica.registration
    const leaderChanged =
      isNew ||
      registration.leaderEpoch > local.leaderEpoch ||
      (registration.leader === broker.brokerId) !== (replica.role === 'leader')
    if (leaderChanged) {
      if (registration.leader === broker.brokerId)
        becomeLeader(state, env, out, broker, replica, registration)
      else becomeFollower(state, env, out, broker, replica, registration)
    } else if (registration.partitionEpoch > local.partitionEpoch) {
      replica.registration = structuredClone(registration)
      if (replica.pendingIsr !== null && sameMembers(replica.pendingIsr, registration.isr))
        replica.pendingIsr = null
      if (replica.role === 'leader') maybeIncrementHighWatermark(state, env, out, broker, replica)
      else if (registration.leader === NO_LEADER) {
        replica.fetchInFlight = false
        replica.fetchRequestId = null
      }
    }
    if (replica.role === 'follower') sendFetch(state, out, broker, replica)
  }
}

function sameMembers(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x))
}

/** Periodic tasks start with the broker; each carries the incarnation it belongs to. */
export function scheduleBrokerTasks(state: ClusterState, broker: BrokerState): void {
  const configs = brokerConfigsOf(state)
  const every = (periodMs: number) => (Math.floor(state.nowMs / periodMs) + 1) * periodMs
  const base = { brokerId: broker.brokerId, incarnation: broker.incarnation }
  // isr-expiration runs every replica.lag.time.max.ms / 2 on the wall clock's grid.
  schedule(state.timers, state.nowMs, every(configs['replica.lag.time.max.ms'] / 2), {
    kind: 'isrExpiration',
    ...base,
  })
  schedule(
    state.timers,
    state.nowMs,
    every(configs['replica.high.watermark.checkpoint.interval.ms']),
    { kind: 'highWatermarkCheckpoint', ...base },
  )
  schedule(state.timers, state.nowMs, every(broker.pageCache.config.writebackIntervalMs), {
    kind: 'pageCacheFlusher',
    ...base,
  })
  schedule(state.timers, state.nowMs, state.nowMs + RETENTION_INITIAL_DELAY_MS, {
    kind: 'logRetentionCheck',
    ...base,
  })
}

function current(state: ClusterState, brokerId: number, incarnation: number): BrokerState | null {
  const broker = state.brokersById[brokerId]
  return broker !== undefined && broker.process === 'running' && broker.incarnation === incarnation
    ? broker
    : null
}

export function onBrokerTask(
  state: ClusterState,
  env: Env,
  out: SimEvent[],
  action: {
    kind: 'isrExpiration' | 'highWatermarkCheckpoint' | 'pageCacheFlusher' | 'logRetentionCheck'
    brokerId: number
    incarnation: number
  },
): void {
  const broker = current(state, action.brokerId, action.incarnation)
  if (broker === null) return
  const configs = brokerConfigsOf(state)
  let periodMs: number
  switch (action.kind) {
    case 'isrExpiration':
      shrinkIsrIfNeeded(state, out, broker)
      periodMs = configs['replica.lag.time.max.ms'] / 2
      break
    case 'highWatermarkCheckpoint':
      for (const [key, replica] of Object.entries(broker.replicasByKey))
        broker.highWatermarkCheckpoint[key] = replica.highWatermark
      periodMs = configs['replica.high.watermark.checkpoint.interval.ms']
      break
    case 'pageCacheFlusher':
      flushDue(broker.pageCache, state.nowMs)
      periodMs = broker.pageCache.config.writebackIntervalMs
      break
    case 'logRetentionCheck':
      runRetentionCheck(state, env, out, broker)
      periodMs = configs['log.retention.check.interval.ms']
      break
  }
  schedule(state.timers, state.nowMs, state.nowMs + periodMs, action)
}

/** The broker's scheduled deletion of `.deleted` segment files (a one-shot task). */
export function onLogFileDeletion(
  state: ClusterState,
  env: Env,
  action: { brokerId: number; incarnation: number },
): void {
  const broker = current(state, action.brokerId, action.incarnation)
  if (broker !== null) deleteDueFiles(state, env, broker)
}

export function onReplicaTimer(
  state: ClusterState,
  env: Env,
  out: SimEvent[],
  action: {
    kind: 'fetchWaitExpired' | 'produceTimeout' | 'fetcherBackoff' | 'fetchTimeout'
    brokerId: number
    incarnation: number
    key: string
    requestId?: number
  },
): void {
  const broker = current(state, action.brokerId, action.incarnation)
  const replica = broker?.replicasByKey[action.key]
  if (broker === null || broker === undefined || replica === undefined) return
  if (action.kind === 'fetchWaitExpired')
    onFetchWaitExpired(state, env, out, broker, replica, action.requestId!)
  else if (action.kind === 'produceTimeout') onProduceTimeout(state, out, broker, replica)
  else if (action.kind === 'fetchTimeout') onFetchTimeout(state, broker, replica)
  else onFetcherBackoff(state, out, broker, replica)
}

/**
 * The process dies: in-memory state is gone (waiting requests, follower bookkeeping). On a power
 * loss the disk also loses what was still dirty in the page cache.
 */
export function crashReplicas(
  state: ClusterState,
  env: Env,
  broker: BrokerState,
  mode: 'process' | 'powerLoss',
): void {
  if (mode === 'powerLoss') losePowerOnDisk(state, env, broker)
  for (const replica of Object.values(broker.replicasByKey)) {
    replica.delayedProduces = []
    replica.produceTimerAtMs = null
    replica.parkedFetches = []
    replica.followersById = {}
    replica.pendingIsr = null
    replica.fetchInFlight = false
    replica.fetchRequestId = null
    replica.fetchTimeoutScheduled = false
  }
  if (mode === 'powerLoss') broker.pageCache = createPageCache(BROKER_PAGE_CACHE, state.nowMs)
}

/**
 * Start after a crash: every log is loaded from disk with Kafka's recovery scan, the HW comes from
 * the last checkpoint (a lower bound), and roles wait for the controller's metadata.
 */
export function recoverReplicas(
  state: ClusterState,
  env: Env,
  out: SimEvent[],
  broker: BrokerState,
): void {
  broker.metadataVersion = 0
  broker.fetcherPaused = false
  broker.responsesToDrop = 0
  for (const [key, replica] of Object.entries(broker.replicasByKey)) {
    const loaded = loadReplicaLog(state, env, broker, replica.log)
    replica.log = loaded.log
    // The checkpointed HW is only a lower bound, clamped into the recovered log.
    replica.highWatermark = Math.max(
      loaded.log.logStartOffset,
      Math.min(broker.highWatermarkCheckpoint[key] ?? 0, loaded.log.logEndOffset),
    )
    rebuildProducerState(state, env, broker, replica)
    replica.role = 'follower'
    replica.registration = {
      ...replica.registration,
      leader: NO_LEADER,
      leaderEpoch: -1,
      partitionEpoch: -1,
    }
    emit(state, out, {
      type: 'logRecovered',
      brokerId: broker.brokerId,
      topic: replica.topic,
      partition: replica.partition,
      logEndOffset: loaded.log.logEndOffset,
      truncatedBytes: loaded.truncatedBytes,
    })
  }
}
