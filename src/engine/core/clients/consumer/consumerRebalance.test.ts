/**
 * Rebalance timing and failure handling of the classic protocol: session timeout after a crash,
 * max.poll.interval.ms for a slow consumer, static membership, coordinator failover, refused
 * configs, and the lesson helpers (idempotent consumer, retry topics with a dead-letter topic).
 */
import { describe, expect, it } from 'vitest'
import type { Engine } from '../../../headless'
import type { ConsumerHandle } from './consumerApi'
import { advanceUntil, engineWithTopic, eventsUntil, groupStable } from './testing'

function group(engine: Engine, groupId: string) {
  return engine.view().consumerGroups.groups.find((g) => g.groupId === groupId)
}

function assignmentOf(engine: Engine, groupId: string, node: string): string[] | undefined {
  return group(engine, groupId)?.members.find((m) => m.node === node)?.assignment
}

function join(
  engine: Engine,
  groupId: string,
  configs: Record<string, string | number | boolean> = {},
  topics = ['t'],
): ConsumerHandle {
  const c = engine.consumer({ groupId, configs: { 'auto.offset.reset': 'earliest', ...configs } })
  c.subscribe({ topics })
  return c
}

describe('rebalances', () => {
  it('a second member joining: the first learns REBALANCE_IN_PROGRESS from a heartbeat and rejoins', () => {
    const engine = engineWithTopic({ partitions: 2 })
    const c1 = join(engine, 'g')
    advanceUntil(engine, groupStable(engine, 'g', 1))
    join(engine, 'g')
    const events = eventsUntil(engine, groupStable(engine, 'g', 2))
    const states = events.flatMap((e) => (e.type === 'groupStateChanged' ? [e.state] : []))
    expect(states).toEqual(['PreparingRebalance', 'CompletingRebalance', 'Stable'])
    expect(c1.group()!.generationId).toBe(2)
    expect(assignmentOf(engine, 'g', 'consumer-1')).toEqual(['t-0'])
    expect(assignmentOf(engine, 'g', 'consumer-2')).toEqual(['t-1'])
  })

  it('a crashed member sends no LeaveGroup: it is removed when session.timeout.ms (45 s) runs out', () => {
    const engine = engineWithTopic({ partitions: 2 })
    join(engine, 'g')
    const c2 = join(engine, 'g')
    advanceUntil(engine, groupStable(engine, 'g', 2))
    engine.advanceBy(5000)
    const crashedAt = engine.nowMs()
    c2.crash()
    const events = eventsUntil(engine, groupStable(engine, 'g', 1))
    const removed = events.find((e) => e.type === 'memberRemoved')!
    expect(removed).toMatchObject({ reason: 'sessionTimeout' })
    // The last heartbeat was at most heartbeat.interval.ms (3 s) before the crash.
    expect(removed.atMs - crashedAt).toBeGreaterThan(45_000 - 3_100)
    expect(removed.atMs - crashedAt).toBeLessThanOrEqual(45_000)
    expect(assignmentOf(engine, 'g', 'consumer-1')).toEqual(['t-0', 't-1'])
  })

  it('a slow consumer exceeds max.poll.interval.ms: it leaves, its commit fails, records are redone', () => {
    const engine = engineWithTopic({ partitions: 2, records: 300 })
    const configs = {
      'enable.auto.commit': false,
      'max.poll.records': 100,
      'max.poll.interval.ms': 10_000,
    }
    const c1 = join(engine, 'g', configs)
    const c2 = join(engine, 'g', configs)
    c1.run({ processingMs: 1, commit: 'afterProcessing' })
    c2.run({ processingMs: 1, commit: 'afterProcessing' })
    advanceUntil(engine, groupStable(engine, 'g', 2))
    expect(assignmentOf(engine, 'g', 'consumer-2')).toEqual(['t-1'])
    // 300 records per partition arrive after the group formed; consumer-2 now needs 20 s a batch.
    c2.slow(200)
    for (const partition of [0, 1]) {
      engine.produce({
        topic: 't',
        partition,
        acks: 'all',
        records: Array.from({ length: 300 }, (_, i) => ({ key: `n${partition}-${i}`, value: 'x' })),
      })
    }
    const events = eventsUntil(engine, () => c2.view()!.lastCommitError !== null, 60_000)
    const exceeded = events.find((e) => e.type === 'pollIntervalExceeded')!
    expect(exceeded).toMatchObject({ consumer: 'consumer-2' })
    expect(events.find((e) => e.type === 'memberRemoved')).toMatchObject({ reason: 'leaveGroup' })
    expect(c2.view()!.lastCommitError).toBe('CommitFailedException')
    advanceUntil(
      engine,
      () =>
        (group(engine, 'g')?.partitions.find((p) => p.partitionKey === 't-1')?.duplicateCount ??
          0) > 0,
      120_000,
    )
  })

  it('cooperative: the member that keeps its partitions never stops consuming them', () => {
    const engine = engineWithTopic({ partitions: 4, records: 50 })
    const cooperative = { 'partition.assignment.strategy': 'cooperative-sticky' }
    const c1 = join(engine, 'g', cooperative)
    c1.run({ processingMs: 1 })
    advanceUntil(engine, groupStable(engine, 'g', 1))
    join(engine, 'g', cooperative).run({ processingMs: 1 })
    const events = eventsUntil(
      engine,
      () => groupStable(engine, 'g', 2)() && c1.group()!.generationId === 3,
    )
    const revokedFromC1 = events.flatMap((e) =>
      e.type === 'partitionsRevoked' && e.consumer === 'consumer-1' ? e.partitions : [],
    )
    expect(revokedFromC1).toHaveLength(2)
    const kept = assignmentOf(engine, 'g', 'consumer-1')!
    expect(kept).toHaveLength(2)
    expect(kept.some((p) => revokedFromC1.includes(p))).toBe(false)
  })
})

