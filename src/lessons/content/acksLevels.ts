/**
 * acks=0/1/all (KAFKA_SPEC §2.5) and the acks=1 loss window (SCENARIOS R-7): with acks=1 the
 * leader answers after its own append; if it dies before the followers copied the record, the new
 * leader never had it and the old one truncates it away when it returns (divergingEpoch).
 */
import type { Lesson } from '../schema'
import { brokersJoin, fetchesSettle, pauseFetchers } from './common'
import { ORDERS_RF3, ordersReplica, produceOrders } from './replicationCommon'

export const acksLevels = {
  id: 'acks-levels',
  track: 'replication',
  seed: 204,
  scenario: ORDERS_RF3,
  allowedCommands: ['produce', 'crashBroker', 'restartBroker', 'pauseFetcher', 'resumeFetcher'],
  actions: [
    { id: 'send-acks-0', label: 'actionAcks0', commands: [produceOrders(0, ['a0'])] },
    { id: 'send-acks-1', label: 'actionAcks1', commands: [produceOrders(1, ['a1'])] },
    { id: 'send-acks-all', label: 'actionAcksAll', commands: [produceOrders(-1, ['aall'])] },
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(3),
    {
      kind: 'demo',
      id: 'three-levels',
      before: 'levelsBefore',
      commands: [produceOrders(0, ['a0']), produceOrders(1, ['a1']), produceOrders(-1, ['aall'])],
      after: 'levelsAfter',
    },
    {
      kind: 'watch',
      id: 'all-replicated',
      caption: 'replicatedCaption',
      until: { type: 'measure', measure: ordersReplica(1, 'highWatermark'), atLeast: 3 },
      simBudgetMs: 3_000,
    },
    {
      kind: 'demo',
      id: 'followers-stop',
      before: 'stopBefore',
      commands: pauseFetchers(2, 3),
      after: 'stopAfter',
    },
    fetchesSettle(),
    {
      kind: 'demo',
      id: 'write-acks-1',
      before: 'acks1Before',
      commands: [produceOrders(1, ['paid 1', 'paid 2'])],
      after: 'acks1After',
    },
    {
      kind: 'task',
      id: 'crash-leader',
      prompt: 'crashPrompt',
      goal: {
        type: 'all',
        goals: [
          {
            type: 'measure',
            measure: { of: 'partition', partition: 'orders-0', field: 'leader' },
            atLeast: 2,
          },
          {
            type: 'measure',
            measure: { of: 'partition', partition: 'orders-0', field: 'leaderEpoch' },
            atLeast: 1,
          },
        ],
      },
      solution: [{ type: 'crashBroker', brokerId: 1, mode: 'process' }],
      hint: 'crashHint',
      simBudgetMs: 15_000,
    },
    { kind: 'narrate', id: 'new-leader', prose: 'newLeader' },
    {
      kind: 'task',
      id: 'old-leader-returns',
      prompt: 'returnPrompt',
      goal: {
        type: 'eventHappened',
        event: 'logTruncated',
        match: { brokerId: 1, reason: 'divergingEpoch' },
      },
      solution: [{ type: 'restartBroker', brokerId: 1 }],
      hint: 'returnHint',
      simBudgetMs: 6_000,
    },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
