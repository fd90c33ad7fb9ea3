/**
 * The IO lab's real measurements, as data: what to measure at each size, the messages between
 * the page and the measurement worker, the results, and the figures derived from them. The
 * measuring itself happens in `storage/opfs/ioLabWorker.ts` (OPFS sync access handles and the real
 * codecs); everything here is pure so the page, the worker and the tests share one definition.
 */
import { assert } from '../assert'

export const MEASUREMENT_SIZES = ['small', 'medium', 'large'] as const
export type MeasurementSize = (typeof MEASUREMENT_SIZES)[number]

export const MEASURED_CODECS = ['gzip', 'snappy', 'lz4', 'zstd'] as const
export type MeasuredCodec = (typeof MEASURED_CODECS)[number]

const KiB = 1024
const MiB = 1024 * KiB

export interface MeasurementPlan {
  readonly size: MeasurementSize
  /** Seed of the JSON record generator. */
  readonly seed: number
  /** Same bytes, same write size: appended in order vs at random block positions of a file. */
  readonly sequentialVsRandom: { readonly totalBytes: number; readonly writeBytes: number }
  /** The same records written one call per record vs packed into batches. */
  readonly callCost: { readonly records: number; readonly batchBytes: number }
  /** Throughput for each write size, `totalBytes` each. */
  readonly batchSize: { readonly totalBytes: number; readonly writeBytes: readonly number[] }
  /** JSON records compressed per batch of each size with each codec. */
  readonly compression: {
    readonly totalBytes: number
    readonly batchBytes: readonly number[]
    readonly codecs: readonly MeasuredCodec[]
  }
  /** The same appends to one file vs round-robin over several (partitions on one disk). */
  readonly partitions: {
    readonly totalBytes: number
    readonly appendBytes: number
    readonly fileCounts: readonly number[]
  }
}

const BATCH_SIZES = [256, KiB, 4 * KiB, 16 * KiB, 64 * KiB, 256 * KiB, MiB] as const

/** The plan for a size: small runs in a second or two (CI), large takes a while and is steadier. */
export function measurementPlan(size: MeasurementSize, seed = 7): MeasurementPlan {
  const scale = { small: 1, medium: 8, large: 32 }[size]
  return {
    size,
    seed,
    sequentialVsRandom: { totalBytes: 2 * MiB * scale, writeBytes: 4 * KiB },
    callCost: { records: 2_000 * scale, batchBytes: 16 * KiB },
    batchSize: { totalBytes: 2 * MiB * scale, writeBytes: BATCH_SIZES },
    compression: {
      totalBytes: MiB * Math.min(scale, 16),
      // Kafka's default batch.size, and a large batch (linger lets batches grow up to batch.size).
      batchBytes: [16 * KiB, 256 * KiB],
      codecs: MEASURED_CODECS,
    },
    partitions: { totalBytes: 2 * MiB * scale, appendBytes: 16 * KiB, fileCounts: [1, 4, 16, 64] },
  }
}

/** One unit of work; progress is counted in tasks. */
export type MeasurementTask =
  | { readonly kind: 'sequential' }
  | { readonly kind: 'random' }
  | { readonly kind: 'unbatched' }
  | { readonly kind: 'batched' }
  | { readonly kind: 'batchSize'; readonly writeBytes: number }
  | { readonly kind: 'compression'; readonly codec: MeasuredCodec }
  | { readonly kind: 'partitions'; readonly files: number }

export function planTasks(plan: MeasurementPlan): MeasurementTask[] {
  return [
    { kind: 'sequential' },
    { kind: 'random' },
    { kind: 'unbatched' },
    { kind: 'batched' },
    ...plan.batchSize.writeBytes.map((writeBytes) => ({ kind: 'batchSize' as const, writeBytes })),
    ...plan.compression.codecs.map((codec) => ({ kind: 'compression' as const, codec })),
    ...plan.partitions.fileCounts.map((files) => ({ kind: 'partitions' as const, files })),
  ]
}

/** Timed writes: `calls` write calls carrying `bytes`, then one flush, in `ms`. */
export interface WriteTiming {
  readonly bytes: number
  readonly calls: number
  readonly ms: number
}

export interface CompressionTiming {
  readonly batchBytes: number
  readonly batches: number
  readonly inputBytes: number
  readonly outputBytes: number
  readonly compressMs: number
  readonly decompressMs: number
}

