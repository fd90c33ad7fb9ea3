/**
 * Goal: replication behaves as KAFKA_SPEC §2 says, checked on SCENARIOS.md's R scenarios with
 * their exact values: HW propagation one round trip late, min.insync.replicas before the append
 * and as a gate on the HW, ISR shrink by lag, acks=1 losing acknowledged data on failover,
 * KIP-101 leader-epoch truncation vs the legacy HW truncation, unclean election, acks=0.
 * Method: the headless engine on C3 with 1 ms links; followers are paused and stepped one fetch
 * at a time where the scenario counts fetches. Invariants are checked after every timer.
 */
import { describe, expect, test } from 'vitest'
import { debug } from '../advanceTo'
import {
  c3,
  consume,
  hw,
  isr,
  leader,
  leaderEpoch,
  leo,
  produce,
  startCluster,
  values,
} from './testing'

debug.checkInvariants = true

describe('R-1 HW propagation trace (acks=all)', () => {
  test('leader and follower LEO/HW after each fetch, acks and consumer visibility', () => {
    const e = startCluster(c3({ brokerConfigs: { 'min.insync.replicas': 2 } }), 1)
    e.pauseFetcher(2)
    e.pauseFetcher(3)
    e.advanceTo(100)
    const known = (b: number) => e.replica(1, 't')!.followersById[b]!.logEndOffset
    const step = (b: number, waitMs = 5) => {
      e.stepFetcher(b)
      e.advanceBy(waitMs)
    }
    // 0: consumer fetch(0) is empty
    expect(consume(e, 0)).toMatchObject({ offsets: [], error: null })
    // 1: produce A = [a0, a1, a2]
    const a = e.timeline.state().nextRequestId
    e.produce({ topic: 't', records: values('a0', 'a1', 'a2'), acks: -1 })
    e.advanceBy(5)
    expect([leo(e, 1), hw(e, 1)]).toEqual([3, 0])
    // 2: F2 fetch(0) → a0..a2, response HW 0
    step(2)
    expect([leo(e, 2), hw(e, 2), known(2), hw(e, 1)]).toEqual([3, 0, 0, 0])
    // 3: F3 fetch(0)
    step(3)
    expect([leo(e, 3), hw(e, 3), known(3), hw(e, 1)]).toEqual([3, 0, 0, 0])
    // 4: produce B = [b0, b1]
    const b = e.timeline.state().nextRequestId
    e.produce({ topic: 't', records: values('b0', 'b1'), acks: -1 })
    e.advanceBy(5)
    expect([leo(e, 1), hw(e, 1)]).toEqual([5, 0])
    // 5: F2 fetch(3) → b0, b1, response HW 0
    step(2)
    expect([leo(e, 2), hw(e, 2), known(2), known(3), hw(e, 1)]).toEqual([5, 0, 3, 0, 0])
    // 6: F3 fetch(3) → leader HW 3, A acked at base offset 0, consumer sees 0–2
    step(3)
    expect([leo(e, 3), hw(e, 3), known(3), hw(e, 1)]).toEqual([5, 0, 3, 3])
    expect(e.clientResults().find((r) => r.requestId === a)).toMatchObject({
      error: null,
      baseOffset: 0,
    })
    expect(e.clientResults().find((r) => r.requestId === b)).toBeUndefined()
    expect(consume(e, 0).offsets).toEqual([0, 1, 2])
    // 7: F2 fetch(5) finds no data; its long-poll completes (before #8) carrying HW 3
    step(2, 600)
    expect([known(2), hw(e, 1), hw(e, 2)]).toEqual([5, 3, 3])
    // 8: F3 fetch(5) → leader HW 5, B acked at base offset 3; F3 learns HW 5 when its poll completes
    step(3, 600)
    expect([known(3), hw(e, 1), hw(e, 3)]).toEqual([5, 5, 5])
    expect(e.clientResults().find((r) => r.requestId === b)).toMatchObject({
      error: null,
      baseOffset: 3,
    })
    expect(consume(e, 3).offsets).toEqual([3, 4])
    // 9: F2's next fetch(5) completes with HW 5
    step(2, 600)
    expect(hw(e, 2)).toBe(5)
  })
})

