/**
 * Null keys are not round-robin (KAFKA_SPEC §3.2; SCENARIOS P-3): since Kafka 2.4 the producer
 * sends records without a key to one partition until that partition's batch is full (uniform
 * sticky since 3.3); keyed records go to murmur2(key) mod partitions.
 */
import type { ClusterCommand } from '../../engine'
import type { Lesson } from '../schema'
import { brokersJoin, QUIET_NETWORK } from './common'

const producerName = 'producer-1'

const sendMany = (keyOf: (i: number) => string | null): ClusterCommand[] =>
  Array.from({ length: 10 }, (_, i) => ({
    type: 'send',
    producerName,
    topic: 'clicks',
    key: keyOf(i),
    value: `click-${i}`,
  }))

const nullKeys = sendMany(() => null)
const keyed = sendMany((i) => `user-${i}`)

const withData = (atLeast: number, atMost: number) =>
  ({
    type: 'measure',
    measure: { of: 'topic', topic: 'clicks', field: 'partitionsWithData' },
    atLeast,
    atMost,
  }) as const

export const stickyNullKeys = {
  id: 'sticky-null-keys',
  track: 'producer',
  seed: 305,
  scenario: {
    brokers: 3,
    network: QUIET_NETWORK,
    topics: [{ name: 'clicks', partitions: 3, replicationFactor: 3 }],
  },
  allowedCommands: ['createProducer', 'send'],
  actions: [
    { id: 'send-null-keys', label: 'actionNullKeys', commands: nullKeys },
    { id: 'send-keyed', label: 'actionKeyed', commands: keyed },
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(3),
    {
      kind: 'demo',
      id: 'producer',
      before: 'producerBefore',
      commands: [
        {
          type: 'createProducer',
          producerName,
          configs: { 'linger.ms': 5, 'batch.size': 16_384 },
        },
      ],
      after: 'producerAfter',
    },
    {
      kind: 'task',
      id: 'null-keys',
      prompt: 'nullPrompt',
      goal: {
        type: 'all',
        goals: [
          { type: 'eventHappened', event: 'producerBatchCompleted', match: { recordCount: 10 } },
          withData(1, 1),
        ],
      },
      solution: nullKeys,
      hint: 'nullHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'why-sticky', prose: 'whySticky' },
    {
      kind: 'task',
      id: 'keyed',
      prompt: 'keyedPrompt',
      goal: withData(2, 3),
      solution: keyed,
      hint: 'keyedHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
