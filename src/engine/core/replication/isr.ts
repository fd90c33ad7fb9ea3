/**
 * ISR changes asked for by the leader (KAFKA_SPEC §2.4): shrink, by the `isr-expiration` task
 * every replica.lag.time.max.ms / 2, of followers not caught up within replica.lag.time.max.ms;
 * expand, on a fetch, of a follower whose LEO reached the HW and the current epoch's start offset.
 * Both go to the controller as AlterPartition; until it answers the change is pending and the
 * maximal ISR (the larger set) holds the HW back.
 */
import type { Env } from '../env'
import type { SimEvent } from '../events'
import { send } from '../network'
import {
  brokerNode,
  type BrokerId,
  type BrokerState,
  type ClusterState,
  type MessagePayload,
  type ReplicaState,
} from '../types'
import { isCaughtUp, isIsrEligible, maybeIncrementHighWatermark } from './highWatermark'

function requestIsrChange(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  replica: ReplicaState,
  newIsr: BrokerId[],
): void {
  replica.pendingIsr = newIsr
  replica.pendingIsrSentAtMs = state.nowMs
  send(state, out, brokerNode(broker.brokerId), state.controller.nodeId, {
    kind: 'alterPartition',
    brokerId: broker.brokerId,
    brokerEpoch: broker.brokerEpoch ?? -1,
    topic: replica.topic,
    partition: replica.partition,
    leaderEpoch: replica.registration.leaderEpoch,
    partitionEpoch: replica.registration.partitionEpoch,
    newIsr,
  })
}

/** The start offset of the current leader epoch in the leader's epoch cache. */
function currentEpochStartOffset(replica: ReplicaState): number {
  const epoch = replica.registration.leaderEpoch
  return (
    replica.log.leaderEpochCache.find((e) => e.epoch === epoch)?.startOffset ??
    replica.log.logEndOffset
  )
}

/** `Partition.maybeExpandIsr` after a follower fetch. */
export function maybeExpandIsr(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  replica: ReplicaState,
  followerId: BrokerId,
): void {
  if (replica.pendingIsr !== null || replica.registration.isr.includes(followerId)) return
  const follower = replica.followersById[followerId]
  if (follower === undefined || !isIsrEligible(broker, followerId)) return
  if (follower.logEndOffset < replica.highWatermark) return
  if (follower.logEndOffset < currentEpochStartOffset(replica)) return
  requestIsrChange(state, out, broker, replica, [...replica.registration.isr, followerId])
}

/** The periodic `isr-expiration` check for every partition this broker leads. */
/** An AlterPartition without an answer for this long is given up (Kafka retries it). */
export const ALTER_PARTITION_TIMEOUT_MS = 5000

export function shrinkIsrIfNeeded(state: ClusterState, out: SimEvent[], broker: BrokerState): void {
  for (const replica of Object.values(broker.replicasByKey)) {
    if (
      replica.pendingIsr !== null &&
      state.nowMs - replica.pendingIsrSentAtMs > ALTER_PARTITION_TIMEOUT_MS
    ) {
      replica.pendingIsr = null
    }
    if (replica.role !== 'leader' || replica.pendingIsr !== null) continue
    const outOfSync = replica.registration.isr.filter((id) => {
      if (id === broker.brokerId) return false
      const follower = replica.followersById[id]
      return follower === undefined || !isCaughtUp(state, replica, follower)
    })
    if (outOfSync.length === 0) continue
    requestIsrChange(
      state,
      out,
      broker,
      replica,
      replica.registration.isr.filter((id) => !outOfSync.includes(id)),
    )
  }
}

/** The controller's answer: on success the pending ISR is committed (the HW may jump). */
export function onAlterPartitionResponse(
  state: ClusterState,
  env: Env,
  out: SimEvent[],
  broker: BrokerState,
  response: Extract<MessagePayload, { kind: 'alterPartitionResponse' }>,
): void {
  const replica = broker.replicasByKey[`${response.topic}-${response.partition}`]
  if (replica === undefined || replica.pendingIsr === null) return
  const pending = replica.pendingIsr
  replica.pendingIsr = null
  if (response.error !== null || replica.role !== 'leader') return
  const order = replica.registration.replicas
  replica.registration.isr = [...pending].sort((a, b) => order.indexOf(a) - order.indexOf(b))
  replica.registration.partitionEpoch += 1
  maybeIncrementHighWatermark(state, env, out, broker, replica)
}
