/**
 * fast-check generators shared by the engine's property tests: random command logs (valid or not)
 * over a random scenario, and random ways to chop a run into steps.
 */
import fc from 'fast-check'
import type { ClusterCommand } from '../commands'
import type { ScenarioConfig } from '../scenario'

export const RUN_MS = 40_000

export const arbScenario: fc.Arbitrary<ScenarioConfig> = fc.record({
  brokers: fc.integer({ min: 1, max: 6 }),
  network: fc
    .record({
      latencyMsMin: fc.integer({ min: 1, max: 20 }),
      extraMs: fc.integer({ min: 0, max: 80 }),
      lossPerMille: fc.integer({ min: 0, max: 200 }),
    })
    .map(({ latencyMsMin, extraMs, lossPerMille }) => ({
      latencyMsMin,
      latencyMsMax: latencyMsMin + extraMs,
      lossPerMille,
    })),
})

const arbBrokerId = fc.integer({ min: 1, max: 6 })

export const arbCommand: fc.Arbitrary<ClusterCommand> = fc.oneof(
  fc.record({
    type: fc.constant('crashBroker' as const),
    brokerId: arbBrokerId,
    mode: fc.constantFrom('process' as const, 'powerLoss' as const),
  }),
  fc.record({ type: fc.constant('restartBroker' as const), brokerId: arbBrokerId }),
  fc.record({ type: fc.constant('isolateBroker' as const), brokerId: arbBrokerId }),
  fc.record({ type: fc.constant('healNetwork' as const) }),
)

/** Commands at increasing times within the run; some will be refused, which must change nothing. */
export const arbTimedCommands = fc
  .array(fc.record({ atMs: fc.integer({ min: 0, max: RUN_MS }), command: arbCommand }), {
    maxLength: 12,
  })
  .map((items) => [...items].sort((a, b) => a.atMs - b.atMs))

/** Cut points that split [0, RUN_MS] into random steps. */
export const arbCutPoints = fc
  .uniqueArray(fc.integer({ min: 1, max: RUN_MS - 1 }), { maxLength: 30 })
  .map((cuts) => [...cuts.sort((a, b) => a - b), RUN_MS])
