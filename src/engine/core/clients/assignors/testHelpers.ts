/**
 * Helpers for the assignor tests: compact builders and a "t0p1" notation (the one Kafka's
 * javadoc uses) so expected assignments read like the scenarios.
 */
import type { GroupAssignment, MemberSubscription, TopicPartition } from './types'

/** "t0p1" → { topic: 't0', partition: 1 }; for single-topic tests a bare number means topic t. */
export function tp(name: string | number): TopicPartition {
  if (typeof name === 'number') return { topic: 't', partition: name }
  const match = /^(.*)p(\d+)$/.exec(name)
  if (match === null) throw new Error(`not a topic-partition name: ${name}`)
  return { topic: match[1]!, partition: Number(match[2]) }
}

export function member(
  memberId: string,
  topics: readonly string[],
  options: {
    readonly groupInstanceId?: string
    readonly owned?: readonly (string | number)[]
    readonly generation?: number
  } = {},
): MemberSubscription {
  return {
    memberId,
    groupInstanceId: options.groupInstanceId ?? null,
    topics,
    ownedPartitions: (options.owned ?? []).map(tp),
    generation: options.generation ?? null,
  }
}

/** Assignment lists in "t0p1" notation (or partition numbers for topic t). */
export function named(assignment: GroupAssignment): Record<string, (string | number)[]> {
  return Object.fromEntries(
    Object.entries(assignment).map(([memberId, partitions]) => [
      memberId,
      partitions.map((p) => (p.topic === 't' ? p.partition : `${p.topic}p${p.partition}`)),
    ]),
  )
}

/** "t0:1,t1:0" (the oracle fixture notation) → partitions. */
export function parsePartitionList(list: string): TopicPartition[] {
  if (list === '-' || list === '') return []
  return list.split(',').map((entry) => {
    const colon = entry.lastIndexOf(':')
    return { topic: entry.slice(0, colon), partition: Number(entry.slice(colon + 1)) }
  })
}
