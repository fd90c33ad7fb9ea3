/**
 * RunStorage: the host's way to the disk. For every new run it gives the timeline a store of its
 * own simulation, emptied; it saves the run (the replay file plus the current time) after every
 * request that changes it; on a reload it hands back the saved run and, after the host rebuilt it,
 * compares the rebuilt segment files with the bytes that were on disk.
 *
 * Locks. A tab first takes the simulation's session lock and keeps it while it runs the
 * simulation, then the store takes its own lock (opfs/storeLock.ts). A new run closes the store,
 * deletes the directory and reopens it: the store's lock is free for a moment then, but the session
 * lock keeps every other tab out, so a second tab never sees, writes or deletes anything. A tab
 * that cannot get the session lock runs in memory with the 'opfs-locked' notice.
 *
 * Anything that goes wrong with the disk moves the run to memory with a notice; the engine goes on.
 */
import { MemorySegmentStore } from './memorySegmentStore'
import type { OpenedSegmentStore } from './opfs/openSegmentStore'
import { isQuotaExceededError } from './opfs/quota'
import type { SegmentStore } from './segmentStore'
import { RunSlots, type RunSource, type SavedRun } from './runRecord'
import type { SessionLock, SimulationDisk } from './simulationDisk'
import type { RestoreReport, StorageStatus, StoreNotice } from './storageStatus'

export interface BeginRunOptions {
  readonly simulationId: string
  /** Hand back the run saved for this simulation, if any (the page was reloaded). */
  readonly resume: boolean
  /** Skip the disk: a test and diagnostic switch (`?storage=memory`) that acts as "no OPFS". */
  readonly memoryOnly: boolean
}

export interface BegunRun {
  /** The store for the new run: empty. */
  readonly store: SegmentStore
  /** The saved run when `resume` was asked and one exists (already saved again in the new files). */
  readonly saved: SavedRun | null
}

export interface RunStorage {
  /** Ends the current run's use of the disk and gives the store for a new one. */
  begin(options: BeginRunOptions): Promise<BegunRun>
  /**
   * Records the run after a request changed it. `durable` (after commands, a new or restored run)
   * also writes out every buffered segment byte and fsyncs; otherwise that happens at most every
   * `flushIntervalMs` of wall-clock time, so playback does not fsync every frame.
   */
  save(run: RunSource, durable: boolean): void
  /** After the host rebuilt the saved run: compares with the disk's bytes, reports in `status()`. */
  finishRestore(report: Pick<RestoreReport, 'nowMs' | 'maxMs' | 'commands'>): RestoreReport
  status(): StorageStatus
}

export interface RunStorageOptions {
  /** Null: memory only, every run with the 'opfs-unavailable' notice. */
  readonly disk: SimulationDisk | null
  /** How long the first run waits for the session lock (the previous page's worker). */
  readonly lockWaitMs?: number
  readonly flushIntervalMs?: number
  /** Wall clock in ms (tests pass a fake). */
  readonly now?: () => number
}

const LOCK_WAIT_MS_DEFAULT = 3_000
const FLUSH_INTERVAL_MS_DEFAULT = 1_000
/** Disk bytes read for the comparison after a reload, at most; the rest counts as not compared. */
const VERIFY_BYTES_MAX = 256 * 1024 * 1024

interface Session {
  readonly simulationId: string
  readonly lock: SessionLock
  opened: OpenedSegmentStore | null
  slots: RunSlots | null
}

