/**
 * Partitions, leaders and followers (KAFKA_SPEC §2.2, §2.8): every partition has one leader that
 * takes all produce and fetch requests; followers only copy it. A consumer fetching from a
 * follower gets NOT_LEADER_OR_FOLLOWER (follower fetching for consumers is opt-in, KIP-392).
 */
import type { Lesson } from '../schema'
import { brokersJoin } from './common'
import { fetchOrders, ORDERS_RF3, produceOrders } from './replicationCommon'

export const leadersAndFollowers = {
  id: 'leaders-and-followers',
  track: 'replication',
  seed: 201,
  scenario: ORDERS_RF3,
  allowedCommands: ['produce', 'consumerFetch'],
  actions: [
    { id: 'fetch-broker-1', label: 'actionFetch1', commands: [fetchOrders(0, 1)] },
    { id: 'fetch-broker-2', label: 'actionFetch2', commands: [fetchOrders(0, 2)] },
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(3),
    {
      kind: 'demo',
      id: 'write',
      before: 'writeBefore',
      commands: [produceOrders(-1, ['pen', 'ink'])],
      after: 'writeAfter',
    },
    {
      kind: 'task',
      id: 'read-follower',
      prompt: 'followerPrompt',
      goal: {
        type: 'eventHappened',
        event: 'fetchCompleted',
        match: { error: 'NOT_LEADER_OR_FOLLOWER' },
      },
      solution: [fetchOrders(0, 2)],
      hint: 'followerHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'why-leader', prose: 'whyLeader' },
    {
      kind: 'task',
      id: 'read-leader',
      prompt: 'leaderPrompt',
      goal: { type: 'eventHappened', event: 'fetchCompleted', match: { error: null } },
      solution: [fetchOrders(0, 1)],
      hint: 'leaderHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
