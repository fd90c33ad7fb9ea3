/**
 * SCENARIOS.md "C — Consumer groups and offsets" through the engine's public API: real consumers
 * on the simulated network, the group coordinator on the brokers, and exact observable values.
 */
import { describe, expect, it } from 'vitest'
import type { Engine } from '../../../headless'
import type { SimEvent } from '../../events'
import type { ConsumerHandle } from './consumerApi'
import { advanceUntil, engineWithTopic, eventsUntil, groupStable } from './testing'

function positionOf(c: ConsumerHandle, partitionKey = 't-0'): number | null {
  return c.view()?.partitions.find((p) => p.partitionKey === partitionKey)?.position ?? null
}

function buffered(c: ConsumerHandle): number {
  return c.view()?.partitions.reduce((n, p) => n + p.buffered, 0) ?? 0
}

function polled(events: readonly SimEvent[]): Record<string, [number, number]> {
  const event = events.find((e) => e.type === 'recordsPolled')
  return event?.type === 'recordsPolled' ? event.partitions : {}
}

function committed(c: ConsumerHandle, partitionKey = 't-0'): number | null {
  return c.group()?.partitions.find((p) => p.partitionKey === partitionKey)?.committedOffset ?? null
}

function ledger(engine: Engine, groupId: string, partitionKey = 't-0') {
  const group = engine.view().consumerGroups.groups.find((g) => g.groupId === groupId)
  return group?.partitions.find((p) => p.partitionKey === partitionKey)
}

const manual = (extra: Record<string, string | number | boolean> = {}) => ({
  'enable.auto.commit': false,
  'auto.offset.reset': 'earliest',
  ...extra,
})

describe('C-1 committed offset = next offset', () => {
  it('commitSync({t-0: 10}) after processing 0–9: the restarted consumer starts at 10', () => {
    const engine = engineWithTopic({ records: 20 })
    const c = engine.consumer({ groupId: 'g1', configs: manual({ 'max.poll.records': 10 }) })
    c.subscribe({ topics: ['t'] })
    advanceUntil(engine, () => buffered(c) > 0)
    expect(polled(assertOk(c.poll()))).toEqual({ 't-0': [0, 9] })
    assertOk(c.commitSync([{ topic: 't', partition: 0, offset: 10 }]))
    engine.advanceBy(50)
    expect(committed(c)).toBe(10)
    assertOk(c.close())
    assertOk(c.restart())
    advanceUntil(engine, () => buffered(c) > 0)
    expect(positionOf(c)).toBe(10)
    expect(polled(assertOk(c.poll()))).toEqual({ 't-0': [10, 19] })
  })

  it('committing 9 re-delivers offset 9', () => {
    const engine = engineWithTopic({ records: 20 })
    const c = engine.consumer({ groupId: 'g1', configs: manual({ 'max.poll.records': 10 }) })
    c.subscribe({ topics: ['t'] })
    advanceUntil(engine, () => buffered(c) > 0)
    c.poll()
    c.commitSync([{ topic: 't', partition: 0, offset: 9 }])
    engine.advanceBy(50)
    c.close()
    c.restart()
    advanceUntil(engine, () => buffered(c) > 0)
    expect(polled(assertOk(c.poll()))['t-0']![0]).toBe(9)
    expect(ledger(engine, 'g1')?.duplicateCount).toBe(1)
  })
})

function assertOk(result: ReturnType<ConsumerHandle['poll']>): SimEvent[] {
  if (!result.ok) throw new Error(`${result.error.error}: ${result.error.message}`)
  return result.events
}

