/**
 * An in-memory SegmentStore with cheap snapshots, for tests, Node benchmarks and browsers without
 * OPFS.
 *
 * A file is a list of fixed-size pages. A snapshot copies only the page lists (pointers) and the
 * sizes, never bytes: it reads a shared page only below its own size, and an append only writes
 * at or above the file's current size, which is at least the size of every snapshot taken since
 * that page became the file's. So appends may keep filling a partial last page a snapshot shares.
 * Only a truncation or a restore can make the live file's size drop below a snapshot's view of
 * the same page; after either, the last page is treated as shared and the next append copies it
 * first (copy-on-write). Restoring a snapshot copies its page lists back.
 */
import { assert } from '../core/assert'
import type { SegmentStore, StoreSnapshot } from './segmentStore'

/** Default page size: 64 KiB keeps a 1 GiB segment at 16 Ki page pointers per snapshot. */
export const MEMORY_PAGE_BYTES_DEFAULT = 64 * 1024
/** First capacity of a fresh last page; it doubles up to the page size as the file grows. */
const PARTIAL_PAGE_BYTES_MIN = 256

interface MemoryFile {
  /** ceil(size / pageBytes) pages; every page but the last is full. */
  pages: Uint8Array[]
  size: number
  /**
   * After a truncation or a restore the last page may hold bytes a snapshot sees above the live
   * size: copy it before writing into it.
   */
  lastPageShared: boolean
}

interface SnapshotFile {
  pages: readonly Uint8Array[]
  size: number
}

export interface MemorySegmentStoreOptions {
  /** Page size in bytes (tests use small pages to cross page boundaries often). */
  pageBytes?: number
}

export class MemorySegmentStore implements SegmentStore {
  readonly kind = 'memory' as const
  private readonly pageBytes: number
  private files = new Map<string, MemoryFile>()
  private readonly snapshots = new Map<number, Map<string, SnapshotFile>>()
  private nextSnapshotId = 1
  /** How many times `flush` was called (a memory store has nothing to make durable). */
  flushCount = 0

  constructor(options: MemorySegmentStoreOptions = {}) {
    this.pageBytes = options.pageBytes ?? MEMORY_PAGE_BYTES_DEFAULT
    assert(Number.isInteger(this.pageBytes) && this.pageBytes >= 16, 'pageBytes is an integer ≥ 16')
  }

  list(dir: string): string[] {
    const prefix = dir === '' || dir.endsWith('/') ? dir : `${dir}/`
    const names: string[] = []
    for (const path of this.files.keys()) {
      if (!path.startsWith(prefix)) continue
      const name = path.slice(prefix.length)
      if (name.length > 0 && !name.includes('/')) names.push(name)
    }
    return names.sort()
  }

  exists(path: string): boolean {
    return this.files.has(path)
  }

  size(path: string): number {
    return this.files.get(path)?.size ?? 0
  }

  read(path: string, position: number, length: number): Uint8Array {
    assert(position >= 0 && length >= 0, 'read position and length are never negative')
    const file = this.files.get(path)
    if (file === undefined) return new Uint8Array(0)
    const end = Math.min(file.size, position + length)
    if (end <= position) return new Uint8Array(0)
    const out = new Uint8Array(end - position)
    let at = position
    while (at < end) {
      const pageIndex = Math.floor(at / this.pageBytes)
      const inPage = at - pageIndex * this.pageBytes
      const chunk = Math.min(this.pageBytes - inPage, end - at)
      out.set(file.pages[pageIndex]!.subarray(inPage, inPage + chunk), at - position)
      at += chunk
    }
    return out
  }

