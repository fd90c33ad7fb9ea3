/**
 * An idempotent consumer, a retry topic and a dead-letter topic (KAFKA_SPEC §4, §6): the
 * application keeps the keys it has processed and skips a record whose key it has seen (a producer
 * retry or a re-delivery); a record it cannot process is produced to `orders-retry`, where a second
 * consumer tries it again after a delay and then gives up to `orders-dlq`, so `orders-0` is never
 * blocked.
 */
import type { ClusterCommand } from '../../engine'
import type { Lesson } from '../schema'
import { brokersJoin, produce } from './common'
import { CONSUMER_BASICS, consumerMeasure, joinGroup, ordersCluster } from './consumerCommon'

const order = (key: string, value: string) => ({ key, value })

const runSafely: ClusterCommand = {
  type: 'runConsumer',
  consumerName: 'consumer-1',
  processingMs: 50,
  dedupe: true,
  retry: { failMarker: 'corrupt', nextTopic: 'orders-retry', delayMs: 0 },
}

/** The retry topic's consumer: each record waits 2 s after it was written, then one more try. */
const retryLater: ClusterCommand = {
  type: 'runConsumer',
  consumerName: 'consumer-2',
  processingMs: 50,
  retry: { failMarker: 'corrupt', nextTopic: 'orders-dlq', delayMs: 2_000 },
}

const resend = produce('orders', 0, [order('order-2', 'pay 20')], -1)

export const idempotentConsumer = {
  id: 'idempotent-consumer',
  track: 'consumer',
  seed: 506,
  scenario: ordersCluster(1, ['orders-retry', 'orders-dlq']),
  allowedCommands: [...CONSUMER_BASICS],
  actions: [
    { id: 'run-safely', label: 'actionRun', commands: [runSafely] },
    { id: 'resend', label: 'actionResend', commands: [resend] },
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(3),
    {
      kind: 'demo',
      id: 'records',
      before: 'recordsBefore',
      commands: [
        produce(
          'orders',
          0,
          [
            order('order-1', 'pay 10'),
            order('order-2', 'pay 20'),
            order('order-1', 'pay 10'),
            order('order-3', 'corrupt ???'),
            order('order-4', 'pay 40'),
          ],
          -1,
        ),
        ...joinGroup('consumer-1', 'billing'),
        ...joinGroup('consumer-2', 'billing-retry', {}, 'orders-retry'),
        retryLater,
      ],
      after: 'recordsAfter',
    },
    {
      kind: 'task',
      id: 'run',
      prompt: 'runPrompt',
      goal: {
        type: 'all',
        goals: [
          {
            type: 'measure',
            measure: consumerMeasure('consumer-1', 'duplicatesSkipped'),
            atLeast: 1,
          },
          { type: 'measure', measure: consumerMeasure('consumer-1', 'forwardedCount'), atLeast: 1 },
          { type: 'measure', measure: consumerMeasure('consumer-2', 'forwardedCount'), atLeast: 1 },
          {
            type: 'measure',
            measure: { of: 'topic', topic: 'orders-dlq', field: 'partitionsWithData' },
            atLeast: 1,
          },
        ],
      },
      solution: [runSafely],
      hint: 'runHint',
      simBudgetMs: 10_000,
    },
    { kind: 'narrate', id: 'dlq', prose: 'dlq' },
    {
      kind: 'task',
      id: 'redelivered',
      prompt: 'resendPrompt',
      goal: {
        type: 'measure',
        measure: consumerMeasure('consumer-1', 'duplicatesSkipped'),
        atLeast: 1,
        sinceStepStart: true,
      },
      solution: [resend],
      hint: 'resendHint',
      simBudgetMs: 3_000,
    },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
