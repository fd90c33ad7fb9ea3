/**
 * `AbstractStickyAssignor.GeneralAssignmentBuilder`: the sticky algorithm when members subscribe to
 * different topics (clients/consumer/internals/AbstractStickyAssignor.java).
 *
 * 1. Keep every still-valid owned partition (drop those of topics the owner no longer subscribes).
 * 2. Give each unassigned partition to the subscribed member with the fewest partitions (ties by
 *    member id), walking partitions of the topics with the fewest subscribers first.
 * 3. While the assignment is unbalanced (a member could take a partition from one with 2+ more),
 *    move partitions towards less loaded members, preferring to return a partition to its owner
 *    of an older generation; keep the result only if it is more balanced than before.
 *
 * Rack-aware matching is not modelled (no `client.rack`).
 */
import { assert } from '../../assert'
import { compareJavaStrings } from '../javaSemantics'
import { partitionsOf, tpKey } from './assignorSupport'
import {
  actualPartitionToMove,
  createPartitionMovements,
  movePartition,
} from './partitionMovements'
import type { StickyResult } from './stickyConstrained'
import { DEFAULT_GENERATION, removeFirst } from './stickyOwnership'
import type { MemberSubscription, TopicPartition } from './types'

interface ConsumerGeneration {
  readonly consumer: string
  readonly generation: number
}

/**
 * @param members In the leader's iteration order.
 * @param consumerToOwnedPartitions Valid owned partitions from `collectStickyOwnership`.
 */
