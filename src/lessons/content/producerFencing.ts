/**
 * Producer epochs fence zombies (KAFKA_SPEC §3.4–3.5): a batch from an older epoch of the same
 * producer id is refused with INVALID_PRODUCER_EPOCH, so an old instance that comes back cannot
 * write after a newer one has started.
 */
import type { Lesson } from '../schema'
import { brokersJoin, produce } from './common'
import { ORDERS_RF3 } from './replicationCommon'

const send = (producerEpoch: number, baseSequence: number, value: string) =>
  produce('orders', 0, [{ key: 'order-7', value }], -1, {
    producerId: 2000,
    producerEpoch,
    baseSequence,
  })

export const producerFencing = {
  id: 'producer-fencing',
  track: 'producer',
  seed: 304,
  scenario: ORDERS_RF3,
  allowedCommands: ['produce'],
  actions: [
    { id: 'new-instance', label: 'actionNew', commands: [send(1, 0, 'packed by new')] },
    { id: 'zombie', label: 'actionZombie', commands: [send(0, 1, 'packed by old')] },
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(3),
    {
      kind: 'demo',
      id: 'old-instance',
      before: 'oldBefore',
      commands: [send(0, 0, 'picked by old')],
      after: 'oldAfter',
    },
    {
      kind: 'task',
      id: 'new-instance',
      prompt: 'newPrompt',
      goal: { type: 'eventHappened', event: 'produceCompleted', match: { error: null } },
      solution: [send(1, 0, 'packed by new')],
      hint: 'newHint',
      simBudgetMs: 2_000,
    },
    {
      kind: 'task',
      id: 'zombie-writes',
      prompt: 'zombiePrompt',
      goal: {
        type: 'eventHappened',
        event: 'produceCompleted',
        match: { error: 'INVALID_PRODUCER_EPOCH' },
      },
      solution: [send(0, 1, 'packed by old')],
      hint: 'zombieHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
