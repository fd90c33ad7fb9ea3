/**
 * Registers swarm runs for a fixed range of seeds (CI is deterministic: the same 1,000 seeds every
 * time). `SIM_SEED=<n>` runs just that seed; a failure prints the seed and the run's trace, one
 * line per command and event, which replays it exactly.
 */
import { expect, test } from 'vitest'
import { runSwarm } from './swarm'

export function registerSwarmSeeds(first: number, last: number): void {
  // SIM_SEED replays one seed (every file then runs that seed, so nothing is ever skipped).
  const only = process.env.SIM_SEED
  const seeds = only !== undefined ? [Number(only)] : range(first, last)
  test(`swarm invariants hold for seeds ${seeds[0]}–${seeds[seeds.length - 1]}`, () => {
    let acked = 0
    for (const seed of seeds) {
      const run = runSwarm(seed)
      if (run.violation !== null) {
        const trace = run.trace.join('\n')
        expect.fail(`seed=${seed}: ${run.violation}\nreproduce with SIM_SEED=${seed}\n${trace}`)
      }
      acked += run.acked
    }
    // The runs must do real work: acknowledged writes across faults, not an idle cluster.
    expect(acked).toBeGreaterThan(seeds.length * 20)
  }, 600_000)
}

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i)
}
