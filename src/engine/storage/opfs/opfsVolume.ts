import type { FileIo, PhysicalFile } from './fileIo'
import { isOpfsSyncAvailable, type OpfsDirectoryHandle } from './opfsTypes'
import { simulationDirectory } from './simulations'
import { OpfsUnavailableError } from './storeErrors'
import { acquireStoreLock } from './storeLock'
import { MANIFEST_SLOT_NAMES, dataFileName, parseDataFileName, type Volume } from './volume'

/**
 * Opens a simulation's OPFS directory as a `Volume`: takes the simulation's Web Lock first (so
 * nothing is created or written when another tab has it), then opens a sync access handle on
 * every data file and on both manifest slots.
 */
export async function openOpfsVolume(simId: string, waitForLockMs = 0): Promise<Volume> {
  if (!isOpfsSyncAvailable()) {
    throw new OpfsUnavailableError('OPFS sync access handles are only available in a worker')
  }
  const lock = await acquireStoreLock(simId, waitForLockMs)
  const opened: FileIo[] = []
  try {
    const dir = await simulationDirectory(simId, true)
    if (dir === null) throw new OpfsUnavailableError('the simulation directory vanished')
    const names: string[] = []
    let sequenceMax = 0
    for await (const entry of dir.values()) {
      const sequence = entry.kind === 'file' ? parseDataFileName(entry.name) : null
      if (sequence === null) continue
      names.push(entry.name)
      sequenceMax = Math.max(sequenceMax, sequence)
    }
    names.sort()
    const existingFiles = await Promise.all(
      names.map(async (name): Promise<PhysicalFile> => {
        const io = await openFile(dir, name)
        opened.push(io)
        return { name, io }
      }),
    )
    const slotA = await openFile(dir, MANIFEST_SLOT_NAMES[0])
    opened.push(slotA)
    const slotB = await openFile(dir, MANIFEST_SLOT_NAMES[1])
    opened.push(slotB)
    return {
      existingFiles,
      manifestSlots: [slotA, slotB],
      createFile: async () => {
        sequenceMax += 1
        const name = dataFileName(sequenceMax)
        return { name, io: await openFile(dir, name) }
      },
      deleteFile: async (file) => {
        file.io.close()
        await dir.removeEntry(file.name)
      },
      close: () => {
        slotA.close()
        slotB.close()
        return lock.release()
      },
    }
  } catch (error) {
    for (const io of opened) io.close()
    await lock.release()
    throw error
  }
}

async function openFile(dir: OpfsDirectoryHandle, name: string): Promise<FileIo> {
  const handle = await dir.getFileHandle(name, { create: true })
  return handle.createSyncAccessHandle()
}
