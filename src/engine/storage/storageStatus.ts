/**
 * What the UI is told about where a run's bytes live. Plain data: it travels on every frame
 * (`Frame.storage`) so a notice that appears mid-run (a full disk) reaches the page at once.
 */
import type { StoreNotice } from './opfs/openSegmentStore'

export type { StoreNotice }

/** The simulation the app's live cluster uses when the init request names none. */
export const DEFAULT_SIMULATION_ID = 'sandbox'

/** Simulation ids become OPFS directory names (see opfs/simulations.ts `assertSimId`). */
export function isSimulationId(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(value)
}

export interface StorageStatus {
  readonly simulationId: string
  /** Where the partition bytes of the run live now. */
  readonly kind: 'opfs' | 'memory'
  /**
   * Why the run is in memory although OPFS was wanted; null on OPFS. 'opfs-locked': another tab
   * has this simulation and nothing was written to it here.
   */
  readonly notice: StoreNotice | null
  /** What went wrong, in English, for logs and bug reports (the UI translates `notice`). */
  readonly detail: string | null
  /** Set when this run was restored after a reload, until the next run starts. */
  readonly restored: RestoreReport | null
}

/**
 * How a saved run came back. The run is rebuilt by re-running its saved log (seed, scenario,
 * commands) into emptied OPFS files; the bytes that were on disk before are compared with the
 * rebuilt ones wherever both exist.
 */
export interface RestoreReport {
  readonly nowMs: number
  readonly maxMs: number
  readonly commands: number
  /** Segment files found on disk and compared with the rebuilt ones. */
  readonly filesCompared: number
  /** Bytes that were on disk and are identical in the rebuilt files. */
  readonly bytesVerified: number
  /** Files whose disk bytes differ from the rebuilt ones (or that the rebuild does not have). */
  readonly filesDiffering: number
  /** Bytes the rebuild wrote that had not reached the disk before the reload (write buffers). */
  readonly bytesRewritten: number
}
