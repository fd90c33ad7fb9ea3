/**
 * Goal: a member joining a group rebalances as SCENARIOS C-7 describes, under the default
 * strategy (range + EAGER) and under cooperative-sticky (two rebalances, partial revocation).
 * Method: protocol selection per consumer and per group, then the assignment and each member's
 * revocations/additions for each rebalance, with exact lists and generations.
 */
import { describe, expect, test } from 'vitest'
import { assignPartitions } from './assignPartitions'
import {
  DEFAULT_PARTITION_ASSIGNMENT_STRATEGY,
  rebalanceProtocolFor,
  selectGroupProtocol,
} from './rebalanceProtocol'
import { memberRebalanceOutcome, runCooperativeRebalance } from './rebalanceOutcome'
import { member, named, tp } from './testHelpers'

describe('C-7 protocol selection', () => {
  test('C-7 default [range, cooperative-sticky] → EAGER, and the group votes range', () => {
    expect(DEFAULT_PARTITION_ASSIGNMENT_STRATEGY).toEqual(['range', 'cooperative-sticky'])
    expect(rebalanceProtocolFor(DEFAULT_PARTITION_ASSIGNMENT_STRATEGY)).toBe('EAGER')
    expect(
      selectGroupProtocol([
        { memberId: 'C0', assignors: DEFAULT_PARTITION_ASSIGNMENT_STRATEGY },
        { memberId: 'C1', assignors: DEFAULT_PARTITION_ASSIGNMENT_STRATEGY },
      ]),
    ).toBe('range')
  })

  test('C-7 only all-cooperative lists give COOPERATIVE', () => {
    expect(rebalanceProtocolFor(['cooperative-sticky'])).toBe('COOPERATIVE')
    expect(rebalanceProtocolFor(['cooperative-sticky', 'sticky'])).toBe('EAGER')
    expect(rebalanceProtocolFor(['roundrobin'])).toBe('EAGER')
    expect(rebalanceProtocolFor([])).toBeNull()
  })

  test('C-7 the vote: each member votes its first common assignor; ties by HashMap order', () => {
    // Upgrade path: one member already prefers cooperative-sticky, one still range first.
    const tie = selectGroupProtocol([
      { memberId: 'C0', assignors: ['cooperative-sticky', 'range'] },
      { memberId: 'C1', assignors: ['range', 'cooperative-sticky'] },
    ])
    expect(tie).toBe('range') // "range" precedes "cooperative-sticky" in a JVM HashMap
    expect(
      selectGroupProtocol([
        { memberId: 'C0', assignors: ['cooperative-sticky', 'range'] },
        { memberId: 'C1', assignors: ['cooperative-sticky', 'range'] },
        { memberId: 'C2', assignors: ['range', 'cooperative-sticky'] },
      ]),
    ).toBe('cooperative-sticky')
    expect(
      selectGroupProtocol([
        { memberId: 'C0', assignors: ['range'] },
        { memberId: 'C1', assignors: ['cooperative-sticky'] },
      ]),
    ).toBeNull()
  })
})

describe('C-7 C1 joins while C0 owns t-0..t-5 (generation 1)', () => {
  test('C-7 default strategy: one eager rebalance; C0 revokes all six, then C0 [0,1,2], C1 [3,4,5]', () => {
    const assignor = selectGroupProtocol([
      { memberId: 'C0', assignors: DEFAULT_PARTITION_ASSIGNMENT_STRATEGY },
      { memberId: 'C1', assignors: DEFAULT_PARTITION_ASSIGNMENT_STRATEGY },
    ])!
    const assignment = assignPartitions(assignor, {
      members: [member('C0', ['t']), member('C1', ['t'])], // eager: nothing owned at join
      partitionsPerTopic: { t: 6 },
    })
    expect(named(assignment)).toEqual({ C0: [0, 1, 2], C1: [3, 4, 5] })
    const c0 = memberRebalanceOutcome('EAGER', [0, 1, 2, 3, 4, 5].map(tp), assignment.C0!)
    expect(c0.revokedBeforeJoin).toEqual([0, 1, 2, 3, 4, 5].map(tp))
    expect(c0.added).toEqual([0, 1, 2].map(tp))
    expect(c0.rejoinRequired).toBe(false)
    const c1 = memberRebalanceOutcome('EAGER', [], assignment.C1!)
    expect(c1.added).toEqual([3, 4, 5].map(tp))
  })

  test('C-7 cooperative-sticky: generation 2 revokes only 3,4,5 from C0; generation 3 gives them to C1', () => {
    const rounds = runCooperativeRebalance(
      {
        members: [
          member('C0', ['t'], { owned: [0, 1, 2, 3, 4, 5], generation: 1 }),
          member('C1', ['t']),
        ],
        partitionsPerTopic: { t: 6 },
      },
      2,
    )
    expect(rounds).toHaveLength(2)
    const [first, second] = rounds

    expect(first!.generation).toBe(2)
    expect(named(first!.assignment)).toEqual({ C0: [0, 1, 2], C1: [] })
    expect(first!.partitionsTransferringOwnership).toEqual([
      { tp: tp(3), memberId: 'C1' },
      { tp: tp(4), memberId: 'C1' },
      { tp: tp(5), memberId: 'C1' },
    ])
    expect(first!.outcomes.C0).toEqual({
      revokedBeforeJoin: [],
      revokedAfterAssignment: [3, 4, 5].map(tp),
      added: [],
      ownedAfter: [0, 1, 2].map(tp),
      rejoinRequired: true,
    })
    expect(first!.outcomes.C1!.added).toEqual([])

    expect(second!.generation).toBe(3)
    expect(named(second!.assignment)).toEqual({ C0: [0, 1, 2], C1: [3, 4, 5] })
    expect(second!.outcomes.C1!.added).toEqual([3, 4, 5].map(tp))
    expect(second!.outcomes.C0).toMatchObject({
      revokedBeforeJoin: [],
      revokedAfterAssignment: [],
      added: [],
      rejoinRequired: false,
    })
  })

  test('C-7 cooperative: nothing moves → a single rebalance', () => {
    const rounds = runCooperativeRebalance(
      {
        members: [
          member('C0', ['t'], { owned: [0, 1, 2], generation: 3 }),
          member('C1', ['t'], { owned: [3, 4, 5], generation: 3 }),
        ],
        partitionsPerTopic: { t: 6 },
      },
      4,
    )
    expect(rounds).toHaveLength(1)
    expect(named(rounds[0]!.assignment)).toEqual({ C0: [0, 1, 2], C1: [3, 4, 5] })
  })

  test('C-7 cooperative: a topic dropped from the subscription is revoked before joining', () => {
    const outcome = memberRebalanceOutcome(
      'COOPERATIVE',
      [tp('ap0'), tp('bp0')],
      [tp('bp0')],
      ['b'],
    )
    expect(outcome.revokedBeforeJoin).toEqual([tp('ap0')])
    expect(outcome.revokedAfterAssignment).toEqual([])
    expect(outcome.rejoinRequired).toBe(false)
  })
})
