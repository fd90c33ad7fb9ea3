/**
 * Follower failure and leader failure (KAFKA_SPEC §2.4, §2.6): a dead follower is fenced and
 * leaves the ISR, then catches up and rejoins; a dead leader is replaced by the first replica in
 * assignment order that is in the ISR, and committed records survive.
 */
import type { Lesson } from '../schema'
import { brokersJoin } from './common'
import { ORDERS_RF3, ordersReplica, produceOrders } from './replicationCommon'

const isrSize = { of: 'partition', partition: 'orders-0', field: 'isrSize' } as const
const leader = { of: 'partition', partition: 'orders-0', field: 'leader' } as const

export const failoverAndTruncation = {
  id: 'failover-and-truncation',
  track: 'replication',
  seed: 207,
  scenario: ORDERS_RF3,
  allowedCommands: ['produce', 'crashBroker', 'restartBroker'],
  actions: [
    {
      id: 'send',
      label: 'actionSend',
      commands: [produceOrders(-1, ['ship 1', 'ship 2', 'ship 3'])],
    },
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(3),
    {
      kind: 'task',
      id: 'follower-down',
      prompt: 'followerDownPrompt',
      goal: {
        type: 'all',
        goals: [
          { type: 'brokerStatus', brokerId: 3, status: 'offline' },
          { type: 'measure', measure: isrSize, atMost: 2 },
        ],
      },
      solution: [{ type: 'crashBroker', brokerId: 3, mode: 'process' }],
      hint: 'followerDownHint',
      simBudgetMs: 15_000,
    },
    {
      kind: 'demo',
      id: 'write-without-3',
      before: 'writeBefore',
      commands: [produceOrders(-1, ['ship 1', 'ship 2', 'ship 3'])],
      after: 'writeAfter',
    },
    {
      kind: 'task',
      id: 'follower-back',
      prompt: 'followerBackPrompt',
      goal: {
        type: 'all',
        goals: [
          { type: 'measure', measure: isrSize, atLeast: 3 },
          { type: 'measure', measure: ordersReplica(3, 'logEndOffset'), atLeast: 3 },
        ],
      },
      solution: [{ type: 'restartBroker', brokerId: 3 }],
      hint: 'followerBackHint',
      simBudgetMs: 8_000,
    },
    { kind: 'narrate', id: 'caught-up', prose: 'caughtUp' },
    {
      kind: 'task',
      id: 'leader-down',
      prompt: 'leaderDownPrompt',
      goal: { type: 'measure', measure: leader, atLeast: 2, atMost: 2 },
      solution: [{ type: 'crashBroker', brokerId: 1, mode: 'process' }],
      hint: 'leaderDownHint',
      simBudgetMs: 15_000,
    },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
