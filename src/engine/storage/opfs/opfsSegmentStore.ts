import { assert } from '../../core/assert'
import type { SegmentStore, StoreSnapshot } from '../segmentStore'
import type { FileIo, PhysicalFile } from './fileIo'
import {
  appendInode,
  bufferBytes,
  createInode,
  inodeSize,
  readInode,
  truncateInode,
  writeOut,
  type Inode,
} from './inode'
import { readManifest, writeManifest } from './manifest'
import { createView, preserveBeforeChange, viewMatches } from './snapshotView'
import { assertStorePath, listChildren } from './storePaths'
import type { Volume } from './volume'

/**
 * A SegmentStore on the Origin Private File System, for the engine's worker.
 *
 * Layout. One directory per simulation holds numbered data files (`data-000017.bin`) and a
 * manifest mapping segment paths to them (manifest.ts). Segment paths are not OPFS names because
 * OPFS creates files and opens handles only asynchronously, while this interface is synchronous:
 * the store keeps empty data files open and ready ("spares") and gives one to each new path at
 * once, refilling the pool in the background. Renames and removals become manifest edits, and a
 * removed file's data file is emptied and reused. If a burst of creations empties the pool, new
 * files live in their write buffer until a data file arrives (`settled()` waits for that).
 *
 * Writes. Small appends (index entries, small batches) collect in a per-file buffer and reach the
 * data file in writes of at least `writeBatchBytes`, because every OPFS call has a fixed cost.
 * Reads see buffered bytes. `flush()` writes every buffer out and fsyncs what changed.
 *
 * Snapshots. Each live snapshot keeps, per file, a view (snapshotView.ts): how much of the current
 * content is still the snapshot's, plus the bytes later cut away. Appends cost nothing; a truncate
 * or restore saves the cut bytes once, shared by every snapshot that needs them; `release()` frees
 * them. A removed file stays (unnamed) while a snapshot needs it.
 *
 * Failures. Every mutating call applies its change to the in-memory view first and only then
 * writes; so when a write throws (`QuotaExceededError`), the store's content already reflects the
 * call and every byte is still readable, and `FallbackSegmentStore` can copy it all to memory.
 */
export class OpfsSegmentStore implements SegmentStore {
  readonly kind = 'opfs' as const
  private readonly inodesByPath = new Map<string, Inode>()
  /** Removed, but a live snapshot still needs them. */
  private readonly unnamedInodes = new Set<Inode>()
  /** Created while no spare was ready; waiting for a data file, oldest first. */
  private readonly pendingInodes = new Set<Inode>()
  private readonly spares: PhysicalFile[] = []
  private readonly snapshotsById = new Map<number, SnapshotRecord>()
  private inodeIdNext = 1
  private snapshotIdNext = 1
  private manifestSequence: number
  private manifestDirty = false
  private manifestSlotToFlush: FileIo | null = null
  private refilling: Promise<void> | null = null
  /** Deletions of surplus spare files still running; the lock is kept until they end. */
  private readonly deleting = new Set<Promise<void>>()
  /** A failure of background work (refilling spares), reported by the next mutating call. */
  private deferredError: unknown = null
  private closed = false
  private readonly writeBatchBytes: number
  private readonly spareFilesTarget: number

  private constructor(
    private readonly volume: Volume,
    options: OpfsStoreOptions,
  ) {
    this.writeBatchBytes = options.writeBatchBytes ?? WRITE_BATCH_BYTES_DEFAULT
    this.spareFilesTarget = options.spareFilesTarget ?? SPARE_FILES_TARGET_DEFAULT
    assert(this.writeBatchBytes > 0, 'writeBatchBytes must be positive')
    assert(this.spareFilesTarget >= 1, 'spareFilesTarget must be at least 1')
    this.manifestSequence = 0
  }

  /**
   * Opens the store on a volume: files named by the manifest come back with their sizes; every
   * other data file is emptied into the spare pool. Resolves once the pool is full.
   */
  static async mount(volume: Volume, options: OpfsStoreOptions = {}): Promise<OpfsSegmentStore> {
    const store = new OpfsSegmentStore(volume, options)
    try {
      await store.load()
    } catch (error) {
      // Close what was opened and give the lock back, so a fallback or a retry starts clean.
      for (const file of volume.existingFiles) attempt(() => file.io.close())
      await store.close(false).catch(() => undefined)
      throw error
    }
    return store
  }

