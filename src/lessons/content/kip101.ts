/**
 * KIP-101 scenario 1 (KAFKA_SPEC §2.7; SCENARIOS R-9) on two replicas: B (broker 1) leads, A
 * (broker 2) has copied m2 but still believes HW = 1 when it restarts, and B dies right after.
 * With leader epochs A keeps m2; with the pre-0.11 rule (the scenario's legacy switch) A truncates
 * to its own HW and the acknowledged m2 is gone. Two lessons share these steps.
 */
import type { Lesson, Step } from '../schema'
import { brokersJoin, fetchesSettle, QUIET_NETWORK } from './common'
import { ordersReplica, produceOrders } from './replicationCommon'

const scenario = (legacy: boolean) => ({
  brokers: 2,
  network: QUIET_NETWORK,
  topics: [{ name: 'orders', partitions: 1, replicationFactor: 2, replicas: [[1, 2]] }],
  ...(legacy ? { legacy: { highWatermarkTruncation: true } } : {}),
})

const restartAThenKillB = [
  { type: 'crashBroker', brokerId: 2, mode: 'process' },
  { type: 'restartBroker', brokerId: 2 },
  { type: 'crashBroker', brokerId: 1, mode: 'process' },
] as const

const stepsUpToFailover: Step[] = [
  { kind: 'narrate', id: 'intro', prose: 'intro' },
  brokersJoin(2),
  {
    kind: 'demo',
    id: 'write-m1',
    before: 'm1Before',
    commands: [produceOrders(-1, ['m1'])],
    after: 'm1After',
  },
  {
    kind: 'watch',
    id: 'a-learns-hw',
    caption: 'learnsCaption',
    until: {
      type: 'all',
      goals: [
        { type: 'measure', measure: ordersReplica(2, 'highWatermark'), atLeast: 1 },
        { type: 'elapsedAtLeast', ms: 6_000 },
      ],
    },
    simBudgetMs: 8_000,
  },
  {
    kind: 'demo',
    id: 'pause-a',
    before: 'pauseBefore',
    commands: [{ type: 'pauseFetcher', brokerId: 2 }],
    after: 'pauseAfter',
  },
  fetchesSettle(),
  {
    kind: 'demo',
    id: 'write-m2',
    before: 'm2Before',
    commands: [produceOrders(-1, ['m2'])],
    after: 'm2After',
  },
  {
    kind: 'task',
    id: 'copy-m2',
    prompt: 'copyPrompt',
    goal: { type: 'measure', measure: ordersReplica(2, 'logEndOffset'), atLeast: 2 },
    solution: [{ type: 'stepFetcher', brokerId: 2 }],
    hint: 'copyHint',
    simBudgetMs: 2_000,
  },
  {
    kind: 'task',
    id: 'commit-m2',
    prompt: 'commitPrompt',
    goal: {
      type: 'all',
      goals: [
        { type: 'measure', measure: ordersReplica(1, 'highWatermark'), atLeast: 2 },
        { type: 'measure', measure: ordersReplica(2, 'highWatermark'), atMost: 1 },
        { type: 'eventHappened', event: 'produceCompleted', match: { error: null } },
      ],
    },
    solution: [{ type: 'stepFetcher', brokerId: 2 }],
    hint: 'commitHint',
    simBudgetMs: 2_000,
  },
  { kind: 'narrate', id: 'one-round-late', prose: 'oneRoundLate' },
]

const failover = (legacy: boolean): Step => ({
  kind: 'task',
  id: 'restart-a-kill-b',
  prompt: 'failoverPrompt',
  goal: {
    type: 'all',
    goals: [
      {
        type: 'measure',
        measure: { of: 'partition', partition: 'orders-0', field: 'leader' },
        atLeast: 2,
        atMost: 2,
      },
      {
        type: 'measure',
        measure: ordersReplica(2, 'logEndOffset'),
        ...(legacy ? { atMost: 1 } : { atLeast: 2 }),
      },
    ],
  },
  solution: [...restartAThenKillB],
  hint: 'failoverHint',
  simBudgetMs: 15_000,
})

const lesson = (id: string, seed: number, legacy: boolean) =>
  ({
    id,
    track: 'replication',
    seed,
    scenario: scenario(legacy),
    allowedCommands: ['produce', 'crashBroker', 'restartBroker', 'pauseFetcher', 'stepFetcher'],
    actions: [
      { id: 'step-a', label: 'actionStepA', commands: [{ type: 'stepFetcher', brokerId: 2 }] },
      { id: 'restart-a-kill-b', label: 'actionFailover', commands: [...restartAThenKillB] },
    ],
    steps: [
      ...stepsUpToFailover,
      failover(legacy),
      { kind: 'narrate', id: 'outcome', prose: 'outcome' },
      { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
    ],
  }) satisfies Lesson

export const leaderEpochs = lesson('leader-epochs', 209, false)
export const highWatermarkTruncation = lesson('high-watermark-truncation', 210, true)