describe('R-2 min.insync.replicas', () => {
  const setup = (legacyHw = false) => {
    const e = startCluster(
      c3({
        brokerConfigs: { 'min.insync.replicas': 2 },
        ...(legacyHw ? { legacy: { minIsrGatesHighWatermark: false } } : {}),
      }),
    )
    produce(
      e,
      Array.from({ length: 10 }, (_, i) => `v${i}`),
      -1,
      1000,
    )
    expect([1, 2, 3].map((b) => [leo(e, b), hw(e, b)])).toEqual([
      [10, 10],
      [10, 10],
      [10, 10],
    ])
    e.crashBroker(2)
    e.crashBroker(3)
    e.advanceBy(10_000) // both fenced after broker.session.timeout.ms
    expect(isr(e)).toEqual([1])
    expect([leader(e), leaderEpoch(e)]).toEqual([1, 0])
    return e
  }

  test('acks=all is refused before the append; acks=1 appends but the HW stays (strict min ISR)', () => {
    const e = setup()
    expect(produce(e, ['x'], -1)).toMatchObject({
      error: { error: 'NOT_ENOUGH_REPLICAS', code: 19 },
    })
    expect(leo(e, 1)).toBe(10)
    expect(produce(e, ['y'], 1)).toMatchObject({ error: null, baseOffset: 10 })
    expect([leo(e, 1), hw(e, 1)]).toEqual([11, 10])
    expect(consume(e, 10).offsets).toEqual([])
    expect(produce(e, ['z'], 0)).toMatchObject({ error: null, baseOffset: -1 })
    expect([leo(e, 1), hw(e, 1)]).toEqual([12, 10])
    // 5: broker 2 restarts, fetch(10) rejoins the ISR; HW still 10 until it fetches at 12
    e.pauseFetcher(1) // keep broker 1 from fetching anything; it leads
    e.restartBroker(2)
    e.advanceBy(50)
    expect(isr(e)).toEqual([1, 2])
    e.advanceBy(1000)
    expect([leo(e, 2), hw(e, 1)]).toEqual([12, 12])
    expect(consume(e, 10).values).toEqual(['y', 'z'])
    // 7: acks=all is accepted again and acknowledged once broker 2 has it
    expect(produce(e, ['w'], -1, 50)).toMatchObject({ error: null, baseOffset: 12 })
    expect(hw(e, 1)).toBe(13)
  })

  test('[≤3.6] without the strict rule the HW follows the leader and consumers see y', () => {
    const e = setup(true)
    produce(e, ['y'], 1)
    expect([leo(e, 1), hw(e, 1)]).toEqual([11, 11])
    expect(consume(e, 10).values).toEqual(['y'])
  })
})

describe('R-4 ISR shrink by lag', () => {
  test('a hung fetcher leaves the ISR at the 45 s check (not at 15 s or 30 s), and the HW jumps', () => {
    const e = startCluster(c3(), 1)
    e.pauseFetcher(3) // hangs from the start; broker 3 keeps heartbeating and is never fenced
    let waitingAllAcks: number | null = null
    for (let t = 1000; t <= 44_000; t += 1000) {
      e.advanceTo(t)
      produce(e, [`r${t}`], 1, 0)
      if (t === 5000) {
        waitingAllAcks = e.timeline.state().nextRequestId
        e.produce({ topic: 't', records: values('all'), acks: -1 })
      }
    }
    e.advanceTo(44_999)
    expect(isr(e)).toEqual([1, 2, 3]) // 30000 ≤ 30000 at the 30 s check: still in sync
    expect(hw(e, 1)).toBe(0) // stuck at broker 3's LEO from t = 0
    expect(e.timeline.state().brokersById[3]!.process).toBe('running')
    // The acks=all request sent at 5 s waited in vain and timed out after request.timeout.ms.
    expect(e.clientResults().find((r) => r.requestId === waitingAllAcks)).toMatchObject({
      error: { error: 'REQUEST_TIMED_OUT', code: 7 },
      baseOffset: 5,
    }) // after r1000..r5000
    e.advanceTo(45_010)
    expect(isr(e)).toEqual([1, 2])
    expect(leaderEpoch(e)).toBe(0) // an ISR shrink does not bump the leader epoch
    expect(hw(e, 1)).toBe(Math.min(leo(e, 1), e.replica(1, 't')!.followersById[2]!.logEndOffset))
    expect(hw(e, 1)).toBeGreaterThanOrEqual(44)
  })
})