  private async load(): Promise<void> {
    const volume = this.volume
    const manifest = readManifest(volume.manifestSlots)
    this.manifestSequence = manifest?.sequence ?? 0
    const filesByName = new Map(volume.existingFiles.map((file) => [file.name, file]))
    for (const [path, name] of manifest?.files ?? []) {
      const phys = filesByName.get(name)
      // A data file missing from disk (deleted by hand) loses only that file.
      if (phys === undefined) continue
      filesByName.delete(name)
      this.inodesByPath.set(path, createInode(this.inodeIdNext++, path, phys))
    }
    for (const phys of filesByName.values()) this.recyclePhys(phys)
    this.scheduleRefill()
    await this.settled()
    this.throwDeferredError()
  }

  // ---- SegmentStore: reads -------------------------------------------------------------------

  list(dir: string): string[] {
    this.assertOpen()
    return listChildren(this.inodesByPath.keys(), dir)
  }

  exists(path: string): boolean {
    this.assertOpen()
    return this.inodesByPath.has(path)
  }

  size(path: string): number {
    this.assertOpen()
    const inode = this.inodesByPath.get(path)
    return inode === undefined ? 0 : inodeSize(inode)
  }

  read(path: string, position: number, length: number): Uint8Array {
    this.assertOpen()
    const inode = this.inodesByPath.get(path)
    // A missing file reads as empty, like its size of 0 (and as MemorySegmentStore does).
    return inode === undefined ? new Uint8Array(0) : readInode(inode, position, length)
  }

  // ---- SegmentStore: writes ------------------------------------------------------------------

  append(path: string, bytes: Uint8Array): number {
    this.assertOpen()
    const inode = this.inodesByPath.get(path) ?? this.createFile(path)
    const position = inodeSize(inode)
    this.complete(attempt(() => appendInode(inode, bytes, this.writeBatchBytes)))
    return position
  }

  truncate(path: string, size: number): void {
    this.assertOpen()
    assert(Number.isInteger(size) && size >= 0, `bad truncate size ${size}`)
    const inode = this.inodesByPath.get(path)
    if (inode === undefined || size >= inodeSize(inode)) return
    preserveBeforeChange(inode.views, size, (at, length) => readInode(inode, at, length))
    truncateInode(inode, size)
    this.complete(null)
  }

  remove(path: string): void {
    this.assertOpen()
    const inode = this.inodesByPath.get(path)
    if (inode === undefined) return
    this.unname(inode)
    this.complete(null)
  }

  rename(from: string, to: string): void {
    this.assertOpen()
    assertStorePath(to)
    const inode = this.inodesByPath.get(from)
    assert(inode !== undefined, `rename of missing file ${from}`)
    if (from === to) return
    const replaced = this.inodesByPath.get(to)
    if (replaced !== undefined) this.unname(replaced)
    this.inodesByPath.delete(from)
    this.inodesByPath.set(to, inode)
    inode.path = to
    this.manifestDirty = true
    this.complete(null)
  }

  flush(): void {
    this.assertOpen()
    let error: unknown = null
    for (const inode of this.inodesByPath.values()) {
      error = attempt(() => {
        writeOut(inode)
        if (inode.phys !== null && inode.needsSync) {
          inode.phys.io.flush()
          inode.needsSync = false
        }
      })
      if (error !== null) break
    }
    // Files still waiting for a data file cannot be made durable now; `settled()` waits for them.
    this.scheduleRefill()
    if (error === null) error = attempt(() => this.commitManifest(true))
    this.complete(error)
  }

  // ---- SegmentStore: snapshots ---------------------------------------------------------------