export function createRunStorage(options: RunStorageOptions): RunStorage {
  const disk = options.disk
  const now = options.now ?? (() => performance.now())
  const flushIntervalMs = options.flushIntervalMs ?? FLUSH_INTERVAL_MS_DEFAULT
  let lockWaitMs = options.lockWaitMs ?? LOCK_WAIT_MS_DEFAULT
  let session: Session | null = null
  let store: SegmentStore | null = null
  let status: StorageStatus = {
    simulationId: '',
    kind: 'memory',
    notice: 'opfs-unavailable',
    detail: 'no run yet',
    restored: null,
  }
  let diskFiles: Map<string, Uint8Array> | null = null
  let lastFlushMs = Number.NEGATIVE_INFINITY
  /** Bumped by every `begin`, so a quota notice from an old run's store is ignored. */
  let generation = 0

  const inMemory = (simulationId: string, notice: StoreNotice, detail: string): BegunRun => {
    store = new MemorySegmentStore()
    status = { simulationId, kind: 'memory', notice, detail, restored: null }
    return { store, saved: null }
  }

  /** Closes the run's store and slots; keeps the session lock unless `releaseLock`. */
  const endRun = async (releaseLock: boolean): Promise<void> => {
    const current = session
    if (current === null) return
    current.slots?.close()
    current.slots = null
    const opened = current.opened
    current.opened = null
    // A store that cannot flush (full disk) still closes; the next run empties the directory.
    await opened?.close().catch(() => undefined)
    if (releaseLock) {
      session = null
      await current.lock.release()
    }
  }

  const begin = async ({ simulationId, resume, memoryOnly }: BeginRunOptions) => {
    generation += 1
    const runGeneration = generation
    store = null
    diskFiles = null
    const switching = session !== null && session.simulationId !== simulationId
    await endRun(switching || memoryOnly || disk === null)
    if (disk === null || memoryOnly) {
      return inMemory(
        simulationId,
        'opfs-unavailable',
        memoryOnly ? 'memory only (?storage=memory)' : 'no disk',
      )
    }
    if (!disk.available())
      return inMemory(simulationId, 'opfs-unavailable', 'no OPFS sync access handles')

    if (session === null) {
      try {
        session = {
          simulationId,
          lock: await disk.lockSession(simulationId, lockWaitMs),
          opened: null,
          slots: null,
        }
      } catch (error) {
        const locked = (error as { name?: unknown }).name === 'StoreLockedError'
        return inMemory(simulationId, locked ? 'opfs-locked' : 'opfs-unavailable', describe(error))
      } finally {
        // Only a page's first run races the previous page's worker for the lock.
        lockWaitMs = 0
      }
    }
    const current = session
    try {
      let saved: SavedRun | null = null
      if (resume) {
        const slots = new RunSlots(await disk.openRunSlots(simulationId))
        saved = slots.read()
        slots.close()
        if (saved !== null) diskFiles = await disk.readSegmentFiles(simulationId)
      }
      await disk.clear(simulationId)
      const opened = await disk.openStore(simulationId, {
        createMemoryStore: () => new MemorySegmentStore(),
        waitForLockMs: LOCK_WAIT_MS_DEFAULT,
        onNotice: (notice) => {
          if (runGeneration !== generation) return
          status = { ...status, kind: 'memory', notice, detail: 'the disk is full' }
        },
      })
      current.opened = opened
      store = opened.store
      if (opened.notice !== null) {
        status = {
          simulationId,
          kind: 'memory',
          notice: opened.notice,
          detail: opened.detail,
          restored: null,
        }
        return { store: opened.store, saved }
      }
      current.slots = new RunSlots(await disk.openRunSlots(simulationId))
      // Saved again at once: the directory was emptied, and the rebuild may take a while.
      if (saved !== null) current.slots.writeSaved(saved)
      current.slots.flush()
      status = { simulationId, kind: 'opfs', notice: null, detail: null, restored: null }
      lastFlushMs = now()
      return { store: opened.store, saved }
    } catch (error) {
      await endRun(true).catch(() => undefined)
      return inMemory(simulationId, 'opfs-unavailable', describe(error))
    }
  }

  const save = (run: RunSource, durable: boolean): void => {
    const slots = session?.slots ?? null
    if (slots === null || store === null || store.kind !== 'opfs') return
    const dueMs = now()
    const flush = durable || dueMs - lastFlushMs >= flushIntervalMs
    try {
      if (flush) {
        // Segment bytes first (a full disk moves the store to memory here, and it says so), then
        // the record that describes them.
        store.flush()
        lastFlushMs = dueMs
        if (store.kind !== 'opfs') return
      }
      slots.write(run)
      if (flush) slots.flush()
    } catch (error) {
      // The record could not be written (a full disk): the saved run stays as it last was and is
      // no longer updated, so a reload would not bring this run back. Say so.
      if (session?.slots === slots) session.slots = null
      slots.close()
      status = {
        ...status,
        notice: isQuotaExceededError(error) ? 'quota-exceeded' : 'opfs-unavailable',
        detail: `saving the run failed: ${describe(error)}`,
      }
    }
  }

  const finishRestore = (
    report: Pick<RestoreReport, 'nowMs' | 'maxMs' | 'commands'>,
  ): RestoreReport => {
    const compared = compareWithDisk(diskFiles ?? new Map(), store)
    diskFiles = null
    const full: RestoreReport = { ...report, ...compared }
    status = { ...status, restored: full }
    return full
  }

  return {
    begin,
    save,
    finishRestore,
    status: () =>
      store !== null && store.kind !== status.kind ? { ...status, kind: store.kind } : status,
  }
}

/** Compares each file that was on disk with the rebuilt one, over the bytes both have. */
export function compareWithDisk(
  onDisk: ReadonlyMap<string, Uint8Array>,
  rebuilt: SegmentStore | null,
): Pick<RestoreReport, 'filesCompared' | 'bytesVerified' | 'filesDiffering' | 'bytesRewritten'> {
  let filesCompared = 0
  let bytesVerified = 0
  let filesDiffering = 0
  let bytesRewritten = 0
  let budget = VERIFY_BYTES_MAX
  for (const [path, before] of onDisk) {
    if (budget <= 0) break
    filesCompared += 1
    const size = rebuilt?.size(path) ?? 0
    if (rebuilt === null || !rebuilt.exists(path)) {
      filesDiffering += 1
      continue
    }
    const common = Math.min(before.length, size, budget)
    budget -= common
    const after = rebuilt.read(path, 0, common)
    if (!sameBytes(before.subarray(0, common), after) || before.length > size) {
      filesDiffering += 1
      continue
    }
    bytesVerified += common
    bytesRewritten += size - common
  }
  return { filesCompared, bytesVerified, filesDiffering, bytesRewritten }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false
  return true
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}
