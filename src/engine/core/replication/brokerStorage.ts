/**
 * A broker's disk: its partition logs live under `broker-<id>/` in the store, and every physical
 * read, write, truncation and fsync the log layer does is fed to the broker's page cache model.
 * That model decides what a power loss takes away (dirty pages), while a process crash keeps
 * everything that was written, because the OS and its page cache survive (KAFKA_SPEC §1.4).
 */
import type { Env } from '../env'
import {
  createLog,
  loadLog,
  resolveLogConfig,
  type LogConfig,
  type LogConfigOverrides,
  type LogContext,
  type PartitionLogState,
  type SegmentIoEvent,
} from '../log'
import {
  dropAll,
  durablePrefixBytes,
  fsyncFile,
  onRead,
  onRemove,
  onRename,
  onTruncate,
  onWrite,
} from '../pageCache'
import type { BrokerState, ClusterState } from '../types'

/** The broker's log directory in the store. */
export function logDirOf(brokerId: number): string {
  return `broker-${brokerId}`
}

/**
 * Log contexts by broker: a context reads the simulated time and the broker's page cache when an
 * IO happens, so one per broker (and store) serves every call; brokers of a restored checkpoint
 * are new objects and get their own.
 */
const contexts = new WeakMap<BrokerState, { state: ClusterState; ctx: LogContext }>()

/** The log layer's context for one broker at the current simulated time. */
export function logContextFor(state: ClusterState, env: Env, broker: BrokerState): LogContext {
  const cached = contexts.get(broker)
  if (cached !== undefined && cached.state === state && cached.ctx.store === env.store)
    return cached.ctx
  const ctx: LogContext = {
    store: env.store,
    onIo: (event: SegmentIoEvent) => {
      const cache = broker.pageCache
      const nowMs = state.nowMs
      switch (event.op) {
        case 'write':
          onWrite(cache, event.path, event.position, event.length, nowMs)
          return
        case 'read':
          if (event.purpose !== 'view')
            onRead(cache, event.path, event.position, event.length, nowMs)
          return
        case 'truncate':
          onTruncate(cache, event.path, event.position, nowMs)
          return
        case 'remove':
          onRemove(cache, event.path, nowMs)
          return
        case 'rename':
          if (event.toPath !== undefined) onRename(cache, event.path, event.toPath, nowMs)
          return
        case 'flush':
          fsyncFile(cache, event.path, nowMs)
          return
      }
    },
  }
  contexts.set(broker, { state, ctx })
  return ctx
}

const NO_TOPIC_CONFIGS: Record<string, number | string | boolean> = {}
/**
 * Resolved log configs by topic-configs object (validating them costs a schema parse). Topic
 * configs are replaced, never changed in place, when altered, so an entry never goes stale.
 */
const resolvedLogConfigs = new WeakMap<object, LogConfig>()

/** Topic configs that are log configs (segment.bytes, retention.ms, ...), resolved with defaults. */
export function logConfigFor(state: ClusterState, topic: string): LogConfig {
  const configs = state.controller.topicsByName[topic]?.configs ?? NO_TOPIC_CONFIGS
  const cached = resolvedLogConfigs.get(configs)
  if (cached !== undefined) return { ...cached }
  const overrides: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(configs)) {
    if (key !== 'min.insync.replicas' && key !== 'unclean.leader.election.enable')
      overrides[key] = value
  }
  const resolved = resolveLogConfig(overrides as LogConfigOverrides)
  // Topic configs were validated when the topic was created.
  if (!resolved.ok) throw new Error(`invalid log config for ${topic}: ${resolved.error.message}`)
  resolvedLogConfigs.set(configs, resolved.config)
  return { ...resolved.config }
}

export function createReplicaLog(
  state: ClusterState,
  env: Env,
  broker: BrokerState,
  topic: string,
  partition: number,
): PartitionLogState {
  return createLog(
    logContextFor(state, env, broker),
    { logDir: logDirOf(broker.brokerId), topic, partition, config: logConfigFor(state, topic) },
    state.nowMs,
  )
}

/**
 * Power loss: every file keeps only its durable prefix (up to the first dirty page), which can cut
 * a batch in half; recovery at the next start finds the torn batch by its size and CRC.
 */
export function losePowerOnDisk(state: ClusterState, env: Env, broker: BrokerState): void {
  for (const replica of Object.values(broker.replicasByKey)) {
    for (const name of env.store.list(replica.log.dir)) {
      const path = `${replica.log.dir}/${name}`
      const size = env.store.size(path)
      const durable = durablePrefixBytes(broker.pageCache, path, size)
      if (durable < size) env.store.truncate(path, durable)
    }
  }
  dropAll(broker.pageCache, state.nowMs)
}

/** Loads a replica's log at broker start; after a crash this is Kafka's recovery scan. */
export function loadReplicaLog(
  state: ClusterState,
  env: Env,
  broker: BrokerState,
  previous: PartitionLogState,
) {
  return loadLog(
    logContextFor(state, env, broker),
    {
      logDir: logDirOf(broker.brokerId),
      topic: previous.topic,
      partition: previous.partition,
      config: previous.config,
      recoveryPoint: previous.recoveryPoint,
      logStartOffset: previous.logStartOffset,
      hadCleanShutdown: false,
    },
    state.nowMs,
  )
}