describe('static membership (KIP-345)', () => {
  it('a static member restarting within the session timeout gets its partitions back, no rebalance', () => {
    const engine = engineWithTopic({ partitions: 2 })
    join(engine, 'g', { 'group.instance.id': 'a' })
    const c2 = join(engine, 'g', { 'group.instance.id': 'b' })
    advanceUntil(engine, groupStable(engine, 'g', 2))
    const before = group(engine, 'g')!
    c2.close() // a static member sends no LeaveGroup
    engine.advanceBy(10_000)
    expect(group(engine, 'g')!.state).toBe('Stable')
    c2.restart()
    const events = eventsUntil(engine, () => c2.view()!.memberState === 'STABLE')
    expect(events.some((e) => e.type === 'groupStateChanged')).toBe(false)
    expect(group(engine, 'g')!.generationId).toBe(before.generationId)
    expect(assignmentOf(engine, 'g', 'consumer-2')).toEqual(['t-1'])
  })

  it('a static member away longer than session.timeout.ms is removed and the group rebalances', () => {
    const engine = engineWithTopic({ partitions: 2 })
    join(engine, 'g', { 'group.instance.id': 'a' })
    const c2 = join(engine, 'g', { 'group.instance.id': 'b' })
    advanceUntil(engine, groupStable(engine, 'g', 2))
    c2.crash()
    const events = eventsUntil(engine, groupStable(engine, 'g', 1))
    expect(events.find((e) => e.type === 'memberRemoved')).toMatchObject({
      reason: 'sessionTimeout',
    })
    expect(assignmentOf(engine, 'g', 'consumer-1')).toEqual(['t-0', 't-1'])
  })
})

