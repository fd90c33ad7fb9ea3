/**
 * The committed offset is the next offset to read (KAFKA_SPEC §4; SCENARIOS C-1): after
 * processing 0–9 the application commits 10, and a restarted consumer goes on from 10 with no
 * record processed twice. Committing 9 would deliver offset 9 again.
 */
import type { ClusterCommand } from '../../engine'
import type { Lesson } from '../schema'
import { brokersJoin } from './common'
import {
  billingOrders,
  CONSUMER_BASICS,
  consumerMeasure,
  joinGroup,
  manualCommit,
  ordersCluster,
  produceOrderRange,
} from './consumerCommon'

const commit = (offset: number): ClusterCommand => ({
  type: 'commitSync',
  consumerName: 'consumer-1',
  offsets: [{ topic: 'orders', partition: 0, offset }],
})

const restart: ClusterCommand[] = [
  { type: 'closeConsumer', consumerName: 'consumer-1' },
  { type: 'restartConsumer', consumerName: 'consumer-1' },
  { type: 'runConsumer', consumerName: 'consumer-1', processingMs: 10 },
]

export const committedOffset = {
  id: 'committed-offset',
  track: 'consumer',
  seed: 502,
  scenario: ordersCluster(1),
  allowedCommands: [...CONSUMER_BASICS, 'poll', 'commitSync', 'closeConsumer', 'restartConsumer'],
  actions: [
    { id: 'poll', label: 'actionPoll', commands: [{ type: 'poll', consumerName: 'consumer-1' }] },
    { id: 'commit-9', label: 'actionCommit', params: { offset: 9 }, commands: [commit(9)] },
    { id: 'commit-10', label: 'actionCommit', params: { offset: 10 }, commands: [commit(10)] },
    { id: 'restart', label: 'actionRestart', commands: restart },
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(3),
    {
      kind: 'demo',
      id: 'setup',
      before: 'setupBefore',
      commands: [
        ...produceOrderRange(0, 0, 20),
        ...joinGroup('consumer-1', 'billing', manualCommit(10)),
      ],
      after: 'setupAfter',
    },
    {
      kind: 'watch',
      id: 'fetched',
      caption: 'fetched',
      until: { type: 'measure', measure: consumerMeasure('consumer-1', 'buffered'), atLeast: 10 },
      simBudgetMs: 10_000,
    },
    {
      kind: 'task',
      id: 'poll',
      prompt: 'pollPrompt',
      goal: {
        type: 'measure',
        measure: consumerMeasure('consumer-1', 'processedCount'),
        atLeast: 10,
      },
      solution: [{ type: 'poll', consumerName: 'consumer-1' }],
      hint: 'pollHint',
      simBudgetMs: 1_000,
    },
    {
      kind: 'task',
      id: 'commit-next',
      prompt: 'commitPrompt',
      goal: billingOrders('committedOffset', { atLeast: 10, atMost: 10 }),
      solution: [commit(10)],
      hint: 'commitHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'why-next', prose: 'whyNext' },
    {
      kind: 'task',
      id: 'restart',
      prompt: 'restartPrompt',
      goal: {
        type: 'all',
        goals: [
          billingOrders('committedOffset', { atLeast: 20 }),
          billingOrders('duplicateCount', { atMost: 0 }),
        ],
      },
      solution: restart,
      hint: 'restartHint',
      simBudgetMs: 10_000,
    },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
