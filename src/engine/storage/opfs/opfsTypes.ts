import type { FileIo } from './fileIo'

/**
 * The OPFS directory API as this module uses it. Declared here because the TypeScript libs split
 * it: `createSyncAccessHandle` is only in lib.webworker, and directory iteration only in the
 * `*.asynciterable` libs, which neither of our tsconfigs loads. Real handles match structurally.
 */
export interface OpfsFileHandle {
  readonly kind: 'file'
  readonly name: string
  createSyncAccessHandle(): Promise<FileIo>
}

export interface OpfsDirectoryHandle {
  readonly kind: 'directory'
  readonly name: string
  getDirectoryHandle(name: string, options?: { create?: boolean }): Promise<OpfsDirectoryHandle>
  getFileHandle(name: string, options?: { create?: boolean }): Promise<OpfsFileHandle>
  removeEntry(name: string, options?: { recursive?: boolean }): Promise<void>
  values(): AsyncIterable<OpfsFileHandle | OpfsDirectoryHandle>
}

/** True where sync access handles exist: a dedicated worker in a browser with OPFS and Web Locks. */
export function isOpfsSyncAvailable(): boolean {
  const global = globalThis as {
    navigator?: { storage?: { getDirectory?: unknown }; locks?: unknown }
    FileSystemSyncAccessHandle?: unknown
  }
  return (
    typeof global.navigator?.storage?.getDirectory === 'function' &&
    global.navigator.locks !== undefined &&
    typeof global.FileSystemSyncAccessHandle === 'function'
  )
}

/** The origin's OPFS root. */
export async function opfsRoot(): Promise<OpfsDirectoryHandle> {
  return (await navigator.storage.getDirectory()) as unknown as OpfsDirectoryHandle
}

/** The entry named `name` in `dir`, or null when missing. */
export async function childDirectory(
  dir: OpfsDirectoryHandle,
  name: string,
  create: boolean,
): Promise<OpfsDirectoryHandle | null> {
  try {
    return await dir.getDirectoryHandle(name, { create })
  } catch (error) {
    if ((error as { name?: unknown }).name === 'NotFoundError') return null
    throw error
  }
}
