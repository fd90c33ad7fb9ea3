/**
 * Transactions end to end (KAFKA_SPEC §3.5): commit visible to read_committed, abort invisible,
 * the last stable offset, real COMMIT/ABORT control batches in the log, zombie fencing, and the
 * coordinator's timeout abort.
 */
import { describe, expect, test } from 'vitest'
import type { Engine } from '../../../headless'
import { decodeRecordBatches, readLog, controlRecordTypeOf } from '../../log'
import { logContextFor } from '../../replication/brokerStorage'
import { acked, cluster, lsoOf, readAll } from '../producer/testing'

const BIG = 1 << 20

function transactional(engine: Engine, id = 'tx-1', configs: Record<string, string | number> = {}) {
  const producer = engine.producer({ 'transactional.id': id, 'linger.ms': 0, ...configs })
  const init = producer.initTransactions()
  engine.advanceBy(50)
  expect(init.result()).toEqual({ status: 'done' })
  return producer
}

/** The control batches of t-0 on broker 1, as (offset, type). */
function markers(engine: Engine): { offset: number; type: string | null; producerId: number }[] {
  const state = engine.timeline.state()
  const broker = state.brokersById[1]!
  const replica = broker.replicasByKey['t-0']!
  const read = readLog(logContextFor(state, engine.timeline.env(), broker), replica.log, {
    fetchOffset: 0,
    maxBytes: BIG,
    maxOffset: replica.log.logEndOffset,
    minOneMessage: true,
  })
  if (!read.ok) throw new Error(read.error.message)
  const decoded = decodeRecordBatches(read.info.records)
  if (!decoded.ok) throw new Error(decoded.error.message)
  return decoded.value
    .filter((b) => b.isControl)
    .map((b) => ({
      offset: b.baseOffset,
      type: controlRecordTypeOf(b.records[0]!),
      producerId: b.producerId,
    }))
}

