/**
 * Exactly once with transactions (KAFKA_SPEC §3.5): a transactional producer's records are in the
 * log at once, but a `read_committed` consumer reads only up to the last stable offset, so it
 * sees them after the commit marker and never sees an aborted transaction's records; a
 * `read_uncommitted` consumer sees everything.
 */
import type { ClusterCommand } from '../../engine'
import type { Lesson } from '../schema'
import { brokersJoin } from './common'
import {
  consumerGoal,
  consumerMeasure,
  groupPartition,
  joinGroup,
  ordersCluster,
} from './consumerCommon'

const producerName = 'producer-1'

const transfer = (key: string): ClusterCommand[] => [
  { type: 'beginTransaction', producerName },
  { type: 'send', producerName, topic: 'orders', key, value: `${key}: debit 50` },
  { type: 'send', producerName, topic: 'orders', key, value: `${key}: credit 50` },
]

const processed = (consumerName: string, atLeast: number) =>
  consumerGoal(consumerName, 'processedCount', atLeast)

const secondTransfer = transfer('transfer-2')

export const exactlyOnce = {
  id: 'exactly-once',
  track: 'delivery',
  seed: 404,
  scenario: ordersCluster(1),
  allowedCommands: [
    'createProducer',
    'initTransactions',
    'beginTransaction',
    'send',
    'commitTransaction',
    'abortTransaction',
    'createConsumer',
    'subscribe',
    'runConsumer',
  ],
  actions: [
    {
      id: 'commit',
      label: 'actionCommit',
      commands: [{ type: 'commitTransaction', producerName }],
    },
    { id: 'second-transfer', label: 'actionSecond', commands: secondTransfer },
    { id: 'abort', label: 'actionAbort', commands: [{ type: 'abortTransaction', producerName }] },
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(3),
    {
      kind: 'demo',
      id: 'open-transaction',
      before: 'openBefore',
      commands: [
        {
          type: 'createProducer',
          producerName,
          configs: { 'transactional.id': 'payments', 'linger.ms': 0 },
        },
        { type: 'initTransactions', producerName },
        ...transfer('transfer-1'),
        ...joinGroup('consumer-1', 'ledger', { 'isolation.level': 'read_committed' }),
        ...joinGroup('consumer-2', 'audit', { 'isolation.level': 'read_uncommitted' }),
        { type: 'runConsumer', consumerName: 'consumer-1', processingMs: 1 },
        { type: 'runConsumer', consumerName: 'consumer-2', processingMs: 1 },
      ],
      after: 'openAfter',
    },
    {
      kind: 'watch',
      id: 'uncommitted-read',
      caption: 'uncommittedRead',
      until: processed('consumer-2', 2),
      simBudgetMs: 10_000,
    },
    {
      kind: 'task',
      id: 'commit',
      prompt: 'commitPrompt',
      goal: processed('consumer-1', 2),
      solution: [{ type: 'commitTransaction', producerName }],
      hint: 'commitHint',
      simBudgetMs: 3_000,
    },
    { kind: 'narrate', id: 'markers', prose: 'markers' },
    {
      kind: 'task',
      id: 'second-transfer',
      prompt: 'secondPrompt',
      goal: {
        type: 'measure',
        measure: consumerMeasure('consumer-2', 'processedCount'),
        atLeast: 2,
        sinceStepStart: true,
      },
      solution: secondTransfer,
      hint: 'secondHint',
      simBudgetMs: 3_000,
    },
    {
      kind: 'task',
      id: 'abort',
      prompt: 'abortPrompt',
      goal: {
        type: 'all',
        goals: [
          {
            type: 'eventHappened',
            event: 'transactionCompleted',
            match: { transactionalId: 'payments', result: 'ABORT' },
          },
          { type: 'measure', measure: groupPartition('ledger', 'lag'), atMost: 0 },
          {
            type: 'measure',
            measure: consumerMeasure('consumer-1', 'processedCount'),
            atMost: 2,
          },
        ],
      },
      solution: [{ type: 'abortTransaction', producerName }],
      hint: 'abortHint',
      simBudgetMs: 8_000,
    },
    { kind: 'narrate', id: 'aborted-skipped', prose: 'abortedSkipped' },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
