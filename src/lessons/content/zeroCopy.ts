/**
 * Zero copy (KAFKA_SPEC §5): a fetch is served with `FileChannel.transferTo`, i.e. sendfile(2),
 * from the page cache to the socket; a caught-up consumer causes no disk read at all. The copy
 * counts themselves are animated by the IO lab; here the fetch path is checked on the broker.
 */
import type { Lesson } from '../schema'
import { brokersJoin, filler, produce, QUIET_NETWORK } from './common'

const send = produce('clicks', 0, Array<string>(4).fill(filler(900)), 1)
const fetch = { type: 'consumerFetch', topic: 'clicks', partition: 0, fetchOffset: 0 } as const

export const zeroCopy = {
  id: 'zero-copy',
  track: 'storage-io',
  seed: 105,
  scenario: {
    brokers: 1,
    network: QUIET_NETWORK,
    topics: [{ name: 'clicks', partitions: 1, replicationFactor: 1 }],
  },
  allowedCommands: ['produce', 'consumerFetch'],
  actions: [
    { id: 'send', label: 'actionSend', commands: [send] },
    { id: 'fetch', label: 'actionFetch', commands: [fetch] },
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    { kind: 'narrate', id: 'four-copies', prose: 'fourCopies' },
    brokersJoin(1),
    { kind: 'demo', id: 'write', before: 'writeBefore', commands: [send], after: 'writeAfter' },
    {
      kind: 'task',
      id: 'serve-fetch',
      prompt: 'servePrompt',
      goal: {
        type: 'all',
        goals: [
          { type: 'eventHappened', event: 'fetchCompleted', match: { error: null } },
          {
            type: 'measure',
            measure: { of: 'pageCache', brokerId: 1, field: 'hits' },
            atLeast: 1,
            sinceStepStart: true,
          },
          {
            type: 'measure',
            measure: { of: 'pageCache', brokerId: 1, field: 'misses' },
            atMost: 0,
            sinceStepStart: true,
          },
        ],
      },
      solution: [fetch],
      hint: 'serveHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'not-zero', prose: 'notZero' },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