describe('R-7 acks=1 loses acknowledged data on failover', () => {
  test('p5–p7 are acked, never visible, and truncated away by leader epochs', () => {
    const e = startCluster(c3({ brokerConfigs: { 'min.insync.replicas': 1 } }))
    produce(e, ['m0', 'm1', 'm2', 'm3', 'm4'], -1, 1000)
    expect([hw(e, 1), hw(e, 2), hw(e, 3)]).toEqual([5, 5, 5])
    e.cutLink('broker-1', 'broker-2')
    e.cutLink('broker-1', 'broker-3')
    const acked = ['p5', 'p6', 'p7'].map((v) => produce(e, [v], 1))
    expect(acked.map((r) => [r.error, r.baseOffset])).toEqual([
      [null, 5],
      [null, 6],
      [null, 7],
    ])
    expect([leo(e, 1), hw(e, 1)]).toEqual([8, 5])
    expect(consume(e, 5).offsets).toEqual([])
    e.crashBroker(1) // within 30 s: the ISR is still {1,2,3}
    e.advanceBy(10_000)
    expect([leader(e), leaderEpoch(e), isr(e)]).toEqual([2, 1, [2, 3]])
    expect(e.replica(2, 't')!.log.leaderEpochCache).toEqual([
      { epoch: 0, startOffset: 0 },
      { epoch: 1, startOffset: 5 },
    ])
    expect(produce(e, ['q'], 1)).toMatchObject({ error: null, baseOffset: 5 })
    e.healNetwork()
    e.restartBroker(1)
    const events = e.advanceBy(3000)
    expect(events.filter((x) => x.type === 'logTruncated')).toEqual([
      expect.objectContaining({ brokerId: 1, logEndOffset: 5, reason: 'divergingEpoch' }),
    ])
    for (const b of [1, 2, 3]) {
      e.consumerFetch({ topic: 't', fetchOffset: 0, brokerId: leader(e) })
      e.advanceBy(600)
      expect(leo(e, b)).toBe(6)
    }
    expect(consume(e, 0).values).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'q'])
  })
})

describe('R-9 KIP-101 scenario 1', () => {
  const run = (legacy: boolean) => {
    const e = startCluster({
      brokers: 2,
      network: { latencyMsMin: 1, latencyMsMax: 1, lossPerMille: 0 },
      brokerConfigs: { 'min.insync.replicas': 1 },
      topics: [{ name: 't', partitions: 1, replicationFactor: 2, replicas: [[1, 2]] }],
      ...(legacy ? { legacy: { highWatermarkTruncation: true } } : {}),
    })
    produce(e, ['m1'], -1, 6000) // both hold m1, HW 1 everywhere and checkpointed
    expect([hw(e, 1), hw(e, 2)]).toEqual([1, 1])
    e.pauseFetcher(2) // A = broker 2 fetches step by step from B = broker 1
    e.advanceBy(600)
    const m2 = e.timeline.state().nextRequestId
    e.produce({ topic: 't', records: values('m2'), acks: -1 })
    e.advanceBy(5)
    e.stepFetcher(2) // A fetch(1) gets m2
    e.advanceBy(5)
    expect([leo(e, 2), hw(e, 2)]).toEqual([2, 1])
    e.stepFetcher(2) // A fetch(2): B's HW becomes 2, m2 acked; A has not learned HW 2
    e.advanceBy(5)
    expect(hw(e, 1)).toBe(2)
    expect(e.clientResults().find((r) => r.requestId === m2)).toMatchObject({
      error: null,
      baseOffset: 1,
    })
    // A restarts before it learns HW 2 (its checkpointed HW is 1), and B dies before A fetches.
    e.crashBroker(2)
    e.restartBroker(2)
    e.crashBroker(1)
    e.advanceBy(12_000)
    expect([leader(e), leaderEpoch(e)]).toEqual([2, 1])
    return consume(e, 0)
  }

  test('with leader epochs A keeps m2 and leads with [m1, m2]', () => {
    expect(run(false).values).toEqual(['m1', 'm2'])
  })

  test('[≤0.10.2] truncating to the HW on restart loses the acknowledged m2', () => {
    expect(run(true).values).toEqual(['m1'])
  })
})

