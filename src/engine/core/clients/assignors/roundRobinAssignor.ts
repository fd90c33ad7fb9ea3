/**
 * `RoundRobinAssignor` (clients/consumer/RoundRobinAssignor.java): all partitions of all
 * subscribed topics, sorted by topic then partition, are dealt to the members in `MemberInfo`
 * order by one circular iterator that is not reset between topics. A member not subscribed to a
 * partition's topic is skipped.
 */
import { compareJavaStrings } from '../javaSemantics'
import {
  partitionsOf,
  sortMembers,
  subscribedPartitionCounts,
  toGroupAssignment,
} from './assignorSupport'
import type { AssignmentInput, GroupAssignment, TopicPartition } from './types'

export function assignRoundRobin(input: AssignmentInput): GroupAssignment {
  const partitionsPerTopic = subscribedPartitionCounts(input)
  const assigned = new Map<string, TopicPartition[]>(
    input.members.map((member) => [member.memberId, []]),
  )
  const members = sortMembers(input.members)
  const topics = [...partitionsPerTopic.keys()].sort(compareJavaStrings)
  let cursor = 0 // CircularIterator position: the member `peek()` would return
  for (const topic of topics) {
    for (const partition of partitionsOf(topic, partitionsPerTopic.get(topic)!)) {
      // Some member subscribes to every listed topic, so this loop ends within one lap.
      while (!members[cursor]!.topics.includes(topic)) cursor = (cursor + 1) % members.length
      assigned.get(members[cursor]!.memberId)!.push(partition)
      cursor = (cursor + 1) % members.length
    }
  }
  return toGroupAssignment(input.members, assigned)
}
