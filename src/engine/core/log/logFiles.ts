/**
 * File names of a partition directory (`storage/LogFileUtils.java`): segments are named by their
 * base offset zero-padded to 20 digits, e.g. `00000000000000001048.log` with its `.index` and
 * `.timeindex`. Store paths are '/'-separated: `<logDir>/<topic>-<partition>/<file>`.
 */
export const LOG_FILE_SUFFIX = '.log'
export const INDEX_FILE_SUFFIX = '.index'
export const TIME_INDEX_FILE_SUFFIX = '.timeindex'
/** Added by asynchronous deletion; the file is removed after `file.delete.delay.ms`. */
export const DELETED_FILE_SUFFIX = '.deleted'
export const CLEANED_FILE_SUFFIX = '.cleaned'
export const SWAP_FILE_SUFFIX = '.swap'
export const LEADER_EPOCH_CHECKPOINT_FILENAME = 'leader-epoch-checkpoint'

const OFFSET_DIGITS = 20

/** `LogFileUtils.filenamePrefixFromOffset`: the offset zero-padded to 20 digits. */
export function filenamePrefixFromOffset(offset: number): string {
  return String(offset).padStart(OFFSET_DIGITS, '0')
}

/** The partition directory, `<logDir>/<topic>-<partition>` (Kafka's `LocalLog.logDirName`). */
export function partitionDirPath(logDir: string, topic: string, partition: number): string {
  return `${logDir}/${topic}-${partition}`
}

export function logFilePath(dir: string, baseOffset: number): string {
  return `${dir}/${filenamePrefixFromOffset(baseOffset)}${LOG_FILE_SUFFIX}`
}

export function offsetIndexFilePath(dir: string, baseOffset: number): string {
  return `${dir}/${filenamePrefixFromOffset(baseOffset)}${INDEX_FILE_SUFFIX}`
}

export function timeIndexFilePath(dir: string, baseOffset: number): string {
  return `${dir}/${filenamePrefixFromOffset(baseOffset)}${TIME_INDEX_FILE_SUFFIX}`
}

export function leaderEpochCheckpointPath(dir: string): string {
  return `${dir}/${LEADER_EPOCH_CHECKPOINT_FILENAME}`
}

/**
 * The base offset a segment file name encodes, or null when the name is not `<20 digits><suffix>`
 * (Kafka would fail to load such a file; this engine leaves unknown files alone).
 */
export function offsetFromFileName(name: string, suffix: string): number | null {
  if (!name.endsWith(suffix)) return null
  const prefix = name.slice(0, name.length - suffix.length)
  if (prefix.length !== OFFSET_DIGITS || !/^\d+$/.test(prefix)) return null
  const offset = Number(prefix)
  return Number.isSafeInteger(offset) ? offset : null
}
