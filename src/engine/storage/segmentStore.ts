/**
 * SegmentStore: where partition logs keep their files (`.log`, `.index`, `.timeindex`, ...).
 *
 * The engine core is synchronous and deterministic, and OPFS sync access handles are synchronous,
 * so this interface is synchronous too. Paths are '/'-separated and relative to the simulation's
 * root, e.g. `broker-1/orders-0/00000000000000000000.log`.
 *
 * Time travel: `snapshot()` captures the content of every file cheaply and `restore()` puts every
 * file back exactly as it was, including after truncations in the middle of a file (crash recovery,
 * divergence truncation) followed by new appends. Checkpoints hold snapshots; releasing a
 * checkpoint calls `release()` so a store can free what only that snapshot kept alive.
 */
export interface SegmentStore {
  /** Which implementation this is; the UI shows a notice when OPFS fell back to memory. */
  readonly kind: 'memory' | 'opfs'
  /** File names (not paths) directly inside `dir`, sorted. A missing directory lists as empty. */
  list(dir: string): string[]
  /** True when the file exists. */
  exists(path: string): boolean
  /** Size in bytes; 0 for a missing file. */
  size(path: string): number
  /** Copies `length` bytes from `position` (fewer at end of file). */
  read(path: string, position: number, length: number): Uint8Array
  /**
   * Like `read`, but may return the store's own bytes instead of a copy (zero-copy, as `sendfile`
   * hands the page cache to the socket). The caller must never modify them. A store offers it
   * only when bytes below a file's size never change in place: a truncation followed by appends
   * writes new memory, so what was returned stays as it was read.
   */
  readView?(path: string, position: number, length: number): Uint8Array
  /**
   * Appends `bytes` at the end of the file (created if missing); returns the position written at.
   * The store copies or writes `bytes` before returning and keeps no reference to them: the
   * caller may reuse the array (the leader's append does).
   */
  append(path: string, bytes: Uint8Array): number
  /** Shortens the file to `size` bytes; no-op when already that short. */
  truncate(path: string, size: number): void
  /** Removes the file; no-op when missing. */
  remove(path: string): void
  /** Renames a file (Kafka renames segments to `.deleted` before removing them). */
  rename(from: string, to: string): void
  /** Makes buffered writes durable (fsync). Memory stores treat it as a no-op. */
  flush(): void
  /** Captures every file's content for a checkpoint. */
  snapshot(): StoreSnapshot
  /** Puts every file back exactly as it was at `snapshot` (files created later are removed). */
  restore(snapshot: StoreSnapshot): void
  /** The snapshot will not be restored again; free what only it kept alive. */
  release(snapshot: StoreSnapshot): void
}

/** Opaque to callers; each store decides what it holds. */
export interface StoreSnapshot {
  readonly storeKind: 'memory' | 'opfs'
  readonly id: number
}
