/**
 * `RangeAssignor` (clients/consumer/RangeAssignor.java), the first entry of the default
 * `partition.assignment.strategy`. Each topic is assigned on its own: its subscribers in
 * `MemberInfo` order (static members by instance id, then dynamic ones by member id) get
 * contiguous ranges of `P / C` partitions, and the first `P % C` of them one extra.
 *
 * Because every topic starts again at the first member, members early in the order collect the
 * extras of every topic (C-5: 2 topics × 3 partitions, 2 members → 4 vs 2).
 *
 * Not modelled: the rack-aware variant, which Kafka only uses when consumers set `client.rack`.
 */
import { compareJavaStrings } from '../javaSemantics'
import {
  partitionsOf,
  sortMembers,
  subscribedPartitionCounts,
  toGroupAssignment,
} from './assignorSupport'
import type { AssignmentInput, GroupAssignment, TopicPartition } from './types'

export function assignRange(input: AssignmentInput): GroupAssignment {
  const partitionsPerTopic = subscribedPartitionCounts(input)
  const assigned = new Map<string, TopicPartition[]>(
    input.members.map((member) => [member.memberId, []]),
  )
  // Kafka walks a HashMap of topics; each member's list is only ever read as a set, so we walk
  // topics by name to make the listed order readable (t0p0, t0p1, t1p0, …).
  const topics = [...partitionsPerTopic.keys()].sort(compareJavaStrings)
  for (const topic of topics) {
    const partitionCount = partitionsPerTopic.get(topic)!
    const consumers = sortMembers(input.members.filter((member) => member.topics.includes(topic)))
    if (consumers.length === 0) continue
    const perConsumer = Math.floor(partitionCount / consumers.length)
    const withExtra = partitionCount % consumers.length
    const partitions = partitionsOf(topic, partitionCount)
    let next = 0
    consumers.forEach((consumer, index) => {
      const count = perConsumer + (index < withExtra ? 1 : 0)
      assigned.get(consumer.memberId)!.push(...partitions.slice(next, next + count))
      next += count
    })
  }
  return toGroupAssignment(input.members, assigned)
}
