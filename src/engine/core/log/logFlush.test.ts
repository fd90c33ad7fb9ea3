/**
 * Goal: the flush policy and the recovery point follow Kafka: `flush.messages` and `flush.ms`
 * default to never, an fsync happens at every roll (up to the new segment), when
 * `flush.messages` unflushed messages pile up, when `flush.ms` has passed, and on clean shutdown.
 * Method: count the store's flushes and the 'flush' IO events while appending, rolling and
 * closing, and check the recovery point after each step.
 */
import { expect, test } from 'vitest'
import { readTimeIndex } from './logView'
import { closeLog, flushIfDue, rollLog, unflushedMessages } from './partitionLog'
import { appendOk, newLog, newTestContext, smallRecordsBatch, T0 } from './testing/logFixtures'

test('by default nothing is fsynced until a roll; the roll flushes up to the new segment', () => {
  const ctx = newTestContext()
  const log = newLog(ctx)
  expect(log.config['flush.messages']).toBeNull()
  expect(log.config['flush.ms']).toBeNull()
  ctx.ioEvents.length = 0
  for (let i = 0; i < 100; i++) appendOk(ctx, log, smallRecordsBatch(1, T0), { nowMs: T0 + i })
  // Only the leader-epoch checkpoint (written when epoch 0 first appears) is fsynced.
  expect(ctx.ioEvents.filter((e) => e.op === 'flush').map((e) => e.fileKind)).toEqual([
    'checkpoint',
  ])
  expect(flushIfDue(ctx, log, T0 + 10 ** 12)).toBe(false)
  expect(unflushedMessages(log)).toBe(100)
  expect(log.recoveryPoint).toBe(0)
  ctx.ioEvents.length = 0
  rollLog(ctx, log, T0 + 200)
  expect(log.recoveryPoint).toBe(100)
  expect(ctx.ioEvents.filter((e) => e.op === 'flush').map((e) => e.path)).toEqual([
    'broker-1/t-0/00000000000000000000.log',
    'broker-1/t-0/00000000000000000000.index',
    'broker-1/t-0/00000000000000000000.timeindex',
  ])
})

test('flush.messages fsyncs once that many messages are unflushed', () => {
  const ctx = newTestContext()
  const log = newLog(ctx, { 'flush.messages': 5 })
  appendOk(ctx, log, smallRecordsBatch(3, T0), { nowMs: T0 })
  expect(log.recoveryPoint).toBe(0)
  appendOk(ctx, log, smallRecordsBatch(2, T0), { nowMs: T0 + 7 })
  expect(log.recoveryPoint).toBe(5)
  expect(log.lastFlushedMs).toBe(T0 + 7)
})

test('flush.ms fsyncs when the last flush is at least that old', () => {
  const ctx = newTestContext()
  const log = newLog(ctx, { 'flush.ms': 1000 }, T0)
  appendOk(ctx, log, smallRecordsBatch(1, T0), { nowMs: T0 })
  expect(flushIfDue(ctx, log, T0 + 999)).toBe(false)
  expect(flushIfDue(ctx, log, T0 + 1000)).toBe(true)
  expect(log.recoveryPoint).toBe(1)
})

test('clean shutdown fsyncs everything and writes the final time-index entry', () => {
  const ctx = newTestContext()
  const log = newLog(ctx)
  appendOk(ctx, log, smallRecordsBatch(2, T0 + 5), { nowMs: T0 + 5 })
  expect(readTimeIndex(ctx, log, 0)).toEqual([])
  closeLog(ctx, log, T0 + 10)
  expect(log.recoveryPoint).toBe(2)
  expect(readTimeIndex(ctx, log, 0)).toEqual([{ timestamp: T0 + 5, offset: 1 }])
})
