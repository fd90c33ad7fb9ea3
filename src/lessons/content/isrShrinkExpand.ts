/**
 * ISR shrink and expand (KAFKA_SPEC §2.4): a follower that has not caught up for more than
 * `replica.lag.time.max.ms` leaves the ISR at the next isr-expiration check (every half of it);
 * it rejoins as soon as its fetch offset reaches the leader's HW (not its LEO).
 */
import type { Lesson } from '../schema'
import { brokersJoin, QUIET_NETWORK } from './common'
import { produceOrders } from './replicationCommon'

const isrSize = { of: 'partition', partition: 'orders-0', field: 'isrSize' } as const

export const isrShrinkExpand = {
  id: 'isr-shrink-expand',
  track: 'replication',
  seed: 203,
  scenario: {
    brokers: 3,
    network: QUIET_NETWORK,
    brokerConfigs: { 'replica.lag.time.max.ms': 10_000 },
    topics: [{ name: 'orders', partitions: 1, replicationFactor: 3 }],
  },
  allowedCommands: ['produce', 'pauseFetcher', 'resumeFetcher'],
  actions: [{ id: 'send', label: 'actionSend', commands: [produceOrders(1, ['scan 2'])] }],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(3),
    {
      kind: 'demo',
      id: 'hang-follower',
      before: 'hangBefore',
      commands: [{ type: 'pauseFetcher', brokerId: 3 }, produceOrders(1, ['scan 1'])],
      after: 'hangAfter',
    },
    {
      kind: 'watch',
      id: 'shrink',
      caption: 'shrinkCaption',
      until: { type: 'measure', measure: isrSize, atMost: 2 },
      simBudgetMs: 20_000,
    },
    { kind: 'narrate', id: 'shrunk', prose: 'shrunk' },
    {
      kind: 'task',
      id: 'expand',
      prompt: 'expandPrompt',
      goal: { type: 'measure', measure: isrSize, atLeast: 3 },
      solution: [{ type: 'resumeFetcher', brokerId: 3 }],
      hint: 'expandHint',
      simBudgetMs: 3_000,
    },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