describe('R-11 unclean leader election', () => {
  const lagging = (unclean: boolean) => {
    const e = startCluster(
      c3({
        brokerConfigs: { 'min.insync.replicas': 1, 'unclean.leader.election.enable': unclean },
      }),
    )
    produce(
      e,
      Array.from({ length: 90 }, (_, i) => `a${i}`),
      1,
      1000,
    )
    e.pauseFetcher(2)
    e.advanceBy(600) // its parked fetch completes empty
    produce(
      e,
      Array.from({ length: 5 }, (_, i) => `b${i}`),
      1,
      1000,
    )
    e.pauseFetcher(3)
    e.advanceBy(600)
    produce(
      e,
      Array.from({ length: 5 }, (_, i) => `c${i}`),
      1,
      1000,
    )
    e.advanceBy(60_000) // both lag > replica.lag.time.max.ms: ISR {1}
    expect([leo(e, 1), hw(e, 1), leo(e, 2), leo(e, 3), isr(e)]).toEqual([100, 100, 90, 95, [1]])
    e.crashBroker(1)
    e.advanceBy(10_000)
    return e
  }

  test('disabled (default): no leader, ISR stays [1]; broker 1 returns with all 100 records', () => {
    const e = lagging(false)
    expect([leader(e), isr(e)]).toEqual([-1, [1]])
    expect(produce(e, ['x'], -1)).toMatchObject({ error: { error: 'LEADER_NOT_AVAILABLE' } })
    e.restartBroker(1)
    e.advanceBy(3000)
    expect([leader(e), leaderEpoch(e), leo(e, 1)]).toEqual([1, 2, 100])
  })

  test('enabled: broker 2 (first alive, not the most up to date) leads; 90–99 are lost', () => {
    const e = lagging(true)
    const registration = e.timeline.state().controller.partitionsByKey['t-0']!
    expect([registration.leader, registration.isr, registration.leaderRecoveryState]).toEqual([
      2,
      [2],
      'RECOVERING',
    ])
    e.resumeFetcher(3)
    e.advanceBy(2000)
    expect(leo(e, 3)).toBe(90)
    expect(produce(e, ['new'], 1)).toMatchObject({ error: null, baseOffset: 90 })
    e.restartBroker(1)
    e.advanceBy(3000)
    expect([leo(e, 1), leo(e, 2), leo(e, 3)]).toEqual([91, 91, 91])
  })
})

describe('R-13 acks=0', () => {
  test('success with offset −1, even when the broker refuses a too-large record', () => {
    const e = startCluster(c3())
    expect(produce(e, ['small'], 0)).toMatchObject({ error: null, baseOffset: -1 })
    expect(leo(e, 1)).toBe(1)
    expect(produce(e, ['x'.repeat(2_000_000)], 0)).toMatchObject({ error: null, baseOffset: -1 })
    e.advanceBy(1000)
    expect(leo(e, 1)).toBe(1)
    expect(e.clientResults().filter((r) => r.error !== null)).toEqual([])
  })

  test('acks outside -1, 0, 1 get INVALID_REQUIRED_ACKS from the broker', () => {
    const e = startCluster(c3())
    expect(produce(e, ['v'], 2)).toMatchObject({
      error: { error: 'INVALID_REQUIRED_ACKS', code: 21 },
    })
  })
})

