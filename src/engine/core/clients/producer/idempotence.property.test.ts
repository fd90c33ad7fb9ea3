/**
 * Property (KAFKA_SPEC §3.4): with idempotence on, retries after lost responses, refused requests
 * and leader failovers never put a record twice into a partition nor reorder it; with
 * idempotence off, the same fault runs do produce duplicates (at least for some seeds).
 */
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { debug } from '../../advanceTo'
import { createEngine } from '../../../headless'
import { c3 } from '../../replication/testing'
import { readAll } from './testing'

type Fault =
  | { kind: 'dropResponses'; count: number }
  | { kind: 'refuse'; count: number }
  | { kind: 'failover' }
  | { kind: 'none' }

const arbFault: fc.Arbitrary<Fault> = fc.oneof(
  fc.record({ kind: fc.constant('dropResponses' as const), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('refuse' as const), count: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('failover' as const) }),
  fc.constant({ kind: 'none' as const }),
)

const arbRun = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  latencyMsMax: fc.integer({ min: 1, max: 20 }),
  lossPerMille: fc.constantFrom(0, 0, 5, 20),
  steps: fc.array(fc.record({ fault: arbFault, records: fc.integer({ min: 1, max: 4 }) }), {
    minLength: 4,
    maxLength: 12,
  }),
})

type Run = typeof arbRun extends fc.Arbitrary<infer T> ? T : never

/** Sends numbered records while faults happen; returns what the partition holds at the end. */
function run(input: Run, idempotent: boolean) {
  const engine = createEngine({
    seed: input.seed,
    checkpointIntervalMs: 3_600_000,
    scenario: c3({
      network: {
        latencyMsMin: 1,
        latencyMsMax: input.latencyMsMax,
        lossPerMille: input.lossPerMille,
      },
      brokerConfigs: { 'min.insync.replicas': 2 },
    }),
  })
  engine.advanceTo(100)
  const producer = engine.producer({
    'enable.idempotence': idempotent,
    acks: 'all',
    'request.timeout.ms': 2_000,
    'linger.ms': 2,
  })
  engine.advanceBy(50)
  const leader = () => engine.timeline.state().controller.partitionsByKey['t-0']!.leader
  let next = 0
  let crashed: number | null = null
  const failovers: number[] = []
  for (const step of input.steps) {
    const current = leader()
    if (crashed !== null) {
      engine.restartBroker(crashed)
      crashed = null
    }
    if (current > 0) {
      if (step.fault.kind === 'dropResponses') engine.dropResponses(current, step.fault.count)
      if (step.fault.kind === 'refuse')
        engine.dispatch({
          type: 'failProduceRequests',
          brokerId: current,
          error: 'NOT_LEADER_OR_FOLLOWER',
          count: step.fault.count,
        })
    }
    const messages = Array.from({ length: step.records }, () => ({ value: `v${next++}` }))
    producer.send({ topic: 't', messages })
    engine.advanceBy(5)
    if (step.fault.kind === 'failover' && current > 0) {
      // Down long enough for the controller to fence it (9 s) and elect another leader.
      engine.crashBroker(current, 'process')
      crashed = current
      engine.advanceBy(12_000)
      failovers.push(leader())
    }
    engine.advanceBy(3_000)
  }
  if (crashed !== null) engine.restartBroker(crashed)
  engine.advanceBy(60_000)
  return { values: readAll(engine).values, sent: next, failovers }
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>()
  return values.filter((v) => (seen.has(v) ? true : (seen.add(v), false)))
}

describe('idempotent producer under faults', () => {
  beforeAll(() => {
    debug.checkInvariants = true
  })
  afterAll(() => {
    debug.checkInvariants = false
  })

  test('the fault runs include leader failovers', () => {
    const samples = fc.sample(arbRun, { seed: 20_241_122, numRuns: 20 })
    const failovers = samples.slice(0, 5).flatMap((input) => run(input, true).failovers)
    expect(failovers.length).toBeGreaterThan(0)
  })

  test('never a duplicate or a reordering within the partition (idempotence on)', () => {
    fc.assert(
      fc.property(arbRun, (input) => {
        const { values, sent } = run(input, true)
        expect(duplicates(values)).toEqual([])
        const indexes = values.map((v) => Number(v.slice(1)))
        expect(indexes).toEqual([...indexes].sort((a, b) => a - b))
        // Nothing is lost either: delivery.timeout.ms (120 s) outlasts every fault here.
        expect(values).toHaveLength(sent)
      }),
      { seed: 20_241_122, numRuns: 20 },
    )
  })

  test('with idempotence off the same fault runs show duplicates for some seeds', () => {
    const samples = fc.sample(arbRun, { seed: 20_241_122, numRuns: 12 })
    const withDuplicates = samples.filter(
      (input) => duplicates(run(input, false).values).length > 0,
    )
    expect(withDuplicates.length).toBeGreaterThan(0)
  })
})