  snapshot(): StoreSnapshot {
    this.assertOpen()
    const id = this.snapshotIdNext++
    const entries: [string, Inode][] = []
    for (const [path, inode] of this.inodesByPath) {
      inode.views.push(createView(id, inodeSize(inode)))
      entries.push([path, inode])
    }
    this.snapshotsById.set(id, { entries })
    return { storeKind: 'opfs', id }
  }

  restore(snapshot: StoreSnapshot): void {
    this.assertOpen()
    const record = this.snapshotRecord(snapshot)
    // 1. Content: every file the snapshot knew gets its bytes back, saving first whatever other
    //    live snapshots need of the bytes about to be cut. Nothing is written yet.
    for (const [, inode] of record.entries) {
      const view = inode.views.find((candidate) => candidate.snapshotId === snapshot.id)
      assert(view !== undefined, 'a snapshot keeps a view of each of its files')
      if (viewMatches(view, inodeSize(inode))) continue
      preserveBeforeChange(inode.views, view.intactBytes, (at, length) =>
        readInode(inode, at, length),
      )
      truncateInode(inode, view.intactBytes)
      for (const chunk of view.tail) bufferBytes(inode, chunk)
      view.intactBytes = view.sizeBytes
      view.tail = []
      assert(inodeSize(inode) === view.sizeBytes, 'restore rebuilds the exact size')
    }
    // 2. Names: exactly the snapshot's paths, each on its own inode again.
    const wanted = new Map(record.entries)
    for (const [path, inode] of [...this.inodesByPath]) {
      if (wanted.get(path) !== inode) this.unname(inode)
    }
    for (const [path, inode] of wanted) {
      this.unnamedInodes.delete(inode)
      this.inodesByPath.set(path, inode)
      inode.path = path
    }
    this.manifestDirty = true
    // 3. Writes: large rebuilt tails go to their data files now, small ones stay buffered.
    let error: unknown = null
    for (const [, inode] of record.entries) {
      if (error === null && inode.bufferedBytes >= this.writeBatchBytes) {
        error = attempt(() => writeOut(inode))
      }
    }
    this.complete(error)
  }

  release(snapshot: StoreSnapshot): void {
    this.assertOpen()
    const record = this.snapshotRecord(snapshot)
    for (const [, inode] of record.entries) {
      inode.views = inode.views.filter((view) => view.snapshotId !== snapshot.id)
      if (inode.path === null && inode.views.length === 0) this.discard(inode)
    }
    this.snapshotsById.delete(snapshot.id)
    this.complete(null)
  }

  // ---- Beyond SegmentStore -------------------------------------------------------------------

  /** Resolves when no file waits for a data file, the spare pool is full and no deletion runs. */
  async settled(): Promise<void> {
    while (this.refilling !== null || this.deleting.size > 0) {
      await Promise.all([this.refilling, ...this.deleting])
    }
  }

  /**
   * Writes everything out (when `flush`), closes every handle and gives up the lock, all at once.
   * The promise resolves when the lock is free for others (a delete or a reopen can follow), or
   * rejects with the flush's failure.
   */
  close(flush = true): Promise<void> {
    if (this.closed) return Promise.resolve()
    let error: unknown = null
    if (flush) error = attempt(() => this.flush())
    this.closed = true
    const inodes = [...this.inodesByPath.values(), ...this.unnamedInodes]
    for (const phys of [...inodes.map((inode) => inode.phys), ...this.spares]) {
      if (phys !== null) attempt(() => phys.io.close())
    }
    // Background work still holds OPFS calls in flight (a data file being created opens a handle
    // after this point and closes it at once); give the lock up only after it ends, or a delete
    // or another tab could meet a handle that is still open.
    const released = this.settled()
      .catch(() => undefined)
      .then(() => this.volume.close())
    return error === null ? released : released.then(() => Promise.reject(error))
  }