describe('coordinator', () => {
  it('is the leader of __consumer_offsets partition abs(hashCode) % 50, and moves when its broker dies', () => {
    const engine = engineWithTopic({ records: 100 })
    const c = join(engine, 'my-group', { 'enable.auto.commit': false, 'max.poll.records': 10 })
    advanceUntil(engine, () => (c.view()?.partitions[0]?.buffered ?? 0) > 0)
    const before = group(engine, 'my-group')!
    expect(before.offsetsPartition).toBe(12)
    c.poll()
    c.commitSync()
    engine.advanceBy(20)
    engine.crashBroker(before.coordinatorId)
    advanceUntil(
      engine,
      () => {
        const v = c.view()!
        return (
          v.coordinatorId !== null &&
          v.coordinatorId !== before.coordinatorId &&
          v.memberState === 'STABLE'
        )
      },
      60_000,
    )
    engine.advanceBy(5000)
    const after = group(engine, 'my-group')!
    expect(after.coordinatorId).not.toBe(before.coordinatorId)
    expect(after.generationId).toBe(before.generationId)
    expect(after.partitions[0]!.committedOffset).toBe(10)
    c.poll()
    expect(c.view()!.stats.recent.at(-1)!.fromOffset).toBe(10)
  })
})

describe('configs and errors', () => {
  it('an invalid config is refused with a Kafka-style error and nothing changes', () => {
    const engine = engineWithTopic()
    const bad = engine.consumer({ groupId: 'g', configs: { 'max.poll.records': 0 } })
    expect(bad.created.ok ? null : bad.created.error.error).toBe('ConfigException')
    expect(bad.created.ok ? '' : bad.created.error.message).toContain('max.poll.records')
    const typo = engine.consumer({ groupId: 'g', 'max.poll.recordz': 5 })
    expect(typo.created.ok).toBe(false)
    expect(engine.view().consumerGroups.consumers).toEqual([])
    expect(engine.timeline.commands()).toHaveLength(0)
  })

  it('a session timeout outside the broker bounds is answered INVALID_SESSION_TIMEOUT', () => {
    const engine = engineWithTopic()
    const c = join(engine, 'g', { 'session.timeout.ms': 3000, 'heartbeat.interval.ms': 1000 })
    advanceUntil(engine, () => c.view()!.error !== null)
    expect(c.view()!.error).toBe('INVALID_SESSION_TIMEOUT')
  })

  it('a commit during an eager rebalance is refused before it is sent', () => {
    const engine = engineWithTopic({ partitions: 2 })
    const c1 = join(engine, 'g', { 'enable.auto.commit': false })
    advanceUntil(engine, groupStable(engine, 'g', 1))
    join(engine, 'g')
    advanceUntil(engine, () => c1.view()!.memberState === 'PREPARING_REBALANCE', 20_000, 1)
    const result = c1.commitSync([{ topic: 't', partition: 0, offset: 0 }])
    expect(result.ok ? null : result.error.error).toBe('REBALANCE_IN_PROGRESS')
  })
})

describe('crash points', () => {
  function crashAt(when: 'beforeCommit' | 'afterCommit') {
    const engine = engineWithTopic({ records: 200 })
    const c = join(engine, 'g', { 'enable.auto.commit': false, 'max.poll.records': 100 })
    c.crash({ when })
    c.run({ processingMs: 1, commit: 'afterProcessing' })
    advanceUntil(engine, () => c.view()!.status === 'crashed')
    const processedBeforeCrash = c.view()!.stats.processedCount
    c.restart()
    advanceUntil(engine, () => c.view()!.partitions[0]?.position === 200, 120_000)
    engine.advanceBy(1000)
    return { processedBeforeCrash, t0: group(engine, 'g')!.partitions[0]! }
  }

  it('beforeCommit: the batch was processed but its commit never sent, so it is processed again', () => {
    const { processedBeforeCrash, t0 } = crashAt('beforeCommit')
    expect(processedBeforeCrash).toBe(100)
    expect(t0.duplicateCount).toBe(100)
  })

  it('afterCommit: the commit was answered before the crash, so nothing is processed twice', () => {
    const { processedBeforeCrash, t0 } = crashAt('afterCommit')
    expect(processedBeforeCrash).toBe(100)
    expect(t0.duplicateCount).toBe(0)
    expect(t0.committedOffset).toBe(200)
  })
})