  /**
   * A range inside one page is returned as a view of that page; one across pages is copied. Pages
   * are never written below the file's size: appends go above it, and after a truncation or a
   * restore the next append copies the last page first (`lastPageShared`).
   */
  readView(path: string, position: number, length: number): Uint8Array {
    const file = this.files.get(path)
    if (file !== undefined && length > 0 && position >= 0) {
      const end = Math.min(file.size, position + length)
      const pageIndex = Math.floor(position / this.pageBytes)
      const inPage = position - pageIndex * this.pageBytes
      if (end > position && inPage + (end - position) <= this.pageBytes) {
        return file.pages[pageIndex]!.subarray(inPage, inPage + (end - position))
      }
    }
    return this.read(path, position, length)
  }

  append(path: string, bytes: Uint8Array): number {
    let file = this.files.get(path)
    if (file === undefined) {
      file = { pages: [], size: 0, lastPageShared: false }
      this.files.set(path, file)
    }
    const position = file.size
    let from = 0
    while (from < bytes.length) {
      const inPage = file.size % this.pageBytes
      const chunk = Math.min(this.pageBytes - inPage, bytes.length - from)
      let page: Uint8Array
      if (inPage === 0) {
        // The previous last page (if any) is full now and immutable from here on. A file that
        // already filled a page gets whole pages at once rather than growing one by copies.
        page = new Uint8Array(file.pages.length > 0 ? this.pageBytes : this.capacityFor(chunk, 0))
        file.pages.push(page)
      } else {
        page = file.pages[file.pages.length - 1]!
        const needed = inPage + chunk
        if (file.lastPageShared || page.length < needed) {
          const copy = new Uint8Array(this.capacityFor(needed, page.length))
          copy.set(page.subarray(0, inPage))
          page = copy
          file.pages[file.pages.length - 1] = page
        }
      }
      file.lastPageShared = false
      page.set(bytes.subarray(from, from + chunk), inPage)
      file.size += chunk
      from += chunk
    }
    return position
  }

  /** Capacity for a last page holding `needed` bytes: doubling, capped at the page size. */
  private capacityFor(needed: number, current: number): number {
    if (needed >= this.pageBytes) return this.pageBytes
    let capacity = Math.max(PARTIAL_PAGE_BYTES_MIN, current)
    while (capacity < needed) capacity *= 2
    return Math.min(capacity, this.pageBytes)
  }

  truncate(path: string, size: number): void {
    assert(size >= 0, 'a file size is never negative')
    const file = this.files.get(path)
    if (file === undefined || size >= file.size) return
    file.pages.length = Math.ceil(size / this.pageBytes)
    file.size = size
    // The new last page may be a formerly full page that a snapshot holds.
    file.lastPageShared = true
  }

  remove(path: string): void {
    this.files.delete(path)
  }

  rename(from: string, to: string): void {
    const file = this.files.get(from)
    assert(file !== undefined, `rename of a missing file: ${from}`)
    this.files.delete(from)
    this.files.set(to, file)
  }

  flush(): void {
    this.flushCount++
  }

  snapshot(): StoreSnapshot {
    const files = new Map<string, SnapshotFile>()
    for (const [path, file] of this.files) {
      files.set(path, { pages: file.pages.slice(), size: file.size })
    }
    const id = this.nextSnapshotId++
    this.snapshots.set(id, files)
    return { storeKind: 'memory', id }
  }

  restore(snapshot: StoreSnapshot): void {
    const files = this.snapshotFiles(snapshot)
    this.files = new Map()
    for (const [path, file] of files) {
      this.files.set(path, { pages: file.pages.slice(), size: file.size, lastPageShared: true })
    }
  }

  release(snapshot: StoreSnapshot): void {
    this.snapshotFiles(snapshot)
    this.snapshots.delete(snapshot.id)
  }

  /** Snapshots still held (not released); lets tests check that checkpoints free their pages. */
  liveSnapshotCount(): number {
    return this.snapshots.size
  }

  private snapshotFiles(snapshot: StoreSnapshot): Map<string, SnapshotFile> {
    assert(snapshot.storeKind === 'memory', 'a memory store only restores its own snapshots')
    const files = this.snapshots.get(snapshot.id)
    assert(files !== undefined, `unknown or released snapshot ${snapshot.id}`)
    return files
  }
}
