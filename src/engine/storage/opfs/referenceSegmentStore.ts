import { assert } from '../../core/assert'
import type { SegmentStore, StoreSnapshot } from '../segmentStore'
import { listChildren } from './storePaths'

/**
 * The simplest correct SegmentStore: whole files as byte arrays, snapshots as full copies.
 * It is the oracle the OPFS store is checked against in property tests, and a stand-in for the
 * memory store (written elsewhere) as the fallback in tests. Not for production: every snapshot
 * copies every file.
 */
export class ReferenceSegmentStore implements SegmentStore {
  readonly kind = 'memory' as const
  private files = new Map<string, Uint8Array>()
  private readonly snapshots = new Map<number, Map<string, Uint8Array>>()
  private snapshotIdNext = 1

  list(dir: string): string[] {
    return listChildren(this.files.keys(), dir)
  }

  exists(path: string): boolean {
    return this.files.has(path)
  }

  size(path: string): number {
    return this.files.get(path)?.length ?? 0
  }

  read(path: string, position: number, length: number): Uint8Array {
    const file = this.files.get(path) ?? new Uint8Array(0)
    return file.slice(position, Math.min(file.length, position + length))
  }

  append(path: string, bytes: Uint8Array): number {
    const file = this.files.get(path) ?? new Uint8Array(0)
    const grown = new Uint8Array(file.length + bytes.length)
    grown.set(file)
    grown.set(bytes, file.length)
    this.files.set(path, grown)
    return file.length
  }

  truncate(path: string, size: number): void {
    const file = this.files.get(path)
    if (file !== undefined && size < file.length) this.files.set(path, file.slice(0, size))
  }

  remove(path: string): void {
    this.files.delete(path)
  }

  rename(from: string, to: string): void {
    const file = this.files.get(from)
    assert(file !== undefined, `rename of missing file ${from}`)
    this.files.delete(from)
    this.files.set(to, file)
  }

  flush(): void {}

  snapshot(): StoreSnapshot {
    const id = this.snapshotIdNext++
    this.snapshots.set(id, new Map(this.files))
    return { storeKind: 'memory', id }
  }

  restore(snapshot: StoreSnapshot): void {
    const files = this.snapshots.get(snapshot.id)
    assert(files !== undefined, `snapshot ${snapshot.id} is unknown or was released`)
    this.files = new Map(files)
  }

  release(snapshot: StoreSnapshot): void {
    this.snapshots.delete(snapshot.id)
  }
}
