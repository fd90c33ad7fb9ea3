/**
 * The page cache and the "read-write relay" (KAFKA_SPEC §5): a write lands in the OS page cache,
 * a tailing consumer reads those same pages back without touching the disk, and the cache belongs
 * to the OS, so it survives a restart of the broker process.
 */
import type { Goal, Lesson } from '../schema'
import { brokersJoin, filler, produce, QUIET_NETWORK } from './common'

const send = produce('orders', 0, [filler(400), filler(400), filler(400)], 1)
const fetchTail = { type: 'consumerFetch', topic: 'orders', partition: 0, fetchOffset: 0 } as const
const hits = { of: 'pageCache', brokerId: 1, field: 'hits' } as const
const misses = { of: 'pageCache', brokerId: 1, field: 'misses' } as const
const servedFromMemory: Goal = {
  type: 'all',
  goals: [
    { type: 'eventHappened', event: 'fetchCompleted', match: { error: null } },
    { type: 'measure', measure: hits, atLeast: 1, sinceStepStart: true },
    { type: 'measure', measure: misses, atMost: 0, sinceStepStart: true },
  ],
}

export const pageCacheRelay = {
  id: 'page-cache-relay',
  track: 'storage-io',
  seed: 103,
  scenario: {
    brokers: 1,
    network: QUIET_NETWORK,
    topics: [{ name: 'orders', partitions: 1, replicationFactor: 1 }],
  },
  allowedCommands: ['produce', 'consumerFetch', 'crashBroker', 'restartBroker'],
  actions: [
    { id: 'send', label: 'actionSend', commands: [send] },
    { id: 'fetch', label: 'actionFetch', commands: [fetchTail] },
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(1),
    {
      kind: 'demo',
      id: 'write',
      before: 'writeBefore',
      commands: [send],
      after: 'writeAfter',
    },
    {
      kind: 'task',
      id: 'tail-read',
      prompt: 'tailPrompt',
      goal: servedFromMemory,
      solution: [fetchTail],
      hint: 'tailHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'relay', prose: 'relay' },
    {
      kind: 'task',
      id: 'restart-process',
      prompt: 'restartPrompt',
      goal: {
        type: 'all',
        goals: [
          { type: 'brokerEpochChanged', brokerId: 1 },
          { type: 'brokerStatus', brokerId: 1, status: 'online' },
        ],
      },
      solution: [
        { type: 'crashBroker', brokerId: 1, mode: 'process' },
        { type: 'restartBroker', brokerId: 1 },
      ],
      hint: 'restartHint',
      simBudgetMs: 5_000,
    },
    {
      kind: 'task',
      id: 'read-after-restart',
      prompt: 'afterRestartPrompt',
      goal: servedFromMemory,
      solution: [fetchTail],
      hint: 'afterRestartHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