describe('C-2 auto-commit timing and duplicates after a crash', () => {
  const configs = {
    'enable.auto.commit': true,
    'auto.commit.interval.ms': 5000,
    'max.poll.records': 100,
    'auto.offset.reset': 'earliest',
  }

  /** C1 is assigned t-0 at T; it polls at T+10 (records arrive), T+2000, T+4000, T+5000. */
  function firstPolls(): {
    engine: Engine
    c1: ConsumerHandle
    assignedAtMs: number
    commits: SimEvent[]
  } {
    const engine = engineWithTopic({ records: 1000 })
    const c1 = engine.consumer({ groupId: 'g2', configs })
    c1.subscribe({ topics: ['t'] })
    let assignedAtMs = -1
    advanceUntil(
      engine,
      () => {
        const events = engine.timeline.state().consumerGroups.consumersByName['consumer-1']!
        if (assignedAtMs < 0 && events.memberState === 'STABLE') assignedAtMs = engine.nowMs()
        return buffered(c1) > 0
      },
      20_000,
      1,
    )
    const commits: SimEvent[] = []
    const pollAt = (ms: number) => {
      for (const e of engine.advanceTo(ms)) if (e.type === 'offsetsCommitted') commits.push(e)
      const events = assertOk(c1.poll())
      commits.push(...events.filter((e) => e.type === 'offsetsCommitted'))
      return polled(events)['t-0']
    }
    expect(pollAt(assignedAtMs + 10)).toEqual([0, 99])
    expect(pollAt(assignedAtMs + 2000)).toEqual([100, 199])
    expect(pollAt(assignedAtMs + 4000)).toEqual([200, 299])
    expect(commits).toEqual([])
    expect(pollAt(assignedAtMs + 5000)).toEqual([300, 399])
    return { engine, c1, assignedAtMs, commits }
  }

  it('the poll at 5000 commits 300 first; after a crash at 6000, C2 starts at 300 (100 duplicates)', () => {
    const { engine, c1, assignedAtMs } = firstPolls()
    engine.advanceTo(assignedAtMs + 5050)
    expect(committed(c1)).toBe(300)
    engine.advanceTo(assignedAtMs + 6000)
    assertOk(c1.crash())
    const c2 = engine.consumer({ groupId: 'g2', configs })
    c2.subscribe({ topics: ['t'] })
    c2.run({ processingMs: 0 })
    const takenOverAt = advanceUntil(
      engine,
      () => (c2.view()?.stats.processedCount ?? 0) > 0,
      120_000,
    )
    // C1's session (45 s from its last heartbeat) had to run out first.
    expect(takenOverAt - (assignedAtMs + 6000)).toBeGreaterThan(40_000)
    expect(c2.view()!.stats.recent[0]!.fromOffset).toBe(300)
    advanceUntil(engine, () => positionOf(c2) === 1000)
    expect(ledger(engine, 'g2')?.duplicateCount).toBe(100)
    expect(c2.view()!.stats.duplicateCount).toBe(100)
  })

  it('a crash at 4500 (before any commit): C2 starts at 0, 300 duplicates', () => {
    const engine = engineWithTopic({ records: 1000 })
    const c1 = engine.consumer({ groupId: 'g2', configs })
    c1.subscribe({ topics: ['t'] })
    advanceUntil(engine, () => buffered(c1) > 0, 20_000, 1)
    const start = engine.nowMs()
    for (const at of [0, 2000, 4000]) {
      engine.advanceTo(start + at)
      c1.poll()
    }
    engine.advanceTo(start + 4500)
    c1.crash()
    const c2 = engine.consumer({ groupId: 'g2', configs })
    c2.subscribe({ topics: ['t'] })
    c2.run({ processingMs: 0 })
    advanceUntil(engine, () => positionOf(c2) === 1000, 120_000)
    expect(c2.view()!.stats.recent[0]!.fromOffset).toBe(0)
    expect(ledger(engine, 'g2')?.duplicateCount).toBe(300)
  })

  it('close() at 6000 commits 400 and leaves: C2 starts at 400 at once, no duplicates', () => {
    const { engine, c1, assignedAtMs } = firstPolls()
    engine.advanceTo(assignedAtMs + 6000)
    const closed = assertOk(c1.close())
    expect(closed.some((e) => e.type === 'consumerStopped')).toBe(true)
    engine.advanceBy(20)
    expect(committed(c1)).toBe(400)
    const c2 = engine.consumer({ groupId: 'g2', configs })
    c2.subscribe({ topics: ['t'] })
    c2.run({ processingMs: 0 })
    const startedAt = advanceUntil(engine, () => (c2.view()?.stats.processedCount ?? 0) > 0)
    // Only the empty group's initial rebalance delay (3 s), no session timeout to wait for.
    expect(startedAt - (assignedAtMs + 6000)).toBeLessThan(4000)
    expect(c2.view()!.stats.recent[0]!.fromOffset).toBe(400)
    advanceUntil(engine, () => positionOf(c2) === 1000)
    expect(ledger(engine, 'g2')?.duplicateCount).toBe(0)
  })
})

