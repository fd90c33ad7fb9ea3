/**
 * Every physical read and write of a partition's files goes through here, so an optional
 * listener (the page-cache model, the IO view) sees exactly the IO Kafka would do: path,
 * position, length, which file kind and why. With no listener the overhead is one branch.
 */
import type { SegmentStore } from '../../storage/segmentStore'
import {
  INDEX_FILE_SUFFIX,
  LEADER_EPOCH_CHECKPOINT_FILENAME,
  LOG_FILE_SUFFIX,
  TIME_INDEX_FILE_SUFFIX,
} from './logFiles'

export type SegmentFileKind = 'log' | 'index' | 'timeindex' | 'checkpoint' | 'other'

/** Why the log touched a file. */
export type IoPurpose =
  | 'append'
  | 'indexAppend'
  | 'fetch'
  | 'offsetLookup'
  | 'timestampLookup'
  | 'roll'
  | 'flush'
  | 'truncate'
  | 'retention'
  | 'recovery'
  | 'load'
  | 'checkpoint'
  | 'view'

export interface SegmentIoEvent {
  op: 'read' | 'write' | 'truncate' | 'flush' | 'remove' | 'rename'
  path: string
  /** read/write: where; truncate: the new size; flush/remove/rename: 0. */
  position: number
  /** read/write: bytes moved; truncate: bytes cut; flush/remove/rename: the file size. */
  length: number
  fileKind: SegmentFileKind
  purpose: IoPurpose
  /** rename only: the new path. */
  toPath?: string
}

/** What log functions need besides the log state: the byte store and optional observers. */
export interface LogContext {
  readonly store: SegmentStore
  /** Receives every physical IO; wire the page-cache model or a trace here. */
  readonly onIo?: (event: SegmentIoEvent) => void
  /**
   * Seeded integer source in [0, bound) for `segment.jitter.ms` (Kafka draws it from
   * ThreadLocalRandom). Only needed when a log sets a non-zero jitter.
   */
  readonly randomInt?: (boundExclusive: number) => number
}

export function fileKindOf(path: string): SegmentFileKind {
  if (path.endsWith(LOG_FILE_SUFFIX)) return 'log'
  if (path.endsWith(INDEX_FILE_SUFFIX)) return 'index'
  if (path.endsWith(TIME_INDEX_FILE_SUFFIX)) return 'timeindex'
  if (path.includes(LEADER_EPOCH_CHECKPOINT_FILENAME)) return 'checkpoint'
  return 'other'
}

export function ioRead(
  ctx: LogContext,
  path: string,
  position: number,
  length: number,
  purpose: IoPurpose,
): Uint8Array {
  return reportRead(ctx, path, position, purpose, ctx.store.read(path, position, length))
}

/**
 * `ioRead` that may return the store's own bytes (`SegmentStore.readView`): for reads whose bytes
 * are only passed on and never modified, like a fetch response (Kafka's zero-copy path).
 */
export function ioReadView(
  ctx: LogContext,
  path: string,
  position: number,
  length: number,
  purpose: IoPurpose,
): Uint8Array {
  const bytes =
    ctx.store.readView?.(path, position, length) ?? ctx.store.read(path, position, length)
  return reportRead(ctx, path, position, purpose, bytes)
}

function reportRead(
  ctx: LogContext,
  path: string,
  position: number,
  purpose: IoPurpose,
  bytes: Uint8Array,
): Uint8Array {
  ctx.onIo?.({
    op: 'read',
    path,
    position,
    length: bytes.length,
    fileKind: fileKindOf(path),
    purpose,
  })
  return bytes
}

export function ioAppend(
  ctx: LogContext,
  path: string,
  bytes: Uint8Array,
  purpose: IoPurpose,
): number {
  const position = ctx.store.append(path, bytes)
  ctx.onIo?.({
    op: 'write',
    path,
    position,
    length: bytes.length,
    fileKind: fileKindOf(path),
    purpose,
  })
  return position
}

export function ioTruncate(ctx: LogContext, path: string, size: number, purpose: IoPurpose): void {
  const before = ctx.store.size(path)
  if (before <= size) return
  ctx.store.truncate(path, size)
  ctx.onIo?.({
    op: 'truncate',
    path,
    position: size,
    length: before - size,
    fileKind: fileKindOf(path),
    purpose,
  })
}

export function ioRemove(ctx: LogContext, path: string, purpose: IoPurpose): void {
  if (!ctx.store.exists(path)) return
  const length = ctx.store.size(path)
  ctx.store.remove(path)
  ctx.onIo?.({ op: 'remove', path, position: 0, length, fileKind: fileKindOf(path), purpose })
}

/** Renames `from` to `to`, replacing `to` when it exists (POSIX rename semantics). */
export function ioRename(ctx: LogContext, from: string, to: string, purpose: IoPurpose): void {
  if (!ctx.store.exists(from)) return
  if (ctx.store.exists(to)) ctx.store.remove(to)
  const length = ctx.store.size(from)
  ctx.store.rename(from, to)
  ctx.onIo?.({
    op: 'rename',
    path: from,
    toPath: to,
    position: 0,
    length,
    fileKind: fileKindOf(from),
    purpose,
  })
}

/** fsyncs the given files (the store's flush is global, the events say which files it covered). */
export function ioFlush(ctx: LogContext, paths: readonly string[], purpose: IoPurpose): void {
  ctx.store.flush()
  if (ctx.onIo === undefined) return
  for (const path of paths) {
    ctx.onIo({
      op: 'flush',
      path,
      position: 0,
      length: ctx.store.size(path),
      fileKind: fileKindOf(path),
      purpose,
    })
  }
}

/** Creates an empty file (Kafka creates a segment's files when it opens the segment). */
export function ioCreate(ctx: LogContext, path: string, purpose: IoPurpose): void {
  if (ctx.store.exists(path)) return
  ioAppend(ctx, path, new Uint8Array(0), purpose)
}
