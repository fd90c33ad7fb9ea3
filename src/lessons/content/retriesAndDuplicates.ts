/**
 * At least once: retries without idempotence duplicate (KAFKA_SPEC §3.4; SCENARIOS P-4). The
 * broker appends the batch and the response is lost; the producer cannot tell that from a lost
 * request, sends again, and the record is in the log twice.
 */
import type { Lesson } from '../schema'
import { brokersJoin } from './common'
import { fetchOrders, ORDERS_RF3, ordersReplica, produceOrders } from './replicationCommon'

const pay = produceOrders(-1, ['pay 30'])

export const retriesAndDuplicates = {
  id: 'retries-and-duplicates',
  track: 'delivery',
  seed: 401,
  scenario: ORDERS_RF3,
  allowedCommands: ['produce', 'consumerFetch', 'dropResponses'],
  actions: [
    { id: 'retry', label: 'actionRetry', commands: [pay] },
    { id: 'fetch', label: 'actionFetch', commands: [fetchOrders(0)] },
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(3),
    {
      kind: 'demo',
      id: 'lost-response',
      before: 'lostBefore',
      commands: [{ type: 'dropResponses', brokerId: 1, count: 1 }, pay],
      after: 'lostAfter',
    },
    {
      kind: 'task',
      id: 'retry',
      prompt: 'retryPrompt',
      goal: {
        type: 'all',
        goals: [
          { type: 'eventHappened', event: 'produceCompleted', match: { error: null } },
          { type: 'measure', measure: ordersReplica(1, 'logEndOffset'), atLeast: 2 },
        ],
      },
      solution: [pay],
      hint: 'retryHint',
      simBudgetMs: 3_000,
    },
    {
      kind: 'task',
      id: 'see-twice',
      prompt: 'twicePrompt',
      goal: { type: 'eventHappened', event: 'fetchCompleted', match: { error: null } },
      solution: [fetchOrders(0)],
      hint: 'twiceHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
