/**
 * Goal: the leader-epoch cache answers like Kafka's `LeaderEpochFileCache` (KIP-101/279, §2.7), so
 * replication can find where a follower diverges.
 * Method: the cases of Kafka's LeaderEpochFileCacheTest on plain arrays (assign, endOffsetFor,
 * truncation from both ends), the checkpoint file format and its refusal of garbage, then the two
 * KIP-101 scenarios played on real logs: the follower truncates to
 * min(leader end offset, own end offset) for its last epoch and ends up identical to the leader.
 */
import { expect, test } from 'vitest'
import {
  assignEpochStartOffset,
  encodeEpochCheckpoint,
  endOffsetForEpoch,
  epochForOffset,
  parseEpochCheckpoint,
  truncateEpochsFromEnd,
  truncateEpochsFromStart,
} from './leaderEpochCache'
import type { EpochEntry } from './logState'
import { appendAsFollower } from './logAppend'
import { readLog } from './logRead'
import {
  assignLeaderEpochStartOffset,
  endOffsetForLeaderEpoch,
  latestLeaderEpoch,
  truncateTo,
} from './logTruncation'
import { appendOk, newLog, newTestContext, smallRecordsBatch, T0 } from './testing/logFixtures'

const entries = (...pairs: [number, number][]): EpochEntry[] =>
  pairs.map(([epoch, startOffset]) => ({ epoch, startOffset }))

test('assign: same epoch at a later offset changes nothing; at an earlier offset it moves back', () => {
  const cache = entries([2, 10])
  expect(assignEpochStartOffset(cache, 2, 15)).toBe(false)
  expect(cache).toEqual(entries([2, 10]))
  expect(assignEpochStartOffset(cache, 2, 5)).toBe(true)
  expect(cache).toEqual(entries([2, 5]))
})

test('assign removes entries that would break monotonicity', () => {
  const cache = entries([1, 0], [2, 10], [3, 20])
  assignEpochStartOffset(cache, 4, 15)
  expect(cache).toEqual(entries([1, 0], [2, 10], [4, 15]))
  // An older epoch re-assigned later replaces itself and everything after it.
  assignEpochStartOffset(cache, 2, 12)
  expect(cache).toEqual(entries([1, 0], [2, 12]))
  expect(() => assignEpochStartOffset(cache, -1, 0)).toThrow()
})

test('endOffsetFor: latest epoch → log end; older → next epoch start; unknown → undefined', () => {
  const cache = entries([0, 0], [2, 10], [4, 20])
  expect(endOffsetForEpoch(cache, 4, 25)).toEqual({ epoch: 4, endOffset: 25 })
  expect(endOffsetForEpoch(cache, 2, 25)).toEqual({ epoch: 2, endOffset: 20 })
  expect(endOffsetForEpoch(cache, 1, 25)).toEqual({ epoch: 0, endOffset: 10 })
  expect(endOffsetForEpoch(cache, 3, 25)).toEqual({ epoch: 2, endOffset: 20 })
  expect(endOffsetForEpoch(cache, 5, 25)).toEqual({ epoch: -1, endOffset: -1 })
  expect(endOffsetForEpoch(cache, -1, 25)).toEqual({ epoch: -1, endOffset: -1 })
  expect(endOffsetForEpoch(entries([2, 10], [4, 20]), 1, 25)).toEqual({ epoch: 1, endOffset: 10 })
  expect(endOffsetForEpoch([], 0, 25)).toEqual({ epoch: -1, endOffset: -1 })
  expect(epochForOffset(cache, 15)).toBe(2)
  expect(epochForOffset(entries([2, 10]), 5)).toBeNull()
})

test('truncation from the end and from the start', () => {
  const cache = entries([0, 0], [2, 10], [4, 20])
  expect(truncateEpochsFromEnd(cache, 25)).toBe(false)
  expect(truncateEpochsFromEnd(cache, 10)).toBe(true)
  expect(cache).toEqual(entries([0, 0]))
  const other = entries([0, 0], [2, 10], [4, 20])
  expect(truncateEpochsFromStart(other, 15)).toBe(true)
  expect(other).toEqual(entries([2, 15], [4, 20]))
  expect(truncateEpochsFromStart(other, 3)).toBe(false)
})

