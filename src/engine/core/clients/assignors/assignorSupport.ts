/**
 * Shared pieces of the built-in assignors: member ordering (`AbstractPartitionAssignor.MemberInfo`),
 * the partition counts an assignor sees (`AbstractPartitionAssignor#assign`), and helpers for
 * topic-partitions as map keys.
 */
import { compareJavaStrings, javaHashMapOrder, javaStringHashCode } from '../javaSemantics'
import type { AssignmentInput, GroupAssignment, MemberSubscription, TopicPartition } from './types'

/** A stable string key for a topic-partition (topic names cannot contain NUL). */
export function tpKey(tp: TopicPartition): string {
  return `${tp.topic}\u0000${tp.partition}`
}

export function sameTopicPartition(a: TopicPartition, b: TopicPartition): boolean {
  return a.topic === b.topic && a.partition === b.partition
}

/** `TopicPartition#hashCode`: `31 * (31 + partition) + topic.hashCode()`, int32 wrap. */
export function topicPartitionHashCode(tp: TopicPartition): number {
  return (Math.imul(31, 31 + tp.partition) + javaStringHashCode(tp.topic)) | 0
}

/** Topic name, then partition number: the order of Kafka's sorted partition lists. */
export function compareTopicPartitions(a: TopicPartition, b: TopicPartition): number {
  return compareJavaStrings(a.topic, b.topic) || a.partition - b.partition
}

/** Partitions 0..count-1 of `topic`. */
export function partitionsOf(topic: string, count: number): TopicPartition[] {
  return Array.from({ length: count }, (_, partition) => ({ topic, partition }))
}

/**
 * `MemberInfo#compareTo`: static members (with `group.instance.id`) first, ordered by instance
 * id; then dynamic members ordered by member id. Java string order (UTF-16 code units).
 */
export function compareMembers(a: MemberSubscription, b: MemberSubscription): number {
  if (a.groupInstanceId !== null && b.groupInstanceId !== null) {
    return compareJavaStrings(a.groupInstanceId, b.groupInstanceId)
  }
  if (a.groupInstanceId !== null) return -1
  if (b.groupInstanceId !== null) return 1
  return compareJavaStrings(a.memberId, b.memberId)
}

/** Members in `MemberInfo` order (a stable sort, like `Collections.sort`). */
export function sortMembers(members: readonly MemberSubscription[]): MemberSubscription[] {
  return [...members].sort(compareMembers)
}

/**
 * The order in which the leader iterates its `Map<String, Subscription>`: a Java `HashMap` keyed
 * by member id, filled in JoinGroup order.
 */
export function membersInHashMapOrder(
  members: readonly MemberSubscription[],
): MemberSubscription[] {
  return javaHashMapOrder(members, (member) => javaStringHashCode(member.memberId))
}

/**
 * `AbstractPartitionAssignor#assign`: the partition count of every topic some member subscribes
 * to, skipping topics without metadata or without partitions.
 */
export function subscribedPartitionCounts(input: AssignmentInput): Map<string, number> {
  const counts = new Map<string, number>()
  for (const member of input.members) {
    for (const topic of member.topics) {
      const count = Object.hasOwn(input.partitionsPerTopic, topic)
        ? input.partitionsPerTopic[topic]
        : undefined
      if (count !== undefined && count > 0) counts.set(topic, count)
    }
  }
  return counts
}

/** A plain `GroupAssignment` from per-member lists, with an entry for every member. */
export function toGroupAssignment(
  members: readonly MemberSubscription[],
  partitionsByMember: ReadonlyMap<string, readonly TopicPartition[]>,
): GroupAssignment {
  return Object.fromEntries(
    members.map((member) => [
      member.memberId,
      [...(partitionsByMember.get(member.memberId) ?? [])],
    ]),
  )
}