  /** Sizes of what the store holds in memory and on disk, for the probe and tests. */
  stats(): OpfsStoreStats {
    const inodes = [...this.inodesByPath.values(), ...this.unnamedInodes]
    let bufferedBytes = 0
    const undoBuffers = new Set<ArrayBufferLike>()
    for (const inode of inodes) {
      bufferedBytes += inode.bufferedBytes
      for (const view of inode.views) for (const chunk of view.tail) undoBuffers.add(chunk.buffer)
    }
    let undoBytes = 0
    for (const buffer of undoBuffers) undoBytes += buffer.byteLength
    return {
      files: this.inodesByPath.size,
      unnamedFiles: this.unnamedInodes.size,
      pendingFiles: this.pendingInodes.size,
      spareFiles: this.spares.length,
      snapshots: this.snapshotsById.size,
      bufferedBytes,
      undoBytes,
    }
  }

  /** Every file's current content, read through the buffers; used to move to another store. */
  *files(): Generator<[string, Uint8Array]> {
    for (const [path, inode] of this.inodesByPath) {
      yield [path, readInode(inode, 0, inodeSize(inode))]
    }
  }

  /** The files and contents a live snapshot would restore, without restoring it. */
  *snapshotFiles(snapshot: StoreSnapshot): Generator<[string, Uint8Array]> {
    const record = this.snapshotRecord(snapshot)
    for (const [path, inode] of record.entries) {
      const view = inode.views.find((candidate) => candidate.snapshotId === snapshot.id)
      assert(view !== undefined, 'a snapshot keeps a view of each of its files')
      const bytes = new Uint8Array(view.sizeBytes)
      bytes.set(readInode(inode, 0, view.intactBytes))
      let at = view.intactBytes
      for (const chunk of view.tail) {
        bytes.set(chunk, at)
        at += chunk.length
      }
      yield [path, bytes]
    }
  }

  // ---- Internals -----------------------------------------------------------------------------

  private createFile(path: string): Inode {
    assertStorePath(path)
    const phys = this.spares.pop() ?? null
    const inode = createInode(this.inodeIdNext++, path, phys)
    assert(inode.writtenBytes === 0, 'spare data files are empty')
    this.inodesByPath.set(path, inode)
    if (phys === null) this.pendingInodes.add(inode)
    else this.manifestDirty = true
    this.scheduleRefill()
    return inode
  }

  /** Drops the inode's name; it lives on while a snapshot needs it. */
  private unname(inode: Inode): void {
    assert(inode.path !== null, 'only a named inode can lose its name')
    this.inodesByPath.delete(inode.path)
    inode.path = null
    this.manifestDirty = true
    if (inode.views.length > 0) this.unnamedInodes.add(inode)
    else this.discard(inode)
  }

  private discard(inode: Inode): void {
    this.unnamedInodes.delete(inode)
    this.pendingInodes.delete(inode)
    inode.bufferedBytes = 0
    inode.buffer = new Uint8Array(0)
    if (inode.phys !== null) this.recyclePhys(inode.phys)
    inode.phys = null
  }

  /** Empties a data file and keeps it for the next new file (or deletes it past the pool's cap). */
  private recyclePhys(phys: PhysicalFile): void {
    // Emptying only shrinks, so it cannot fail on quota.
    phys.io.truncate(0)
    if (this.spares.length < this.spareFilesTarget * 2) {
      this.spares.push(phys)
      return
    }
    const deletion = this.volume
      .deleteFile(phys)
      .catch(() => {
        // An undeleted empty file costs nothing; the next mount recycles it.
      })
      .finally(() => this.deleting.delete(deletion))
    this.deleting.add(deletion)
  }

  private scheduleRefill(): void {
    if (this.refilling !== null || this.closed) return
    if (this.spares.length >= this.spareFilesTarget && this.pendingInodes.size === 0) return
    this.refilling = this.refill().finally(() => {
      this.refilling = null
    })
  }

  private async refill(): Promise<void> {
    while (!this.closed && this.deferredError === null) {
      const wanted = this.spareFilesTarget - this.spares.length + this.pendingInodes.size
      if (wanted <= 0) return
      let created: PhysicalFile[]
      try {
        created = await Promise.all(
          Array.from({ length: Math.min(wanted, REFILL_BATCH_MAX) }, () =>
            this.volume.createFile(),
          ),
        )
      } catch (error) {
        this.deferredError = error
        return
      }
      if (this.closed) {
        for (const phys of created) attempt(() => phys.io.close())
        return
      }
      for (const phys of created) this.adopt(phys)
      const error = attempt(() => this.commitManifest(false))
      if (error !== null) this.deferredError = error
    }
  }

