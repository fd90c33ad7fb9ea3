import { StoreLockedError } from './storeErrors'

/**
 * One Web Lock per simulation, held for the store's lifetime, so a second tab (or worker) never
 * writes into a directory another one is using. Web Locks are per origin and are freed by the
 * browser when the holder's worker or tab goes away, so a crashed tab never leaves a stale lock.
 */
export interface StoreLock {
  /** Lets the lock go; resolves once the browser has freed it, so others can take it at once. */
  release(): Promise<void>
}

export function storeLockName(simId: string): string {
  return `kafkascope-store-${simId}`
}

/**
 * Takes the simulation's lock. With `waitMs` = 0 it fails at once with `StoreLockedError` when
 * another holder has it; with `waitMs` > 0 it waits that long first (a reload can race the old
 * page's worker, which holds the lock until the browser tears it down).
 */
export function acquireStoreLock(simId: string, waitMs = 0): Promise<StoreLock> {
  return acquireNamedLock(storeLockName(simId), simId, waitMs)
}

/**
 * Takes the Web Lock `name` for simulation `simId` and holds it until `release()` (the store's
 * lock above, and the session lock of opfsSimulationDisk.ts). Failing to get it within `waitMs`
 * (at once when 0) rejects with `StoreLockedError`.
 */
export function acquireNamedLock(name: string, simId: string, waitMs: number): Promise<StoreLock> {
  return new Promise<StoreLock>((resolve, reject) => {
    const options: LockOptions =
      waitMs > 0 ? { signal: AbortSignal.timeout(waitMs) } : { ifAvailable: true }
    // `request` settles only after the lock is freed again, which is what `release()` waits for.
    const held: Promise<unknown> = navigator.locks.request(name, options, (lock) => {
      if (lock === null) {
        reject(new StoreLockedError(simId))
        return undefined
      }
      // The lock is held until this promise settles, i.e. until its holder calls release().
      return new Promise<void>((release) =>
        resolve({
          release: () => {
            release()
            return held.then(() => undefined)
          },
        }),
      )
    })
    held.catch((error: unknown) => {
      const errorName = (error as { name?: unknown }).name
      const timedOut = errorName === 'TimeoutError' || errorName === 'AbortError'
      reject(timedOut ? new StoreLockedError(simId) : error)
    })
  })
}
