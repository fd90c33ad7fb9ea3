/**
 * LogManager's retention task on a broker: every `log.retention.check.interval.ms` each hosted
 * replica deletes the whole segments that breach its log start offset, `retention.bytes` or
 * `retention.ms` (core/log/UnifiedLog.scala#deleteOldSegments; KAFKA_SPEC §1.5). Deleted segment
 * files are renamed `.deleted` and removed `file.delete.delay.ms` later by a scheduled task.
 */
import { schedule } from '../clock'
import { emit } from '../emit'
import type { Env } from '../env'
import type { SimEvent } from '../events'
import { deleteFilesPendingDeletion, deleteOldSegments } from '../log'
import type { BrokerState, ClusterState } from '../types'
import { logContextFor } from './brokerStorage'

/** LogManager.InitialTaskDelayMs: the first retention pass runs 30 s after the broker starts. */
export const RETENTION_INITIAL_DELAY_MS = 30_000

export function runRetentionCheck(
  state: ClusterState,
  env: Env,
  out: SimEvent[],
  broker: BrokerState,
): void {
  const ctx = logContextFor(state, env, broker)
  const deletionTimes = new Set<number>()
  for (const replica of Object.values(broker.replicasByKey)) {
    const result = deleteOldSegments(ctx, replica.log, {
      nowMs: state.nowMs,
      highWatermark: replica.highWatermark,
    })
    if (result.deletedSegments.length === 0) continue
    emit(state, out, {
      type: 'segmentsDeleted',
      brokerId: broker.brokerId,
      topic: replica.topic,
      partition: replica.partition,
      baseOffsets: result.deletedSegments,
      reason: result.reasons[result.reasons.length - 1]!,
      logStartOffset: result.logStartOffset,
    })
    for (const pending of replica.log.filesPendingDeletion) deletionTimes.add(pending.deleteAtMs)
  }
  for (const dueAtMs of [...deletionTimes].sort((a, b) => a - b))
    schedule(state.timers, state.nowMs, dueAtMs, {
      kind: 'logFileDeletion',
      brokerId: broker.brokerId,
      incarnation: broker.incarnation,
    })
}

/** The scheduled "delete-file" task: removes the `.deleted` files whose delay has passed. */
export function deleteDueFiles(state: ClusterState, env: Env, broker: BrokerState): void {
  const ctx = logContextFor(state, env, broker)
  for (const replica of Object.values(broker.replicasByKey))
    deleteFilesPendingDeletion(ctx, replica.log, state.nowMs)
}
