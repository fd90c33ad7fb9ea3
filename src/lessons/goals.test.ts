/**
 * Goal: every goal kind means exactly what schema.ts says, relative goals compare with the step's
 * start, event goals count only events after the step started, and the combinators obey logic.
 * Method: views are a real engine's view with brokers overridden by hand (so new view fields
 * need no test changes); events are written out; the combinators are checked as properties over
 * random goal trees with fast-check (fixed seed, see vitest.setup.ts).
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import type { BrokerView, ClusterView, SimEvent } from '../engine'
import { createEngine } from '../engine/headless'
import {
  evaluateGoal,
  goalContextFrom,
  readMeasure,
  stepStartFrom,
  unprocessedBelow,
  type GoalContext,
} from './goals'
import type { Goal } from './schema'

const base = createEngine({ seed: 1, scenario: { brokers: 3 } }).view()

function broker(brokerId: number, overrides: Partial<BrokerView> = {}): BrokerView {
  return {
    ...base.brokers[0]!,
    brokerId,
    nodeId: `broker-${brokerId}`,
    status: 'online',
    incarnation: 1,
    brokerEpoch: brokerId,
    controllerSees: 'unfenced',
    lastContactMs: 2_000,
    isolated: false,
    lastCrashMode: null,
    ...overrides,
  }
}

function view(nowMs: number, brokers: BrokerView[]): ClusterView {
  return { ...base, nowMs, brokers }
}

const healthy = view(2_000, [broker(1), broker(2), broker(3)])

function context(overrides: Partial<GoalContext> = {}): GoalContext {
  return {
    stepStartView: healthy,
    view: healthy,
    eventsSinceStepStart: [],
    nowMs: 2_000,
    stepStartMs: 2_000,
    ...overrides,
  }
}

const fenced = (seq: number, brokerId: number, atMs: number): SimEvent => ({
  type: 'brokerFenced',
  brokerId,
  brokerEpoch: brokerId,
  lastContactMs: atMs - 9_001,
  seq,
  atMs,
})

describe('goal kinds', () => {
  test('brokerStatus: the broker has that status now; an unknown broker never matches', () => {
    const crashed = view(3_000, [broker(1), broker(2, { status: 'offline' }), broker(3)])
    const goal: Goal = { type: 'brokerStatus', brokerId: 2, status: 'offline' }
    expect(evaluateGoal(goal, context())).toBe(false)
    expect(evaluateGoal(goal, context({ view: crashed }))).toBe(true)
    expect(evaluateGoal({ ...goal, brokerId: 9 }, context({ view: crashed }))).toBe(false)
  })

  test('controllerSees: what the controller believes, whatever the process is doing', () => {
    const unnoticed = view(5_000, [broker(1), broker(2, { status: 'offline' }), broker(3)])
    const goal: Goal = { type: 'controllerSees', brokerId: 2, sees: 'unfenced' }
    expect(evaluateGoal(goal, context({ view: unnoticed }))).toBe(true)
    expect(evaluateGoal({ ...goal, sees: 'fenced' }, context({ view: unnoticed }))).toBe(false)
  })

  test('brokerCount: inclusive bounds on how many brokers have a status', () => {
    const oneDown = view(3_000, [broker(1), broker(2, { status: 'offline' }), broker(3)])
    const online = (atLeast?: number, atMost?: number): Goal => ({
      type: 'brokerCount',
      status: 'online',
      ...(atLeast === undefined ? {} : { atLeast }),
      ...(atMost === undefined ? {} : { atMost }),
    })
    expect(evaluateGoal(online(3), context())).toBe(true)
    expect(evaluateGoal(online(3), context({ view: oneDown }))).toBe(false)
    expect(evaluateGoal(online(2, 2), context({ view: oneDown }))).toBe(true)
    expect(evaluateGoal(online(undefined, 1), context({ view: oneDown }))).toBe(false)
  })

  test('brokerEpochChanged: registered now with an epoch other than at the step start', () => {
    const goal: Goal = { type: 'brokerEpochChanged', brokerId: 2 }
    const down = view(3_000, [broker(1), broker(2, { status: 'offline', brokerEpoch: null })])
    const back = view(6_000, [broker(1), broker(2, { brokerEpoch: 4 })])
    expect(evaluateGoal(goal, context())).toBe(false)
    expect(evaluateGoal(goal, context({ view: down }))).toBe(false) // no epoch is not a new one
    expect(evaluateGoal(goal, context({ view: back }))).toBe(true)
    // From a step that started with the broker down, any registration is a change.
    expect(evaluateGoal(goal, context({ stepStartView: down, view: healthy }))).toBe(true)
  })

  test('eventHappened: counts matching events since the step started', () => {
    const events = [fenced(10, 2, 11_006), fenced(11, 3, 12_000)]
    const goal: Goal = { type: 'eventHappened', event: 'brokerFenced' }
    expect(evaluateGoal(goal, context())).toBe(false)
    expect(evaluateGoal(goal, context({ eventsSinceStepStart: events }))).toBe(true)
    const ofBroker3: Goal = { ...goal, match: { brokerId: 3 } }
    expect(evaluateGoal(ofBroker3, context({ eventsSinceStepStart: events.slice(0, 1) }))).toBe(
      false,
    )
    expect(evaluateGoal(ofBroker3, context({ eventsSinceStepStart: events }))).toBe(true)
    expect(evaluateGoal({ ...goal, atLeast: 2 }, context({ eventsSinceStepStart: events }))).toBe(
      true,
    )
    expect(evaluateGoal({ ...goal, atLeast: 3 }, context({ eventsSinceStepStart: events }))).toBe(
      false,
    )
    const unfenced: Goal = { type: 'eventHappened', event: 'brokerUnfenced' }
    expect(evaluateGoal(unfenced, context({ eventsSinceStepStart: events }))).toBe(false)
  })

  test('timeAtLeast is absolute; elapsedAtLeast counts from the step start', () => {
    const later = context({ nowMs: 12_000, stepStartMs: 5_000 })
    expect(evaluateGoal({ type: 'timeAtLeast', ms: 12_000 }, later)).toBe(true)
    expect(evaluateGoal({ type: 'timeAtLeast', ms: 12_001 }, later)).toBe(false)
    expect(evaluateGoal({ type: 'elapsedAtLeast', ms: 7_000 }, later)).toBe(true)
    expect(evaluateGoal({ type: 'elapsedAtLeast', ms: 7_001 }, later)).toBe(false)
  })

  test('all, any and not combine goals', () => {
    const yes: Goal = { type: 'timeAtLeast', ms: 0 }
    const no: Goal = { type: 'timeAtLeast', ms: 1_000_000 }
    expect(evaluateGoal({ type: 'all', goals: [yes, yes] }, context())).toBe(true)
    expect(evaluateGoal({ type: 'all', goals: [yes, no] }, context())).toBe(false)
    expect(evaluateGoal({ type: 'any', goals: [no, yes] }, context())).toBe(true)
    expect(evaluateGoal({ type: 'any', goals: [no, no] }, context())).toBe(false)
    expect(evaluateGoal({ type: 'not', goal: no }, context())).toBe(true)
  })
})

describe('consumer measures', () => {
  const groupPartition = {
    partitionKey: 'orders-0',
    committedOffset: 200,
    highWatermark: 200,
    logStartOffset: 0,
    lag: 0,
    processedRanges: [
      [0, 50],
      [100, 200],
    ] as [number, number][],
    processedCount: 150,
    duplicateCount: 0,
  }
  const consumer = {
    ...({} as ClusterView['consumerGroups']['consumers'][number]),
    name: 'consumer-1',
    generationId: 3,
    partitions: [
      { partitionKey: 'orders-0', position: 10, highWatermark: 20, lag: 10, buffered: 4 },
      { partitionKey: 'orders-1', position: null, highWatermark: 5, lag: null, buffered: 0 },
    ],
    stats: {
      polledCount: 7,
      processedCount: 6,
      duplicateCount: 1,
      duplicatesSkipped: 2,
      forwardedCount: 3,
      recent: [],
    },
  }
  const withGroups: ClusterView = {
    ...base,
    consumerGroups: {
      groups: [
        {
          ...({} as ClusterView['consumerGroups']['groups'][number]),
          groupId: 'billing',
          generationId: 2,
          members: [],
          partitions: [
            groupPartition,
            { ...groupPartition, partitionKey: 'orders-1', committedOffset: null },
          ],
          dedupeStoreSize: 4,
        },
      ],
      consumers: [consumer],
    },
  }

  test('neverProcessed counts offsets below the committed offset that no range covers', () => {
    expect(
      unprocessedBelow(
        [
          [0, 50],
          [100, 200],
        ],
        0,
        200,
      ),
    ).toBe(50)
    expect(unprocessedBelow([[0, 50]], 20, 40)).toBe(0)
    expect(unprocessedBelow([], 5, 5)).toBe(0)
    const read = (partition: string) =>
      readMeasure(
        { of: 'groupPartition', groupId: 'billing', partition, field: 'neverProcessed' },
        withGroups,
      )
    expect(read('orders-0')).toBe(50)
    // Nothing committed yet: nothing can have been skipped, and the measure names nothing.
    expect(read('orders-1')).toBeNull()
  })

  test('group, group partition and consumer numbers; unknown names read as missing', () => {
    expect(readMeasure({ of: 'group', groupId: 'billing', field: 'members' }, withGroups)).toBe(0)
    expect(
      readMeasure({ of: 'group', groupId: 'billing', field: 'dedupeStoreSize' }, withGroups),
    ).toBe(4)
    expect(readMeasure({ of: 'group', groupId: 'other', field: 'members' }, withGroups)).toBeNull()
    const c = (field: 'ownedPartitions' | 'buffered' | 'lag' | 'forwardedCount' | 'generationId') =>
      readMeasure({ of: 'consumer', consumerName: 'consumer-1', field }, withGroups)
    expect([
      c('ownedPartitions'),
      c('buffered'),
      c('lag'),
      c('forwardedCount'),
      c('generationId'),
    ]).toEqual([2, 4, 10, 3, 3])
    expect(
      readMeasure({ of: 'consumer', consumerName: 'consumer-9', field: 'lag' }, withGroups),
    ).toBeNull()
    const goal: Goal = {
      type: 'measure',
      measure: {
        of: 'groupPartition',
        groupId: 'billing',
        partition: 'orders-0',
        field: 'committedOffset',
      },
      atLeast: 200,
    }
    expect(evaluateGoal(goal, context({ view: withGroups }))).toBe(true)
    expect(evaluateGoal(goal, context())).toBe(false)
  })
})

describe('step start and event windows', () => {
  test('events count when numbered from the step start on and not earlier in time', () => {
    const before = fenced(4, 1, 1_000)
    const start = stepStartFrom(view(2_000, healthy.brokers), [before])
    expect(start).toMatchObject({ atMs: 2_000, seq: 5 })
    const after = fenced(5, 2, 11_006)
    const ctx = goalContextFrom(start, view(11_010, healthy.brokers), [before, after])
    expect(ctx.eventsSinceStepStart).toEqual([after])
    expect(ctx).toMatchObject({ nowMs: 11_010, stepStartMs: 2_000 })
    // After a seek to before the step, recomputed earlier events are not "since the step".
    const replayed = fenced(5, 2, 1_500)
    expect(goalContextFrom(start, healthy, [replayed]).eventsSinceStepStart).toEqual([])
  })

  test('with no events seen yet, every later event counts', () => {
    expect(stepStartFrom(healthy, []).seq).toBe(0)
  })
})

describe('combinator laws', () => {
  const leaf = fc.oneof(
    fc.record({ type: fc.constant('timeAtLeast' as const), ms: fc.nat(20_000) }),
    fc.record({
      type: fc.constant('brokerStatus' as const),
      brokerId: fc.integer({ min: 1, max: 3 }),
      status: fc.constantFrom('offline' as const, 'online' as const, 'fenced' as const),
    }),
  )
  const { goal } = fc.letrec<{ goal: Goal }>((tie) => ({
    goal: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ type: fc.constant('not' as const), goal: tie('goal') }),
      fc.record({
        type: fc.constant('all' as const),
        goals: fc.array(tie('goal'), { minLength: 1, maxLength: 3 }),
      }),
      fc.record({
        type: fc.constant('any' as const),
        goals: fc.array(tie('goal'), { minLength: 1, maxLength: 3 }),
      }),
    ),
  }))
  const contexts = fc
    .tuple(
      fc.nat(20_000),
      fc.constantFrom('offline' as const, 'online' as const, 'fenced' as const),
    )
    .map(([nowMs, status]) =>
      context({ nowMs, view: view(nowMs, [broker(1), broker(2, { status }), broker(3)]) }),
    )

  test('not(not g) = g, De Morgan, and a one-goal all/any is that goal', () => {
    fc.assert(
      fc.property(goal, goal, contexts, (a, b, ctx) => {
        const value = (g: Goal) => evaluateGoal(g, ctx)
        expect(value({ type: 'not', goal: { type: 'not', goal: a } })).toBe(value(a))
        expect(value({ type: 'not', goal: { type: 'all', goals: [a, b] } })).toBe(
          value({
            type: 'any',
            goals: [
              { type: 'not', goal: a },
              { type: 'not', goal: b },
            ],
          }),
        )
        expect(value({ type: 'all', goals: [a] })).toBe(value(a))
        expect(value({ type: 'any', goals: [a] })).toBe(value(a))
      }),
      { numRuns: 300 },
    )
  })
})
