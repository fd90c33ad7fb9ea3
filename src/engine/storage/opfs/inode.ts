import { assert } from '../../core/assert'
import type { PhysicalFile } from './fileIo'
import type { SnapshotView } from './snapshotView'

/**
 * One file's life, from creation to removal: its data file (once one is ready), the bytes not yet
 * written there, and what live snapshots need of it. A path names an inode; a rename moves the
 * name, and a removed inode lives on, unnamed, while a snapshot still needs it.
 *
 * Logical content = data file `[0, writtenBytes)` followed by `buffer[0, bufferedBytes)`.
 * Anything the data file holds past `writtenBytes` (the remains of a failed write) is ignored.
 */
export interface Inode {
  readonly id: number
  /** Null while no empty data file was ready when the file was created; the buffer holds it all. */
  phys: PhysicalFile | null
  writtenBytes: number
  buffer: Uint8Array
  bufferedBytes: number
  /** Written or truncated since the last flush, so `flush()` fsyncs only the files that changed. */
  needsSync: boolean
  /** The path naming it, or null once removed (kept only for snapshots). */
  path: string | null
  views: SnapshotView[]
}

const BUFFER_BYTES_MIN = 4096
/**
 * A write buffer grown past this (by a restore or a file waiting for its data file) is freed once
 * empty. It holds a full write batch (`WRITE_BATCH_BYTES_DEFAULT`, 1 MiB) plus the append that
 * fills it, so a busy file keeps its buffer instead of growing a new one for every write.
 */
const BUFFER_BYTES_KEEP_MAX = 2 * 1024 * 1024
/** Past half the keep limit a buffer grows by what it needs, rounded up to this, not by doubling. */
const BUFFER_GROWTH_STEP = 64 * 1024

export function createInode(id: number, path: string, phys: PhysicalFile | null): Inode {
  return {
    id,
    phys,
    writtenBytes: phys === null ? 0 : phys.io.getSize(),
    buffer: new Uint8Array(0),
    bufferedBytes: 0,
    needsSync: false,
    path,
    views: [],
  }
}

export function inodeSize(inode: Inode): number {
  return inode.writtenBytes + inode.bufferedBytes
}

/** Copies `[position, position + length)` of the logical content; shorter at end of file. */
export function readInode(inode: Inode, position: number, length: number): Uint8Array {
  assert(Number.isInteger(position) && position >= 0, `bad read position ${position}`)
  assert(Number.isInteger(length) && length >= 0, `bad read length ${length}`)
  const end = Math.min(position + length, inodeSize(inode))
  if (end <= position) return new Uint8Array(0)
  const out = new Uint8Array(end - position)
  const fromFileEnd = Math.min(end, inode.writtenBytes)
  if (position < fromFileEnd) {
    assert(inode.phys !== null, 'written bytes imply a data file')
    const want = fromFileEnd - position
    const got = inode.phys.io.read(out.subarray(0, want), { at: position })
    assert(got === want, `short read of ${inode.phys.name}: ${got} of ${want} bytes`)
  }
  const bufferStart = Math.max(position, inode.writtenBytes)
  if (bufferStart < end) {
    out.set(
      inode.buffer.subarray(bufferStart - inode.writtenBytes, end - inode.writtenBytes),
      bufferStart - position,
    )
  }
  return out
}

/** Adds bytes to the write buffer only; never touches the data file, so it cannot fail on quota. */
export function bufferBytes(inode: Inode, bytes: Uint8Array): void {
  const needed = inode.bufferedBytes + bytes.length
  if (needed > inode.buffer.length) {
    const doubled = Math.max(inode.buffer.length * 2, BUFFER_BYTES_MIN)
    const capacity =
      doubled <= BUFFER_BYTES_KEEP_MAX / 2
        ? Math.max(needed, doubled)
        : Math.ceil(needed / BUFFER_GROWTH_STEP) * BUFFER_GROWTH_STEP
    const grown = new Uint8Array(capacity)
    grown.set(inode.buffer.subarray(0, inode.bufferedBytes))
    inode.buffer = grown
  }
  inode.buffer.set(bytes, inode.bufferedBytes)
  inode.bufferedBytes = needed
}

/**
 * Writes the buffer to the data file in one call. On failure (quota) the bytes stay buffered,
 * so the logical content is unchanged and a later write-out or a copy to memory still has them.
 */
export function writeOut(inode: Inode): void {
  if (inode.phys === null || inode.bufferedBytes === 0) return
  writeAt(inode.phys, inode.buffer.subarray(0, inode.bufferedBytes), inode.writtenBytes)
  inode.writtenBytes += inode.bufferedBytes
  inode.bufferedBytes = 0
  inode.needsSync = true
  // Keep a large buffer only while it is in use: an idle file should not pin megabytes.
  if (inode.buffer.length > BUFFER_BYTES_KEEP_MAX) inode.buffer = new Uint8Array(0)
}

/**
 * Appends through the write buffer; the data file sees one write per `writeBatchBytes`.
 * A chunk at least that large goes straight to the file when nothing is buffered (no copy).
 * The append is part of the logical content before any write is tried, so a failed write leaves
 * the file as if the append succeeded and only the write-out is pending.
 */
export function appendInode(inode: Inode, bytes: Uint8Array, writeBatchBytes: number): void {
  if (inode.phys !== null && inode.bufferedBytes === 0 && bytes.length >= writeBatchBytes) {
    try {
      writeAt(inode.phys, bytes, inode.writtenBytes)
    } catch (error) {
      bufferBytes(inode, bytes)
      throw error
    }
    inode.writtenBytes += bytes.length
    inode.needsSync = true
    return
  }
  bufferBytes(inode, bytes)
  if (inode.bufferedBytes >= writeBatchBytes) writeOut(inode)
}

/** Cuts the logical content to `sizeBytes` (no-op when already that short). Shrinking never fails on quota. */
export function truncateInode(inode: Inode, sizeBytes: number): void {
  if (sizeBytes >= inodeSize(inode)) return
  if (sizeBytes >= inode.writtenBytes) {
    inode.bufferedBytes = sizeBytes - inode.writtenBytes
    return
  }
  assert(inode.phys !== null, 'written bytes imply a data file')
  inode.phys.io.truncate(sizeBytes)
  inode.writtenBytes = sizeBytes
  inode.bufferedBytes = 0
  inode.needsSync = true
}

function writeAt(phys: PhysicalFile, bytes: Uint8Array, at: number): void {
  try {
    const written = phys.io.write(bytes, { at })
    assert(written === bytes.length, `short write to ${phys.name}: ${written} of ${bytes.length}`)
  } catch (error) {
    // A failed write may leave part of its bytes behind; cut them so a reload does not read them
    // as data. Best effort: the logical size (`writtenBytes`) is what the store trusts.
    try {
      phys.io.truncate(at)
    } catch {
      // The original error is the one worth reporting.
    }
    throw error
  }
}