test('checkpoint file: version 0, count, "epoch offset" lines; garbage is refused', () => {
  const cache = entries([0, 0], [3, 17])
  const bytes = encodeEpochCheckpoint(cache)
  expect(new TextDecoder().decode(bytes)).toBe('0\n2\n0 0\n3 17\n')
  expect(parseEpochCheckpoint(bytes)).toEqual(cache)
  const bad = ['1\n0\n', '0\n2\n0 0\n', '0\n1\nx y\n', '0\n2\n3 5\n2 9\n', '\u0000\u00ff']
  for (const text of bad) expect(parseEpochCheckpoint(new TextEncoder().encode(text))).toBeNull()
})

/** Copies everything the follower lacks from the leader, like one follower fetch. */
function fetchInto(
  leader: { ctx: ReturnType<typeof newTestContext>; log: ReturnType<typeof newLog> },
  follower: { ctx: ReturnType<typeof newTestContext>; log: ReturnType<typeof newLog> },
) {
  const read = readLog(leader.ctx, leader.log, {
    fetchOffset: follower.log.logEndOffset,
    maxBytes: 1_000_000,
    maxOffset: leader.log.logEndOffset,
    minOneMessage: true,
  })
  if (!read.ok) throw new Error(read.error.message)
  const appended = appendAsFollower(follower.ctx, follower.log, read.info.records, T0)
  if (!appended.ok) throw new Error(appended.error.message)
}

function replica() {
  const ctx = newTestContext()
  return { ctx, log: newLog(ctx) }
}

test('KIP-101 scenario 1: the follower keeps m2 (no HW truncation loses acknowledged data)', () => {
  const b = replica()
  const a = replica()
  appendOk(b.ctx, b.log, smallRecordsBatch(1, T0, 'm1'), { nowMs: T0, leaderEpoch: 0 })
  appendOk(b.ctx, b.log, smallRecordsBatch(1, T0, 'm2'), { nowMs: T0, leaderEpoch: 0 })
  fetchInto(b, a)
  // A restarts and asks B for the end of its latest epoch (0): B answers its LEO, 2.
  const answer = endOffsetForLeaderEpoch(b.log, latestLeaderEpoch(a.log)!)
  expect(answer).toEqual({ leaderEpoch: 0, endOffset: 2 })
  const own = endOffsetForLeaderEpoch(a.log, answer!.leaderEpoch)!
  expect(truncateTo(a.ctx, a.log, Math.min(answer!.endOffset, own.endOffset), T0)).toBe(false)
  expect(a.log.logEndOffset).toBe(2)
})

test('KIP-101 scenario 2: after divergence the follower truncates to 1 and copies m3', () => {
  const a = replica()
  const b = replica()
  appendOk(a.ctx, a.log, smallRecordsBatch(1, T0, 'm1'), { nowMs: T0, leaderEpoch: 0 })
  fetchInto(a, b)
  appendOk(a.ctx, a.log, smallRecordsBatch(1, T0, 'm2'), { nowMs: T0, leaderEpoch: 0 })
  // Power loss: B lost nothing it had; B becomes leader in epoch 1 and writes m3 at offset 1.
  assignLeaderEpochStartOffset(b.ctx, b.log, 1, b.log.logEndOffset)
  appendOk(b.ctx, b.log, smallRecordsBatch(1, T0, 'm3'), { nowMs: T0, leaderEpoch: 1 })
  expect(b.log.leaderEpochCache).toEqual(entries([0, 0], [1, 1]))
  // A asks B for the end of epoch 0: 1 (where epoch 1 starts); A's own end for epoch 0 is 2.
  const answer = endOffsetForLeaderEpoch(b.log, latestLeaderEpoch(a.log)!)!
  expect(answer).toEqual({ leaderEpoch: 0, endOffset: 1 })
  const own = endOffsetForLeaderEpoch(a.log, answer.leaderEpoch)!
  expect(truncateTo(a.ctx, a.log, Math.min(answer.endOffset, own.endOffset), T0)).toBe(true)
  expect(a.log.logEndOffset).toBe(1)
  fetchInto(b, a)
  const path = 'broker-1/t-0/00000000000000000000.log'
  expect(a.ctx.store.read(path, 0, 10_000)).toEqual(b.ctx.store.read(path, 0, 10_000))
  expect(a.log.leaderEpochCache).toEqual(b.log.leaderEpochCache)
})
