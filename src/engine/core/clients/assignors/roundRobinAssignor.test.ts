/**
 * Goal: RoundRobinAssignor deals partitions like Kafka's (KAFKA_SPEC §4.3).
 * Method: the 2-topic example of §4.3, the RoundRobinAssignor javadoc example with different
 * subscriptions (checked on a JVM), and the iterator that is not reset between topics.
 */
import { describe, expect, test } from 'vitest'
import { assignRoundRobin } from './roundRobinAssignor'
import { member, named } from './testHelpers'

describe('round-robin assignor', () => {
  test('C-5 §4.3 two topics × 3 partitions, 2 members → C0 t0p0,t0p2,t1p1; C1 t0p1,t1p0,t1p2', () => {
    const assignment = assignRoundRobin({
      members: [member('C0', ['t0', 't1']), member('C1', ['t0', 't1'])],
      partitionsPerTopic: { t0: 3, t1: 3 },
    })
    expect(named(assignment)).toEqual({
      C0: ['t0p0', 't0p2', 't1p1'],
      C1: ['t0p1', 't1p0', 't1p2'],
    })
  })

  test('C-5 javadoc example: members skip topics they do not subscribe to', () => {
    const assignment = assignRoundRobin({
      members: [member('C0', ['t0']), member('C1', ['t0', 't1']), member('C2', ['t0', 't1', 't2'])],
      partitionsPerTopic: { t0: 1, t1: 2, t2: 3 },
    })
    expect(named(assignment)).toEqual({
      C0: ['t0p0'],
      C1: ['t1p0'],
      C2: ['t1p1', 't2p0', 't2p1', 't2p2'],
    })
  })

  test('C-5 topics are dealt in name order and static members lead', () => {
    const assignment = assignRoundRobin({
      members: [member('C0', ['b', 'a']), member('C1', ['b', 'a'], { groupInstanceId: 'i' })],
      partitionsPerTopic: { b: 1, a: 1 },
    })
    expect(named(assignment)).toEqual({ C1: ['ap0'], C0: ['bp0'] })
  })
})
