/**
 * Goal: appends that Kafka refuses are refused with Kafka's error values and change nothing
 * (KAFKA_SPEC §1.1 "Broker-side validation", scenarios L-1 (b) and L-10, broker side).
 * Method: produce batches that break one rule each — CRC, size, max.message.bytes, segment.bytes,
 * timestamps, produce-request shape, control batches from clients, a refusing producer-state
 * check — and check the error name and code, the log end offset and the segment file size.
 */
import { beforeAll, describe, expect, test } from 'vitest'
import { initCodecs } from './compression'
import { appendAsLeader } from './logAppend'
import { readLog } from './logRead'
import { updateLogConfig } from './partitionLog'
import { setBaseOffset } from './recordBatch'
import { decodeRecordBatches } from './recordBatchReader'
import { encodeRecordBatch } from './recordBatchWriter'
import {
  appendOk,
  configWith,
  newLog,
  newTestContext,
  smallRecordsBatch,
  T0,
} from './testing/logFixtures'

beforeAll(async () => {
  await initCodecs()
})

describe('L-10 Size limits (broker side)', () => {
  function twoMillionByteBatch(): Uint8Array {
    // 61 header + 4-byte length varint + attributes, Δts, Δoffset, null key, 4-byte value length, headers.
    const batch = encodeRecordBatch({
      records: [{ timestamp: T0, key: null, value: new Uint8Array(2_000_000 - 74) }],
    })
    expect(batch.length).toBe(2_000_000)
    return batch
  }

  test('L-10 a 2,000,000-byte batch is MESSAGE_TOO_LARGE and not appended; at 5242880 it goes to offset 0', () => {
    const ctx = newTestContext()
    const log = newLog(ctx)
    expect(log.config['max.message.bytes']).toBe(1_048_588)
    const batch = twoMillionByteBatch()
    const refused = appendAsLeader(ctx, log, batch, { leaderEpoch: 0, nowMs: T0 })
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.error).toMatchObject({ error: 'MESSAGE_TOO_LARGE', code: 10 })
    expect(log.logEndOffset).toBe(0)
    expect(ctx.store.size('broker-1/t-0/00000000000000000000.log')).toBe(0)

    updateLogConfig(log, configWith({ 'max.message.bytes': 5_242_880 }))
    const appended = appendOk(ctx, log, batch, { nowMs: T0 })
    expect(appended.firstOffset).toBe(0)

    // A consumer with max.partition.fetch.bytes = 1048576 still gets the whole batch (KIP-74).
    const fetched = readLog(ctx, log, {
      fetchOffset: 0,
      maxBytes: 1_048_576,
      maxOffset: 1,
      minOneMessage: true,
    })
    expect(fetched.ok && fetched.info.records.length).toBe(2_000_000)
    const decoded = fetched.ok ? decodeRecordBatches(fetched.info.records) : null
    expect(decoded?.ok && decoded.value[0]!.records[0]!.offset).toBe(0)
  })

  test('a record set larger than segment.bytes is RECORD_LIST_TOO_LARGE', () => {
    const ctx = newTestContext()
    const log = newLog(ctx, { 'segment.bytes': 1_048_576, 'max.message.bytes': 5_242_880 })
    const refused = appendAsLeader(ctx, log, twoMillionByteBatch(), { leaderEpoch: 0, nowMs: T0 })
    expect(refused.ok || refused.error).toMatchObject({ error: 'RECORD_LIST_TOO_LARGE', code: 18 })
    expect(log.logEndOffset).toBe(0)
  })
})

describe('broker-side validation returns errors and appends nothing', () => {
  function expectRefused(records: Uint8Array, error: string, nowMs = T0) {
    const ctx = newTestContext()
    const log = newLog(ctx)
    const result = appendAsLeader(ctx, log, records, { leaderEpoch: 0, nowMs })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.error).toBe(error)
    expect(log.logEndOffset).toBe(0)
    expect(ctx.store.size('broker-1/t-0/00000000000000000000.log')).toBe(0)
  }

  test('L-1 (b) a batch with a flipped value byte is CORRUPT_MESSAGE', () => {
    const batch = encodeRecordBatch({ records: [{ timestamp: T0, key: 'k', value: 'v' }] })
    batch[batch.length - 2] = batch[batch.length - 2]! ^ 0xff
    expectRefused(batch, 'CORRUPT_MESSAGE')
  })

  test('a batch shorter than 61 bytes is CORRUPT_MESSAGE', () => {
    const batch = encodeRecordBatch({ records: [{ timestamp: T0, key: 'k', value: 'v' }] })
    new DataView(batch.buffer).setInt32(8, 40)
    expectRefused(batch.subarray(0, 52), 'CORRUPT_MESSAGE')
  })

  test('timestamps more than message.timestamp.after.max.ms ahead are INVALID_TIMESTAMP', () => {
    expectRefused(smallRecordsBatch(1, T0 + 3_600_001), 'INVALID_TIMESTAMP')
    const ctx = newTestContext()
    const log = newLog(ctx)
    appendOk(ctx, log, smallRecordsBatch(1, T0 + 3_600_000), { nowMs: T0 })
    appendOk(ctx, log, smallRecordsBatch(1, T0 - 10 * 365 * 86_400_000), { nowMs: T0 })
    expect(log.logEndOffset).toBe(2)
  })

  test('a client batch with a non-zero baseOffset is INVALID_RECORD', () => {
    const batch = smallRecordsBatch(2, T0)
    setBaseOffset(batch, 0, 5)
    expectRefused(batch, 'INVALID_RECORD')
  })

  test('two batches in one produce request are INVALID_RECORD', () => {
    expectRefused(
      new Uint8Array([...smallRecordsBatch(1, T0), ...smallRecordsBatch(1, T0)]),
      'INVALID_RECORD',
    )
  })

  test('clients may not write control batches', async () => {
    const { encodeEndTransactionMarker } = await import('./controlRecord')
    const marker = encodeEndTransactionMarker({
      type: 'ABORT',
      producerId: 1,
      producerEpoch: 0,
      coordinatorEpoch: 0,
      timestamp: T0,
    })
    expectRefused(marker, 'INVALID_RECORD')
    const ctx = newTestContext()
    const log = newLog(ctx)
    expect(appendOk(ctx, log, marker, { nowMs: T0, origin: 'coordinator' }).lastOffset).toBe(0)
  })

  test('a producer-state check that refuses stops the append', () => {
    const ctx = newTestContext()
    const log = newLog(ctx)
    const result = appendAsLeader(ctx, log, smallRecordsBatch(1, T0), {
      leaderEpoch: 0,
      nowMs: T0,
      checkProducerState: () => ({
        error: 'OUT_OF_ORDER_SEQUENCE_NUMBER',
        code: 45,
        message: 'gap',
      }),
    })
    expect(result.ok).toBe(false)
    expect(log.logEndOffset).toBe(0)
  })
})
