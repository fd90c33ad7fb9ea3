/**
 * Kernel figures: how fast simulated time runs for an idle cluster (heartbeats only), how long a
 * seek into a long history takes, and a same-run baseline of raw timer-heap throughput so the
 * figures can be read against the machine's speed.
 */
import { createTimerQueue, popDue, schedule } from '../../src/engine/core/clock'
import { createTimeline } from '../../src/engine/core/timeline'
import { createRng, nextInt } from '../../src/engine/core/rng'
import { percentile } from './lib/stats'

export default async function (): Promise<Record<string, number>> {
  // Fast-forward: 6 brokers heartbeating every 2 s for 24 simulated hours, advanced in 16 ms frames
  // of 10 s (a fast-forwarding player).
  const timeline = createTimeline({ seed: 1, scenario: { brokers: 6 } })
  const simMs = 24 * 3_600_000
  let started = performance.now()
  for (let t = 10_000; t <= simMs; t += 10_000) timeline.advanceTo(t)
  const ffWallS = (performance.now() - started) / 1000

  // Seek: random points of a 10-minute history with a few faults in it.
  const history = createTimeline({ seed: 2, scenario: { brokers: 3 } })
  history.advanceTo(60_000)
  history.dispatch({ type: 'crashBroker', brokerId: 1, mode: 'process' })
  history.advanceTo(300_000)
  history.dispatch({ type: 'restartBroker', brokerId: 1 })
  history.advanceTo(600_000)
  const rng = createRng(3)
  const seekMs: number[] = []
  for (let i = 0; i < 200; i++) {
    const target = nextInt(rng, 600_001)
    started = performance.now()
    history.seek(target)
    seekMs.push(performance.now() - started)
  }

  // Baseline: raw heap schedule + pop, the kernel's innermost loop.
  const queue = createTimerQueue()
  const ops = 1_000_000
  started = performance.now()
  for (let i = 0; i < ops; i++) schedule(queue, 0, 1 + (i % 997), { kind: 'deliver', messageId: i })
  for (let i = 0; i < ops; i++) popDue(queue)
  const heapS = (performance.now() - started) / 1000

  return {
    kernel_fast_forward_ratio_idle_6_brokers: Math.round(simMs / 1000 / ffWallS),
    kernel_seek_ms_p95_10min_history: Number(percentile(seekMs, 95).toFixed(2)),
    baseline_timer_heap_ops_per_s: Math.round((2 * ops) / heapS),
  }
}
