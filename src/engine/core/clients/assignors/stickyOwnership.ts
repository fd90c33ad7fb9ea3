/**
 * The first pass of `AbstractStickyAssignor#assignPartitions` (`allSubscriptionsEqual`): decides
 * whether all members subscribe to the same topics (then the fast "constrained" algorithm runs),
 * and collects each member's previously owned partitions that are still valid.
 *
 * A partition claimed by two members of the same generation is taken from both (and remembered, so
 * a cooperative assignment treats it as transferring); between different generations the higher
 * generation keeps it.
 */
import { sameTopicPartition, tpKey } from './assignorSupport'
import type { MemberSubscription, TopicPartition } from './types'

/** `AbstractStickyAssignor.DEFAULT_GENERATION`. */
export const DEFAULT_GENERATION = -1

export interface StickyOwnership {
  readonly allSubscriptionsEqual: boolean
  /** Still-valid owned partitions per member id, in the leader's member iteration order. */
  readonly consumerToOwnedPartitions: Map<string, TopicPartition[]>
  /** Keys (`tpKey`) of partitions claimed by several members of the same generation. */
  readonly partitionsWithMultiplePreviousOwners: Set<string>
  /** Highest generation any member reported (`AbstractStickyAssignor#maxGeneration`). */
  readonly maxGeneration: number
}

/**
 * @param members In the leader's iteration order (see `membersInHashMapOrder`).
 * @param partitionsPerTopic The topics being assigned and their partition counts.
 */
export function collectStickyOwnership(
  members: readonly MemberSubscription[],
  partitionsPerTopic: ReadonlyMap<string, number>,
): StickyOwnership {
  let allSubscriptionsEqual = true
  let subscribedTopics = new Set<string>()
  let maxGeneration = DEFAULT_GENERATION
  const consumerToOwnedPartitions = new Map<string, TopicPartition[]>()
  const partitionsWithMultiplePreviousOwners = new Set<string>()
  const previousOwnerByPartition = new Map<string, string>()
  const generationByMember = new Map(
    members.map((member) => [member.memberId, member.generation ?? DEFAULT_GENERATION]),
  )

  for (const member of members) {
    // Kafka initialises the reference set from the first member with a non-empty subscription,
    // so a member subscribed to nothing before it does not break equality (faithful quirk).
    if (subscribedTopics.size === 0) {
      subscribedTopics = new Set(member.topics)
    } else if (
      allSubscriptionsEqual &&
      !(
        new Set(member.topics).size === subscribedTopics.size &&
        member.topics.every((topic) => subscribedTopics.has(topic))
      )
    ) {
      allSubscriptionsEqual = false
    }

    const memberGeneration = member.generation ?? DEFAULT_GENERATION
    maxGeneration = Math.max(maxGeneration, memberGeneration)
    const owned: TopicPartition[] = []
    consumerToOwnedPartitions.set(member.memberId, owned)

    for (const tp of member.ownedPartitions) {
      const partitionCount = partitionsPerTopic.get(tp.topic)
      // Kafka checks only the topic. Partition counts never shrink in Kafka, but a simulated topic
      // could be re-created smaller; a claim on a missing partition would corrupt the assignment.
      if (partitionCount === undefined || tp.partition < 0 || tp.partition >= partitionCount) {
        continue
      }
      const key = tpKey(tp)
      const otherConsumer = previousOwnerByPartition.get(key)
      if (otherConsumer === undefined) {
        owned.push(tp)
        previousOwnerByPartition.set(key, member.memberId)
        continue
      }
      const otherGeneration = generationByMember.get(otherConsumer) ?? DEFAULT_GENERATION
      if (memberGeneration === otherGeneration) {
        // Two members of one generation claim it: invalid input, so neither keeps it.
        partitionsWithMultiplePreviousOwners.add(key)
        removeFirst(consumerToOwnedPartitions.get(otherConsumer)!, tp)
        previousOwnerByPartition.set(key, member.memberId)
      } else if (memberGeneration > otherGeneration) {
        owned.push(tp)
        removeFirst(consumerToOwnedPartitions.get(otherConsumer)!, tp)
        previousOwnerByPartition.set(key, member.memberId)
      }
      // Otherwise the other member's newer generation keeps the partition.
    }
  }

  return {
    allSubscriptionsEqual,
    consumerToOwnedPartitions,
    partitionsWithMultiplePreviousOwners,
    maxGeneration,
  }
}

/** `List#remove(Object)`: removes the first equal element, if any. */
export function removeFirst(list: TopicPartition[], tp: TopicPartition): void {
  const index = list.findIndex((candidate) => sameTopicPartition(candidate, tp))
  if (index >= 0) list.splice(index, 1)
}
