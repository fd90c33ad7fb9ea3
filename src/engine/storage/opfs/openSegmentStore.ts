import { AssertionError } from '../../core/assert'
import type { SegmentStore } from '../segmentStore'
import { FallbackSegmentStore } from './fallbackSegmentStore'
import { openOpfsSegmentStore, type OpenOpfsStoreOptions } from './openOpfsSegmentStore'
import { isOpfsSyncAvailable } from './opfsTypes'
import { isQuotaExceededError } from './quota'

/**
 * Why a simulation runs in memory instead of OPFS; the UI turns it into a notice. Nothing is lost
 * in any case, but a memory simulation does not survive a reload.
 */
export type StoreNotice = 'opfs-unavailable' | 'opfs-locked' | 'quota-exceeded'

export interface OpenSegmentStoreOptions extends OpenOpfsStoreOptions {
  /** Builds the in-memory store used when OPFS cannot be (e.g. `() => new MemorySegmentStore()`). */
  readonly createMemoryStore: () => SegmentStore
  /** Told when a running simulation falls back to memory because the disk filled up. */
  readonly onNotice?: (notice: StoreNotice) => void
}

export interface OpenedSegmentStore {
  readonly store: SegmentStore
  /** Why the store is not on OPFS, or null when it is. */
  readonly notice: StoreNotice | null
  /** What went wrong when `notice` is set, for logs. */
  readonly detail: string | null
  /** Flushes and closes the OPFS store and gives up its lock; a memory store needs nothing. */
  close(): Promise<void>
}

/**
 * The host's way in: the simulation's OPFS store when possible, otherwise a memory store and the
 * reason. A second tab on the same simulation gets memory with 'opfs-locked' and touches nothing
 * on disk. An OPFS store that later hits the quota moves to memory by itself and calls `onNotice`.
 */
export async function openSegmentStore(
  simId: string,
  options: OpenSegmentStoreOptions,
): Promise<OpenedSegmentStore> {
  const inMemory = (notice: StoreNotice, detail: string): OpenedSegmentStore => ({
    store: options.createMemoryStore(),
    notice,
    detail,
    close: () => Promise.resolve(),
  })
  if (!isOpfsSyncAvailable()) return inMemory('opfs-unavailable', 'no OPFS sync access handles')
  try {
    const opfs = await openOpfsSegmentStore(simId, options)
    const store = new FallbackSegmentStore(opfs, options.createMemoryStore, (notice) =>
      options.onNotice?.(notice),
    )
    return { store, notice: null, detail: null, close: () => store.close() }
  } catch (error) {
    // A bad simulation id is the caller's bug, not a reason to run in memory.
    if (error instanceof AssertionError) throw error
    const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error)
    if ((error as { name?: unknown }).name === 'StoreLockedError') {
      return inMemory('opfs-locked', detail)
    }
    if (isQuotaExceededError(error)) return inMemory('quota-exceeded', detail)
    // Any other failure to open (a browser without sync handles, a security policy) is the
    // same, from the user's side, as having no OPFS.
    return inMemory('opfs-unavailable', detail)
  }
}
