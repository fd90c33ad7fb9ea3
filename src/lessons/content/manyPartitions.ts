/**
 * Many partitions turn sequential IO into random IO (DESIGN §4): every partition replica is its
 * own directory with its own active segment, so a broker writing to many partitions appends to
 * many files at once and the disk sees writes scattered over all of them.
 */
import type { Lesson } from '../schema'
import { brokersJoin, produce, QUIET_NETWORK } from './common'

const sendTo = (partition: number) =>
  produce('events', partition, [`event for partition ${partition}`], 1)

export const manyPartitions = {
  id: 'many-partitions',
  track: 'storage-io',
  seed: 107,
  scenario: {
    brokers: 1,
    network: QUIET_NETWORK,
    topics: [{ name: 'events', partitions: 8, replicationFactor: 1 }],
  },
  allowedCommands: ['produce'],
  actions: [0, 1, 2, 3, 4, 5, 6, 7].map((partition) => ({
    id: `send-${partition}`,
    label: 'actionSendTo',
    params: { partition },
    commands: [sendTo(partition)],
  })),
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(1),
    {
      kind: 'demo',
      id: 'one-partition',
      before: 'oneBefore',
      commands: [sendTo(0), sendTo(0), sendTo(0)],
      after: 'oneAfter',
    },
    {
      kind: 'task',
      id: 'spread-writes',
      prompt: 'spreadPrompt',
      goal: {
        type: 'measure',
        measure: { of: 'topic', topic: 'events', field: 'partitionsWithData' },
        atLeast: 8,
      },
      solution: [1, 2, 3, 4, 5, 6, 7].map(sendTo),
      hint: 'spreadHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'random-io', prose: 'randomIo' },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
