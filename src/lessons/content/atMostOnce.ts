/**
 * At most once with acks=0 (KAFKA_SPEC §2.5; SCENARIOS R-13): the producer reports success at
 * once with offset −1 and never hears back, so a record sent to a broker that is down is lost
 * without anyone being told.
 */
import type { Lesson } from '../schema'
import { brokersJoin } from './common'
import { ORDERS_RF3, ordersReplica, produceOrders } from './replicationCommon'

const fireAndForget = produceOrders(0, ['click'])

export const atMostOnce = {
  id: 'at-most-once',
  track: 'delivery',
  seed: 402,
  scenario: ORDERS_RF3,
  allowedCommands: ['produce', 'crashBroker', 'restartBroker'],
  actions: [{ id: 'send-acks-0', label: 'actionSend', commands: [fireAndForget] }],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(3),
    {
      kind: 'demo',
      id: 'fire',
      before: 'fireBefore',
      commands: [fireAndForget],
      after: 'fireAfter',
    },
    {
      kind: 'task',
      id: 'lose-silently',
      prompt: 'losePrompt',
      goal: {
        type: 'all',
        goals: [
          { type: 'eventHappened', event: 'produceCompleted', match: { error: null } },
          {
            type: 'eventHappened',
            event: 'messageDropped',
            match: { kind: 'produceRequest', reason: 'receiverDown' },
          },
          { type: 'measure', measure: ordersReplica(1, 'logEndOffset'), atMost: 1 },
        ],
      },
      solution: [{ type: 'crashBroker', brokerId: 1, mode: 'process' }, fireAndForget],
      hint: 'loseHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'three-semantics', prose: 'threeSemantics' },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
