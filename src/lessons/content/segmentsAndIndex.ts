/**
 * Segments and the sparse offset index (KAFKA_SPEC §1.2–1.3): a segment rolls only on an append,
 * by size or when the records' timestamps span more than `segment.ms`; the offset index gets one
 * entry after each `index.interval.bytes` appended, not one per record.
 */
import type { Lesson } from '../schema'
import { brokersJoin, filler, produce, QUIET_NETWORK } from './common'

const sendSmall = produce('orders', 0, [filler(50)], 1)

const segmentCount = {
  of: 'replica',
  partition: 'orders-0',
  brokerId: 1,
  field: 'segmentCount',
} as const

export const segmentsAndIndex = {
  id: 'segments-and-index',
  track: 'storage-io',
  seed: 102,
  scenario: {
    brokers: 1,
    network: QUIET_NETWORK,
    topics: [
      {
        name: 'orders',
        partitions: 1,
        replicationFactor: 1,
        configs: { 'segment.ms': 10_000, 'index.interval.bytes': 300 },
      },
    ],
  },
  allowedCommands: ['produce'],
  actions: [{ id: 'send-small', label: 'actionSendSmall', commands: [sendSmall] }],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(1),
    {
      kind: 'demo',
      id: 'five-batches',
      before: 'batchesBefore',
      commands: [sendSmall, sendSmall, sendSmall, sendSmall, sendSmall],
      after: 'batchesAfter',
    },
    { kind: 'narrate', id: 'sparse', prose: 'sparse' },
    {
      kind: 'watch',
      id: 'time-passes',
      caption: 'timePasses',
      until: { type: 'elapsedAtLeast', ms: 11_000 },
      simBudgetMs: 12_000,
    },
    {
      kind: 'task',
      id: 'roll',
      prompt: 'rollPrompt',
      goal: { type: 'measure', measure: segmentCount, atLeast: 2 },
      solution: [sendSmall],
      hint: 'rollHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'rolled', prose: 'rolled' },
    {
      kind: 'task',
      id: 'index-entry',
      prompt: 'indexPrompt',
      goal: {
        type: 'measure',
        measure: {
          of: 'replica',
          partition: 'orders-0',
          brokerId: 1,
          field: 'offsetIndexEntries',
        },
        atLeast: 1,
        sinceStepStart: true,
      },
      solution: [sendSmall, sendSmall, sendSmall, sendSmall],
      hint: 'indexHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
