import { assert } from '../../core/assert'
import type { SegmentStore, StoreSnapshot } from '../segmentStore'
import { isQuotaExceededError } from './quota'

/** A store whose content (current and per snapshot) can be copied out, e.g. `OpfsSegmentStore`. */
export interface MigratableStore extends SegmentStore {
  files(): Iterable<[string, Uint8Array]>
  snapshotFiles(snapshot: StoreSnapshot): Iterable<[string, Uint8Array]>
  /** Gives up the store's resources; `flush` false because a full disk would refuse the writes. */
  close(flush?: boolean): Promise<void>
}

/**
 * Runs on a primary store (OPFS) and, the first time a call fails with `QuotaExceededError`,
 * moves everything into a fallback store (memory) and carries on there: every file's current
 * content and every live snapshot, so checkpoints still restore and nothing the engine wrote is
 * lost. The failed call is not repeated: the primary applies each change in memory before it
 * writes (see `OpfsSegmentStore`), so the copied content already includes it.
 *
 * `kind` flips from 'opfs' to the fallback's kind, so the UI can show the notice.
 */
export class FallbackSegmentStore implements SegmentStore {
  kind: 'memory' | 'opfs'
  private active: SegmentStore
  private primary: MigratableStore | null
  /** The wrapper's snapshot ids map to the active store's snapshots, in creation order. */
  private readonly snapshotsById = new Map<number, StoreSnapshot>()
  private snapshotIdNext = 1

  constructor(
    primary: MigratableStore,
    private readonly createFallback: () => SegmentStore,
    private readonly onFallback: (notice: 'quota-exceeded', error: unknown) => void,
  ) {
    this.primary = primary
    this.active = primary
    this.kind = primary.kind
  }

  list(dir: string): string[] {
    return this.active.list(dir)
  }

  exists(path: string): boolean {
    return this.active.exists(path)
  }

  size(path: string): number {
    return this.active.size(path)
  }

  read(path: string, position: number, length: number): Uint8Array {
    return this.active.read(path, position, length)
  }

  append(path: string, bytes: Uint8Array): number {
    const position = this.active.size(path)
    this.guard(() => this.active.append(path, bytes))
    return position
  }

  truncate(path: string, size: number): void {
    this.guard(() => this.active.truncate(path, size))
  }

  remove(path: string): void {
    this.guard(() => this.active.remove(path))
  }

  rename(from: string, to: string): void {
    this.guard(() => this.active.rename(from, to))
  }

  flush(): void {
    this.guard(() => this.active.flush())
  }

  snapshot(): StoreSnapshot {
    const inner = this.active.snapshot()
    const id = this.snapshotIdNext++
    this.snapshotsById.set(id, inner)
    return { storeKind: this.kind, id }
  }

  restore(snapshot: StoreSnapshot): void {
    const inner = this.inner(snapshot)
    this.guard(() => this.active.restore(inner))
  }

  release(snapshot: StoreSnapshot): void {
    const inner = this.inner(snapshot)
    // Forget it first, so a fallback during this call does not copy it.
    this.snapshotsById.delete(snapshot.id)
    this.guard(() => this.active.release(inner))
  }

  /** True once the store runs on the fallback. */
  hasFallenBack(): boolean {
    return this.primary === null
  }

  /** Closes the primary (flushing it) if still in use; the fallback needs no closing. */
  close(): Promise<void> {
    const primary = this.primary
    this.primary = null
    return primary === null ? Promise.resolve() : primary.close(true)
  }

  private inner(snapshot: StoreSnapshot): StoreSnapshot {
    const inner = this.snapshotsById.get(snapshot.id)
    assert(inner !== undefined, `snapshot ${snapshot.id} is unknown or was released`)
    return inner
  }

  /** Runs a mutating call on the active store; on the primary's first quota failure, falls back. */
  private guard(call: () => unknown): void {
    try {
      call()
    } catch (error) {
      if (this.primary === null || !isQuotaExceededError(error)) throw error
      this.fallBack(this.primary, error)
    }
  }

  private fallBack(primary: MigratableStore, error: unknown): void {
    const fallback = this.createFallback()
    const paths = new Set<string>()
    // Oldest snapshot first: each one's files are laid into the fallback, then snapshotted there.
    for (const [id, inner] of this.snapshotsById) {
      replaceFiles(fallback, paths, primary.snapshotFiles(inner))
      this.snapshotsById.set(id, fallback.snapshot())
    }
    replaceFiles(fallback, paths, primary.files())
    this.active = fallback
    this.primary = null
    this.kind = fallback.kind
    primary.close(false).catch(() => {
      // The data is safe in the fallback; a primary that cannot close is only a leaked handle.
    })
    this.onFallback('quota-exceeded', error)
  }
}

/**
 * Makes `store` hold exactly `files`, given that `paths` lists what it holds now (updated). Keeps
 * the common prefix of each file and appends the rest, so a store with cheap appends and costly
 * truncations (snapshot undo) copies little.
 */
function replaceFiles(
  store: SegmentStore,
  paths: Set<string>,
  files: Iterable<[string, Uint8Array]>,
): void {
  const wanted = new Map(files)
  for (const path of [...paths]) {
    if (wanted.has(path)) continue
    store.remove(path)
    paths.delete(path)
  }
  for (const [path, bytes] of wanted) {
    if (!paths.has(path)) {
      store.append(path, bytes)
      paths.add(path)
      continue
    }
    const current = store.read(path, 0, store.size(path))
    let common = 0
    const commonMax = Math.min(current.length, bytes.length)
    while (common < commonMax && current[common] === bytes[common]) common += 1
    store.truncate(path, common)
    if (common < bytes.length) store.append(path, bytes.subarray(common))
  }
}
