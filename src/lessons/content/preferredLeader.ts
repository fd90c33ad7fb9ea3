/**
 * Preferred leaders (KAFKA_SPEC §2.6): after a failover the old leader comes back as a follower;
 * leadership returns to the first replica of the assignment only by a preferred leader election
 * (the controller's auto rebalance every `leader.imbalance.check.interval.seconds`, or by hand).
 */
import type { Lesson } from '../schema'
import { brokersJoin } from './common'
import { ORDERS_RF3, produceOrders } from './replicationCommon'

const leader = { of: 'partition', partition: 'orders-0', field: 'leader' } as const

export const preferredLeader = {
  id: 'preferred-leader',
  track: 'replication',
  seed: 211,
  scenario: ORDERS_RF3,
  allowedCommands: ['produce', 'crashBroker', 'restartBroker', 'electPreferredLeaders'],
  actions: [
    { id: 'elect-preferred', label: 'actionElect', commands: [{ type: 'electPreferredLeaders' }] },
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(3),
    {
      kind: 'demo',
      id: 'write',
      before: 'writeBefore',
      commands: [produceOrders(-1, ['invoice 1', 'invoice 2'])],
      after: 'writeAfter',
    },
    {
      kind: 'task',
      id: 'fail-over',
      prompt: 'failPrompt',
      goal: { type: 'measure', measure: leader, atLeast: 2, atMost: 2 },
      solution: [{ type: 'crashBroker', brokerId: 1, mode: 'process' }],
      hint: 'failHint',
      simBudgetMs: 15_000,
    },
    {
      kind: 'task',
      id: 'come-back',
      prompt: 'backPrompt',
      goal: {
        type: 'all',
        goals: [
          {
            type: 'measure',
            measure: { of: 'partition', partition: 'orders-0', field: 'isrSize' },
            atLeast: 3,
          },
          { type: 'measure', measure: leader, atLeast: 2, atMost: 2 },
        ],
      },
      solution: [{ type: 'restartBroker', brokerId: 1 }],
      hint: 'backHint',
      simBudgetMs: 8_000,
    },
    { kind: 'narrate', id: 'still-follower', prose: 'stillFollower' },
    {
      kind: 'task',
      id: 'elect-preferred',
      prompt: 'electPrompt',
      goal: { type: 'measure', measure: leader, atLeast: 1, atMost: 1 },
      solution: [{ type: 'electPreferredLeaders' }],
      hint: 'electHint',
      simBudgetMs: 3_000,
    },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
