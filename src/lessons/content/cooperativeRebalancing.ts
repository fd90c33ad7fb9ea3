/**
 * Eager vs cooperative rebalancing (KAFKA_SPEC §4; SCENARIOS C-7): with the default `range`
 * assignor (EAGER) a joining member makes every member revoke all its partitions first; with
 * `CooperativeStickyAssignor` only the partitions that move are revoked, over two rebalances.
 */
import type { Lesson } from '../schema'
import { brokersJoin } from './common'
import { consumerGoal, joinGroup, ordersCluster } from './consumerCommon'

const COOPERATIVE = {
  'partition.assignment.strategy': 'org.apache.kafka.clients.consumer.CooperativeStickyAssignor',
}

const owned = (consumerName: string, count: number) =>
  consumerGoal(consumerName, 'ownedPartitions', count, count)

const eagerJoin = joinGroup('consumer-2', 'eager')
const cooperativeJoin = joinGroup('consumer-4', 'cooperative', COOPERATIVE)

export const cooperativeRebalancing = {
  id: 'cooperative-rebalancing',
  track: 'consumer',
  seed: 507,
  scenario: ordersCluster(6),
  allowedCommands: ['createConsumer', 'subscribe'],
  actions: [
    { id: 'join-eager', label: 'actionEager', commands: eagerJoin },
    { id: 'join-cooperative', label: 'actionCooperative', commands: cooperativeJoin },
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(3),
    {
      kind: 'demo',
      id: 'two-groups',
      before: 'groupsBefore',
      commands: [
        ...joinGroup('consumer-1', 'eager'),
        ...joinGroup('consumer-3', 'cooperative', COOPERATIVE),
      ],
      after: 'groupsAfter',
    },
    {
      kind: 'watch',
      id: 'all-six',
      caption: 'allSix',
      until: { type: 'all', goals: [owned('consumer-1', 6), owned('consumer-3', 6)] },
      simBudgetMs: 10_000,
    },
    {
      kind: 'task',
      id: 'eager-join',
      prompt: 'eagerPrompt',
      goal: {
        type: 'all',
        goals: [
          { type: 'eventHappened', event: 'partitionsRevoked', match: { consumer: 'consumer-1' } },
          owned('consumer-1', 3),
          owned('consumer-2', 3),
        ],
      },
      solution: eagerJoin,
      hint: 'eagerHint',
      simBudgetMs: 10_000,
    },
    { kind: 'narrate', id: 'stop-the-world', prose: 'stopTheWorld' },
    {
      kind: 'task',
      id: 'cooperative-join',
      prompt: 'cooperativePrompt',
      goal: {
        type: 'all',
        goals: [
          {
            type: 'eventHappened',
            event: 'groupRebalanced',
            match: { groupId: 'cooperative', generationId: 3 },
          },
          owned('consumer-3', 3),
          owned('consumer-4', 3),
        ],
      },
      solution: cooperativeJoin,
      hint: 'cooperativeHint',
      simBudgetMs: 15_000,
    },
    { kind: 'narrate', id: 'two-rounds', prose: 'twoRounds' },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
