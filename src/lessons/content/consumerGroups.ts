/**
 * Consumer groups and assignment (KAFKA_SPEC §4; SCENARIOS C-5, C-7): every partition of a
 * subscribed topic goes to exactly one member of the group; a member joining starts a rebalance
 * (a new generation) that splits the partitions, and members beyond the partition count sit idle.
 */
import type { Lesson } from '../schema'
import { brokersJoin } from './common'
import { consumerGoal, joinGroup, ordersCluster } from './consumerCommon'

const owned = (consumerName: string, atLeast: number, atMost: number) =>
  consumerGoal(consumerName, 'ownedPartitions', atLeast, atMost)

export const consumerGroups = {
  id: 'consumer-groups',
  track: 'consumer',
  seed: 501,
  scenario: ordersCluster(4),
  allowedCommands: ['createConsumer', 'subscribe', 'closeConsumer', 'crashConsumer'],
  actions: [
    { id: 'join-consumer-2', label: 'actionJoin2', commands: joinGroup('consumer-2', 'billing') },
    {
      id: 'join-three-more',
      label: 'actionJoinThree',
      commands: [
        ...joinGroup('consumer-3', 'billing'),
        ...joinGroup('consumer-4', 'billing'),
        ...joinGroup('consumer-5', 'billing'),
      ],
    },
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(3),
    {
      kind: 'demo',
      id: 'first-member',
      before: 'firstBefore',
      commands: joinGroup('consumer-1', 'billing'),
      after: 'firstAfter',
    },
    {
      kind: 'watch',
      id: 'first-assignment',
      caption: 'firstAssignment',
      until: owned('consumer-1', 4, 4),
      simBudgetMs: 10_000,
    },
    {
      kind: 'task',
      id: 'second-member',
      prompt: 'secondPrompt',
      goal: {
        type: 'all',
        goals: [
          { type: 'eventHappened', event: 'groupRebalanced', match: { generationId: 2 } },
          owned('consumer-1', 2, 2),
          owned('consumer-2', 2, 2),
        ],
      },
      solution: joinGroup('consumer-2', 'billing'),
      hint: 'secondHint',
      simBudgetMs: 10_000,
    },
    { kind: 'narrate', id: 'rebalance', prose: 'rebalance' },
    {
      kind: 'task',
      id: 'idle-member',
      prompt: 'idlePrompt',
      goal: {
        type: 'all',
        goals: [
          {
            type: 'measure',
            measure: { of: 'group', groupId: 'billing', field: 'members' },
            atLeast: 5,
          },
          { type: 'eventHappened', event: 'groupRebalanced' },
          owned('consumer-5', 0, 0),
        ],
      },
      solution: [
        ...joinGroup('consumer-3', 'billing'),
        ...joinGroup('consumer-4', 'billing'),
        ...joinGroup('consumer-5', 'billing'),
      ],
      hint: 'idleHint',
      simBudgetMs: 10_000,
    },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
