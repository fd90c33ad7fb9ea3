/**
 * min.insync.replicas (KAFKA_SPEC §2.3, §2.5; SCENARIOS R-2): with ISR below it an acks=all
 * produce is refused with NOT_ENOUGH_REPLICAS before anything is written; acks=1 is still
 * appended, but since Kafka 3.7 the HW does not advance, so consumers do not see it.
 */
import type { Lesson } from '../schema'
import { brokersJoin, QUIET_NETWORK } from './common'
import { ordersReplica, produceOrders } from './replicationCommon'

export const minInsyncReplicas = {
  id: 'min-insync-replicas',
  track: 'replication',
  seed: 205,
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
  allowedCommands: ['produce', 'crashBroker', 'restartBroker'],
  actions: [
    { id: 'send-all', label: 'actionSendAll', commands: [produceOrders(-1, ['refund 9'])] },
    { id: 'send-one', label: 'actionSendOne', commands: [produceOrders(1, ['refund 10'])] },
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(3),
    {
      kind: 'demo',
      id: 'write',
      before: 'writeBefore',
      commands: [produceOrders(-1, ['refund 1', 'refund 2'])],
      after: 'writeAfter',
    },
    {
      kind: 'task',
      id: 'lose-two',
      prompt: 'losePrompt',
      goal: {
        type: 'measure',
        measure: { of: 'partition', partition: 'orders-0', field: 'isrSize' },
        atMost: 1,
      },
      solution: [
        { type: 'crashBroker', brokerId: 2, mode: 'process' },
        { type: 'crashBroker', brokerId: 3, mode: 'process' },
      ],
      hint: 'loseHint',
      simBudgetMs: 15_000,
    },
    {
      kind: 'task',
      id: 'refused',
      prompt: 'refusedPrompt',
      goal: {
        type: 'eventHappened',
        event: 'produceCompleted',
        match: { error: 'NOT_ENOUGH_REPLICAS' },
      },
      solution: [produceOrders(-1, ['refund 9'])],
      hint: 'refusedHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'nothing-written', prose: 'nothingWritten' },
    {
      kind: 'task',
      id: 'acks-one-invisible',
      prompt: 'invisiblePrompt',
      goal: {
        type: 'all',
        goals: [
          { type: 'eventHappened', event: 'produceCompleted', match: { error: null } },
          {
            type: 'measure',
            measure: ordersReplica(1, 'logEndOffset'),
            atLeast: 1,
            sinceStepStart: true,
          },
          {
            type: 'measure',
            measure: ordersReplica(1, 'highWatermark'),
            atMost: 0,
            sinceStepStart: true,
          },
        ],
      },
      solution: [produceOrders(1, ['refund 10'])],
      hint: 'invisibleHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