describe('transactions', () => {
  test('initTransactions finds the coordinator and gets a producer id at epoch 0', () => {
    const engine = cluster()
    const producer = transactional(engine)
    expect(producer.view()).toMatchObject({
      transactionalId: 'tx-1',
      transactionState: 'READY',
      producerEpoch: 0,
    })
    expect(producer.view()!.producerId).toBeGreaterThanOrEqual(0)
  })

  test('a committed transaction is visible to read_committed; a COMMIT marker follows the data', () => {
    const engine = cluster()
    const producer = transactional(engine)
    const txn = producer.transaction()
    const sent = txn.send({
      topic: 't',
      messages: [{ value: 'a' }, { value: 'b' }, { value: 'c' }],
    })
    const commit = txn.commit()
    engine.advanceBy(200)
    expect(commit.result()).toEqual({ status: 'done' })
    expect(sent.result().map((r) => acked(r).offset)).toEqual([0, 1, 2])
    expect(markers(engine)).toEqual([
      { offset: 3, type: 'COMMIT', producerId: producer.view()!.producerId },
    ])
    expect(readAll(engine, 0, 'read_committed', BIG)).toEqual({
      offsets: [0, 1, 2],
      values: ['a', 'b', 'c'],
    })
    expect(lsoOf(engine)).toBe(4)
  })

  test('an aborted transaction is invisible to read_committed, visible to read_uncommitted', () => {
    const engine = cluster()
    const producer = transactional(engine)
    const first = producer.transaction()
    first.send({ topic: 't', messages: [{ value: 'kept' }] })
    first.commit()
    engine.advanceBy(200)
    const second = producer.transaction()
    second.send({ topic: 't', messages: [{ value: 'x1' }, { value: 'x2' }] })
    engine.advanceBy(100) // the records are acknowledged before the abort
    const abort = second.abort()
    const third = producer.transaction()
    third.send({ topic: 't', messages: [{ value: 'after' }] })
    third.commit()
    engine.advanceBy(300)
    expect(abort.result()).toEqual({ status: 'done' })
    // kept@0, COMMIT@1, x1@2, x2@3, ABORT@4, after@5, COMMIT@6
    expect(markers(engine).map((m) => [m.offset, m.type])).toEqual([
      [1, 'COMMIT'],
      [4, 'ABORT'],
      [6, 'COMMIT'],
    ])
    expect(readAll(engine, 0, 'read_committed', BIG)).toEqual({
      offsets: [0, 5],
      values: ['kept', 'after'],
    })
    // read_uncommitted returns aborted data too, but never control records.
    expect(readAll(engine, 0, 'read_uncommitted', BIG)).toEqual({
      offsets: [0, 2, 3, 5],
      values: ['kept', 'x1', 'x2', 'after'],
    })
  })

  test('the LSO stops at the first offset of an open transaction; read_committed waits there', () => {
    const engine = cluster()
    const plain = engine.producer({ 'linger.ms': 0 })
    plain.send({ topic: 't', messages: [{ value: 'p0' }] })
    engine.advanceBy(50)
    const producer = transactional(engine)
    const txn = producer.transaction()
    txn.send({ topic: 't', messages: [{ value: 't1' }] })
    engine.advanceBy(50)
    plain.send({ topic: 't', messages: [{ value: 'p2' }] })
    engine.advanceBy(50)
    expect(engine.replica(1, 't')!.highWatermark).toBe(3)
    expect(lsoOf(engine)).toBe(1)
    expect(readAll(engine, 0, 'read_committed', BIG).values).toEqual(['p0'])
    expect(readAll(engine, 0, 'read_uncommitted', BIG).values).toEqual(['p0', 't1', 'p2'])
    txn.commit()
    engine.advanceBy(100)
    expect(lsoOf(engine)).toBe(4)
    expect(readAll(engine, 0, 'read_committed', BIG).values).toEqual(['p0', 't1', 'p2'])
  })

  test('a zombie with the same transactional.id is fenced; its open transaction is aborted', () => {
    const engine = cluster()
    const zombie = transactional(engine, 'orders')
    const zombieTxn = zombie.transaction()
    zombieTxn.send({ topic: 't', messages: [{ value: 'zombie-1' }] })
    engine.advanceBy(100)
    const zombieEpoch = zombie.view()!.producerEpoch
    const successor = transactional(engine, 'orders')
    // The coordinator aborted the zombie's transaction (epoch + 1), then bumped again for the new one.
    expect(successor.view()!.producerId).toBe(zombie.view()!.producerId)
    expect(successor.view()!.producerEpoch).toBe(zombieEpoch + 2)
    expect(markers(engine).map((m) => m.type)).toEqual(['ABORT'])
    const late = zombieTxn.send({ topic: 't', messages: [{ value: 'zombie-2' }] })
    const commit = zombieTxn.commit()
    engine.advanceBy(500)
    expect(late.result()[0]).toMatchObject({ status: 'failed', error: 'INVALID_PRODUCER_EPOCH' })
    expect(commit.result()).toMatchObject({ status: 'failed', error: 'PRODUCER_FENCED' })
    expect(zombie.view()!.transactionState).toBe('FATAL_ERROR')
    // The successor works, and read_committed consumers never see the zombie's records.
    const txn = successor.transaction()
    txn.send({ topic: 't', messages: [{ value: 'fresh' }] })
    txn.commit()
    engine.advanceBy(300)
    expect(readAll(engine, 0, 'read_committed', BIG).values).toEqual(['fresh'])
  })

  test('a crashed producer leaves its transaction open until transaction.timeout.ms aborts it', () => {
    const engine = cluster()
    const producer = transactional(engine, 'tx-timeout', { 'transaction.timeout.ms': 10_000 })
    producer.transaction().send({ topic: 't', messages: [{ value: 'orphan' }] })
    engine.advanceBy(100)
    producer.crash()
    engine.advanceBy(5_000)
    expect(lsoOf(engine)).toBe(0)
    engine.advanceBy(6_000)
    expect(markers(engine).map((m) => m.type)).toEqual(['ABORT'])
    expect(lsoOf(engine)).toBe(2)
    expect(readAll(engine, 0, 'read_committed', BIG).values).toEqual([])
  })

  test('transaction.timeout.ms above the broker maximum: initTransactions fails', () => {
    const engine = cluster()
    const producer = engine.producer({
      'transactional.id': 'slow',
      'transaction.timeout.ms': 900_001,
    })
    const init = producer.initTransactions()
    engine.advanceBy(100)
    expect(init.result()).toMatchObject({ status: 'failed', error: 'INVALID_TRANSACTION_TIMEOUT' })
  })

  test('transaction verbs are refused on a producer without transactional.id', () => {
    const engine = cluster()
    const producer = engine.producer()
    const begin = producer.beginTransaction()
    expect(begin).toMatchObject({ ok: false, error: { error: 'IllegalStateException' } })
  })

  test('send before beginTransaction fails with IllegalStateException', () => {
    const engine = cluster()
    const producer = transactional(engine)
    const sent = producer.send({ topic: 't', messages: [{ value: 'x' }] })
    engine.advanceBy(10)
    expect(sent.result()[0]).toMatchObject({ status: 'failed', error: 'IllegalStateException' })
  })
})
