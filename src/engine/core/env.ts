/**
 * What the core needs besides its plain-data state: the store that holds the bytes of every
 * partition log. Kept out of the state so checkpoints stay a cheap structuredClone; the timeline
 * snapshots and restores the store alongside each checkpoint.
 */
import type { SegmentStore } from '../storage/segmentStore'

export interface Env {
  readonly store: SegmentStore
}
