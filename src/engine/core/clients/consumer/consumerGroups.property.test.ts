/**
 * Random lives of a consumer group (members joining with eager or cooperative assignors, crashing,
 * closing, restarting, while records arrive): no partition is ever owned by two running consumers
 * at once, committed offsets never pass the high watermark, and once things calm down the group is
 * Stable with every partition owned by exactly one running member.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Engine } from '../../../headless'
import { engineWithTopic } from './testing'

type Op =
  | { kind: 'join'; cooperative: boolean }
  | { kind: 'crash' | 'close' | 'restart'; which: number }
  | { kind: 'produce'; partition: number }
  | { kind: 'advance'; ms: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('join' as const), cooperative: fc.boolean() }),
  fc.record({
    kind: fc.constantFrom('crash' as const, 'close' as const, 'restart' as const),
    which: fc.nat(3),
  }),
  fc.record({ kind: fc.constant('produce' as const), partition: fc.nat(3) }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 20_000 }) }),
)

const PARTITIONS = 4

function checkOwnership(engine: Engine): void {
  const owners = new Map<string, string>()
  for (const c of engine.view().consumerGroups.consumers) {
    if (c.status !== 'running') continue
    for (const p of c.partitions) {
      expect(owners.get(p.partitionKey), `${p.partitionKey} owned twice`).toBeUndefined()
      owners.set(p.partitionKey, c.name)
    }
  }
  for (const g of engine.view().consumerGroups.groups) {
    for (const p of g.partitions) {
      if (p.committedOffset !== null && p.highWatermark !== null)
        expect(p.committedOffset).toBeLessThanOrEqual(p.highWatermark)
    }
  }
}

function apply(engine: Engine, o: Op, cooperativeGroup: boolean): void {
  const names = engine.view().consumerGroups.consumers.map((c) => c.name)
  const handle = (which: number) => names[which % Math.max(1, names.length)]
  switch (o.kind) {
    case 'join': {
      if (names.length >= 4) return
      const c = engine.consumer({
        groupId: 'g',
        configs: {
          'auto.offset.reset': 'earliest',
          'partition.assignment.strategy': cooperativeGroup ? 'cooperative-sticky' : 'range',
        },
      })
      c.subscribe({ topics: ['t'] })
      c.run({ processingMs: 2 })
      return
    }
    case 'crash':
    case 'close':
    case 'restart': {
      const name = handle(o.which)
      if (name === undefined) return
      const type =
        o.kind === 'crash'
          ? 'crashConsumer'
          : o.kind === 'close'
            ? 'closeConsumer'
            : 'restartConsumer'
      engine.dispatch({ type, consumerName: name }) // refused when it does not fit: nothing changes
      return
    }
    case 'produce':
      engine.produce({
        topic: 't',
        partition: o.partition,
        acks: 'all',
        records: Array.from({ length: 20 }, (_, i) => ({ key: `k${i}`, value: 'v' })),
      })
      return
    case 'advance':
      for (let t = 0; t < o.ms; t += 250) {
        engine.advanceBy(Math.min(250, o.ms - t))
        checkOwnership(engine)
      }
  }
}

describe('consumer group lives', () => {
  for (const cooperative of [false, true]) {
    it(`${cooperative ? 'cooperative' : 'eager'}: single ownership, commits ≤ HW, settles Stable`, () => {
      fc.assert(
        fc.property(fc.array(op, { minLength: 5, maxLength: 14 }), (ops) => {
          const engine = engineWithTopic({ partitions: PARTITIONS, records: 30 })
          for (const o of ops) {
            apply(engine, o, cooperative)
            checkOwnership(engine)
          }
          engine.advanceBy(60_000)
          checkOwnership(engine)
          const running = engine
            .view()
            .consumerGroups.consumers.filter((c) => c.status === 'running')
          if (running.length === 0) return
          const group = engine.view().consumerGroups.groups.find((g) => g.groupId === 'g')!
          expect(group.state).toBe('Stable')
          expect(group.members.map((m) => m.node).sort()).toEqual(running.map((c) => c.name).sort())
          const owned = running.flatMap((c) => c.partitions.map((p) => p.partitionKey)).sort()
          expect(owned).toEqual(Array.from({ length: PARTITIONS }, (_, p) => `t-${p}`))
        }),
        { seed: cooperative ? 4242 : 1717, numRuns: 6 },
      )
    })
  }
})
