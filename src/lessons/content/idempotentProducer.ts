/**
 * The idempotent producer, broker side (KAFKA_SPEC §3.4; SCENARIOS P-4): a retry with the same
 * producerId, epoch and sequence as one of the last 5 batches is not appended again and is
 * answered with the original offset; a sequence gap is refused with OUT_OF_ORDER_SEQUENCE_NUMBER.
 */
import type { Lesson } from '../schema'
import { brokersJoin, produce } from './common'
import { ORDERS_RF3, ordersReplica } from './replicationCommon'

const sendSeq = (baseSequence: number, value: string) =>
  produce('orders', 0, [{ key: 'order-1', value }], -1, {
    producerId: 1000,
    producerEpoch: 0,
    baseSequence,
  })

export const idempotentProducer = {
  id: 'idempotent-producer',
  track: 'producer',
  seed: 302,
  scenario: ORDERS_RF3,
  allowedCommands: ['produce', 'dropResponses'],
  actions: [
    { id: 'retry-seq-0', label: 'actionRetry', commands: [sendSeq(0, 'pay 30')] },
    { id: 'send-seq-1', label: 'actionSeq1', commands: [sendSeq(1, 'ship')] },
    { id: 'send-seq-3', label: 'actionSeq3', commands: [sendSeq(3, 'refund')] },
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(3),
    {
      kind: 'demo',
      id: 'lost-response',
      before: 'lostBefore',
      commands: [{ type: 'dropResponses', brokerId: 1, count: 1 }, sendSeq(0, 'pay 30')],
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
          { type: 'measure', measure: ordersReplica(1, 'logEndOffset'), atLeast: 1, atMost: 1 },
        ],
      },
      solution: [sendSeq(0, 'pay 30')],
      hint: 'retryHint',
      simBudgetMs: 3_000,
    },
    { kind: 'narrate', id: 'deduplicated', prose: 'deduplicated' },
    {
      kind: 'task',
      id: 'gap',
      prompt: 'gapPrompt',
      goal: {
        type: 'eventHappened',
        event: 'produceCompleted',
        match: { error: 'OUT_OF_ORDER_SEQUENCE_NUMBER' },
      },
      solution: [sendSeq(3, 'refund')],
      hint: 'gapHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