  /** Gives a new data file to the oldest file waiting for one, or to the pool. */
  private adopt(phys: PhysicalFile): void {
    const waiting = this.pendingInodes.values().next()
    if (waiting.done === true) {
      this.spares.push(phys)
      return
    }
    const inode = waiting.value
    this.pendingInodes.delete(inode)
    inode.phys = phys
    inode.writtenBytes = 0
    if (inode.path !== null) this.manifestDirty = true
    const error = attempt(() => writeOut(inode))
    if (error !== null && this.deferredError === null) this.deferredError = error
  }

  /** Writes the manifest if paths changed; with `durable`, also fsyncs it. */
  private commitManifest(durable: boolean): void {
    if (this.manifestDirty) {
      const files: [string, string][] = []
      for (const [path, inode] of this.inodesByPath) {
        if (inode.phys !== null) files.push([path, inode.phys.name])
      }
      files.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      const sequence = this.manifestSequence + 1
      this.manifestSlotToFlush = writeManifest(this.volume.manifestSlots, { sequence, files })
      this.manifestSequence = sequence
      this.manifestDirty = false
    }
    if (durable && this.manifestSlotToFlush !== null) {
      this.manifestSlotToFlush.flush()
      this.manifestSlotToFlush = null
    }
  }

  /**
   * Ends every mutating call: records path changes in the manifest (not fsynced; `flush()` does
   * that), then reports the first failure, the call's own or one left by background work.
   */
  private complete(error: unknown): void {
    const manifestError = attempt(() => this.commitManifest(false))
    const first = error ?? manifestError ?? this.deferredError
    if (first === this.deferredError) this.deferredError = null
    if (first !== null) throw first
  }

  private throwDeferredError(): void {
    const error = this.deferredError
    this.deferredError = null
    if (error !== null) throw error
  }

  private snapshotRecord(snapshot: StoreSnapshot): SnapshotRecord {
    assert(snapshot.storeKind === 'opfs', 'snapshot of another kind of store')
    const record = this.snapshotsById.get(snapshot.id)
    assert(record !== undefined, `snapshot ${snapshot.id} is unknown or was released`)
    return record
  }

  private assertOpen(): void {
    assert(!this.closed, 'the OPFS segment store is closed')
  }
}

/** Options of `OpfsSegmentStore.mount`. */
export interface OpfsStoreOptions {
  /**
   * Smallest write sent to a data file, except on flush (default 256 KiB). Below 64 KiB the
   * per-call cost of OPFS shows; tests use tiny values to exercise write-outs.
   */
  readonly writeBatchBytes?: number
  /** Empty data files kept open and ready so a new file never waits for OPFS (default 32). */
  readonly spareFilesTarget?: number
}

export interface OpfsStoreStats {
  readonly files: number
  readonly unnamedFiles: number
  readonly pendingFiles: number
  readonly spareFiles: number
  readonly snapshots: number
  readonly bufferedBytes: number
  /** Memory held by undo records (bytes cut from files that live snapshots still need). */
  readonly undoBytes: number
}

interface SnapshotRecord {
  readonly entries: readonly (readonly [string, Inode])[]
}

/**
 * 1 MiB: OPFS charges per call, so the store sends few large writes, as large as the raw
 * sequential baseline's. Measured (bench/browser/opfs.ts, same rounds): the broker's write path
 * of 16 KiB batches ran 264–336 MB/s with 256 KiB writes and 330–388 MB/s with 1 MiB ones.
 */
export const WRITE_BATCH_BYTES_DEFAULT = 1024 * 1024
const SPARE_FILES_TARGET_DEFAULT = 32
/** OPFS handles open one at a time per call; a bounded batch keeps a refill from flooding it. */
const REFILL_BATCH_MAX = 16

/** Runs `action`; returns what it threw, or null. Quota and other errors alike are reported later. */
function attempt(action: () => void): unknown {
  try {
    action()
    return null
  } catch (error) {
    return error
  }
}
