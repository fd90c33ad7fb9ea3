/**
 * The storage layer of the engine: record batch v2 encoding, compression codecs, and partition
 * logs over a SegmentStore. Import from here; the other files are the implementation.
 */
export {
  RecordFormatError,
  readVarint,
  readVarlong,
  writeVarint,
  writeVarlong,
  sizeOfVarint,
  sizeOfVarlong,
  cursorOver,
  type ByteCursor,
} from './byteUtils'
export { crc32c, crc32cJs, isCrc32cWasmLoaded, loadCrc32c } from './crc32c'
export { initCodecs, codecsReady, compress, decompress } from './compression'
export {
  COMPRESSION_TYPES,
  LOG_OVERHEAD,
  MAGIC_VALUE_V2,
  NO_PARTITION_LEADER_EPOCH,
  NO_PRODUCER_EPOCH,
  NO_PRODUCER_ID,
  NO_SEQUENCE,
  NO_TIMESTAMP,
  RECORD_BATCH_OVERHEAD,
  batchSizeInBytes,
  computeBatchChecksum,
  decodeAttributes,
  encodeAttributes,
  incrementSequence,
  isBatchValid,
  lastOffsetOf,
  readBatchHeader,
  setBaseOffset,
  setLastOffset,
  setMaxTimestamp,
  setPartitionLeaderEpoch,
  type BatchAttributes,
  type CompressionType,
  type RecordBatchHeader,
  type TimestampType,
} from './recordBatch'
export {
  appendRecord,
  appendRecordWithLengths,
  buildRecordBatch,
  createRecordBatchWriter,
  encodeRecordBatch,
  resetRecordBatchWriter,
  sizeOfRecord,
  sizeOfRecordWithLengths,
  uncompressedSizeInBytes,
  utf8EncodedLength,
  type BatchHeaderFields,
  type RecordBatchSpec,
  type RecordBatchWriter,
  type RecordField,
  type RecordHeaderInput,
  type RecordInput,
} from './recordBatchWriter'
export {
  decodeRecordBatch,
  decodeRecordBatches,
  type DecodeResult,
  type DecodedRecord,
  type DecodedRecordBatch,
  type RecordHeader,
} from './recordBatchReader'
export {
  CONTROL_RECORD_TYPES,
  controlRecordTypeOf,
  coordinatorEpochOf,
  encodeEndTransactionMarker,
  type ControlRecordType,
  type EndTransactionMarker,
} from './controlRecord'
export {
  LOG_CONFIG_DEFAULTS,
  resolveLogConfig,
  type LogConfig,
  type LogConfigOverrides,
  type LogConfigProfile,
} from './logConfig'
export {
  filenamePrefixFromOffset,
  leaderEpochCheckpointPath,
  logFilePath,
  offsetIndexFilePath,
  partitionDirPath,
  timeIndexFilePath,
} from './logFiles'
export type { IoPurpose, LogContext, SegmentFileKind, SegmentIoEvent } from './logIo'
export type { EpochEntry, PartitionLogState, SegmentState } from './logState'
export {
  UNDEFINED_EPOCH,
  UNDEFINED_EPOCH_OFFSET,
  endOffsetForEpoch,
  epochForOffset,
  latestEpoch,
} from './leaderEpochCache'
export type { AppendOrigin } from './logValidator'
export type { TimestampAndOffset } from './fileRecords'
export {
  closeLog,
  createLog,
  flushIfDue,
  flushLog,
  logSizeInBytes,
  rollLog,
  unflushedMessages,
  updateLogConfig,
  type CreateLogOptions,
} from './partitionLog'
export {
  appendAsFollower,
  appendAsLeader,
  type AppendResult,
  type AppendedBatch,
  type LeaderAppendOptions,
  type LogAppendInfo,
} from './logAppend'
export {
  LIST_OFFSETS_TIMESTAMP,
  fetchOffsetByTimestamp,
  offsetMetadataFor,
  readLog,
  type LogOffsetMetadata,
  type LogReadInfo,
  type ReadOptions,
  type ReadResult,
} from './logRead'
export {
  assignLeaderEpochStartOffset,
  endOffsetForLeaderEpoch,
  latestLeaderEpoch,
  maybeIncrementLogStartOffset,
  truncateFullyAndStartAt,
  truncateTo,
} from './logTruncation'
export {
  deleteFilesPendingDeletion,
  deleteOldSegments,
  type RetentionResult,
  type SegmentDeletionReason,
} from './logRetention'
export { loadLog, type LoadLogOptions, type LoadLogResult } from './logLoader'
export {
  describeSegments,
  listSegmentBatches,
  readOffsetIndex,
  readTimeIndex,
  type BatchSummary,
  type SegmentSummary,
} from './logView'
