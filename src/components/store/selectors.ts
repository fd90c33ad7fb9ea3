/**
 * Module-scope selectors: stable functions, so hooks do not re-subscribe on every render.
 */
import type { SimState } from './simStore'

export const selectNowMs = (s: SimState) => s.nowMs
export const selectMaxMs = (s: SimState) => s.maxMs
export const selectView = (s: SimState) => s.view
export const selectEvents = (s: SimState) => s.events
export const selectStatus = (s: SimState) => s.status

/** Where "step back" goes: the latest event strictly before now (or 100 ms back if none). */
export const selectStepBackTargetMs = (s: SimState): number => {
  for (let i = s.events.length - 1; i >= 0; i--) {
    const atMs = s.events[i]!.atMs
    if (atMs < s.nowMs) return atMs
  }
  return Math.max(0, s.nowMs - 100)
}

/**
 * Brokers whose replica fetcher hangs: the latest of `fetcherPaused`, `fetcherResumed` and
 * `brokerStarted` (a restart resumes it) in the recent events decides.
 */
export function pausedFetchers(events: SimState['events']): Set<number> {
  const paused = new Set<number>()
  for (const event of events) {
    if (event.type === 'fetcherPaused') paused.add(event.brokerId)
    else if (event.type === 'fetcherResumed' || event.type === 'brokerStarted')
      paused.delete(event.brokerId)
  }
  return paused
}
