/**
 * `SimulationDisk` on OPFS, for the engine's worker. The saved run's slots (`run-a.json`,
 * `run-b.json`) sit in the simulation's directory next to the store's data files and manifest;
 * the store's volume ignores files that are not its own, so they never meet.
 */
import type { SessionLock, SimulationDisk } from '../simulationDisk'
import { RUN_SLOT_NAMES } from '../runRecord'
import type { FileIo } from './fileIo'
import { openOpfsSegmentStore } from './openOpfsSegmentStore'
import { openSegmentStore } from './openSegmentStore'
import { isOpfsSyncAvailable } from './opfsTypes'
import { deleteSimulation, simulationDirectory } from './simulations'
import { acquireNamedLock } from './storeLock'

export function sessionLockName(simId: string): string {
  return `kafkascope-session-${simId}`
}

export function createOpfsSimulationDisk(): SimulationDisk {
  return {
    available: isOpfsSyncAvailable,
    lockSession: acquireSessionLock,
    openRunSlots: async (simId) => {
      const dir = await simulationDirectory(simId, true)
      if (dir === null) throw new Error(`the directory of simulation ${simId} vanished`)
      const opened: FileIo[] = []
      try {
        for (const name of RUN_SLOT_NAMES) {
          const handle = await dir.getFileHandle(name, { create: true })
          opened.push(await handle.createSyncAccessHandle())
        }
      } catch (error) {
        for (const io of opened) io.close()
        throw error
      }
      const [a, b] = opened
      if (a === undefined || b === undefined) throw new Error('unreachable: two run slots')
      return [a, b] as const
    },
    readSegmentFiles: async (simId) => {
      // One spare file is enough for a store that only reads.
      const store = await openOpfsSegmentStore(simId, { spareFilesTarget: 1, waitForLockMs: 3_000 })
      try {
        return new Map(store.files())
      } finally {
        await store.close(false)
      }
    },
    clear: (simId) => deleteSimulation(simId, 3_000),
    openStore: openSegmentStore,
  }
}

/** Like the store's lock (storeLock.ts), under another name, held until `release()`. */
function acquireSessionLock(simId: string, waitMs: number): Promise<SessionLock> {
  return acquireNamedLock(sessionLockName(simId), simId, waitMs)
}
