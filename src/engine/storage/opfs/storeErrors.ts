/**
 * Why the OPFS store could not open. Typed so the host can tell the user what happened and fall
 * back to memory; `name` survives postMessage (the class does not), so compare names across it.
 */
export class StoreLockedError extends Error {
  override name = 'StoreLockedError' as const
  constructor(readonly simId: string) {
    super(
      `This simulation is open in another tab. Close it there to open it here, or start a new ` +
        `simulation. (simulation "${simId}")`,
    )
  }
}

export class OpfsUnavailableError extends Error {
  override name = 'OpfsUnavailableError' as const
  constructor(reason: string) {
    super(`This browser cannot store simulations on disk (OPFS): ${reason}`)
  }
}
