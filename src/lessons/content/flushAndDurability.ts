/**
 * Flush, mmap and durability (KAFKA_SPEC §1.4, §5, §6): the `.log` is written with
 * `FileChannel.write` into the page cache (only the indexes are mmapped), Kafka does not fsync by
 * default, so a power loss takes the unflushed tail; `flush.messages` forces fsync, and the
 * recovery point shows how far the log is known to be on disk.
 */
import type { Lesson } from '../schema'
import { brokersJoin, produce, QUIET_NETWORK } from './common'

const sendTo = (topic: string) => produce(topic, 0, ['debit 40', 'credit 40', 'fee 1'], 1)

export const flushAndDurability = {
  id: 'flush-and-durability',
  track: 'storage-io',
  seed: 104,
  scenario: {
    brokers: 1,
    network: QUIET_NETWORK,
    topics: [
      { name: 'orders', partitions: 1, replicationFactor: 1 },
      { name: 'ledger', partitions: 1, replicationFactor: 1, configs: { 'flush.messages': 1 } },
    ],
  },
  allowedCommands: ['produce', 'crashBroker', 'restartBroker'],
  actions: [
    { id: 'send-orders', label: 'actionSendOrders', commands: [sendTo('orders')] },
    { id: 'send-ledger', label: 'actionSendLedger', commands: [sendTo('ledger')] },
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(1),
    {
      kind: 'demo',
      id: 'write-orders',
      before: 'writeBefore',
      commands: [sendTo('orders')],
      after: 'writeAfter',
    },
    { kind: 'narrate', id: 'mmap', prose: 'mmap' },
    {
      kind: 'task',
      id: 'power-cut',
      prompt: 'powerPrompt',
      goal: {
        type: 'all',
        goals: [
          { type: 'eventHappened', event: 'brokerCrashed', match: { mode: 'powerLoss' } },
          { type: 'brokerStatus', brokerId: 1, status: 'online' },
          {
            type: 'measure',
            measure: { of: 'replica', partition: 'orders-0', brokerId: 1, field: 'logEndOffset' },
            atMost: 0,
          },
        ],
      },
      solution: [
        { type: 'crashBroker', brokerId: 1, mode: 'powerLoss' },
        { type: 'restartBroker', brokerId: 1 },
      ],
      hint: 'powerHint',
      simBudgetMs: 5_000,
    },
    { kind: 'narrate', id: 'lost', prose: 'lost' },
    {
      kind: 'task',
      id: 'fsync-ledger',
      prompt: 'fsyncPrompt',
      goal: {
        type: 'measure',
        measure: { of: 'replica', partition: 'ledger-0', brokerId: 1, field: 'recoveryPoint' },
        atLeast: 3,
      },
      solution: [sendTo('ledger')],
      hint: 'fsyncHint',
      simBudgetMs: 2_000,
    },
    {
      kind: 'demo',
      id: 'power-cut-again',
      before: 'againBefore',
      commands: [
        { type: 'crashBroker', brokerId: 1, mode: 'powerLoss' },
        { type: 'restartBroker', brokerId: 1 },
      ],
      after: 'againAfter',
    },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