export type MeasurementResult =
  | { readonly kind: 'sequential'; readonly timing: WriteTiming }
  | { readonly kind: 'random'; readonly timing: WriteTiming }
  | { readonly kind: 'unbatched'; readonly records: number; readonly timing: WriteTiming }
  | { readonly kind: 'batched'; readonly records: number; readonly timing: WriteTiming }
  | { readonly kind: 'batchSize'; readonly writeBytes: number; readonly timing: WriteTiming }
  | {
      readonly kind: 'compression'
      readonly codec: MeasuredCodec
      readonly byBatchSize: readonly CompressionTiming[]
      /** Every batch decompressed back to exactly its input. */
      readonly roundTripOk: boolean
    }
  | { readonly kind: 'partitions'; readonly files: number; readonly timing: WriteTiming }

/** Page → worker. */
export type IoLabRequest =
  | { readonly type: 'run'; readonly runId: number; readonly plan: MeasurementPlan }
  | { readonly type: 'cancel'; readonly runId: number }

/** Worker → page. Every run ends with exactly one `finished`, `cancelled` or `failed`. */
export type IoLabReply =
  | {
      readonly type: 'progress'
      readonly runId: number
      /** Tasks done so far, of `total`. */
      readonly done: number
      readonly total: number
      /** The task now running; null once all are done. */
      readonly task: MeasurementTask | null
    }
  | { readonly type: 'result'; readonly runId: number; readonly result: MeasurementResult }
  | {
      readonly type: 'finished'
      readonly runId: number
      /** False when OPFS sync access handles are missing: only compression was measured. */
      readonly opfs: boolean
    }
  | { readonly type: 'cancelled'; readonly runId: number }
  | { readonly type: 'failed'; readonly runId: number; readonly message: string }

/** Megabytes (10^6 bytes) per second. */
export function megabytesPerSecond(bytes: number, ms: number): number {
  assert(bytes >= 0, 'bytes >= 0')
  return bytes / 1e6 / (Math.max(ms, 0.001) / 1000)
}

export function microsecondsPerCall(timing: WriteTiming): number {
  return timing.calls === 0 ? 0 : (timing.ms * 1000) / timing.calls
}

/** Uncompressed / compressed: 5 means the compressed batch is a fifth of the original. */
export function compressionRatio(timing: CompressionTiming): number {
  return timing.outputBytes === 0 ? 0 : timing.inputBytes / timing.outputBytes
}

/** Results gathered by kind, for the charts; later results of the same task replace earlier. */
export interface MeasurementResults {
  sequential: WriteTiming | null
  random: WriteTiming | null
  unbatched: { records: number; timing: WriteTiming } | null
  batched: { records: number; timing: WriteTiming } | null
  batchSize: { writeBytes: number; timing: WriteTiming }[]
  compression: {
    codec: MeasuredCodec
    byBatchSize: readonly CompressionTiming[]
    roundTripOk: boolean
  }[]
  partitions: { files: number; timing: WriteTiming }[]
}

export function emptyResults(): MeasurementResults {
  return {
    sequential: null,
    random: null,
    unbatched: null,
    batched: null,
    batchSize: [],
    compression: [],
    partitions: [],
  }
}

/** Adds one result, returning new results (the page keeps them in React state). */
export function addResult(
  results: MeasurementResults,
  result: MeasurementResult,
): MeasurementResults {
  switch (result.kind) {
    case 'sequential':
      return { ...results, sequential: result.timing }
    case 'random':
      return { ...results, random: result.timing }
    case 'unbatched':
      return { ...results, unbatched: { records: result.records, timing: result.timing } }
    case 'batched':
      return { ...results, batched: { records: result.records, timing: result.timing } }
    case 'batchSize':
      return {
        ...results,
        batchSize: [
          ...results.batchSize.filter((p) => p.writeBytes !== result.writeBytes),
          { writeBytes: result.writeBytes, timing: result.timing },
        ].sort((a, b) => a.writeBytes - b.writeBytes),
      }
    case 'compression':
      return {
        ...results,
        compression: [
          ...results.compression.filter((c) => c.codec !== result.codec),
          { codec: result.codec, byBatchSize: result.byBatchSize, roundTripOk: result.roundTripOk },
        ].sort((a, b) => MEASURED_CODECS.indexOf(a.codec) - MEASURED_CODECS.indexOf(b.codec)),
      }
    case 'partitions':
      return {
        ...results,
        partitions: [
          ...results.partitions.filter((p) => p.files !== result.files),
          { files: result.files, timing: result.timing },
        ].sort((a, b) => a.files - b.files),
      }
  }
}
