/**
 * Goal: the engine is a pure function of (seed, scenario, command log): step sizes do not matter,
 * seek(t) equals a fresh run to t, a replay file reproduces the run, and a command issued in the
 * past forks the timeline.
 * Method: fast-check draws seeds, scenarios and command logs (fixed global seed in CI, see
 * vitest.setup.ts); on failure it prints the seed and path to replay. Invariants are checked after
 * every timer.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { debug } from './advanceTo'
import { exportReplay, importReplay } from './replay'
import { PAGE_EVENTS_PER_FRAME_MAX } from './replication/brokerReplicas'
import { CHECKPOINT_INTERVAL_MS, CHECKPOINTS_MAX, createTimeline, type Timeline } from './timeline'
import { arbCutPoints, arbScenario, arbTimedCommands, RUN_MS } from './testing/arbitraries'
import type { ClusterCommand } from './commands'
import type { ScenarioConfig } from './scenario'

debug.checkInvariants = true

type TimedCommands = { atMs: number; command: ClusterCommand }[]

/** Runs the log, stopping at every cut point and at every command time. */
function run(
  seed: number,
  scenario: ScenarioConfig,
  commands: TimedCommands,
  cuts: number[],
): Timeline {
  const timeline = createTimeline({ seed, scenario })
  const stops = [...new Set([...cuts, ...commands.map((c) => c.atMs)])].sort((a, b) => a - b)
  let next = 0
  for (const stop of stops) {
    timeline.advanceTo(stop)
    while (next < commands.length && commands[next]!.atMs === stop)
      timeline.dispatch(commands[next++]!.command)
  }
  timeline.advanceTo(RUN_MS)
  return timeline
}

