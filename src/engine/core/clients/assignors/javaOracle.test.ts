/**
 * Goal: our assignors give the very assignment a Java group leader running Kafka 4.0's classes
 * would send, including the choices that depend on Java HashMap iteration order.
 * Method: 80 random groups (equal and mixed subscriptions, static members, up to 18 members,
 * ownership conflicts across generations) whose assignment was computed by Kafka's own assignor
 * classes on a JVM (javaOracleCases.ts). Lists must match exactly, in order; for range only as
 * sets, because Java lists a member's topics in HashMap order and we list them by name.
 */
import { describe, expect, test } from 'vitest'
import { assignPartitions } from './assignPartitions'
import { compareTopicPartitions } from './assignorSupport'
import { JAVA_ORACLE_CASES } from './javaOracleCases'
import { parsePartitionList } from './testHelpers'
import type { MemberSubscription, TopicPartition } from './types'

function parseMember(line: string): MemberSubscription {
  const [memberId, instance, generation, topics, owned] = line.split(' ')
  return {
    memberId: memberId!,
    groupInstanceId: instance === '-' ? null : instance!,
    generation: generation === '-' ? null : Number(generation),
    topics: topics === '-' ? [] : topics!.split(','),
    ownedPartitions: parsePartitionList(owned!),
  }
}

const sorted = (partitions: readonly TopicPartition[]): TopicPartition[] =>
  [...partitions].sort(compareTopicPartitions)

describe('assignments match Kafka 4.0 run on a JVM', () => {
  JAVA_ORACLE_CASES.forEach((oracleCase, index) => {
    test(`C-5 C-7 oracle case ${index} (${oracleCase.assignor}, ${oracleCase.members.length} members)`, () => {
      const members = oracleCase.members.map(parseMember)
      const assignment = assignPartitions(oracleCase.assignor, {
        members,
        partitionsPerTopic: oracleCase.partitionsPerTopic,
      })
      for (const line of oracleCase.expected) {
        const [memberId, list] = line.split(' ')
        const expected = parsePartitionList(list!)
        const actual = assignment[memberId!]
        expect(actual, memberId).toBeDefined()
        if (oracleCase.assignor === 'range') expect(sorted(actual!)).toEqual(sorted(expected))
        else expect(actual).toEqual(expected)
      }
    })
  })
})