describe('R-8 acks=all + idempotence across failover', () => {
  test('the retried batch is appended once by the new leader; broker 1 truncates its copy', () => {
    const e = startCluster(c3({ brokerConfigs: { 'min.insync.replicas': 2 } }))
    const pid = { producerId: 1000, producerEpoch: 0 }
    for (let seq = 0; seq < 5; seq++) {
      e.produce({ topic: 't', records: values(`p${seq}`), acks: -1, ...pid, baseSequence: seq })
      e.advanceBy(20)
    }
    e.advanceBy(1000)
    expect([hw(e, 1), hw(e, 2), hw(e, 3)]).toEqual([5, 5, 5])
    e.pauseFetcher(2)
    e.pauseFetcher(3)
    e.advanceBy(600)
    e.produce({ topic: 't', records: values('p5'), acks: -1, ...pid, baseSequence: 5 })
    e.advanceBy(10)
    expect([leo(e, 1), hw(e, 1)]).toEqual([6, 5]) // appended, not acked
    e.crashBroker(1)
    e.resumeFetcher(2)
    e.resumeFetcher(3)
    e.advanceBy(10_000)
    expect([leader(e), leaderEpoch(e)]).toEqual([2, 1])
    // The producer retries the same batch (same producerId/epoch/sequence 5) to the new leader.
    e.produce({ topic: 't', records: values('p5'), acks: -1, ...pid, baseSequence: 5 })
    e.advanceBy(50)
    e.produce({ topic: 't', records: values('p5'), acks: -1, ...pid, baseSequence: 5 }) // and once more
    e.advanceBy(50)
    expect(
      e
        .clientResults()
        .slice(-2)
        .map((r) => [r.error, r.baseOffset]),
    ).toEqual([
      [null, 5],
      [null, 5],
    ])
    e.restartBroker(1)
    e.advanceBy(3000)
    expect([leo(e, 1), leo(e, 2), leo(e, 3)]).toEqual([6, 6, 6])
    expect(consume(e, 0).values).toEqual(['p0', 'p1', 'p2', 'p3', 'p4', 'p5'])
  })

  test('broker-side dedupe (P-4) and sequence gaps (P-5)', () => {
    const e = startCluster(c3({ brokerConfigs: { 'min.insync.replicas': 2 } }))
    const send = (value: string, baseSequence: number) => {
      e.produce({
        topic: 't',
        records: values(value),
        acks: -1,
        producerId: 7,
        producerEpoch: 0,
        baseSequence,
      })
      e.advanceBy(50)
      return e.clientResults()[e.clientResults().length - 1]!
    }
    expect(send('m1', 0)).toMatchObject({ error: null, baseOffset: 0 })
    expect(send('m1', 0)).toMatchObject({ error: null, baseOffset: 0 }) // retry: not appended again
    expect(leo(e, 1)).toBe(1)
    expect(send('m3', 2)).toMatchObject({
      error: { error: 'OUT_OF_ORDER_SEQUENCE_NUMBER', code: 45 },
    })
    expect(send('m2', 1)).toMatchObject({ error: null, baseOffset: 1 })
    e.produce({
      topic: 't',
      records: values('old'),
      acks: -1,
      producerId: 7,
      producerEpoch: 0,
      baseSequence: 2,
    })
    e.advanceBy(50)
    e.produce({
      topic: 't',
      records: values('new'),
      acks: -1,
      producerId: 7,
      producerEpoch: 1,
      baseSequence: 0,
    })
    e.advanceBy(50)
    e.produce({
      topic: 't',
      records: values('zombie'),
      acks: -1,
      producerId: 7,
      producerEpoch: 0,
      baseSequence: 3,
    })
    e.advanceBy(50)
    expect(
      e
        .clientResults()
        .slice(-3)
        .map((r) => r.error?.error ?? null),
    ).toEqual([null, null, 'INVALID_PRODUCER_EPOCH'])
  })
})

