/**
 * How the KRaft controller learns that a broker died (KAFKA_SPEC.md §2.4 "Controller side"):
 * heartbeats every `broker.heartbeat.interval.ms` (2000), fencing after more than
 * `broker.session.timeout.ms` (9000) of silence, a crash and an isolation look the same, and a
 * restarted broker registers again with a new broker epoch.
 */
import type { Lesson } from '../schema'

export const heartbeatsAndFencing = {
  id: 'heartbeats-and-fencing',
  track: 'replication',
  seed: 7,
  scenario: { brokers: 3, network: { latencyMsMin: 1, latencyMsMax: 5, lossPerMille: 0 } },
  allowedCommands: ['crashBroker', 'restartBroker', 'isolateBroker', 'healNetwork'],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    {
      kind: 'watch',
      id: 'brokers-join',
      caption: 'brokersJoin',
      until: { type: 'brokerCount', status: 'online', atLeast: 3 },
      simBudgetMs: 5_000,
    },
    { kind: 'narrate', id: 'session', prose: 'session' },
    {
      kind: 'demo',
      id: 'crash-broker-2',
      before: 'crashBefore',
      commands: [{ type: 'crashBroker', brokerId: 2, mode: 'process' }],
      after: 'crashAfter',
    },
    {
      kind: 'watch',
      id: 'controller-fences',
      caption: 'fencesCaption',
      until: { type: 'controllerSees', brokerId: 2, sees: 'fenced' },
      simBudgetMs: 12_000,
    },
    { kind: 'narrate', id: 'why-wait', prose: 'whyWait' },
    {
      kind: 'task',
      id: 'restart-broker-2',
      prompt: 'restartPrompt',
      goal: {
        type: 'all',
        goals: [
          { type: 'brokerStatus', brokerId: 2, status: 'online' },
          { type: 'brokerEpochChanged', brokerId: 2 },
        ],
      },
      solution: [{ type: 'restartBroker', brokerId: 2 }],
      hint: 'restartHint',
      simBudgetMs: 6_000,
    },
    { kind: 'narrate', id: 'new-epoch', prose: 'newEpoch' },
    {
      kind: 'task',
      id: 'isolate-broker-3',
      prompt: 'isolatePrompt',
      goal: {
        type: 'all',
        goals: [
          { type: 'controllerSees', brokerId: 3, sees: 'fenced' },
          { type: 'brokerStatus', brokerId: 3, status: 'fenced' },
        ],
      },
      solution: [{ type: 'isolateBroker', brokerId: 3 }],
      hint: 'isolateHint',
      simBudgetMs: 12_000,
    },
    { kind: 'narrate', id: 'summary', prose: 'wrapUp' },
  ],
} satisfies Lesson
