/**
 * acks=all closes the acks=1 window (KAFKA_SPEC §2.5; SCENARIOS ): a record the
 * followers did not copy is never acknowledged, so when the leader dies the producer has been
 * told nothing and sends it again to the new leader; nothing acknowledged is lost.
 */
import type { Lesson } from '../schema'
import { brokersJoin, fetchesSettle, pauseFetchers, QUIET_NETWORK } from './common'
import { produceOrders } from './replicationCommon'

const pay = produceOrders(-1, ['pay 80'])
const leader = { of: 'partition', partition: 'orders-0', field: 'leader' } as const

export const acksAllNoLoss = {
  id: 'acks-all-no-loss',
  track: 'delivery',
  seed: 403,
  scenario: {
    brokers: 3,
    network: QUIET_NETWORK,
    topics: [
      {
        name: 'orders',
        partitions: 1,
        replicationFactor: 3,
        configs: { 'min.insync.replicas': 2 },
      },
    ],
  },
  allowedCommands: ['produce', 'crashBroker', 'restartBroker', 'pauseFetcher', 'resumeFetcher'],
  actions: [{ id: 'send', label: 'actionSend', commands: [pay] }],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(3),
    {
      kind: 'demo',
      id: 'followers-stop',
      before: 'stopBefore',
      commands: pauseFetchers(2, 3),
      after: 'stopAfter',
    },
    fetchesSettle(),
    { kind: 'demo', id: 'write', before: 'writeBefore', commands: [pay], after: 'writeAfter' },
    {
      kind: 'task',
      id: 'crash-leader',
      prompt: 'crashPrompt',
      goal: {
        type: 'all',
        goals: [
          { type: 'measure', measure: leader, atLeast: 2, atMost: 2 },
          {
            type: 'not',
            goal: { type: 'eventHappened', event: 'produceCompleted', match: { error: null } },
          },
        ],
      },
      solution: [{ type: 'crashBroker', brokerId: 1, mode: 'process' }],
      hint: 'crashHint',
      simBudgetMs: 15_000,
    },
    { kind: 'narrate', id: 'never-acked', prose: 'neverAcked' },
    {
      kind: 'task',
      id: 'retry',
      prompt: 'retryPrompt',
      goal: { type: 'eventHappened', event: 'produceCompleted', match: { error: null } },
      solution: [{ type: 'resumeFetcher', brokerId: 3 }, pay],
      hint: 'retryHint',
      simBudgetMs: 3_000,
    },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
