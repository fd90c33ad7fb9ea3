/**
 * `SimulationDisk` in memory for Node tests: one `MemoryDisk` per simulation (the fake OPFS
 * directory of opfs/memoryFileIo.ts) and a lock table, so a test can "reload" (a new host on the
 * same disks) or open a "second tab" (another host while the first holds the lock).
 */
import type { SessionLock, SimulationDisk } from './simulationDisk'
import { RUN_SLOT_NAMES } from './runRecord'
import { FallbackSegmentStore } from './opfs/fallbackSegmentStore'
import { MemoryFileIo, createMemoryDisk, type MemoryDisk } from './opfs/memoryFileIo'
import { openMemoryVolume } from './opfs/memoryVolume'
import { OpfsSegmentStore } from './opfs/opfsSegmentStore'
import { isQuotaExceededError } from './opfs/quota'
import { StoreLockedError } from './opfs/storeErrors'

export interface MemorySimulationDisks {
  readonly disks: Map<string, MemoryDisk>
  readonly sessionLocks: Set<string>
  /** Quota given to each new simulation disk; null for none. */
  quotaBytes: number | null
  /** Pretend OPFS is missing. */
  unavailable: boolean
}

export function createMemorySimulationDisks(): MemorySimulationDisks {
  return { disks: new Map(), sessionLocks: new Set(), quotaBytes: null, unavailable: false }
}

/** One tab's view of the shared disks. */
export function memorySimulationDisk(shared: MemorySimulationDisks): SimulationDisk {
  const diskOf = (simId: string): MemoryDisk => {
    let disk = shared.disks.get(simId)
    if (disk === undefined) {
      disk = createMemoryDisk(shared.quotaBytes)
      shared.disks.set(simId, disk)
    }
    return disk
  }
  return {
    available: () => !shared.unavailable,
    lockSession: (simId) => {
      if (shared.sessionLocks.has(simId)) return Promise.reject(new StoreLockedError(simId))
      shared.sessionLocks.add(simId)
      let released = false
      const lock: SessionLock = {
        release: () => {
          if (!released) shared.sessionLocks.delete(simId)
          released = true
          return Promise.resolve()
        },
      }
      return Promise.resolve(lock)
    },
    openRunSlots: (simId) => {
      const disk = diskOf(simId)
      return Promise.resolve([
        new MemoryFileIo(disk, RUN_SLOT_NAMES[0]),
        new MemoryFileIo(disk, RUN_SLOT_NAMES[1]),
      ] as const)
    },
    readSegmentFiles: async (simId) => {
      const store = await OpfsSegmentStore.mount(openMemoryVolume(diskOf(simId)), {
        spareFilesTarget: 1,
      })
      try {
        return new Map(store.files())
      } finally {
        await store.close(false)
      }
    },
    clear: (simId) => {
      diskOf(simId).files.clear()
      return Promise.resolve()
    },
    openStore: async (simId, options) => {
      try {
        const opfs = await OpfsSegmentStore.mount(openMemoryVolume(diskOf(simId)), {
          spareFilesTarget: 2,
        })
        const store = new FallbackSegmentStore(opfs, options.createMemoryStore, (notice) =>
          options.onNotice?.(notice),
        )
        return { store, notice: null, detail: null, close: () => store.close() }
      } catch (error) {
        if (!isQuotaExceededError(error)) throw error
        return {
          store: options.createMemoryStore(),
          notice: 'quota-exceeded',
          detail: String(error),
          close: () => Promise.resolve(),
        }
      }
    },
  }
}
