/**
 * Auto commit and the duplicates after a crash (KAFKA_SPEC §4; SCENARIOS C-2): with
 * `enable.auto.commit` the offsets polled so far are committed inside `poll()` every
 * `auto.commit.interval.ms`; a consumer that dies in between leaves the group to start from the
 * last commit, and what it processed since is processed again.
 */
import type { ClusterCommand } from '../../engine'
import type { Lesson } from '../schema'
import { brokersJoin } from './common'
import {
  billingOrders,
  CONSUMER_BASICS,
  joinGroup,
  ordersCluster,
  produceOrderRange,
} from './consumerCommon'

const CONFIGS = { 'max.poll.records': 50, 'auto.commit.interval.ms': 5000 }

const takeOver: ClusterCommand[] = [
  { type: 'crashConsumer', consumerName: 'consumer-1' },
  ...joinGroup('consumer-2', 'billing', CONFIGS),
  { type: 'runConsumer', consumerName: 'consumer-2', processingMs: 10 },
]

export const autoCommitDuplicates = {
  id: 'auto-commit-duplicates',
  track: 'consumer',
  seed: 503,
  scenario: ordersCluster(1),
  allowedCommands: [...CONSUMER_BASICS, 'crashConsumer', 'closeConsumer'],
  actions: [{ id: 'crash-and-replace', label: 'actionCrash', commands: takeOver }],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(3),
    {
      kind: 'demo',
      id: 'run',
      before: 'runBefore',
      commands: [
        ...produceOrderRange(0, 0, 2000),
        ...joinGroup('consumer-1', 'billing', CONFIGS),
        { type: 'runConsumer', consumerName: 'consumer-1', processingMs: 10 },
      ],
      after: 'runAfter',
    },
    {
      kind: 'watch',
      id: 'first-commit',
      caption: 'firstCommit',
      until: {
        type: 'eventHappened',
        event: 'offsetsCommitted',
        match: { consumer: 'consumer-1', error: null },
      },
      simBudgetMs: 15_000,
    },
    { kind: 'narrate', id: 'between-commits', prose: 'betweenCommits' },
    {
      kind: 'task',
      id: 'crash',
      prompt: 'crashPrompt',
      goal: billingOrders('duplicateCount', { atLeast: 1 }),
      solution: takeOver,
      hint: 'crashHint',
      simBudgetMs: 90_000,
    },
    { kind: 'narrate', id: 'why-duplicates', prose: 'whyDuplicates' },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
