import { describe, expect, it } from 'vitest'
import { c3, produce, startCluster } from './testing'

/** KAFKA_SPEC §1.5: the broker's retention task deletes whole segments and moves logStartOffset. */
describe('retention task (log.retention.check.interval.ms)', () => {
  const scenario = () =>
    c3(
      { brokerConfigs: { 'log.retention.check.interval.ms': 10_000 } },
      { 'segment.ms': 10_000, 'retention.ms': 30_000 },
    )

  it('deletes segments older than retention.ms on every replica, first pass 30 s after start', () => {
    const engine = startCluster(scenario())
    produce(engine, ['a', 'b'], -1)
    engine.advanceTo(15_000)
    produce(engine, ['c'], -1) // segment.ms passed since the first record: rolls at offset 2
    const starts = () => [1, 2, 3].map((b) => engine.replica(b, 't')!.log.logStartOffset)

    engine.advanceTo(30_000) // first pass: the first segment's newest record is 29.9 s old
    expect(starts()).toEqual([0, 0, 0])
    const events = engine.advanceTo(40_000) // 39.9 s > 30 s: the first segment goes
    expect(starts()).toEqual([2, 2, 2])
    const deletions = events.filter((e) => e.type === 'segmentsDeleted')
    expect(deletions.map((e) => e.type === 'segmentsDeleted' && e.brokerId).sort()).toEqual([
      1, 2, 3,
    ])
    expect(deletions[0]).toMatchObject({ baseOffsets: [0], reason: 'retentionMsBreach' })
  })

  it('rolls and deletes a breaching active segment, but never data at or above the HW', () => {
    const engine = startCluster(scenario())
    produce(engine, ['a', 'b'], -1)
    engine.advanceTo(15_000)
    produce(engine, ['c'], -1)
    engine.advanceTo(50_000) // the active segment's record (t=15 s) is 35 s old at the 50 s pass
    for (const b of [1, 2, 3]) {
      const log = engine.replica(b, 't')!.log
      expect(log.logStartOffset).toBe(3)
      expect(log.logEndOffset).toBe(3)
      expect(log.segments.map((s) => s.baseOffset)).toEqual([3])
    }
  })

  it('removes the .deleted files only after file.delete.delay.ms', () => {
    const engine = startCluster(scenario())
    produce(engine, ['a', 'b'], -1)
    engine.advanceTo(15_000)
    produce(engine, ['c'], -1)
    engine.advanceTo(40_000)
    const pending = () =>
      engine
        .replica(1, 't')!
        .log.filesPendingDeletion.filter((p) => p.path.includes('/' + '0'.repeat(20)))
    expect(pending().map((p) => p.deleteAtMs)).toEqual([100_000, 100_000, 100_000])
    engine.advanceTo(99_000)
    expect(pending()).toHaveLength(3)
    engine.advanceTo(100_100) // segment 0's .log, .index and .timeindex are removed now
    expect(pending()).toEqual([])
  })
})

describe('retention and time travel', () => {
  it('seeking back to before a deletion brings the deleted records back, byte for byte', () => {
    const engine = startCluster(
      c3(
        { brokerConfigs: { 'log.retention.check.interval.ms': 10_000 } },
        { 'segment.ms': 10_000, 'retention.ms': 30_000 },
      ),
    )
    produce(engine, ['a', 'b'], -1)
    engine.advanceTo(15_000)
    produce(engine, ['c'], -1)
    engine.advanceTo(120_000) // both segments deleted and their files removed
    expect(engine.replica(1, 't')!.log.logStartOffset).toBe(3)
    engine.seek(20_000)
    expect(engine.replica(1, 't')!.log.logStartOffset).toBe(0)
    // A fetch reads from one segment at a time, as Kafka's does.
    const fetch = (fetchOffset: number) => {
      engine.consumerFetch({ topic: 't', fetchOffset })
      engine.advanceBy(600)
      return engine.clientResults().at(-1)!.values
    }
    expect(fetch(0)).toEqual(['a', 'b'])
    expect(fetch(2)).toEqual(['c'])
  })
})
