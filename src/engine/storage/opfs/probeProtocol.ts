/**
 * The OPFS probe's message protocol: the bare page `app/probes/opfs.html` forwards commands to
 * `opfsProbeWorker.ts`, which drives `OpfsSegmentStore` and the IO measurements. Tests and
 * benchmarks call `window.__opfsProbe.run(command)` through Playwright; the IO lab can reuse it.
 * Types only (plus plain data), so the page, the worker, e2e and bench code can all import it.
 */

/** Parameters of a measurement: plain values only, so they cross `page.evaluate` and postMessage. */
export type MeasureParams = Readonly<Record<string, number | string | boolean>>

export type ProbeCommand =
  | {
      type: 'open'
      simId: string
      /** Wait this long for another holder to release the lock (a reload races the old page). */
      waitForLockMs?: number
      writeBatchBytes?: number
    }
  | { type: 'close'; simId: string; flush?: boolean }
  | {
      type: 'append'
      simId: string
      path: string
      /** Bytes of `patternBytes(seed, <offset in this call>, …)`, appended in chunks of `chunkBytes`. */
      totalBytes: number
      chunkBytes: number
      seed: number
    }
  | { type: 'flush'; simId: string }
  | {
      type: 'read'
      simId: string
      path: string
      position?: number
      /** Default: to the end of the file. */
      length?: number
      /** Also return the bytes (keep it to small files). */
      includeBytes?: boolean
    }
  | { type: 'truncate'; simId: string; path: string; size: number }
  | { type: 'remove'; simId: string; path: string }
  | { type: 'list'; simId: string; dir: string }
  | { type: 'snapshot'; simId: string }
  | { type: 'restore'; simId: string; snapshotId: number }
  | { type: 'release'; simId: string; snapshotId: number }
  | { type: 'stats'; simId: string }
  | { type: 'listSimulations' }
  | { type: 'deleteSimulation'; simId: string; waitForLockMs?: number }
  | { type: 'measure'; name: string; params?: MeasureParams }
  | { type: 'listMeasurements' }

/** What each command answers. */
export interface ProbeResults {
  open: { files: number; sizeBytesTotal: number }
  close: null
  append: { firstPosition: number; sizeBytes: number; sha256: string }
  flush: null
  read: { sizeBytes: number; length: number; sha256: string; bytes: number[] | null }
  truncate: { sizeBytes: number }
  remove: null
  list: string[]
  snapshot: { snapshotId: number }
  restore: null
  release: null
  stats: {
    files: number
    unnamedFiles: number
    pendingFiles: number
    spareFiles: number
    snapshots: number
    bufferedBytes: number
    undoBytes: number
  }
  listSimulations: string[]
  deleteSimulation: null
  measure: Record<string, number>
  listMeasurements: string[]
}

export type ProbeResultOf<C extends ProbeCommand> = ProbeResults[C['type']]

/** Failures come back as values: `name` is the error class (`StoreLockedError`, ...). */
export type ProbeResponse<R> =
  { ok: true; result: R } | { ok: false; error: { name: string; message: string } }

export interface ProbeRequestMessage {
  readonly id: number
  readonly command: ProbeCommand
}

export interface ProbeReplyMessage {
  readonly id: number
  readonly response: ProbeResponse<unknown>
}

/** `window.__opfsProbe` on the probe page. */
export interface OpfsProbeApi {
  run<C extends ProbeCommand>(command: C): Promise<ProbeResponse<ProbeResultOf<C>>>
}
