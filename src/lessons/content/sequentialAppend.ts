/**
 * A partition is an append-only log (KAFKA_SPEC §1): the leader gives each record the next offset,
 * the log end offset (LEO) is the offset the next record will get, and consumers read by offset.
 */
import type { Lesson } from '../schema'
import { brokersJoin, produce, QUIET_NETWORK } from './common'

const send = (values: string[]) => produce('orders', 0, values, 1)

export const sequentialAppend = {
  id: 'sequential-append',
  track: 'storage-io',
  seed: 101,
  scenario: {
    brokers: 1,
    network: QUIET_NETWORK,
    topics: [{ name: 'orders', partitions: 1, replicationFactor: 1 }],
  },
  allowedCommands: ['produce', 'consumerFetch'],
  actions: [
    { id: 'send-one', label: 'actionSendOne', commands: [send(['tea'])] },
    { id: 'send-two', label: 'actionSendTwo', commands: [send(['milk', 'sugar'])] },
    {
      id: 'fetch-2',
      label: 'actionFetch2',
      commands: [{ type: 'consumerFetch', topic: 'orders', partition: 0, fetchOffset: 2 }],
    },
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(1),
    {
      kind: 'demo',
      id: 'append-three',
      before: 'appendBefore',
      commands: [send(['apple', 'bread', 'cheese'])],
      after: 'appendAfter',
    },
    {
      kind: 'task',
      id: 'reach-offset-5',
      prompt: 'reachPrompt',
      goal: {
        type: 'measure',
        measure: { of: 'replica', partition: 'orders-0', brokerId: 1, field: 'logEndOffset' },
        atLeast: 5,
      },
      solution: [send(['milk', 'sugar'])],
      hint: 'reachHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'offsets', prose: 'offsets' },
    {
      kind: 'task',
      id: 'read-from-2',
      prompt: 'readPrompt',
      goal: { type: 'eventHappened', event: 'fetchCompleted', match: { error: null } },
      solution: [{ type: 'consumerFetch', topic: 'orders', partition: 0, fetchOffset: 2 }],
      hint: 'readHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
