/**
 * Goal: RangeAssignor assigns exactly like Kafka's (SCENARIOS C-5, KAFKA_SPEC §4.3).
 * Method: every C-5 case with exact lists, then member ordering (static before dynamic, Java
 * string order), members with different subscriptions, and topics without metadata.
 */
import { describe, expect, test } from 'vitest'
import { assignRange } from './rangeAssignor'
import { member, named } from './testHelpers'

describe('C-5 range assignor', () => {
  test('C-5 1 topic × 7 partitions, 3 members → C0 [0,1,2], C1 [3,4], C2 [5,6]', () => {
    const assignment = assignRange({
      members: [member('C0', ['t']), member('C1', ['t']), member('C2', ['t'])],
      partitionsPerTopic: { t: 7 },
    })
    expect(named(assignment)).toEqual({ C0: [0, 1, 2], C1: [3, 4], C2: [5, 6] })
  })

  test('C-5 topics t0,t1 × 3 partitions, 2 members → C0 gets both extras', () => {
    const assignment = assignRange({
      members: [member('C0', ['t0', 't1']), member('C1', ['t0', 't1'])],
      partitionsPerTopic: { t0: 3, t1: 3 },
    })
    expect(named(assignment)).toEqual({
      C0: ['t0p0', 't0p1', 't1p0', 't1p1'],
      C1: ['t0p2', 't1p2'],
    })
  })

  test('C-5 2 partitions, 3 members → C2 idle', () => {
    const assignment = assignRange({
      members: [member('C0', ['t']), member('C1', ['t']), member('C2', ['t'])],
      partitionsPerTopic: { t: 2 },
    })
    expect(named(assignment)).toEqual({ C0: [0], C1: [1], C2: [] })
  })

  test('C-5 static members sort by group.instance.id, not member.id', () => {
    const assignment = assignRange({
      members: [
        member('aaa-2', ['t'], { groupInstanceId: 'b' }),
        member('zzz-1', ['t'], { groupInstanceId: 'a' }),
      ],
      partitionsPerTopic: { t: 4 },
    })
    expect(named(assignment)).toEqual({ 'aaa-2': [2, 3], 'zzz-1': [0, 1] })
  })
})

describe('range assignor ordering and subscriptions', () => {
  test('C-5 static members come before dynamic ones whatever their member ids', () => {
    const assignment = assignRange({
      members: [member('a-dynamic', ['t']), member('z-static', ['t'], { groupInstanceId: 'x' })],
      partitionsPerTopic: { t: 3 },
    })
    expect(named(assignment)).toEqual({ 'z-static': [0, 1], 'a-dynamic': [2] })
  })

  test('C-5 member ids compare as Java strings (code units): "C10" < "C2", "B" < "a"', () => {
    const assignment = assignRange({
      members: [member('C2', ['t']), member('C10', ['t']), member('a', ['t']), member('B', ['t'])],
      partitionsPerTopic: { t: 4 },
    })
    expect(named(assignment)).toEqual({ B: [0], C10: [1], C2: [2], a: [3] })
  })

  test('C-5 the input order of members does not matter', () => {
    const forward = assignRange({
      members: [member('C0', ['t']), member('C1', ['t']), member('C2', ['t'])],
      partitionsPerTopic: { t: 5 },
    })
    const backward = assignRange({
      members: [member('C2', ['t']), member('C1', ['t']), member('C0', ['t'])],
      partitionsPerTopic: { t: 5 },
    })
    expect(named(backward)).toEqual(named(forward))
  })

  test('C-5 each topic is split among its own subscribers only', () => {
    const assignment = assignRange({
      members: [member('C0', ['t0']), member('C1', ['t0', 't1']), member('C2', ['t1'])],
      partitionsPerTopic: { t0: 3, t1: 3 },
    })
    expect(named(assignment)).toEqual({
      C0: ['t0p0', 't0p1'],
      C1: ['t0p2', 't1p0', 't1p1'],
      C2: ['t1p2'],
    })
  })

  test('C-5 topics without metadata or partitions are skipped; unsubscribed topics ignored', () => {
    const assignment = assignRange({
      members: [member('C0', ['t', 'missing', 'empty']), member('C1', ['t'])],
      partitionsPerTopic: { t: 2, empty: 0, other: 5 },
    })
    expect(named(assignment)).toEqual({ C0: [0], C1: [1] })
  })
})
