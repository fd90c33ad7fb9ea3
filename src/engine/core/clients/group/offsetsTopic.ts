/**
 * Where a group's coordinator is: the leader of its `__consumer_offsets` partition
 * (`Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions`, KAFKA_SPEC §4.2).
 *
 * Modelled, not materialised (see {@link OffsetsTopicModel}): the 50 partitions of
 * `__consumer_offsets` would each run a replicated log and a follower fetch loop, which would
 * dominate every run. Each partition is placed like a created topic (striped over the brokers, RF
 * min(`offsets.topic.replication.factor` = 3, brokers)); its leader is its first replica the
 * controller has not fenced, and it keeps that leader until the controller fences it, as a
 * partition leader does. So the coordinator moves when its broker dies, exactly when Kafka's would.
 */
import { resolveBrokerConfigs } from '../../scenario'
import { forkRng } from '../../rng'
import type { BrokerId, ClusterState } from '../../types'
import { coordinatorPartitionFor } from '../coordinator'
import type { ConsumerGroupsState, OffsetsTopicModel } from './groupTypes'

export const OFFSETS_TOPIC = '__consumer_offsets'
const OFFSETS_TOPIC_REPLICATION_FACTOR = 3

export function createConsumerGroupsState(
  seed: number,
  brokers: number,
  numPartitions: number,
): ConsumerGroupsState {
  const model: OffsetsTopicModel = {
    numPartitions,
    replicationFactor: Math.min(OFFSETS_TOPIC_REPLICATION_FACTOR, brokers),
    leaderByPartition: {},
  }
  return {
    consumersByName: {},
    groupsById: {},
    offsetsTopic: model,
    ledgerByGroup: {},
    dedupeStoreByGroup: {},
    rng: forkRng(seed, 'consumerGroups'),
  }
}

/** The consumer-group part of a new cluster's state. */
export function initialConsumerGroups(
  state: Pick<ClusterState, 'seed' | 'scenario' | 'brokerIds'>,
) {
  return createConsumerGroupsState(
    state.seed,
    state.brokerIds.length,
    resolveBrokerConfigs(state.scenario)['offsets.topic.num.partitions'],
  )
}

export function groupsOf(state: ClusterState): ConsumerGroupsState {
  return state.consumerGroups
}

export function offsetsPartitionFor(state: ClusterState, groupId: string): number {
  return coordinatorPartitionFor(groupId, groupsOf(state).offsetsTopic.numPartitions)
}

/** The replicas of `__consumer_offsets` partition `p`, in assignment order. */
export function offsetsPartitionReplicas(state: ClusterState, p: number): BrokerId[] {
  const { replicationFactor } = groupsOf(state).offsetsTopic
  const ids = state.brokerIds
  return Array.from({ length: replicationFactor }, (_, r) => ids[(p + r) % ids.length]!)
}

function unfenced(state: ClusterState, brokerId: BrokerId): boolean {
  const registration = state.controller.registrationsById[brokerId]
  return registration !== undefined && !registration.fenced
}

/**
 * The coordinator of `groupId` as the cluster's metadata says, or null when no replica of its
 * partition is available (COORDINATOR_NOT_AVAILABLE).
 */
export function coordinatorFor(state: ClusterState, groupId: string): BrokerId | null {
  const model = groupsOf(state).offsetsTopic
  const p = offsetsPartitionFor(state, groupId)
  const current = model.leaderByPartition[p]
  if (current !== undefined && unfenced(state, current)) return current
  const next = offsetsPartitionReplicas(state, p).find((b) => unfenced(state, b))
  if (next === undefined) return null
  model.leaderByPartition[p] = next
  return next
}
