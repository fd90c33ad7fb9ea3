/**
 * Record size limits (KAFKA_SPEC §1.1; SCENARIOS L-10): a batch larger than the topic's
 * `max.message.bytes` (1048588 by default) is refused with MESSAGE_TOO_LARGE and nothing is
 * appended; raising the topic config lets the same record in.
 */
import type { Lesson } from '../schema'
import { brokersJoin, filler, produce, QUIET_NETWORK } from './common'

/** One record of about 1.1 MB: more than the default max.message.bytes. */
const large = filler(1_100_000)
const sendLarge = (topic: string) => produce(topic, 0, [large], 1)

export const recordSizeLimits = {
  id: 'record-size-limits',
  track: 'producer',
  seed: 303,
  scenario: {
    brokers: 1,
    network: QUIET_NETWORK,
    topics: [
      { name: 'events', partitions: 1, replicationFactor: 1 },
      {
        name: 'documents',
        partitions: 1,
        replicationFactor: 1,
        configs: { 'max.message.bytes': 2_000_000 },
      },
    ],
  },
  allowedCommands: ['produce'],
  actions: [
    { id: 'large-to-events', label: 'actionLargeEvents', commands: [sendLarge('events')] },
    { id: 'large-to-documents', label: 'actionLargeDocuments', commands: [sendLarge('documents')] },
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(1),
    {
      kind: 'demo',
      id: 'small',
      before: 'smallBefore',
      commands: [produce('events', 0, ['page view'], 1)],
      after: 'smallAfter',
    },
    {
      kind: 'task',
      id: 'too-large',
      prompt: 'tooLargePrompt',
      goal: {
        type: 'eventHappened',
        event: 'produceCompleted',
        match: { topic: 'events', error: 'MESSAGE_TOO_LARGE' },
      },
      solution: [sendLarge('events')],
      hint: 'tooLargeHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'nothing-appended', prose: 'nothingAppended' },
    {
      kind: 'task',
      id: 'fits',
      prompt: 'fitsPrompt',
      goal: {
        type: 'measure',
        measure: { of: 'replica', partition: 'documents-0', brokerId: 1, field: 'logEndOffset' },
        atLeast: 1,
      },
      solution: [sendLarge('documents')],
      hint: 'fitsHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