describe('timeline', () => {
  test('same seed and commands give the same cluster, whatever the step sizes', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        arbScenario,
        arbTimedCommands,
        arbCutPoints,
        (seed, scenario, commands, cuts) => {
          const once = run(seed, scenario, commands, [RUN_MS])
          const many = run(seed, scenario, commands, cuts)
          expect(many.state()).toEqual(once.state())
          expect(many.commands()).toEqual(once.commands())
        },
      ),
      { numRuns: 60 },
    )
  })

  test('seek(t) equals a fresh run to t, backwards and forwards', () => {
    fc.assert(
      fc.property(
        fc.nat(),
        arbScenario,
        arbTimedCommands,
        fc.array(fc.integer({ min: 0, max: RUN_MS }), { minLength: 1, maxLength: 5 }),
        (seed, scenario, commands, targets) => {
          const timeline = run(seed, scenario, commands, [RUN_MS])
          for (const t of targets) {
            timeline.seek(t)
            const reference = createTimeline({ seed, scenario })
            for (const c of commands.filter((c) => c.atMs <= t)) {
              reference.advanceTo(c.atMs)
              reference.dispatch(c.command)
            }
            reference.advanceTo(t)
            expect(timeline.state()).toEqual(reference.state())
            expect(timeline.nowMs()).toBe(t)
            expect(timeline.maxMs()).toBe(RUN_MS)
          }
        },
      ),
      { numRuns: 40 },
    )
  })

  test('replay export → import reproduces the run', () => {
    fc.assert(
      fc.property(fc.nat(), arbScenario, arbTimedCommands, (seed, scenario, commands) => {
        const original = run(seed, scenario, commands, [RUN_MS])
        const file = JSON.stringify(exportReplay(original))
        const imported = importReplay(file)
        expect(imported.ok).toBe(true)
        if (!imported.ok) return
        expect(imported.warning).toBeNull()
        expect(imported.timeline.state()).toEqual(original.state())
        expect(imported.timeline.commands()).toEqual(original.commands())
      }),
      { numRuns: 40 },
    )
  })

  test('a command issued in the past forks: the recorded future is dropped', () => {
    const scenario = { brokers: 3 }
    const timeline = createTimeline({ seed: 5, scenario })
    timeline.advanceTo(5_000)
    timeline.dispatch({ type: 'crashBroker', brokerId: 1, mode: 'process' })
    timeline.advanceTo(20_000)
    expect(timeline.view().brokers[0]!.controllerSees).toBe('fenced')
    timeline.seek(3_000)
    expect(timeline.view().brokers[0]!.status).toBe('online') // the crash has not happened yet
    timeline.advanceTo(4_000)
    expect(timeline.dispatch({ type: 'crashBroker', brokerId: 2, mode: 'process' }).ok).toBe(true)
    expect(timeline.maxMs()).toBe(4_000)
    expect(timeline.commands().map((c) => c.command)).toEqual([
      { type: 'crashBroker', brokerId: 2, mode: 'process' },
    ])
    timeline.advanceTo(20_000)
    expect(timeline.view().brokers.map((b) => b.status)).toEqual(['online', 'offline', 'online'])
  })

  test('playing forward after a seek back replays the recorded commands', () => {
    const timeline = createTimeline({ seed: 9, scenario: { brokers: 2 } })
    timeline.advanceTo(2_500)
    timeline.dispatch({ type: 'crashBroker', brokerId: 2, mode: 'process' })
    timeline.advanceTo(15_000)
    const end = structuredClone(timeline.state())
    timeline.seek(1_000)
    timeline.advanceTo(15_000)
    expect(timeline.state()).toEqual(end)
  })

  test('a little step forward advances; a longer jump forward restores the nearest checkpoint', () => {
    const timeline = createTimeline({
      seed: 4,
      scenario: { brokers: 3, topics: [{ name: 't', partitions: 1, replicationFactor: 3 }] },
    })
    for (let t = 1_000; t <= 19_000; t += 500) {
      timeline.advanceTo(t)
      timeline.dispatch({
        type: 'produce',
        topic: 't',
        partition: 0,
        records: [{ key: null, value: `v${t}` }],
        acks: -1,
      })
    }
    timeline.advanceTo(20_000)
    timeline.seek(5_000)
    const before = timeline.state().nextEventSeq
    // 1.5 s forward: the mirror gets every event in between.
    const step = timeline.seek(6_500)
    expect(step.eventsSinceSeq).toBe(before)
    expect(step.events.some((e) => e.atMs < 6_000)).toBe(true)
    // 9 s forward: replayed from the checkpoint at 15 s, the events before it are skipped.
    const afterStep = timeline.state().nextEventSeq
    const jump = timeline.seek(15_500)
    expect(jump.eventsSinceSeq).toBeGreaterThan(afterStep)
    expect(jump.events.length).toBeGreaterThan(0)
    expect(jump.events.every((e) => e.atMs >= 15_000 && e.seq >= jump.eventsSinceSeq)).toBe(true)
    expect(timeline.nowMs()).toBe(15_500)
  })

  test('a long run keeps at most CHECKPOINTS_MAX checkpoints, evenly spread, and seeks stay exact', () => {
    const scenario: ScenarioConfig = { brokers: 2 }
    const timeline = createTimeline({ seed: 3, scenario })
    const endMs = 2 * CHECKPOINTS_MAX * CHECKPOINT_INTERVAL_MS
    timeline.advanceTo(endMs)
    const times = timeline.checkpointTimes()
    expect(times.length).toBe(CHECKPOINTS_MAX)
    expect(times[0]).toBe(0)
    expect(times[times.length - 1]).toBeGreaterThan(endMs - 3 * CHECKPOINT_INTERVAL_MS)
    // No gap is much longer than an even spread would give, so no seek replays much more.
    const gaps = times.slice(1).map((t, i) => t - times[i]!)
    expect(Math.max(...gaps)).toBeLessThanOrEqual((2 * endMs) / (CHECKPOINTS_MAX - 1))
    for (const t of [endMs / 3 + 1_234, 7_777, endMs - 1]) {
      timeline.seek(t)
      const reference = createTimeline({ seed: 3, scenario })
      reference.advanceTo(t)
      expect(timeline.state()).toEqual(reference.state())
    }
  })

  test('page-cache events come per frame, bounded, and taking them changes nothing else', () => {
    const scenario: ScenarioConfig = {
      brokers: 3,
      topics: [{ name: 'orders', partitions: 3, replicationFactor: 3 }],
    }
    const produce = (timeline: Timeline, t: number) =>
      timeline.dispatch({
        type: 'produce',
        topic: 'orders',
        partition: (t / 100) % 3,
        records: Array.from({ length: 50 }, (_, i) => ({ key: null, value: `value-${t}-${i}` })),
        acks: -1,
      })
    const drained = createTimeline({ seed: 4, scenario })
    const kept = createTimeline({ seed: 4, scenario })
    const seen = new Set<string>()
    for (let t = 100; t <= 12_000; t += 100) {
      for (const timeline of [drained, kept]) {
        timeline.advanceTo(t)
        produce(timeline, t)
      }
      for (const { brokerId, events } of drained.takePageEvents()) {
        expect(brokerId).toBeGreaterThan(0)
        expect(events.length).toBeLessThanOrEqual(PAGE_EVENTS_PER_FRAME_MAX)
        for (const event of events) seen.add(event.type)
      }
      expect(drained.takePageEvents()).toEqual([])
    }
    // Appends dirty pages, followers' fetches hit them, the flusher writes them back.
    expect([...seen]).toEqual(expect.arrayContaining(['pageDirtied', 'pageHit', 'pageWrittenBack']))
    const withoutEvents = (timeline: Timeline) =>
      timeline.state().brokerIds.map((id) => {
        const { events: _events, counters, ...cache } = timeline.state().brokersById[id]!.pageCache
        const { eventsDropped: _dropped, ...kept } = counters
        return { ...cache, counters: kept }
      })
    expect(withoutEvents(drained)).toEqual(withoutEvents(kept))
    expect(drained.view()).toEqual(kept.view())
  })
})

