/**
 * How a leader advances its high watermark (Partition.maybeIncrementLeaderHW, KAFKA_SPEC §2.3)
 * and what that completes: acks=all produce requests waiting for it, and consumer fetches
 * waiting for data to become visible.
 */
import { emit } from '../emit'
import { kafkaError } from '../errors'
import type { SimEvent } from '../events'
import { brokerConfigsOf, legacyOf } from './brokerConfigsOf'
import type { BrokerId, BrokerState, ClusterState, FollowerState, ReplicaState } from '../types'
import { effectiveMinIsr } from './topics'
import { respondToClient } from './respond'
import { completeParkedFetches } from './leaderFetch'
import type { Env } from '../env'

/** The committed ISR plus an addition in flight (KIP-497 maximal ISR). */
export function maximalIsr(replica: ReplicaState): BrokerId[] {
  const isr = replica.registration.isr
  if (replica.pendingIsr === null) return isr
  return [...new Set([...isr, ...replica.pendingIsr])]
}

/** `Replica.isCaughtUp`: at the leader's LEO, or caught up within replica.lag.time.max.ms. */
export function isCaughtUp(
  state: ClusterState,
  replica: ReplicaState,
  follower: FollowerState,
): boolean {
  const lagMs = brokerConfigsOf(state)['replica.lag.time.max.ms']
  return (
    follower.logEndOffset === replica.log.logEndOffset ||
    state.nowMs - follower.lastCaughtUpTimeMs <= lagMs
  )
}

/** ISR-eligible (KIP-903): not fenced in this broker's metadata image. */
export function isIsrEligible(broker: BrokerState, brokerId: BrokerId): boolean {
  return !broker.fencedBrokerIds.includes(brokerId)
}

export function maybeIncrementHighWatermark(
  state: ClusterState,
  env: Env,
  out: SimEvent[],
  broker: BrokerState,
  replica: ReplicaState,
): boolean {
  if (replica.role !== 'leader') return false
  const { topic, partition } = replica
  // Kafka ≥ 3.7 (KAFKA-15583): no advance while the ISR is below min.insync.replicas.
  if (legacyOf(state).minIsrGatesHighWatermark) {
    if (replica.registration.isr.length < effectiveMinIsr(state, topic)) return false
  }
  const maximal = maximalIsr(replica)
  let candidate = replica.log.logEndOffset
  for (const id in replica.followersById) {
    const follower = replica.followersById[id]!
    if (follower.logEndOffset >= candidate) continue // cannot hold the HW back
    const followerId = Number(id)
    const counts =
      maximal.includes(followerId) ||
      (isCaughtUp(state, replica, follower) && isIsrEligible(broker, followerId))
    if (counts) candidate = follower.logEndOffset
  }
  if (candidate <= replica.highWatermark) return false
  replica.highWatermark = candidate
  emit(state, out, {
    type: 'highWatermarkAdvanced',
    brokerId: broker.brokerId,
    topic,
    partition,
    highWatermark: candidate,
  })
  completeDelayedProduces(state, out, broker, replica)
  completeParkedFetches(state, env, out, broker, replica, 'consumers')
  return true
}

/** DelayedProduce completes once HW ≥ its last offset + 1 (`checkEnoughReplicasReachOffset`). */
export function completeDelayedProduces(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  replica: ReplicaState,
): void {
  const ready = replica.delayedProduces.filter((d) => replica.highWatermark >= d.requiredOffset)
  if (ready.length === 0) return
  replica.delayedProduces = replica.delayedProduces.filter(
    (d) => replica.highWatermark < d.requiredOffset,
  )
  const enough = maximalIsr(replica).length >= effectiveMinIsr(state, replica.topic)
  for (const produce of ready) {
    respondToClient(state, out, broker, produce.client, {
      kind: 'produceResponse',
      requestId: produce.requestId,
      topic: replica.topic,
      partition: replica.partition,
      error: enough
        ? null
        : kafkaError(
            'NOT_ENOUGH_REPLICAS_AFTER_APPEND',
            'The ISR shrank below min.insync.replicas after the append.',
          ),
      baseOffset: produce.baseOffset,
    })
  }
}
