/**
 * The slice of `FileSystemSyncAccessHandle` the OPFS store uses. Real handles satisfy it
 * structurally; `MemoryFileIo` implements it in memory so the store's logic (write buffers,
 * snapshots, undo, manifest) runs and is tested in Node.
 *
 * Declared here rather than taken from lib.webworker.d.ts because the DOM lib lacks it, and the
 * store must type-check under both libs (the host that imports it may be compiled with the DOM lib).
 */
export interface FileIo {
  /** Reads into `buffer` from byte `at`; returns how many bytes were read (fewer only at EOF). */
  read(buffer: Uint8Array, options: { at: number }): number
  /** Writes `buffer` at byte `at`, growing the file as needed; returns the bytes written. */
  write(buffer: Uint8Array, options: { at: number }): number
  /** Sets the file size; growing fills with zeros. */
  truncate(newSize: number): void
  getSize(): number
  /** Persists written bytes (fsync). */
  flush(): void
  close(): void
}

/** One file of the simulation's OPFS directory, with its open handle. */
export interface PhysicalFile {
  /** The name inside the simulation directory, e.g. `data-000017.bin`. */
  readonly name: string
  readonly io: FileIo
}
