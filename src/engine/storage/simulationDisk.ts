/**
 * What `RunStorage` needs from the place simulations are kept: OPFS in the browser
 * (opfs/opfsSimulationDisk.ts), a `MemoryDisk` per simulation in tests (memorySimulationDisk.ts).
 * Everything here is asynchronous because OPFS opens files and takes locks asynchronously; the
 * run itself then uses the synchronous `SegmentStore` and `FileIo` handles it returns.
 */
import type { FileIo } from './opfs/fileIo'
import type { OpenSegmentStoreOptions, OpenedSegmentStore } from './opfs/openSegmentStore'

export interface SessionLock {
  /** Resolves once another tab could take the lock. */
  release(): Promise<void>
}

export interface SimulationDisk {
  /** False where the disk cannot be used at all (no OPFS sync access handles here). */
  available(): boolean
  /**
   * Takes the simulation's session lock, held by one tab for as long as it runs the simulation,
   * across new runs (which close, empty and reopen the store). Fails with `StoreLockedError`
   * when another tab holds it, after waiting `waitMs` (a reload races the old page's worker).
   */
  lockSession(simId: string, waitMs: number): Promise<SessionLock>
  /** The two slots of the saved run, created empty when missing. */
  openRunSlots(simId: string): Promise<readonly [FileIo, FileIo]>
  /** Every segment file as it is on disk (path → bytes), through a store opened only for this. */
  readSegmentFiles(simId: string): Promise<Map<string, Uint8Array>>
  /** Deletes the simulation's files (segment files, manifest and saved run). */
  clear(simId: string): Promise<void>
  /** Opens the simulation's segment store (`openSegmentStore` in the browser). */
  openStore(simId: string, options: OpenSegmentStoreOptions): Promise<OpenedSegmentStore>
}