describe('C-3 at-least-once vs at-most-once', () => {
  function runAndCrash(commit: 'afterProcessing' | 'beforeProcessing') {
    const engine = engineWithTopic({ records: 200 })
    const c = engine.consumer({ groupId: 'g3', configs: manual({ 'max.poll.records': 100 }) })
    c.subscribe({ topics: ['t'] })
    assertOk(c.crash({ afterRecords: 50 }))
    c.run({ processingMs: 10, commit })
    advanceUntil(engine, () => c.view()?.status === 'crashed')
    expect(c.view()!.stats.processedCount).toBe(50)
    assertOk(c.restart())
    advanceUntil(engine, () => positionOf(c) === 200, 120_000)
    engine.advanceBy(2000)
    return { engine, c }
  }

  it('commit after processing, crash after 0–49: restart from 0, 0–49 processed twice', () => {
    const { engine, c } = runAndCrash('afterProcessing')
    const t0 = ledger(engine, 'g3')!
    expect(t0.duplicateCount).toBe(50)
    expect(t0.processedRanges).toEqual([[0, 200]])
    expect(c.view()!.stats.recent.find((b) => b.incarnation === 2)!.fromOffset).toBe(0)
  })

  it('commit(100) before processing, crash after 0–49: restart from 100, 50–99 never processed', () => {
    const { engine, c } = runAndCrash('beforeProcessing')
    const t0 = ledger(engine, 'g3')!
    expect(t0.duplicateCount).toBe(0)
    expect(t0.processedRanges).toEqual([
      [0, 50],
      [100, 200],
    ])
    expect(c.view()!.stats.recent.find((b) => b.incarnation === 2)!.fromOffset).toBe(100)
  })
})

function assignments(engine: Engine, groupId: string): Record<string, string[]> {
  const group = engine.view().consumerGroups.groups.find((g) => g.groupId === groupId)!
  return Object.fromEntries(group.members.map((m) => [m.node, m.assignment]))
}

function startGroup(
  engine: Engine,
  groupId: string,
  topics: string[],
  members: { configs?: Record<string, string | number | boolean | string[]> }[],
): ConsumerHandle[] {
  return members.map(({ configs }) => {
    const c = engine.consumer({ groupId, configs: { 'auto.offset.reset': 'earliest', ...configs } })
    c.subscribe({ topics })
    return c
  })
}

describe('C-5 range assignor through a real group', () => {
  it('1 topic × 7 partitions, 3 members → [0,1,2], [3,4], [5,6]', () => {
    const engine = engineWithTopic({ partitions: 7 })
    startGroup(engine, 'g5', ['t'], [{}, {}, {}])
    advanceUntil(engine, groupStable(engine, 'g5', 3))
    expect(assignments(engine, 'g5')).toEqual({
      'consumer-1': ['t-0', 't-1', 't-2'],
      'consumer-2': ['t-3', 't-4'],
      'consumer-3': ['t-5', 't-6'],
    })
    expect(engine.view().consumerGroups.groups[0]!.protocolName).toBe('range')
  })

  it('topics t0, t1 × 3 partitions, 2 members → [t0p0,t0p1,t1p0,t1p1], [t0p2,t1p2]', () => {
    const engine = engineWithTopic({ partitions: 3, topics: ['t0', 't1'] })
    startGroup(engine, 'g5', ['t0', 't1'], [{}, {}])
    advanceUntil(engine, groupStable(engine, 'g5', 2))
    expect(assignments(engine, 'g5')).toEqual({
      'consumer-1': ['t0-0', 't0-1', 't1-0', 't1-1'],
      'consumer-2': ['t0-2', 't1-2'],
    })
  })

  it('2 partitions, 3 members → the third is idle', () => {
    const engine = engineWithTopic({ partitions: 2 })
    startGroup(engine, 'g5', ['t'], [{}, {}, {}])
    advanceUntil(engine, groupStable(engine, 'g5', 3))
    expect(assignments(engine, 'g5')).toEqual({
      'consumer-1': ['t-0'],
      'consumer-2': ['t-1'],
      'consumer-3': [],
    })
  })

  it('static members sort by group.instance.id, not member id: "a" [0,1], "b" [2,3]', () => {
    const engine = engineWithTopic({ partitions: 4 })
    // consumer-1 (member id "consumer-g5-1-…") is "b"; consumer-2 ("consumer-g5-2-…") is "a".
    startGroup(
      engine,
      'g5',
      ['t'],
      [{ configs: { 'group.instance.id': 'b' } }, { configs: { 'group.instance.id': 'a' } }],
    )
    advanceUntil(engine, groupStable(engine, 'g5', 2))
    expect(assignments(engine, 'g5')).toEqual({
      'consumer-1': ['t-2', 't-3'],
      'consumer-2': ['t-0', 't-1'],
    })
  })
})

