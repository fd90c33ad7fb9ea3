/**
 * Keys, partitions and ordering (KAFKA_SPEC §3.2; SCENARIOS P-1): the default partitioner sends a
 * keyed record to `(murmur2(utf8(key)) & 0x7fffffff) % numPartitions`, so one key always lands in
 * one partition (ordered there) until the partition count changes. "user-42" hashes to
 * 1459644460: partition 1 of 3, partition 0 of 4.
 */
import type { Lesson } from '../schema'
import { brokersJoin, produce, QUIET_NETWORK } from './common'

const send = (topic: string, partition: number) =>
  produce(topic, partition, [{ key: 'user-42', value: 'cart updated' }], 1)

const lengthOf = (partition: string, brokerId: number) =>
  ({ of: 'replica', partition, brokerId, field: 'logEndOffset' }) as const

export const keysAndPartitions = {
  id: 'keys-and-partitions',
  track: 'producer',
  seed: 301,
  scenario: {
    brokers: 3,
    network: QUIET_NETWORK,
    topics: [
      { name: 'carts', partitions: 3, replicationFactor: 1 },
      { name: 'carts-v2', partitions: 4, replicationFactor: 1 },
    ],
  },
  allowedCommands: ['produce'],
  actions: [
    ...[0, 1, 2].map((partition) => ({
      id: `carts-${partition}`,
      label: 'actionSendCarts',
      params: { partition },
      commands: [send('carts', partition)],
    })),
    ...[0, 1, 2, 3].map((partition) => ({
      id: `carts-v2-${partition}`,
      label: 'actionSendCartsV2',
      params: { partition },
      commands: [send('carts-v2', partition)],
    })),
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(3),
    {
      kind: 'demo',
      id: 'alice',
      before: 'aliceBefore',
      commands: [produce('carts', 0, [{ key: 'alice', value: 'cart created' }], 1)],
      after: 'aliceAfter',
    },
    { kind: 'narrate', id: 'murmur2', prose: 'murmur2' },
    {
      kind: 'task',
      id: 'where-user-42',
      prompt: 'wherePrompt',
      goal: {
        type: 'all',
        goals: [
          { type: 'measure', measure: lengthOf('carts-1', 2), atLeast: 1 },
          { type: 'measure', measure: lengthOf('carts-0', 1), atMost: 1 },
          { type: 'measure', measure: lengthOf('carts-2', 3), atMost: 0 },
        ],
      },
      solution: [send('carts', 1)],
      hint: 'whereHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'ordering', prose: 'ordering' },
    {
      kind: 'task',
      id: 'four-partitions',
      prompt: 'fourPrompt',
      goal: {
        type: 'all',
        goals: [
          { type: 'measure', measure: lengthOf('carts-v2-0', 1), atLeast: 1 },
          { type: 'measure', measure: lengthOf('carts-v2-1', 2), atMost: 0 },
          { type: 'measure', measure: lengthOf('carts-v2-2', 3), atMost: 0 },
          { type: 'measure', measure: lengthOf('carts-v2-3', 1), atMost: 0 },
        ],
      },
      solution: [send('carts-v2', 0)],
      hint: 'fourHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
