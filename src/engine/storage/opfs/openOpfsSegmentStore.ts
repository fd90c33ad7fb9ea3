import { OpfsSegmentStore, type OpfsStoreOptions } from './opfsSegmentStore'
import { openOpfsVolume } from './opfsVolume'

/** Options of `openOpfsSegmentStore`. */
export interface OpenOpfsStoreOptions extends OpfsStoreOptions {
  /** How long to wait for another holder to give up the simulation's lock (default 0: fail at once). */
  readonly waitForLockMs?: number
}

/**
 * Opens (or creates) the OPFS store of simulation `simId` in this worker. Fails with
 * `StoreLockedError` when another tab has it open, and with `OpfsUnavailableError` outside a
 * worker or without OPFS; in both cases nothing was written.
 */
export async function openOpfsSegmentStore(
  simId: string,
  options: OpenOpfsStoreOptions = {},
): Promise<OpfsSegmentStore> {
  const volume = await openOpfsVolume(simId, options.waitForLockMs ?? 0)
  return OpfsSegmentStore.mount(volume, options)
}