describe('C-7 eager range vs cooperative-sticky when a member joins', () => {
  it('default assignors (range, EAGER): one rebalance, C0 revokes all six, then [0,1,2] / [3,4,5]', () => {
    const engine = engineWithTopic({ partitions: 6, records: 10 })
    const [c0] = startGroup(engine, 'g7', ['t'], [{}])
    c0!.run({ processingMs: 1 })
    advanceUntil(engine, groupStable(engine, 'g7', 1))
    expect(c0!.group()!.generationId).toBe(1)
    expect(c0!.view()!.rebalanceProtocol).toBe('EAGER')
    startGroup(engine, 'g7', ['t'], [{}])[0]!.run({ processingMs: 1 })
    const events = eventsUntil(engine, groupStable(engine, 'g7', 2))
    expect(c0!.group()!.generationId).toBe(2)
    const revoked = events.filter((e) => e.type === 'partitionsRevoked')
    expect(revoked).toHaveLength(1)
    expect(revoked[0]).toMatchObject({
      consumer: 'consumer-1',
      partitions: ['t-0', 't-1', 't-2', 't-3', 't-4', 't-5'],
    })
    expect(assignments(engine, 'g7')).toEqual({
      'consumer-1': ['t-0', 't-1', 't-2'],
      'consumer-2': ['t-3', 't-4', 't-5'],
    })
  })

  it('[CooperativeStickyAssignor]: gen 2 revokes only 3,4,5; gen 3 gives them to C1; C0 keeps 0–2', () => {
    const engine = engineWithTopic({ partitions: 6, records: 10 })
    const cooperative = {
      'partition.assignment.strategy':
        'org.apache.kafka.clients.consumer.CooperativeStickyAssignor',
    }
    const [c0] = startGroup(engine, 'g7', ['t'], [{ configs: cooperative }])
    c0!.run({ processingMs: 1 })
    advanceUntil(engine, groupStable(engine, 'g7', 1))
    expect(c0!.view()!.rebalanceProtocol).toBe('COOPERATIVE')
    startGroup(engine, 'g7', ['t'], [{ configs: cooperative }])[0]!.run({ processingMs: 1 })
    const events = eventsUntil(
      engine,
      () => groupStable(engine, 'g7', 2)() && c0!.group()!.generationId === 3,
    )
    const rebalances = events.filter((e) => e.type === 'groupRebalanced')
    expect(rebalances.map((e) => e.type === 'groupRebalanced' && e.generationId)).toEqual([2, 3])
    const revoked = events.filter((e) => e.type === 'partitionsRevoked')
    expect(revoked).toHaveLength(1)
    expect(revoked[0]).toMatchObject({ consumer: 'consumer-1', partitions: ['t-3', 't-4', 't-5'] })
    const assigned = events.filter(
      (e) => e.type === 'partitionsAssigned' && e.partitions.length > 0,
    )
    expect(assigned).toHaveLength(1)
    expect(assigned[0]).toMatchObject({ consumer: 'consumer-2', partitions: ['t-3', 't-4', 't-5'] })
    expect(assignments(engine, 'g7')).toEqual({
      'consumer-1': ['t-0', 't-1', 't-2'],
      'consumer-2': ['t-3', 't-4', 't-5'],
    })
  })

  it('StickyAssignor (eager), 3 members on t0..t3 × 2: after C1 leaves, all previous ownership stays', () => {
    const engine = engineWithTopic({ partitions: 2, topics: ['t0', 't1', 't2', 't3'] })
    const sticky = { 'partition.assignment.strategy': 'sticky' }
    const members = startGroup(
      engine,
      'g7',
      ['t0', 't1', 't2', 't3'],
      [{ configs: sticky }, { configs: sticky }, { configs: sticky }],
    )
    advanceUntil(engine, groupStable(engine, 'g7', 3))
    const before = assignments(engine, 'g7')
    expect(
      Object.values(before)
        .map((a) => a.length)
        .sort(),
    ).toEqual([2, 3, 3])
    members[1]!.close()
    advanceUntil(engine, groupStable(engine, 'g7', 2))
    const after = assignments(engine, 'g7')
    for (const node of ['consumer-1', 'consumer-3']) {
      expect(after[node]).toEqual(expect.arrayContaining(before[node]!))
    }
    expect([...after['consumer-1']!, ...after['consumer-3']!].sort()).toEqual(
      [...before['consumer-1']!, ...before['consumer-2']!, ...before['consumer-3']!].sort(),
    )
    expect(Math.abs(after['consumer-1']!.length - after['consumer-3']!.length)).toBeLessThanOrEqual(
      1,
    )
  })
})

