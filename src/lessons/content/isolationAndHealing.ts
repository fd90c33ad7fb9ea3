/**
 * A broker that is alive but unreachable (KAFKA_SPEC.md §2.4 "Controller side"): an isolated
 * broker keeps running and keeps its registration, the controller fences it after more than
 * `broker.session.timeout.ms` (9000) without a heartbeat, and once the network heals its next
 * heartbeat unfences it with the same broker epoch; no new registration is needed.
 */
import type { Lesson } from '../schema'

export const isolationAndHealing = {
  id: 'isolation-and-healing',
  track: 'replication',
  seed: 11,
  scenario: { brokers: 3, network: { latencyMsMin: 1, latencyMsMax: 5, lossPerMille: 0 } },
  allowedCommands: ['isolateBroker', 'healNetwork', 'crashBroker', 'restartBroker'],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    {
      kind: 'watch',
      id: 'brokers-join',
      caption: 'brokersJoin',
      until: { type: 'brokerCount', status: 'online', atLeast: 3 },
      simBudgetMs: 5_000,
    },
    {
      kind: 'demo',
      id: 'isolate-broker-3',
      before: 'isolateBefore',
      commands: [{ type: 'isolateBroker', brokerId: 3 }],
      after: 'isolateAfter',
    },
    {
      kind: 'watch',
      id: 'fenced-while-running',
      caption: 'fencedCaption',
      until: {
        type: 'all',
        goals: [
          { type: 'controllerSees', brokerId: 3, sees: 'fenced' },
          { type: 'brokerStatus', brokerId: 3, status: 'fenced' },
        ],
      },
      simBudgetMs: 12_000,
    },
    { kind: 'narrate', id: 'still-running', prose: 'stillRunning' },
    {
      kind: 'task',
      id: 'heal',
      prompt: 'healPrompt',
      goal: {
        type: 'all',
        goals: [
          { type: 'brokerStatus', brokerId: 3, status: 'online' },
          { type: 'not', goal: { type: 'brokerEpochChanged', brokerId: 3 } },
        ],
      },
      solution: [{ type: 'healNetwork' }],
      hint: 'healHint',
      simBudgetMs: 5_000,
    },
    { kind: 'narrate', id: 'same-epoch', prose: 'sameEpoch' },
    {
      kind: 'task',
      id: 'fence-broker-1-alive',
      prompt: 'fenceAlivePrompt',
      goal: {
        type: 'all',
        goals: [
          { type: 'controllerSees', brokerId: 1, sees: 'fenced' },
          { type: 'brokerStatus', brokerId: 1, status: 'fenced' },
        ],
      },
      solution: [{ type: 'isolateBroker', brokerId: 1 }],
      hint: 'fenceAliveHint',
      simBudgetMs: 12_000,
    },
    { kind: 'narrate', id: 'summary', prose: 'wrapUp' },
  ],
} satisfies Lesson
