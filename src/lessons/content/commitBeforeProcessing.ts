/**
 * Committing before processing loses records (KAFKA_SPEC §4; SCENARIOS C-3): the application
 * commits the end of a polled batch first, then crashes halfway through it; the restarted
 * consumer starts at the committed offset, so the rest of that batch is never processed.
 */
import type { Lesson } from '../schema'
import { brokersJoin } from './common'
import {
  billingOrders,
  CONSUMER_BASICS,
  joinGroup,
  manualCommit,
  ordersCluster,
  produceOrderRange,
} from './consumerCommon'

export const commitBeforeProcessing = {
  id: 'commit-before-processing',
  track: 'consumer',
  seed: 504,
  scenario: ordersCluster(1),
  allowedCommands: [...CONSUMER_BASICS, 'crashConsumer', 'restartConsumer'],
  actions: [
    {
      id: 'restart',
      label: 'actionRestart',
      commands: [{ type: 'restartConsumer', consumerName: 'consumer-1' }],
    },
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(3),
    {
      kind: 'demo',
      id: 'commit-first',
      before: 'commitFirstBefore',
      commands: [
        ...produceOrderRange(0, 0, 200),
        ...joinGroup('consumer-1', 'billing', manualCommit(100)),
        { type: 'crashConsumer', consumerName: 'consumer-1', afterRecords: 50 },
        {
          type: 'runConsumer',
          consumerName: 'consumer-1',
          processingMs: 10,
          commit: 'beforeProcessing',
        },
      ],
      after: 'commitFirstAfter',
    },
    {
      kind: 'watch',
      id: 'crashed',
      caption: 'crashed',
      until: {
        type: 'eventHappened',
        event: 'consumerStopped',
        match: { consumer: 'consumer-1', how: 'crashed' },
      },
      simBudgetMs: 10_000,
    },
    {
      kind: 'task',
      id: 'restart',
      prompt: 'restartPrompt',
      goal: {
        type: 'all',
        goals: [
          billingOrders('committedOffset', { atLeast: 200 }),
          billingOrders('neverProcessed', { atLeast: 1 }),
        ],
      },
      solution: [{ type: 'restartConsumer', consumerName: 'consumer-1' }],
      hint: 'restartHint',
      simBudgetMs: 90_000,
    },
    { kind: 'narrate', id: 'lost', prose: 'lost' },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
