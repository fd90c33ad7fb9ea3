import { assert } from '../../core/assert'
import { childDirectory, opfsRoot, type OpfsDirectoryHandle } from './opfsTypes'
import { acquireStoreLock } from './storeLock'

/**
 * Where simulations live in OPFS: `/kafkascope-sims/<simId>/`, one directory each, so listing
 * and deleting a simulation are directory operations and nothing else in the origin is touched.
 */
export const SIMULATIONS_DIR = 'kafkascope-sims'

/** Simulation ids become directory names: keep them short and portable. */
export function assertSimId(simId: string): void {
  assert(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(simId),
    `bad simulation id "${simId}": use 1-64 letters, digits, '.', '_' or '-'`,
  )
}

/** The directory of one simulation; null when missing and not `create`. */
export async function simulationDirectory(
  simId: string,
  create: boolean,
): Promise<OpfsDirectoryHandle | null> {
  assertSimId(simId)
  const sims = await childDirectory(await opfsRoot(), SIMULATIONS_DIR, create)
  return sims === null ? null : childDirectory(sims, simId, create)
}

/** Ids of the simulations stored in this origin, sorted. Works while they are open elsewhere. */
export async function listSimulations(): Promise<string[]> {
  const sims = await childDirectory(await opfsRoot(), SIMULATIONS_DIR, false)
  if (sims === null) return []
  const ids: string[] = []
  for await (const entry of sims.values()) if (entry.kind === 'directory') ids.push(entry.name)
  return ids.sort()
}

/**
 * Deletes a simulation's directory. Takes its lock first, so it fails with `StoreLockedError`
 * while any tab (this one included) has the simulation open. No-op when it does not exist.
 */
export async function deleteSimulation(simId: string, waitForLockMs = 0): Promise<void> {
  assertSimId(simId)
  const lock = await acquireStoreLock(simId, waitForLockMs)
  try {
    const sims = await childDirectory(await opfsRoot(), SIMULATIONS_DIR, false)
    if (sims === null || (await childDirectory(sims, simId, false)) === null) return
    await sims.removeEntry(simId, { recursive: true })
  } finally {
    lock.release()
  }
}