describe('lesson helpers on real topics', () => {
  it('an idempotent consumer skips redelivered records by message id', () => {
    const engine = engineWithTopic({ records: 100 })
    const c = join(engine, 'g', { 'enable.auto.commit': false, 'max.poll.records': 100 })
    c.crash({ afterRecords: 50 })
    c.run({ processingMs: 10, commit: 'afterProcessing', dedupe: true })
    advanceUntil(engine, () => c.view()!.status === 'crashed')
    c.restart()
    advanceUntil(engine, () => c.view()!.partitions[0]?.position === 100, 120_000)
    engine.advanceBy(1000)
    expect(c.view()!.stats.duplicatesSkipped).toBe(50)
    const t0 = group(engine, 'g')!.partitions[0]!
    expect(t0.duplicateCount).toBe(0)
    expect(t0.processedRanges).toEqual([[0, 100]])
    expect(group(engine, 'g')!.dedupeStoreSize).toBe(100)
  })

  it('retry topics with growing delays end in a dead-letter topic', () => {
    const engine = engineWithTopic({
      topics: ['orders', 'orders-retry-1', 'orders-retry-2', 'orders-dlq'],
    })
    engine.produce({
      topic: 'orders',
      acks: 'all',
      records: [
        { key: 'o1', value: 'ok' },
        { key: 'o2', value: 'poison' },
        { key: 'o3', value: 'ok' },
      ],
    })
    const stage = (groupId: string, topic: string, nextTopic: string | null, delayMs: number) => {
      const c = join(engine, groupId, {}, [topic])
      c.run({
        processingMs: 5,
        ...(nextTopic ? { retry: { failMarker: 'poison', nextTopic, delayMs } } : {}),
      })
      return c
    }
    const main = stage('orders', 'orders', 'orders-retry-1', 0)
    const retry1 = stage('orders-retry-1', 'orders-retry-1', 'orders-retry-2', 1000)
    const retry2 = stage('orders-retry-2', 'orders-retry-2', 'orders-dlq', 5000)
    const dlq = stage('orders-dlq', 'orders-dlq', null, 0)
    const events = eventsUntil(engine, () => dlq.view()!.stats.processedCount === 1, 60_000)
    expect(main.view()!.stats.processedCount).toBe(3)
    expect(main.view()!.stats.forwardedCount).toBe(1)
    expect(retry1.view()!.stats.forwardedCount).toBe(1)
    expect(retry2.view()!.stats.forwardedCount).toBe(1)
    const appendedAt = (topic: string) =>
      events.find((e) => e.type === 'recordsAppended' && e.topic === topic && e.role === 'leader')!
        .atMs
    expect(appendedAt('orders-retry-2') - appendedAt('orders-retry-1')).toBeGreaterThanOrEqual(1000)
    expect(appendedAt('orders-dlq') - appendedAt('orders-retry-2')).toBeGreaterThanOrEqual(5000)
  })
})

describe('time travel', () => {
  it('seeking back and forward reproduces the groups exactly', () => {
    const engine = engineWithTopic({ partitions: 2, records: 200 })
    const c1 = join(engine, 'g')
    c1.run({ processingMs: 5 })
    advanceUntil(engine, groupStable(engine, 'g', 1))
    join(engine, 'g').run({ processingMs: 5 })
    engine.advanceBy(20_000)
    const end = engine.nowMs()
    const view = JSON.stringify(engine.view().consumerGroups)
    engine.seek(end - 15_000)
    engine.seek(end)
    expect(JSON.stringify(engine.view().consumerGroups)).toBe(view)
  })
})
