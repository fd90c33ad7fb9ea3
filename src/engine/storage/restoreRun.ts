/**
 * Rebuilds a saved run after a reload: the replay is imported into the (emptied) store, which
 * re-runs the whole log deterministically and so rewrites the segment files byte for byte, then
 * the timeline seeks to where the learner was. The events up to that moment are collected again
 * so the event log comes back too.
 */
import type { KafkaError } from '../core/errors'
import type { SimEvent } from '../core/events'
import { importReplay } from '../core/replay'
import type { Timeline } from '../core/timeline'
import type { SavedRun } from './runRecord'
import type { SegmentStore } from './segmentStore'

/** A restored frame carries at most this many of the latest events (the mirror keeps fewer). */
export const RESTORED_EVENTS_MAX = 2_000

export type RestoreResult =
  | { ok: true; timeline: Timeline; events: SimEvent[]; warning: string | null }
  | { ok: false; error: KafkaError }

export function rebuildSavedRun(saved: SavedRun, store: SegmentStore): RestoreResult {
  const imported = importReplay(saved.replay, store)
  if (!imported.ok) return imported
  const timeline = imported.timeline
  const nowMs = Math.min(Math.max(0, saved.nowMs), timeline.maxMs())
  // Back to the start (restores the first checkpoint, the store included), then forward step by
  // step to `nowMs` (a forward seek may jump over events): every event of the run up to there.
  const initial = timeline.initialEvents()
  const back = timeline.seek(0)
  const forward = timeline.advanceTo(nowMs)
  const events = [
    ...initial.filter((event) => event.seq < back.eventsSinceSeq),
    ...back.events,
    ...forward,
  ]
  return {
    ok: true,
    timeline,
    events: events.length > RESTORED_EVENTS_MAX ? events.slice(-RESTORED_EVENTS_MAX) : events,
    warning: imported.warning,
  }
}
