/**
 * When a group notices a member is gone (KAFKA_SPEC §4): a process that stops heartbeating is
 * removed after `session.timeout.ms`; a process that heartbeats but stops calling `poll()` (too
 * slow processing) leaves on its own after `max.poll.interval.ms`. Either way the group
 * rebalances and the survivor takes the partitions.
 */
import type { Lesson } from '../schema'
import { brokersJoin } from './common'
import {
  CONSUMER_BASICS,
  consumerGoal,
  joinGroup,
  ordersCluster,
  produceOrderRange,
} from './consumerCommon'

const CONFIGS = {
  'session.timeout.ms': 10_000,
  'heartbeat.interval.ms': 3_000,
  'max.poll.interval.ms': 15_000,
  'max.poll.records': 10,
}

const owned = (consumerName: string, atLeast: number) =>
  consumerGoal(consumerName, 'ownedPartitions', atLeast)

export const rebalanceTiming = {
  id: 'rebalance-timing',
  track: 'consumer',
  seed: 505,
  scenario: ordersCluster(2),
  allowedCommands: [...CONSUMER_BASICS, 'slowConsumer', 'crashConsumer', 'restartConsumer'],
  actions: [
    {
      id: 'slow-consumer-1',
      label: 'actionSlow',
      commands: [{ type: 'slowConsumer', consumerName: 'consumer-1', processingMs: 5_000 }],
    },
    {
      id: 'crash-consumer-2',
      label: 'actionCrash',
      commands: [{ type: 'crashConsumer', consumerName: 'consumer-2' }],
    },
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(3),
    {
      kind: 'demo',
      id: 'two-members',
      before: 'twoBefore',
      commands: [
        ...produceOrderRange(0, 0, 400),
        ...produceOrderRange(1, 0, 400),
        ...joinGroup('consumer-1', 'billing', CONFIGS),
        ...joinGroup('consumer-2', 'billing', CONFIGS),
        { type: 'runConsumer', consumerName: 'consumer-1', processingMs: 100 },
        { type: 'runConsumer', consumerName: 'consumer-2', processingMs: 100 },
      ],
      after: 'twoAfter',
    },
    {
      kind: 'watch',
      id: 'stable',
      caption: 'stable',
      until: { type: 'all', goals: [owned('consumer-1', 1), owned('consumer-2', 1)] },
      simBudgetMs: 15_000,
    },
    {
      kind: 'task',
      id: 'too-slow',
      prompt: 'slowPrompt',
      goal: {
        type: 'all',
        goals: [
          {
            type: 'eventHappened',
            event: 'pollIntervalExceeded',
            match: { consumer: 'consumer-1' },
          },
          owned('consumer-2', 2),
        ],
      },
      solution: [{ type: 'slowConsumer', consumerName: 'consumer-1', processingMs: 5_000 }],
      hint: 'slowHint',
      simBudgetMs: 40_000,
    },
    { kind: 'narrate', id: 'heartbeats-went-on', prose: 'heartbeatsWentOn' },
    {
      kind: 'task',
      id: 'silent-death',
      prompt: 'deathPrompt',
      goal: {
        type: 'eventHappened',
        event: 'memberRemoved',
        match: { groupId: 'billing', reason: 'sessionTimeout' },
      },
      solution: [{ type: 'crashConsumer', consumerName: 'consumer-2' }],
      hint: 'deathHint',
      simBudgetMs: 20_000,
    },
    { kind: 'narrate', id: 'eager-cooperative', prose: 'eagerCooperative' },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
