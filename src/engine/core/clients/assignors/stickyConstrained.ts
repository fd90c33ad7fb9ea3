/**
 * `AbstractStickyAssignor.ConstrainedAssignmentBuilder`: the sticky algorithm when every member
 * subscribes to the same topics (clients/consumer/internals/AbstractStickyAssignor.java).
 *
 * With P partitions and C members, `minQuota = floor(P/C)`, `maxQuota = ceil(P/C)`, and exactly
 * `P % C` members end with maxQuota. Steps:
 * 1. Each member keeps its previously owned partitions, sorted by partition number then topic:
 *    all of them if fewer than minQuota; maxQuota of them while fewer than `P % C` members have
 *    been given maxQuota; otherwise minQuota. The rest are revoked.
 * 2. The unassigned partitions (sorted by topic, then partition) are dealt round-robin to the
 *    members below minQuota (sorted by member id), then one each to members at minQuota until
 *    `P % C` members have maxQuota.
 * Members are visited in step 1 in the leader's `HashMap` order, which decides who keeps an extra
 * partition when more members could.
 */
import { assert } from '../../assert'
import { compareJavaStrings } from '../javaSemantics'
import { partitionsOf, tpKey } from './assignorSupport'
import type { TopicPartition } from './types'

export interface StickyResult {
  /** Partitions per member id (a list for every member). */
  readonly assignment: Map<string, TopicPartition[]>
  /**
   * Partitions that move from a previous owner to another member, keyed by `tpKey`, with the new
   * owner: the cooperative assignor withholds them for one rebalance. Null when unknown (the
   * general algorithm): the cooperative assignor then computes them from the owned partitions.
   */
  readonly partitionsTransferringOwnership: Map<
    string,
    { readonly tp: TopicPartition; readonly memberId: string }
  > | null
}

/**
 * @param consumerToOwnedPartitions Valid owned partitions, in the leader's member iteration order.
 */
export function constrainedStickyAssign(
  partitionsPerTopic: ReadonlyMap<string, number>,
  consumerToOwnedPartitions: ReadonlyMap<string, readonly TopicPartition[]>,
  partitionsWithMultiplePreviousOwners: ReadonlySet<string>,
): StickyResult {
  const totalPartitionsCount = [...partitionsPerTopic.values()].reduce((sum, n) => sum + n, 0)
  const numberOfConsumers = consumerToOwnedPartitions.size
  assert(numberOfConsumers > 0, 'a group being assigned has members')
  const minQuota = Math.floor(totalPartitionsCount / numberOfConsumers)
  const maxQuota = Math.ceil(totalPartitionsCount / numberOfConsumers)
  const expectedNumMembersWithOverMinQuota = totalPartitionsCount % numberOfConsumers
  let currentNumMembersWithOverMinQuota = 0

  const assignment = new Map<string, TopicPartition[]>(
    [...consumerToOwnedPartitions.keys()].map((consumer) => [consumer, []]),
  )
  const assignedKeys = new Set<string>()
  const allRevokedPartitions = new Set<string>()
  let unfilledUnderMinQuota: string[] = []
  let unfilledExactlyMinQuota: string[] = []
  const transferring = new Map<string, { tp: TopicPartition; memberId: string }>()

  const keep = (consumer: string, partitions: readonly TopicPartition[]): void => {
    assignment.get(consumer)!.push(...partitions)
    for (const tp of partitions) assignedKeys.add(tpKey(tp))
  }

  // Step 1: reassign previously owned partitions, up to the expected number per member.
  for (const [consumer, ownedUnsorted] of consumerToOwnedPartitions) {
    const owned = [...ownedUnsorted]
      .sort((a, b) => a.partition - b.partition || compareJavaStrings(a.topic, b.topic))
      .filter((tp) => !partitionsWithMultiplePreviousOwners.has(tpKey(tp)))

    if (owned.length < minQuota) {
      keep(consumer, owned)
      unfilledUnderMinQuota.push(consumer)
    } else if (
      owned.length >= maxQuota &&
      currentNumMembersWithOverMinQuota < expectedNumMembersWithOverMinQuota
    ) {
      currentNumMembersWithOverMinQuota++
      if (currentNumMembersWithOverMinQuota === expectedNumMembersWithOverMinQuota) {
        unfilledExactlyMinQuota = []
      }
      keep(consumer, owned.slice(0, maxQuota))
      for (const tp of owned.slice(maxQuota)) allRevokedPartitions.add(tpKey(tp))
    } else {
      keep(consumer, owned.slice(0, minQuota))
      for (const tp of owned.slice(minQuota)) allRevokedPartitions.add(tpKey(tp))
      if (currentNumMembersWithOverMinQuota < expectedNumMembersWithOverMinQuota) {
        unfilledExactlyMinQuota.push(consumer)
      }
    }
  }

  const unassignedPartitions = [...partitionsPerTopic.keys()]
    .sort(compareJavaStrings)
    .flatMap((topic) => partitionsOf(topic, partitionsPerTopic.get(topic)!))
    .filter((tp) => !assignedKeys.has(tpKey(tp)))

  unfilledUnderMinQuota.sort(compareJavaStrings)
  unfilledExactlyMinQuota.sort(compareJavaStrings)

  const assignNewPartition = (tp: TopicPartition, consumer: string): number => {
    const consumerAssignment = assignment.get(consumer)!
    consumerAssignment.push(tp)
    const key = tpKey(tp)
    // Owned partitions were all placed in step 1, so a revoked (or doubly claimed) partition
    // placed now must be changing owner.
    if (allRevokedPartitions.has(key) || partitionsWithMultiplePreviousOwners.has(key)) {
      transferring.set(key, { tp, memberId: consumer })
    }
    return consumerAssignment.length
  }

  // Step 2: round-robin over the unfilled members. `cursor` mirrors Java's LinkedList iterator
  // over unfilledUnderMinQuota, which the loop both advances and removes from.
  let cursor = 0
  for (const tp of unassignedPartitions) {
    let consumer: string
    let fromIterator = true
    if (cursor < unfilledUnderMinQuota.length) {
      consumer = unfilledUnderMinQuota[cursor++]!
    } else if (unfilledUnderMinQuota.length === 0 && unfilledExactlyMinQuota.length === 0) {
      // Kafka throws IllegalStateException: the quotas were computed so this cannot happen.
      assert(false, 'no more unfilled consumers to be assigned')
    } else if (unfilledUnderMinQuota.length === 0) {
      consumer = unfilledExactlyMinQuota.shift()!
      fromIterator = false
    } else {
      cursor = 0
      consumer = unfilledUnderMinQuota[cursor++]!
    }

    const currentAssignedCount = assignNewPartition(tp, consumer)
    if (currentAssignedCount === minQuota) {
      assert(fromIterator, 'only members below minQuota can reach it')
      cursor--
      unfilledUnderMinQuota.splice(cursor, 1)
      unfilledExactlyMinQuota.push(consumer)
    } else if (currentAssignedCount === maxQuota) {
      currentNumMembersWithOverMinQuota++
    }
  }

  // verifyUnfilledMembers: members left below minQuota mean the algorithm is broken.
  unfilledUnderMinQuota = unfilledUnderMinQuota.filter(
    (consumer) => assignment.get(consumer)!.length !== minQuota,
  )
  assert(unfilledUnderMinQuota.length === 0, 'every member reaches minQuota')

  return { assignment, partitionsTransferringOwnership: transferring }
}
