/**
 * Bad or odd input never crashes the engine: random producer configs (valid or not) and random
 * sequences of producer calls, transaction verbs and broker faults are either applied or refused
 * with a named error, every invariant holds after every timer, and every call ends.
 */
import fc from 'fast-check'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { debug } from '../../advanceTo'
import { createEngine } from '../../../headless'
import { c3 } from '../../replication/testing'

const arbConfigs = fc.dictionary(
  fc.constantFrom(
    'acks',
    'enable.idempotence',
    'linger.ms',
    'batch.size',
    'max.in.flight.requests.per.connection',
    'retries',
    'request.timeout.ms',
    'delivery.timeout.ms',
    'buffer.memory',
    'max.block.ms',
    'compression.type',
    'transactional.id',
    'transaction.timeout.ms',
    'partitioner.ignore.keys',
    'no.such.config',
  ),
  fc.oneof(
    fc.integer({ min: -1, max: 70_000 }),
    fc.constantFrom('all', '1', '0', 'gzip', 'lz4', 'tx', 'x', true, false, null),
  ),
  { maxKeys: 5 },
)

const arbCall = fc.oneof(
  fc.record({
    type: fc.constant('send' as const),
    key: fc.option(fc.constantFrom('', 'a', 'key1', '测试'), { nil: null }),
    size: fc.integer({ min: 0, max: 20_000 }),
    partition: fc.option(fc.integer({ min: -1, max: 3 }), { nil: undefined }),
  }),
  fc.constantFrom(
    { type: 'flush' as const },
    { type: 'closeProducer' as const },
    { type: 'crashProducer' as const },
    { type: 'initTransactions' as const },
    { type: 'beginTransaction' as const },
    { type: 'commitTransaction' as const },
    { type: 'abortTransaction' as const },
    { type: 'createProducer' as const },
  ),
  fc.record({ type: fc.constant('fault' as const), brokerId: fc.integer({ min: 1, max: 3 }) }),
)

beforeAll(() => {
  debug.checkInvariants = true
})
afterAll(() => {
  debug.checkInvariants = false
})

test('random producer configs and calls are applied or refused, never crash', () => {
  fc.assert(
    fc.property(
      fc.array(arbConfigs, { minLength: 1, maxLength: 2 }),
      fc.array(fc.tuple(arbCall, fc.integer({ min: 0, max: 3_000 })), { maxLength: 25 }),
      (configSets, calls) => {
        const engine = createEngine({
          seed: 3,
          checkpointIntervalMs: 3_600_000,
          scenario: c3({ topics: [{ name: 't', partitions: 2, replicationFactor: 3 }] }),
        })
        engine.advanceTo(100)
        let created = 0
        const create = () => {
          const configs = configSets[created % configSets.length]!
          created += 1
          return engine.dispatch({
            type: 'createProducer',
            producerName: `producer-${created}`,
            configs,
          })
        }
        create()
        for (const [call, waitMs] of calls) {
          const producerName = `producer-${Math.max(1, created)}`
          const result =
            call.type === 'createProducer'
              ? create()
              : call.type === 'fault'
                ? engine.crashBroker(call.brokerId)
                : call.type === 'send'
                  ? engine.dispatch({
                      type: 'send',
                      producerName,
                      topic: 't',
                      key: call.key,
                      value: 'v'.repeat(call.size),
                      ...(call.partition !== undefined ? { partition: call.partition } : {}),
                    })
                  : engine.dispatch({ type: call.type, producerName })
          if (!result.ok) expect(result.error.error).toMatch(/^[A-Za-z_]+$/)
          engine.advanceBy(waitMs)
          if (call.type === 'fault') engine.restartBroker(call.brokerId)
        }
        engine.advanceBy(200_000)
        for (const producer of engine.view().producers) {
          if (producer.status !== 'running') continue
          // Every call has returned: blocking calls are bounded by max.block.ms.
          expect(
            producer.pendingCalls.filter((c) => c.kind !== 'flush' && c.kind !== 'close'),
          ).toEqual([])
        }
      },
    ),
    { seed: 4_242, numRuns: 40 },
  )
})
