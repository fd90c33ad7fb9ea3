import type { PhysicalFile } from './fileIo'
import { MemoryFileIo, type MemoryDisk } from './memoryFileIo'
import { MANIFEST_SLOT_NAMES, dataFileName, parseDataFileName, type Volume } from './volume'

/**
 * A `Volume` over a `MemoryDisk`: the same directory layout as OPFS, in memory. Used by the unit
 * tests so the store's logic runs in Node, including "reload" (a second volume on the same disk).
 */
export function openMemoryVolume(disk: MemoryDisk): Volume {
  const existingFiles: PhysicalFile[] = []
  let sequenceMax = 0
  for (const name of [...disk.files.keys()].sort()) {
    const sequence = parseDataFileName(name)
    if (sequence === null) continue
    sequenceMax = Math.max(sequenceMax, sequence)
    existingFiles.push({ name, io: new MemoryFileIo(disk, name) })
  }
  const slots = [
    new MemoryFileIo(disk, MANIFEST_SLOT_NAMES[0]),
    new MemoryFileIo(disk, MANIFEST_SLOT_NAMES[1]),
  ] as const
  return {
    existingFiles,
    manifestSlots: slots,
    createFile: () => {
      sequenceMax += 1
      const name = dataFileName(sequenceMax)
      // Resolve on a later microtask, as OPFS does, so tests see the same interleavings.
      return Promise.resolve().then(() => ({ name, io: new MemoryFileIo(disk, name) }))
    },
    deleteFile: (file) => {
      file.io.close()
      disk.files.delete(file.name)
      return Promise.resolve()
    },
    close: () => {
      slots[0].close()
      slots[1].close()
      return Promise.resolve()
    },
  }
}
