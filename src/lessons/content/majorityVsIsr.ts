/**
 * Majority quorums vs the ISR (KAFKA_SPEC §2.3–2.5): a majority quorum needs 2f+1 replicas to
 * survive f failures; Kafka's ISR needs f+1: with three replicas and the default
 * `min.insync.replicas` = 1, an acks=all write is still acknowledged with two brokers down.
 */
import type { Lesson } from '../schema'
import { brokersJoin } from './common'
import { ORDERS_RF3, produceOrders } from './replicationCommon'

export const majorityVsIsr = {
  id: 'majority-vs-isr',
  track: 'replication',
  seed: 202,
  scenario: ORDERS_RF3,
  allowedCommands: ['produce', 'crashBroker', 'restartBroker'],
  actions: [{ id: 'send-all', label: 'actionSendAll', commands: [produceOrders(-1, ['order 7'])] }],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(3),
    {
      kind: 'demo',
      id: 'write',
      before: 'writeBefore',
      commands: [produceOrders(-1, ['order 1'])],
      after: 'writeAfter',
    },
    {
      kind: 'task',
      id: 'two-down',
      prompt: 'twoDownPrompt',
      goal: {
        type: 'all',
        goals: [
          { type: 'brokerCount', status: 'offline', atLeast: 2 },
          { type: 'eventHappened', event: 'produceCompleted', match: { error: null } },
        ],
      },
      solution: [
        { type: 'crashBroker', brokerId: 2, mode: 'process' },
        { type: 'crashBroker', brokerId: 3, mode: 'process' },
        produceOrders(-1, ['order 7']),
      ],
      hint: 'twoDownHint',
      simBudgetMs: 20_000,
    },
    { kind: 'narrate', id: 'trade-off', prose: 'tradeOff' },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
