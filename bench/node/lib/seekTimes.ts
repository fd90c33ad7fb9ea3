/**
 * `seek_ms_p95` as the replication figures define it: 100 seeks to random points (fixed seed) of
 * a recorded history, each timed on its own, and the 95th percentile in milliseconds.
 */
import { createRng, nextInt } from '../../../src/engine/core/rng'
import type { Engine } from '../../../src/engine/headless'
import { percentile } from './stats'

export function seekP95Ms(history: Engine, historyMs: number): number {
  const rng = createRng(7)
  const seeks: number[] = []
  for (let i = 0; i < 100; i++) {
    const target = nextInt(rng, historyMs + 1)
    const started = performance.now()
    history.seek(target)
    seeks.push(performance.now() - started)
  }
  return Number(percentile(seeks, 95).toFixed(1))
}