describe('R-6 ISR expansion conditions', () => {
  test('(a) a follower rejoins once its LEO reaches the HW, not the leader LEO', () => {
    const e = startCluster(c3({ brokerConfigs: { 'replica.fetch.max.bytes': 1 } })) // one batch per fetch
    const batches = (from: number, count: number) => {
      for (let i = from; i < from + count; i++) produce(e, [`v${i}`], 1, 2)
    }
    batches(0, 50)
    e.advanceBy(1000)
    e.pauseFetcher(3)
    e.advanceBy(600)
    batches(50, 30)
    e.advanceBy(46_000) // broker 3 lags for more than replica.lag.time.max.ms
    expect(isr(e)).toEqual([1, 2])
    e.pauseFetcher(2)
    e.advanceBy(600)
    batches(80, 20)
    expect([leo(e, 1), hw(e, 1), leo(e, 2), leo(e, 3)]).toEqual([100, 80, 80, 50])
    for (let offset = 50; offset < 80; offset++) {
      expect(leo(e, 3)).toBe(offset)
      e.stepFetcher(3) // fetch(offset) → one batch, no ISR change (offset < HW 80)
      e.advanceBy(5)
      expect(isr(e)).toEqual([1, 2])
    }
    e.stepFetcher(3) // fetch(80): 80 ≥ HW 80 although 80 < LEO 100
    e.advanceBy(5)
    expect(isr(e)).toEqual([1, 2, 3])
  })

  test('(b) a follower rejoins only once it also reaches the new epoch start offset', () => {
    // Leadership moves to broker 2 by a preferred-leader election, so broker 1 stays in the ISR
    // without having fetched from broker 2. The replicas are [2,1,3] for that, and broker 1 leads
    // first after broker 2 restarts: the epochs are one higher than in the text (1 → 2).
    const e = startCluster(
      c3({
        brokerConfigs: { 'replica.fetch.max.bytes': 1, 'auto.leader.rebalance.enable': false },
        topics: [{ name: 't', partitions: 1, replicationFactor: 3, replicas: [[2, 1, 3]] }],
      }),
    )
    e.crashBroker(2)
    e.advanceBy(12_000)
    e.restartBroker(2)
    e.advanceBy(5_000)
    expect([leader(e), leaderEpoch(e), isr(e)]).toEqual([1, 1, [2, 1, 3]])
    const batch = (from: number) => Array.from({ length: 5 }, (_, i) => `v${from + i}`)
    for (let offset = 0; offset < 110; offset += 5) produce(e, batch(offset), 1)
    e.advanceBy(1_000)
    expect([hw(e, 1), hw(e, 2), hw(e, 3)]).toEqual([110, 110, 110])
    e.pauseFetcher(2)
    produce(e, batch(110), 1) // only broker 3 fetches it: LEO 115
    expect([leo(e, 3), hw(e, 1)]).toEqual([115, 110])
    e.crashBroker(3) // fenced and out of the ISR; its log keeps offsets 0–114
    e.advanceBy(12_000)
    expect(isr(e)).toEqual([2, 1])
    produce(e, batch(115), 1) // leader LEO 120
    e.stepFetcher(2) // fetch(110) → 110–114, HW 110
    e.advanceBy(5)
    e.stepFetcher(2) // fetch(115) → 115–119 with the HW snapshot 110
    e.advanceBy(5)
    expect([leo(e, 2), hw(e, 2)]).toEqual([120, 110])
    e.pauseFetcher(1) // broker 1 will not fetch from the new leader
    e.dispatch({ type: 'electPreferredLeaders' })
    e.advanceBy(20)
    const epochStart = (b: number) =>
      e.replica(b, 't')!.log.leaderEpochCache.find((entry) => entry.epoch === leaderEpoch(e))
    expect([leader(e), leaderEpoch(e), isr(e)]).toEqual([2, 2, [2, 1]])
    expect([leo(e, 2), hw(e, 2), epochStart(2)?.startOffset]).toEqual([120, 110, 120])
    e.restartBroker(3)
    e.pauseFetcher(3)
    e.advanceBy(2_000)
    expect(leo(e, 3)).toBe(115)
    e.stepFetcher(3) // fetch(115): 115 ≥ HW 110 but < 120, the start of epoch 2 → not added
    e.advanceBy(5)
    expect([leo(e, 3), isr(e)]).toEqual([120, [2, 1]])
    e.stepFetcher(3) // fetch(120) → added
    e.advanceBy(5)
    expect(isr(e)).toEqual([2, 1, 3])
  })
})
