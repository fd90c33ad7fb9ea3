import { assert } from '../../core/assert'

/**
 * What one live snapshot needs of one file, stored as the difference from the file as it is now:
 * the first `intactBytes` of the current content still equal the snapshot's content, and `tail`
 * holds the snapshot's bytes `[intactBytes, sizeBytes)` that later changes cut away (the undo
 * record). Appends never touch the intact prefix, so a file that only grew costs nothing;
 * only a truncation (or a restore, which truncates) below `intactBytes` copies bytes out.
 */
export interface SnapshotView {
  readonly snapshotId: number
  /** The file's size when the snapshot was taken. */
  readonly sizeBytes: number
  intactBytes: number
  /** Chunks in file order; together exactly `sizeBytes - intactBytes` long. Chunks may share buffers. */
  tail: Uint8Array[]
}

export function createView(snapshotId: number, sizeBytes: number): SnapshotView {
  return { snapshotId, sizeBytes, intactBytes: sizeBytes, tail: [] }
}

/** True when the file's current content is exactly the snapshot's. */
export function viewMatches(view: SnapshotView, currentSizeBytes: number): boolean {
  return view.intactBytes === view.sizeBytes && currentSizeBytes === view.sizeBytes
}

/**
 * Called before the file's bytes from `position` on are cut or rewritten: every view whose intact
 * prefix reaches past `position` moves those bytes into its tail. The bytes are read once and
 * shared (as subarrays) by all views that need them, so N checkpoints that saw the same bytes
 * hold one copy.
 *
 * @param read reads the current content `[position, position + length)` of the file
 */
export function preserveBeforeChange(
  views: readonly SnapshotView[],
  position: number,
  read: (position: number, length: number) => Uint8Array,
): void {
  let intactMax = position
  for (const view of views) intactMax = Math.max(intactMax, view.intactBytes)
  if (intactMax === position) return
  const saved = read(position, intactMax - position)
  assert(saved.length === intactMax - position, 'a view never reaches past the end of its file')
  for (const view of views) {
    if (view.intactBytes <= position) continue
    view.tail = [saved.subarray(0, view.intactBytes - position), ...view.tail]
    view.intactBytes = position
  }
}

/** Bytes of the view's tail, for checks and accounting. */
export function tailBytes(view: SnapshotView): number {
  let total = 0
  for (const chunk of view.tail) total += chunk.length
  return total
}