describe('C-9 auto.offset.reset', () => {
  /** logStartOffset 100, HW = LEO = 250. */
  function truncatedLog(): Engine {
    const engine = engineWithTopic({ records: 250 })
    expect(engine.deleteRecords('t', 0, 100).ok).toBe(true)
    return engine
  }

  it('new group: earliest → first record 100; latest → position 250; none → NoOffsetForPartitionException', () => {
    const engine = truncatedLog()
    const earliest = engine.consumer({ groupId: 'e', configs: manual() })
    const latest = engine.consumer({
      groupId: 'l',
      configs: manual({ 'auto.offset.reset': 'latest' }),
    })
    const none = engine.consumer({ groupId: 'n', configs: manual({ 'auto.offset.reset': 'none' }) })
    for (const c of [earliest, latest, none]) c.subscribe({ topics: ['t'] })
    advanceUntil(
      engine,
      () => buffered(earliest) > 0 && positionOf(latest) !== null && none.view()!.error !== null,
    )
    expect(polled(assertOk(earliest.poll()))['t-0']![0]).toBe(100)
    expect(positionOf(latest)).toBe(250)
    expect(none.view()!.error).toBe('NoOffsetForPartitionException')
    const refused = none.poll()
    expect(refused.ok ? null : refused.error.error).toBe('NoOffsetForPartitionException')
  })

  it('committed 50 is out of range: earliest → 100, latest → 250, none → OffsetOutOfRangeException', () => {
    const engine = truncatedLog()
    const reset = { e: 'earliest', l: 'latest', n: 'none' } as const
    for (const groupId of Object.keys(reset)) {
      const setup = engine.consumer({ groupId, configs: manual() })
      setup.subscribe({ topics: ['t'] })
      advanceUntil(engine, () => setup.view()!.memberState === 'STABLE')
      assertOk(setup.commitSync([{ topic: 't', partition: 0, offset: 50 }]))
      engine.advanceBy(20)
      expect(committed(setup)).toBe(50)
      setup.close()
    }
    const consumers = Object.entries(reset).map(([groupId, policy]) => {
      const c = engine.consumer({ groupId, configs: manual({ 'auto.offset.reset': policy }) })
      c.subscribe({ topics: ['t'] })
      return c
    })
    const [earliest, latest, none] = consumers as [ConsumerHandle, ConsumerHandle, ConsumerHandle]
    advanceUntil(
      engine,
      () => buffered(earliest) > 0 && positionOf(latest) === 250 && none.view()!.error !== null,
    )
    expect(polled(assertOk(earliest.poll()))['t-0']![0]).toBe(100)
    expect(none.view()!.error).toBe('OffsetOutOfRangeException')
  })

  it('read_committed with an open transaction starting at 240: latest = LSO = 240', () => {
    const engine = engineWithTopic({ records: 240 })
    const producer = engine.producer({ 'transactional.id': 'tx-1' })
    const sent = producer.transaction().send({
      topic: 't',
      messages: Array.from({ length: 10 }, (_, i) => ({ value: `open-${i}`, partition: 0 })),
    })
    advanceUntil(engine, () => sent.done())
    advanceUntil(engine, () => engine.replica(1, 't')!.highWatermark === 250)
    const committedReader = engine.consumer({
      groupId: 'rc',
      configs: manual({ 'auto.offset.reset': 'latest', 'isolation.level': 'read_committed' }),
    })
    const uncommittedReader = engine.consumer({
      groupId: 'ru',
      configs: manual({ 'auto.offset.reset': 'latest' }),
    })
    committedReader.subscribe({ topics: ['t'] })
    uncommittedReader.subscribe({ topics: ['t'] })
    advanceUntil(
      engine,
      () => positionOf(committedReader) !== null && positionOf(uncommittedReader) !== null,
    )
    expect(positionOf(committedReader)).toBe(240)
    expect(positionOf(uncommittedReader)).toBe(250)
    // Lag is measured to the LSO for read_committed: nothing more is readable yet.
    expect(committedReader.view()!.partitions[0]!.lag).toBe(0)
  })
})
