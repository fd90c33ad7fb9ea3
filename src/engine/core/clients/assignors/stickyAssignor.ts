/**
 * `StickyAssignor` (eager) and `CooperativeStickyAssignor` (clients/consumer/StickyAssignor.java,
 * CooperativeStickyAssignor.java, internals/AbstractStickyAssignor.java).
 *
 * Both compute the same balanced, ownership-preserving assignment: the constrained algorithm when
 * all members subscribe to the same topics, the general one otherwise. The cooperative assignor
 * then withholds every partition that changes owner, so its current owner can revoke it first; a
 * follow-up rebalance hands it over (KIP-429).
 */
import { assert } from '../../assert'
import {
  compareTopicPartitions,
  membersInHashMapOrder,
  subscribedPartitionCounts,
  toGroupAssignment,
  tpKey,
} from './assignorSupport'
import { constrainedStickyAssign, type StickyResult } from './stickyConstrained'
import { generalStickyAssign } from './stickyGeneral'
import { collectStickyOwnership } from './stickyOwnership'
import type { AssignmentInput, GroupAssignment, TopicPartition } from './types'

function runStickyAssignment(input: AssignmentInput): StickyResult {
  const partitionsPerTopic = subscribedPartitionCounts(input)
  // `Subscription` turns a negative generation into Optional.empty(), i.e. "no generation".
  const members = membersInHashMapOrder(
    input.members.map((member) =>
      member.generation !== null && member.generation < 0
        ? { ...member, generation: null }
        : member,
    ),
  )
  const ownership = collectStickyOwnership(members, partitionsPerTopic)
  if (ownership.allSubscriptionsEqual) {
    return constrainedStickyAssign(
      partitionsPerTopic,
      ownership.consumerToOwnedPartitions,
      ownership.partitionsWithMultiplePreviousOwners,
    )
  }
  return generalStickyAssign(
    partitionsPerTopic,
    members,
    ownership.consumerToOwnedPartitions,
    ownership.maxGeneration,
  )
}

/** `StickyAssignor#assign` (eager): balanced, keeping previous ownership where possible. */
export function assignSticky(input: AssignmentInput): GroupAssignment {
  if (input.members.length === 0) return {}
  return toGroupAssignment(input.members, runStickyAssignment(input).assignment)
}

/** A partition withheld from its new owner until its current owner has revoked it. */
export interface TransferringPartition {
  readonly tp: TopicPartition
  /** The member that will get it in the follow-up rebalance. */
  readonly memberId: string
}

export interface CooperativeStickyAssignment {
  /** What each member is assigned now: the sticky assignment minus transferring partitions. */
  readonly assignment: GroupAssignment
  /** Partitions that change owner, sorted by topic and partition. */
  readonly partitionsTransferringOwnership: readonly TransferringPartition[]
}

/**
 * `CooperativeStickyAssignor#assignPartitions`: the sticky assignment without the partitions that
 * must first be revoked by another member. Their owners see them missing from their assignment,
 * revoke only those, and rejoin; the next assignment gives them to the new owner.
 */
export function assignCooperativeStickyDetailed(
  input: AssignmentInput,
): CooperativeStickyAssignment {
  if (input.members.length === 0) return { assignment: {}, partitionsTransferringOwnership: [] }
  const result = runStickyAssignment(input)
  const transferring =
    result.partitionsTransferringOwnership ?? computeTransferring(input, result.assignment)
  for (const { tp, memberId } of transferring.values()) {
    const partitions = result.assignment.get(memberId)
    assert(partitions !== undefined, 'a transferring partition was assigned to a member')
    const index = partitions.findIndex((candidate) => tpKey(candidate) === tpKey(tp))
    if (index >= 0) partitions.splice(index, 1)
  }
  const partitionsTransferringOwnership = [...transferring.values()].sort((a, b) =>
    compareTopicPartitions(a.tp, b.tp),
  )
  return {
    assignment: toGroupAssignment(input.members, result.assignment),
    partitionsTransferringOwnership,
  }
}

/** `CooperativeStickyAssignor#assign`: just the adjusted assignment. */
export function assignCooperativeSticky(input: AssignmentInput): GroupAssignment {
  return assignCooperativeStickyDetailed(input).assignment
}

/**
 * `computePartitionsTransferringOwnership` (general case): partitions newly assigned to one member
 * while another member reported owning them. Uses the owned partitions exactly as reported.
 */
function computeTransferring(
  input: AssignmentInput,
  assignment: ReadonlyMap<string, readonly TopicPartition[]>,
): Map<string, TransferringPartition> {
  const allAdded = new Map<string, TransferringPartition>()
  const allRevoked = new Set<string>()
  for (const member of input.members) {
    const assigned = assignment.get(member.memberId) ?? []
    const owned = new Set(member.ownedPartitions.map(tpKey))
    const assignedKeys = new Set(assigned.map(tpKey))
    for (const tp of assigned) {
      if (!owned.has(tpKey(tp))) allAdded.set(tpKey(tp), { tp, memberId: member.memberId })
    }
    for (const tp of member.ownedPartitions) {
      if (!assignedKeys.has(tpKey(tp))) allRevoked.add(tpKey(tp))
    }
  }
  for (const key of [...allAdded.keys()]) {
    if (!allRevoked.has(key)) allAdded.delete(key)
  }
  return allAdded
}