describe('replay files', () => {
  const valid = () => {
    const timeline = createTimeline({ seed: 3, scenario: { brokers: 2 } })
    timeline.advanceTo(1_000)
    timeline.dispatch({ type: 'isolateBroker', brokerId: 2 })
    timeline.advanceTo(3_000)
    return exportReplay(timeline)
  }

  test.each([
    ['not JSON', '{oops', /not valid JSON/],
    ['another file', JSON.stringify({ hello: 'world' }), /not a KafkaScope replay/],
    [
      'a newer format',
      JSON.stringify({ ...valid(), formatVersion: 99 }),
      /version 99 is not supported/,
    ],
    [
      'a malformed scenario',
      JSON.stringify({ ...valid(), scenario: { brokers: 40 } }),
      /scenario\.brokers/,
    ],
    [
      'an unknown command',
      JSON.stringify({ ...valid(), commands: [{ seq: 0, atMs: 5, command: { type: 'nuke' } }] }),
      /commands\.0\.command/,
    ],
    [
      'commands out of order',
      JSON.stringify({
        ...valid(),
        commands: [
          { seq: 0, atMs: 5, command: { type: 'healNetwork' } },
          { seq: 1, atMs: 4, command: { type: 'healNetwork' } },
        ],
      }),
      /goes back in time/,
    ],
    [
      'a command that does not apply',
      JSON.stringify({
        ...valid(),
        commands: [{ seq: 0, atMs: 5, command: { type: 'restartBroker', brokerId: 1 } }],
      }),
      /already running/,
    ],
  ])('refuses %s with a reason', (_name, text, reason) => {
    const result = importReplay(text)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.error).toBe('INVALID_REPLAY')
      expect(result.error.message).toMatch(reason)
    }
  })

  test('warns when another engine version recorded it', () => {
    const result = importReplay({ ...valid(), engineVersion: '0.0.1' })
    expect(result.ok && result.warning).toMatch(/engine 0\.0\.1/)
  })
})
