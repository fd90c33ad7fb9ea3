import { assert } from '../../core/assert'
import type { FileIo } from './fileIo'
import { quotaExceededError } from './quota'

/**
 * Shared bytes behind `MemoryFileIo` handles: a fake OPFS directory. Files outlive their handles,
 * so a test can "reload" (open a new store on the same disk) and see what was written. A quota
 * makes writes throw `QuotaExceededError`, as a full browser profile does.
 */
export interface MemoryDisk {
  readonly files: Map<string, { bytes: Uint8Array; size: number }>
  /** Total bytes the disk may hold, or null for no limit. */
  quotaBytes: number | null
  /** Write calls per file name, to check that small appends are coalesced into few large writes. */
  readonly writeCallsByName: Map<string, number>
  flushCalls: number
}

export function createMemoryDisk(quotaBytes: number | null = null): MemoryDisk {
  return { files: new Map(), quotaBytes, writeCallsByName: new Map(), flushCalls: 0 }
}

function usedBytes(disk: MemoryDisk): number {
  let used = 0
  for (const file of disk.files.values()) used += file.size
  return used
}

/** An in-memory stand-in for `FileSystemSyncAccessHandle`. */
export class MemoryFileIo implements FileIo {
  private closed = false

  constructor(
    private readonly disk: MemoryDisk,
    private readonly name: string,
  ) {
    if (!disk.files.has(name)) disk.files.set(name, { bytes: new Uint8Array(0), size: 0 })
  }

  private file(): { bytes: Uint8Array; size: number } {
    assert(!this.closed, `handle of ${this.name} is closed`)
    const file = this.disk.files.get(this.name)
    assert(file !== undefined, `file ${this.name} was deleted while open`)
    return file
  }

  read(buffer: Uint8Array, options: { at: number }): number {
    const file = this.file()
    const count = Math.max(0, Math.min(buffer.length, file.size - options.at))
    buffer.set(file.bytes.subarray(options.at, options.at + count))
    return count
  }

  write(buffer: Uint8Array, options: { at: number }): number {
    const file = this.file()
    this.disk.writeCallsByName.set(this.name, (this.disk.writeCallsByName.get(this.name) ?? 0) + 1)
    const end = options.at + buffer.length
    const growthBytes = Math.max(0, end - file.size)
    const quota = this.disk.quotaBytes
    if (quota !== null && usedBytes(this.disk) + growthBytes > quota) throw quotaExceededError()
    this.ensureCapacity(file, end)
    if (options.at > file.size) file.bytes.fill(0, file.size, options.at)
    file.bytes.set(buffer, options.at)
    file.size = Math.max(file.size, end)
    return buffer.length
  }

  truncate(newSize: number): void {
    const file = this.file()
    if (newSize > file.size) {
      this.ensureCapacity(file, newSize)
      file.bytes.fill(0, file.size, newSize)
    }
    file.size = newSize
  }

  getSize(): number {
    return this.file().size
  }

  flush(): void {
    this.file()
    this.disk.flushCalls += 1
  }

  close(): void {
    this.closed = true
  }

  private ensureCapacity(file: { bytes: Uint8Array; size: number }, capacity: number): void {
    if (file.bytes.length >= capacity) return
    const grown = new Uint8Array(Math.max(capacity, file.bytes.length * 2, 1024))
    grown.set(file.bytes.subarray(0, file.size))
    file.bytes = grown
  }
}
