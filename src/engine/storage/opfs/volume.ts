import type { FileIo, PhysicalFile } from './fileIo'

/**
 * The simulation's directory as the store sees it: a flat set of numbered data files plus two
 * manifest slots. The store never names files after segment paths; the manifest maps paths to
 * data files (see opfsSegmentStore.ts for why). `OpfsVolume` backs it with OPFS, `memoryVolume`
 * with a `MemoryDisk` for tests.
 */
export interface Volume {
  /** Data files present when the volume was opened, each with an open handle. */
  readonly existingFiles: readonly PhysicalFile[]
  /** The two manifest slots, written alternately so a torn write never loses both. */
  readonly manifestSlots: readonly [FileIo, FileIo]
  /** Creates an empty data file and opens it. Asynchronous because OPFS opens handles so. */
  createFile(): Promise<PhysicalFile>
  /** Closes the file's handle and deletes it. */
  deleteFile(file: PhysicalFile): Promise<void>
  /**
   * Closes the manifest slots and gives up the simulation's lock (data handles belong to the
   * store). Resolves once the lock is free for another tab or store.
   */
  close(): Promise<void>
}

export const DATA_FILE_PREFIX = 'data-'
export const DATA_FILE_SUFFIX = '.bin'
export const MANIFEST_SLOT_NAMES = ['manifest-a.json', 'manifest-b.json'] as const

/** `data-000017.bin` for 17. Zero-padded so a directory listing sorts in creation order. */
export function dataFileName(sequence: number): string {
  return `${DATA_FILE_PREFIX}${String(sequence).padStart(6, '0')}${DATA_FILE_SUFFIX}`
}

/** The sequence number of a data file name, or null for any other name. */
export function parseDataFileName(name: string): number | null {
  const match = /^data-(\d{6,})\.bin$/.exec(name)
  return match?.[1] === undefined ? null : Number(match[1])
}
