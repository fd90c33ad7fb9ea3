/**
 * Batching (KAFKA_SPEC §1.1, §3.3): every v2 record batch carries a 61-byte header and every
 * produce request a round trip; ten records in one batch cost far less than ten batches of one.
 * Compression works on whole batches, so batching is also what makes it effective (the IO lab
 * measures real codec ratios in the browser).
 */
import type { Lesson } from '../schema'
import { brokersJoin, produce, QUIET_NETWORK } from './common'

const value = '{"user":"u-17","page":"/cart","ms":112}'
const oneRecord = produce('batched', 0, [value], 1)
const tenRecords = produce('batched', 0, Array<string>(10).fill(value), 1)
const tenSingles = Array.from({ length: 10 }, () => produce('single', 0, [value], 1))
const batchedLog = {
  of: 'replica',
  partition: 'batched-0',
  brokerId: 1,
  field: 'logSizeBytes',
} as const

export const batchingAndCompression = {
  id: 'batching-and-compression',
  track: 'storage-io',
  seed: 106,
  scenario: {
    brokers: 1,
    network: QUIET_NETWORK,
    topics: [
      { name: 'single', partitions: 1, replicationFactor: 1 },
      { name: 'batched', partitions: 1, replicationFactor: 1 },
    ],
  },
  allowedCommands: ['produce'],
  actions: [
    { id: 'send-one', label: 'actionSendOne', commands: [oneRecord] },
    { id: 'send-ten', label: 'actionSendTen', commands: [tenRecords] },
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(1),
    {
      kind: 'demo',
      id: 'ten-singles',
      before: 'singlesBefore',
      commands: tenSingles,
      after: 'singlesAfter',
    },
    {
      kind: 'task',
      id: 'ten-in-one',
      prompt: 'batchPrompt',
      goal: {
        type: 'all',
        goals: [
          {
            type: 'measure',
            measure: {
              of: 'replica',
              partition: 'batched-0',
              brokerId: 1,
              field: 'logEndOffset',
            },
            atLeast: 10,
          },
          { type: 'measure', measure: batchedLog, atMost: 600 },
        ],
      },
      solution: [tenRecords],
      hint: 'batchHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'compression', prose: 'compression' },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