export function generalStickyAssign(
  partitionsPerTopic: ReadonlyMap<string, number>,
  members: readonly MemberSubscription[],
  consumerToOwnedPartitions: ReadonlyMap<string, readonly TopicPartition[]>,
  maxGeneration: number,
): StickyResult {
  const totalPartitionsCount = [...partitionsPerTopic.values()].reduce((sum, n) => sum + n, 0)
  const subscriptions = new Map(members.map((member) => [member.memberId, member]))

  const topic2AllPotentialConsumers = new Map<string, string[]>(
    [...partitionsPerTopic.keys()].map((topic) => [topic, []]),
  )
  const consumer2AllPotentialTopics = new Map<string, string[]>()
  const currentAssignment = new Map<string, TopicPartition[]>()
  for (const member of members) {
    const topics = [...new Set(member.topics)].filter((topic) => partitionsPerTopic.has(topic))
    consumer2AllPotentialTopics.set(member.memberId, topics)
    for (const topic of topics) topic2AllPotentialConsumers.get(topic)!.push(member.memberId)
    currentAssignment.set(member.memberId, [
      ...(consumerToOwnedPartitions.get(member.memberId) ?? []),
    ])
  }

  const currentPartitionConsumer = new Map<string, string>()
  for (const [consumer, partitions] of currentAssignment) {
    for (const tp of partitions) currentPartitionConsumer.set(tpKey(tp), consumer)
  }

  // Partitions of topics with fewer potential consumers come first (TopicComparator).
  const sortedAllTopics = [...topic2AllPotentialConsumers.keys()].sort(
    (a, b) =>
      topic2AllPotentialConsumers.get(a)!.length - topic2AllPotentialConsumers.get(b)!.length ||
      compareJavaStrings(a, b),
  )
  let sortedAllPartitions = sortedAllTopics.flatMap((topic) =>
    partitionsOf(topic, partitionsPerTopic.get(topic)!),
  )

  const sizeOf = (consumer: string): number => currentAssignment.get(consumer)!.length
  // Java keeps a TreeSet ordered by (assignment size, member id) and re-inserts a member around
  // every change of its size; sorting on demand yields the same order.
  const inSortedSubscriptions = new Set<string>()
  const sortedCurrentSubscriptions = (): string[] =>
    [...inSortedSubscriptions].sort((a, b) => sizeOf(a) - sizeOf(b) || compareJavaStrings(a, b))

  // prepopulateCurrentAssignments: the latest older-generation owner of each partition.
  const prevAssignment = new Map<string, ConsumerGeneration>()
  const updatePrevAssignment = (
    partitions: readonly TopicPartition[],
    consumer: string,
    generation: number,
  ): void => {
    for (const tp of partitions) {
      const existing = prevAssignment.get(tpKey(tp))
      if (existing === undefined || generation > existing.generation) {
        prevAssignment.set(tpKey(tp), { consumer, generation })
      }
    }
  }
  for (const member of members) {
    if (member.generation !== null && member.generation < maxGeneration) {
      updatePrevAssignment(member.ownedPartitions, member.memberId, member.generation)
    } else if (member.generation === null && maxGeneration > DEFAULT_GENERATION) {
      updatePrevAssignment(member.ownedPartitions, member.memberId, DEFAULT_GENERATION)
    }
  }

  // assignOwnedPartitions: drop owned partitions of topics the owner no longer subscribes to.
  let revocationRequired = false
  const assignedKeys = new Set<string>()
  for (const [consumer, partitions] of currentAssignment) {
    const subscribed = subscriptions.get(consumer)!.topics
    for (const tp of [...partitions]) {
      if (!topic2AllPotentialConsumers.has(tp.topic)) {
        removeFirst(partitions, tp)
        currentPartitionConsumer.delete(tpKey(tp))
      } else if (!subscribed.includes(tp.topic)) {
        removeFirst(partitions, tp)
        revocationRequired = true
      } else {
        assignedKeys.add(tpKey(tp))
      }
    }
  }
  let unassignedPartitions = sortedAllPartitions.filter((tp) => !assignedKeys.has(tpKey(tp)))
  for (const consumer of currentAssignment.keys()) inSortedSubscriptions.add(consumer)

  const maxAssignmentSize = (topics: readonly string[]): number =>
    topics.length === partitionsPerTopic.size
      ? totalPartitionsCount
      : topics.reduce((sum, topic) => sum + partitionsPerTopic.get(topic)!, 0)

  const isBalanced = (): boolean => {
    const sorted = sortedCurrentSubscriptions()
    if (sorted.length === 0) return true
    const min = sizeOf(sorted[0]!)
    const max = sizeOf(sorted[sorted.length - 1]!)
    if (min >= max - 1) return true
    const allPartitions = new Map<string, string>()
    for (const [consumer, partitions] of currentAssignment) {
      for (const tp of partitions) allPartitions.set(tpKey(tp), consumer)
    }
    for (const consumer of sorted) {
      const consumerPartitionCount = sizeOf(consumer)
      const topics = consumer2AllPotentialTopics.get(consumer)!
      if (consumerPartitionCount === maxAssignmentSize(topics)) continue
      const own = new Set(currentAssignment.get(consumer)!.map(tpKey))
      for (const topic of topics) {
        for (const tp of partitionsOf(topic, partitionsPerTopic.get(topic)!)) {
          if (own.has(tpKey(tp))) continue
          const otherConsumer = allPartitions.get(tpKey(tp))
          if (otherConsumer !== undefined && consumerPartitionCount + 1 < sizeOf(otherConsumer)) {
            return false
          }
        }
      }
    }
    return true
  }

  const balanceScore = (assignment: ReadonlyMap<string, readonly TopicPartition[]>): number => {
    const sizes = [...assignment.values()].map((partitions) => partitions.length)
    let score = 0
    for (let i = 0; i < sizes.length; i++) {
      for (let j = i + 1; j < sizes.length; j++) score += Math.abs(sizes[i]! - sizes[j]!)
    }
    return score
  }

  const maybeAssignPartition = (tp: TopicPartition): void => {
    for (const consumer of sortedCurrentSubscriptions()) {
      if (consumer2AllPotentialTopics.get(consumer)!.includes(tp.topic)) {
        currentAssignment.get(consumer)!.push(tp)
        currentPartitionConsumer.set(tpKey(tp), consumer)
        return
      }
    }
  }

  const canTopicParticipateInReassignment = (topic: string): boolean =>
    topic2AllPotentialConsumers.get(topic)!.length >= 2

  const canConsumerParticipateInReassignment = (consumer: string): boolean => {
    const partitions = currentAssignment.get(consumer)!
    if (partitions.length < maxAssignmentSize(consumer2AllPotentialTopics.get(consumer)!)) {
      return true
    }
    return partitions.some((tp) => canTopicParticipateInReassignment(tp.topic))
  }

  const movements = createPartitionMovements()

  const processPartitionMovement = (tp: TopicPartition, newConsumer: string): void => {
    const oldConsumer = currentPartitionConsumer.get(tpKey(tp))!
    movePartition(movements, tp, oldConsumer, newConsumer)
    removeFirst(currentAssignment.get(oldConsumer)!, tp)
    currentAssignment.get(newConsumer)!.push(tp)
    currentPartitionConsumer.set(tpKey(tp), newConsumer)
  }

  const reassignPartitionTo = (tp: TopicPartition, newConsumer: string): void => {
    const consumer = currentPartitionConsumer.get(tpKey(tp))!
    processPartitionMovement(
      actualPartitionToMove(movements, tp, consumer, newConsumer),
      newConsumer,
    )
  }

  const reassignPartition = (tp: TopicPartition): void => {
    const newConsumer = sortedCurrentSubscriptions().find((consumer) =>
      consumer2AllPotentialTopics.get(consumer)!.includes(tp.topic),
    )
    assert(newConsumer !== undefined, 'a reassignable partition has a potential consumer')
    reassignPartitionTo(tp, newConsumer)
  }

  const performReassignments = (reassignablePartitions: readonly TopicPartition[]): boolean => {
    let reassignmentPerformed = false
    let modified: boolean
    do {
      modified = false
      for (const tp of reassignablePartitions) {
        if (isBalanced()) break
        const consumer = currentPartitionConsumer.get(tpKey(tp))
        if (consumer === undefined || !currentAssignment.has(consumer)) continue
        const previous = prevAssignment.get(tpKey(tp))
        // Java would fail with a NullPointerException if the older owner is not being assigned
        // (left the group, or fixed); we skip that shortcut instead.
        if (
          previous !== undefined &&
          currentAssignment.has(previous.consumer) &&
          sizeOf(consumer) > sizeOf(previous.consumer) + 1
        ) {
          reassignPartitionTo(tp, previous.consumer)
          reassignmentPerformed = true
          modified = true
          continue
        }
        for (const otherConsumer of topic2AllPotentialConsumers.get(tp.topic)!) {
          if (!currentAssignment.has(otherConsumer)) continue
          if (sizeOf(consumer) > sizeOf(otherConsumer) + 1) {
            reassignPartition(tp)
            reassignmentPerformed = true
            modified = true
            break
          }
        }
      }
    } while (modified)
    return reassignmentPerformed
  }

  // balance()
  const sortedAtStart = sortedCurrentSubscriptions()
  const initializing = sizeOf(sortedAtStart[sortedAtStart.length - 1]!) === 0

  for (const tp of unassignedPartitions) {
    if (topic2AllPotentialConsumers.get(tp.topic)!.length === 0) continue
    maybeAssignPartition(tp)
  }

  // Narrow the scope to partitions and members that can actually move.
  const fixedTopics = new Set(
    [...topic2AllPotentialConsumers.keys()].filter(
      (topic) => !canTopicParticipateInReassignment(topic),
    ),
  )
  sortedAllPartitions = sortedAllPartitions.filter((tp) => !fixedTopics.has(tp.topic))
  unassignedPartitions = unassignedPartitions.filter((tp) => !fixedTopics.has(tp.topic))

  const fixedAssignments = new Map<string, TopicPartition[]>()
  for (const consumer of consumer2AllPotentialTopics.keys()) {
    if (!canConsumerParticipateInReassignment(consumer)) {
      inSortedSubscriptions.delete(consumer)
      fixedAssignments.set(consumer, currentAssignment.get(consumer)!)
      currentAssignment.delete(consumer)
    }
  }

  const preBalanceAssignment = new Map(
    [...currentAssignment].map(([consumer, partitions]) => [consumer, [...partitions]]),
  )
  const preBalancePartitionConsumers = new Map(currentPartitionConsumer)

  // Without revocations forced by subscription changes, first try moving only new partitions.
  if (!revocationRequired) performReassignments(unassignedPartitions)
  const reassignmentPerformed = performReassignments(sortedAllPartitions)

  if (
    !initializing &&
    reassignmentPerformed &&
    balanceScore(currentAssignment) >= balanceScore(preBalanceAssignment)
  ) {
    currentAssignment.clear()
    for (const [consumer, partitions] of preBalanceAssignment) {
      currentAssignment.set(consumer, [...partitions])
    }
    currentPartitionConsumer.clear()
    for (const [key, consumer] of preBalancePartitionConsumers) {
      currentPartitionConsumer.set(key, consumer)
    }
  }

  for (const [consumer, partitions] of fixedAssignments) currentAssignment.set(consumer, partitions)

  return { assignment: currentAssignment, partitionsTransferringOwnership: null }
}
