/**
 * Unclean leader election (KAFKA_SPEC §2.6; SCENARIOS R-11): when the last ISR member dies, a
 * topic with `unclean.leader.election.enable=false` (the default since 0.11) stays offline, while
 * one with `true` elects the first live out-of-sync replica and loses what it lacked.
 */
import type { Lesson } from '../schema'
import { brokersJoin, fetchesSettle, QUIET_NETWORK, pauseFetchers } from './common'
import { produceOrders } from './replicationCommon'

export const uncleanLeaderElection = {
  id: 'unclean-leader-election',
  track: 'replication',
  seed: 208,
  scenario: {
    brokers: 3,
    network: QUIET_NETWORK,
    brokerConfigs: { 'replica.lag.time.max.ms': 10_000 },
    topics: [
      { name: 'safe', partitions: 1, replicationFactor: 3 },
      {
        name: 'risky',
        partitions: 1,
        replicationFactor: 3,
        configs: { 'unclean.leader.election.enable': true },
      },
    ],
  },
  allowedCommands: ['produce', 'crashBroker', 'restartBroker', 'pauseFetcher'],
  actions: [
    { id: 'send-safe', label: 'actionSendSafe', commands: [produceOrders(1, ['s'], 'safe')] },
    { id: 'send-risky', label: 'actionSendRisky', commands: [produceOrders(1, ['r'], 'risky')] },
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(3),
    {
      kind: 'demo',
      id: 'followers-fall-behind',
      before: 'behindBefore',
      commands: pauseFetchers(2, 3),
      after: 'behindAfter',
    },
    fetchesSettle(),
    {
      kind: 'demo',
      id: 'write-to-leader-only',
      before: 'writeBefore',
      commands: [produceOrders(1, ['s1', 's2'], 'safe'), produceOrders(1, ['r1', 'r2'], 'risky')],
      after: 'writeAfter',
    },
    {
      kind: 'watch',
      id: 'isr-of-one',
      caption: 'isrCaption',
      until: {
        type: 'all',
        goals: [
          {
            type: 'measure',
            measure: { of: 'partition', partition: 'safe-0', field: 'isrSize' },
            atMost: 1,
          },
          {
            type: 'measure',
            measure: { of: 'partition', partition: 'risky-0', field: 'isrSize' },
            atMost: 1,
          },
        ],
      },
      simBudgetMs: 20_000,
    },
    {
      kind: 'task',
      id: 'last-isr-dies',
      prompt: 'crashPrompt',
      goal: {
        type: 'all',
        goals: [
          {
            type: 'measure',
            measure: { of: 'partition', partition: 'safe-0', field: 'leader' },
            atMost: -1,
          },
          {
            type: 'eventHappened',
            event: 'leaderElected',
            match: { topic: 'risky', reason: 'unclean' },
          },
        ],
      },
      solution: [{ type: 'crashBroker', brokerId: 1, mode: 'process' }],
      hint: 'crashHint',
      simBudgetMs: 15_000,
    },
    { kind: 'narrate', id: 'what-was-lost', prose: 'whatWasLost' },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
