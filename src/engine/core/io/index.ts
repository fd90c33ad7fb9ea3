/**
 * The IO lab's pure models: copy paths (read/write, mmap, sendfile, TLS, produce) folded into
 * counters, a scripted page cache workload on the real page cache model, realistic JSON records
 * for compression, and the plan, messages and results of the in-browser measurements.
 */
export {
  BUFFER_IDS,
  COPY_PATH_IDS,
  SPACE_OF_BUFFER,
  TLS_CHUNK_BYTES,
  copyPathStateAt,
  copyPathSteps,
  copyPathTotals,
  fetchTotals,
  isZeroCopy,
  type BufferId,
  type CopyCounters,
  type CopyPathId,
  type CopyPathOptions,
  type CopyPathState,
  type CopyStep,
  type FetchTotals,
  type Space,
  type StepKind,
  type Syscall,
} from './copyPaths'
export {
  DEMO_ACTIVE_SEGMENT,
  DEMO_FILE_PAGES,
  DEMO_OLD_SEGMENT,
  DEMO_RECORDS_PER_BATCH,
  DEMO_STEPS,
  DEMO_STEP_MS,
  runPageCacheDemo,
  type DemoAction,
  type DemoCell,
  type DemoFile,
  type PageCacheDemoFrame,
  type PageCacheDemoOptions,
  type PageMark,
  type PageResidence,
} from './pageCacheDemo'
export { generateJsonRecordBytes, generateJsonRecords, packIntoBatches } from './jsonRecords'
export {
  MEASURED_CODECS,
  MEASUREMENT_SIZES,
  addResult,
  compressionRatio,
  emptyResults,
  measurementPlan,
  megabytesPerSecond,
  microsecondsPerCall,
  planTasks,
  type CompressionTiming,
  type IoLabReply,
  type IoLabRequest,
  type MeasuredCodec,
  type MeasurementPlan,
  type MeasurementResult,
  type MeasurementResults,
  type MeasurementSize,
  type MeasurementTask,
  type WriteTiming,
} from './measurements'
