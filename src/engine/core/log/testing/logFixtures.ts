/**
 * Shared fixtures for the log tests: a context over a fresh MemorySegmentStore, configs by Kafka
 * name, producer batches of the sizes the scenarios use, and append helpers that fail the test
 * loudly instead of returning error values.
 */
import { MemorySegmentStore } from '../../../storage/memorySegmentStore'
import {
  resolveLogConfig,
  type LogConfig,
  type LogConfigOverrides,
  type LogConfigProfile,
} from '../logConfig'
import type { LogContext, SegmentIoEvent } from '../logIo'
import type { PartitionLogState } from '../logState'
import { appendAsLeader, type LeaderAppendOptions, type LogAppendInfo } from '../logAppend'
import { createLog } from '../partitionLog'
import { encodeRecordBatch, type RecordInput } from '../recordBatchWriter'

/** 2023-11-14T22:13:20Z: the timestamp of the spec's test vectors. */
export const T0 = 1_700_000_000_000

export interface TestContext extends LogContext {
  readonly store: MemorySegmentStore
  /** Every IO event since the last `ioEvents.length = 0`. */
  readonly ioEvents: SegmentIoEvent[]
}

export function newTestContext(
  options: { pageBytes?: number; randomInt?: (bound: number) => number } = {},
): TestContext {
  const ioEvents: SegmentIoEvent[] = []
  const store = new MemorySegmentStore(
    options.pageBytes === undefined ? {} : { pageBytes: options.pageBytes },
  )
  return {
    store,
    ioEvents,
    onIo: (event) => ioEvents.push(event),
    ...(options.randomInt === undefined ? {} : { randomInt: options.randomInt }),
  }
}

export function configWith(
  overrides: LogConfigOverrides = {},
  profile: LogConfigProfile = '4.0',
): LogConfig {
  const resolved = resolveLogConfig(overrides, { profile })
  if (!resolved.ok) throw new Error(resolved.error.message)
  return resolved.config
}

export function newLog(
  ctx: LogContext,
  overrides: LogConfigOverrides = {},
  nowMs = T0,
  profile: LogConfigProfile = '4.0',
): PartitionLogState {
  return createLog(
    ctx,
    { logDir: 'broker-1', topic: 't', partition: 0, config: configWith(overrides, profile) },
    nowMs,
  )
}

const VALUE_930 = new Uint8Array(930).map((_, i) => i & 0xff)

/** The scenarios' "1000-byte batch": one record, null key, 930-byte value, no headers. */
export function thousandByteBatch(timestamp: number): Uint8Array {
  return encodeRecordBatch({ records: [{ timestamp, key: null, value: VALUE_930 }] })
}

/** A producer batch of `count` small records, all at `timestamp`. */
export function smallRecordsBatch(count: number, timestamp: number, tag = 'r'): Uint8Array {
  const records: RecordInput[] = Array.from({ length: count }, (_, i) => ({
    timestamp,
    key: `${tag}-k${i}`,
    value: `${tag}-value-${i}`,
  }))
  return encodeRecordBatch({ records })
}

/** Appends as leader (epoch 0 unless given) and fails the test on an error value. */
export function appendOk(
  ctx: LogContext,
  log: PartitionLogState,
  records: Uint8Array,
  options: Partial<LeaderAppendOptions> & { nowMs: number },
): LogAppendInfo {
  const result = appendAsLeader(ctx, log, records, { leaderEpoch: 0, ...options })
  if (!result.ok) throw new Error(`append failed: ${result.error.error} ${result.error.message}`)
  return result.info
}

/** Appends `count` 1000-byte batches whose timestamps are T0 + 1000·offset, clock following them. */
export function appendThousandByteBatches(
  ctx: LogContext,
  log: PartitionLogState,
  count: number,
  leaderEpoch = 0,
): void {
  for (let i = 0; i < count; i++) {
    const offset = log.logEndOffset
    const timestamp = T0 + 1000 * offset
    appendOk(ctx, log, thousandByteBatch(timestamp), { nowMs: timestamp, leaderEpoch })
  }
}
