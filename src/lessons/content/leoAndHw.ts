/**
 * LEO and HW (KAFKA_SPEC §2.2–2.3; SCENARIOS R-1): the leader's HW is the smallest LEO among
 * the ISR as the leader knows them from the followers' fetch offsets; followers learn the HW one
 * fetch later; consumers read only below the HW. Fetchers are stepped by hand here.
 */
import type { Lesson } from '../schema'
import { brokersJoin, fetchesSettle, pauseFetchers } from './common'
import { fetchOrders, ORDERS_RF3, ordersReplica, produceOrders } from './replicationCommon'

const step = (brokerId: number) => ({ type: 'stepFetcher', brokerId }) as const

export const leoAndHw = {
  id: 'leo-and-hw',
  track: 'replication',
  seed: 206,
  scenario: ORDERS_RF3,
  allowedCommands: ['produce', 'consumerFetch', 'pauseFetcher', 'stepFetcher'],
  actions: [
    { id: 'step-2', label: 'actionStep2', commands: [step(2)] },
    { id: 'step-3', label: 'actionStep3', commands: [step(3)] },
    { id: 'fetch-0', label: 'actionFetch0', commands: [fetchOrders(0)] },
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(3),
    {
      kind: 'demo',
      id: 'pause',
      before: 'pauseBefore',
      commands: pauseFetchers(2, 3),
      after: 'pauseAfter',
    },
    fetchesSettle(),
    {
      kind: 'demo',
      id: 'write',
      before: 'writeBefore',
      commands: [produceOrders(-1, ['a0', 'a1', 'a2'])],
      after: 'writeAfter',
    },
    {
      kind: 'task',
      id: 'copy-once',
      prompt: 'copyPrompt',
      goal: {
        type: 'all',
        goals: [
          { type: 'measure', measure: ordersReplica(2, 'logEndOffset'), atLeast: 3 },
          { type: 'measure', measure: ordersReplica(3, 'logEndOffset'), atLeast: 3 },
        ],
      },
      solution: [step(2), step(3)],
      hint: 'copyHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'hw-still-zero', prose: 'hwStillZero' },
    {
      kind: 'task',
      id: 'advance-hw',
      prompt: 'advancePrompt',
      goal: { type: 'measure', measure: ordersReplica(1, 'highWatermark'), atLeast: 3 },
      solution: [step(2), step(3)],
      hint: 'advanceHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'followers-lag', prose: 'followersLag' },
    {
      kind: 'watch',
      id: 'follower-learns',
      caption: 'learnCaption',
      until: { type: 'measure', measure: ordersReplica(2, 'highWatermark'), atLeast: 3 },
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
