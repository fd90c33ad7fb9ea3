/**
 * Goal: the lesson player walks a learner through a lesson exactly as STYLE.md §4.8 describes:
 * narration waits for Next, a demo emits its commands once, tasks and watches wait for their goal
 * on engine frames, hints appear after a delay, Back and Restart behave, progress survives a new
 * session, and no path reaches `finished` without doing every step.
 * Method: a SimulatedClock for the hint timer; frames from a fake engine (views and events made by
 * hand) for the unit cases; the real headless engine behind a tiny driver (the same forwarding the
 * app does) to play the real lessons; and `xstate/graph` shortest paths to `finished`.
 */
import { describe, expect, test } from 'vitest'
import { createActor, SimulatedClock } from 'xstate'
import { getShortestPaths } from 'xstate/graph'
import type { BrokerView, ClusterView, SimEvent } from '../engine'
import { createEngine } from '../engine/headless'
import { catalog } from './catalog'
import { startLessonHeadless } from './headless'
import {
  HINT_DELAY_MS,
  lessonPlayerMachine,
  RESTART_LEAD_MS,
  type LessonFrame,
  type LessonPlayerEmitted,
  type LessonPlayerEvent,
} from './lessonPlayerMachine'
import { createMemoryProgress, type LessonProgressStorage } from './progress'
import { DEMO_SETTLE_MS, type Lesson } from './schema'

// ---------------------------------------------------------------------------------------------
// A fake engine: views with the brokers' statuses set by hand, events written out.

const base = createEngine({ seed: 1, scenario: { brokers: 2 } }).view()

function fakeView(nowMs: number, statuses: BrokerView['status'][]): ClusterView {
  return {
    ...base,
    nowMs,
    brokers: statuses.map((status, i) => ({ ...base.brokers[0]!, brokerId: i + 1, status })),
  }
}

const frame = (view: ClusterView, events: SimEvent[] = []): LessonPlayerEvent => ({
  type: 'ENGINE_FRAME',
  view,
  events,
})

/** One step of each kind: read, watch broker 1 come online, a demo, a task with a hint. */
const toyLesson: Lesson = {
  id: 'toy',
  track: 'replication',
  seed: 1,
  scenario: { brokers: 2 },
  allowedCommands: ['crashBroker', 'restartBroker'],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    {
      kind: 'watch',
      id: 'online',
      caption: 'online',
      until: { type: 'brokerStatus', brokerId: 1, status: 'online' },
      simBudgetMs: 5_000,
    },
    {
      kind: 'demo',
      id: 'crash',
      before: 'before',
      commands: [{ type: 'crashBroker', brokerId: 2, mode: 'process' }],
      after: 'after',
    },
    {
      kind: 'task',
      id: 'restart',
      prompt: 'prompt',
      goal: { type: 'eventHappened', event: 'brokerStarted', match: { brokerId: 2 } },
      solution: [{ type: 'restartBroker', brokerId: 2 }],
      hint: 'hint',
      simBudgetMs: 1_000,
    },
  ],
}

function startToy(storage: LessonProgressStorage | null = null) {
  const clock = new SimulatedClock()
  const actor = createActor(lessonPlayerMachine, {
    input: { lesson: toyLesson, storage },
    clock,
  })
  const emitted: LessonPlayerEmitted[] = []
  actor.on('*', (e) => emitted.push(e))
  actor.start()
  const state = () => actor.getSnapshot()
  return { actor, clock, emitted, state }
}

/** Drives the toy lesson to its task step (demo run, watch reached) at 3000 ms. */
function toTask(storage: LessonProgressStorage | null = null) {
  const toy = startToy(storage)
  toy.actor.send(frame(fakeView(0, ['starting', 'starting'])))
  toy.actor.send({ type: 'NEXT' })
  toy.actor.send(frame(fakeView(2_000, ['online', 'online'])))
  toy.actor.send({ type: 'NEXT' })
  toy.actor.send({ type: 'RUN_DEMO' })
  toy.actor.send(frame(fakeView(3_000, ['online', 'offline'])))
  toy.actor.send({ type: 'NEXT' })
  return toy
}

const started = (seq: number, atMs: number): SimEvent => ({
  type: 'brokerStarted',
  brokerId: 2,
  incarnation: 2,
  seq,
  atMs,
})

describe('lesson player, step by step', () => {
  test('waits for the engine, then presents the first step; narration waits for Next', () => {
    const { actor, state } = startToy()
    expect(state().value).toBe('waitingForEngine')
    actor.send({ type: 'NEXT' }) // nothing to show yet
    expect(state().context.stepIndex).toBe(0)
    actor.send(frame(fakeView(0, ['starting', 'starting'])))
    expect(state().matches({ running: 'reading' })).toBe(true)
    actor.send({ type: 'NEXT' })
    expect(state().context.stepIndex).toBe(1)
    expect(state().matches({ running: 'awaitingGoal' })).toBe(true)
  })

  test('a watch waits for a frame that meets its goal; Next is refused until then', () => {
    const { actor, state, emitted } = startToy()
    actor.send(frame(fakeView(0, ['starting', 'starting'])))
    actor.send({ type: 'NEXT' })
    actor.send(frame(fakeView(1_000, ['fenced', 'starting'])))
    actor.send({ type: 'NEXT' })
    expect(state().matches({ running: 'awaitingGoal' })).toBe(true)
    expect(state().context.stepIndex).toBe(1)
    actor.send(frame(fakeView(2_000, ['online', 'fenced'])))
    expect(state().matches({ running: 'goalReached' })).toBe(true)
    expect(emitted).toEqual([{ type: 'goalReached', stepId: 'online' }])
    actor.send(frame(fakeView(2_100, ['offline', 'fenced']))) // reached stays reached
    expect(state().matches({ running: 'goalReached' })).toBe(true)
  })

  test('a goal that already holds when its step opens is reached without another frame', () => {
    const { actor, state } = startToy()
    actor.send(frame(fakeView(0, ['starting', 'starting'])))
    actor.send(frame(fakeView(2_000, ['online', 'online']))) // the learner played on
    actor.send({ type: 'NEXT' })
    expect(state().matches({ running: 'goalReached' })).toBe(true)
  })

  test('a demo emits its commands once, when the learner runs it', () => {
    const { actor, state, emitted } = startToy()
    actor.send(frame(fakeView(0, ['starting', 'starting'])))
    actor.send({ type: 'NEXT' })
    actor.send(frame(fakeView(2_000, ['online', 'online'])))
    actor.send({ type: 'NEXT' })
    expect(state().matches({ running: 'demoReady' })).toBe(true)
    actor.send({ type: 'NEXT' }) // not run yet
    expect(state().context.stepIndex).toBe(2)
    actor.send({ type: 'RUN_DEMO' })
    actor.send({ type: 'RUN_DEMO' })
    expect(emitted.filter((e) => e.type === 'engineCommands')).toEqual([
      {
        type: 'engineCommands',
        commands: [{ type: 'crashBroker', brokerId: 2, mode: 'process' }],
        settleMs: DEMO_SETTLE_MS,
      },
    ])
    expect(state().matches({ running: 'demoDone' })).toBe(true)
    actor.send({ type: 'NEXT' })
    expect(state().context.stepIndex).toBe(3)
  })

  test('a task counts only events after its step began', () => {
    const { actor, state } = toTask()
    actor.send(frame(fakeView(3_500, ['online', 'offline']), [started(2, 100)])) // before the step
    expect(state().matches({ running: 'awaitingGoal' })).toBe(true)
    actor.send(frame(fakeView(3_600, ['online', 'starting']), [started(2, 100), started(9, 3_600)]))
    expect(state().matches({ running: 'goalReached' })).toBe(true)
    actor.send({ type: 'NEXT' })
    expect(state().value).toBe('finished')
  })

  test('a task shows its hint after the delay, or at once when asked; a watch has none', () => {
    const { state, clock } = toTask()
    clock.increment(HINT_DELAY_MS - 1)
    expect(state().context.hintVisible).toBe(false)
    clock.increment(1)
    expect(state().context.hintVisible).toBe(true)

    const asked = toTask()
    asked.actor.send({ type: 'SHOW_HINT' })
    expect(asked.state().context.hintVisible).toBe(true)

    const watching = startToy()
    watching.actor.send(frame(fakeView(0, ['starting', 'starting'])))
    watching.actor.send({ type: 'NEXT' })
    watching.clock.increment(HINT_DELAY_MS * 2)
    watching.actor.send({ type: 'SHOW_HINT' })
    expect(watching.state().context.hintVisible).toBe(false)
  })

  test('restart seeks to just before the step began and waits for that frame', () => {
    const { actor, state, emitted, clock } = toTask()
    clock.increment(HINT_DELAY_MS)
    actor.send(frame(fakeView(3_600, ['online', 'starting']), [started(9, 3_600)]))
    expect(state().matches({ running: 'goalReached' })).toBe(true)
    actor.send({ type: 'RESTART_STEP' })
    expect(emitted.at(-1)).toEqual({ type: 'seek', targetMs: 3_000 - RESTART_LEAD_MS })
    expect(state().matches({ running: 'awaitingGoal' })).toBe(true)
    expect(state().context.hintVisible).toBe(false)
    // A reply to an earlier request lands after the seek was asked for: not the step start.
    actor.send(frame(fakeView(3_700, ['online', 'starting']), [started(9, 3_600)]))
    expect(state().matches({ running: 'awaitingGoal' })).toBe(true)
    actor.send(frame(fakeView(2_999, ['online', 'offline']), [])) // the seek's frame
    expect(state().context.stepStart).toMatchObject({ atMs: 2_999, seq: 0 })
    actor.send(frame(fakeView(3_200, ['online', 'starting']), [started(4, 3_200)]))
    expect(state().matches({ running: 'goalReached' })).toBe(true)
    // A demo has nothing to restart: no seek is asked for.
    actor.send({ type: 'BACK' })
    actor.send({ type: 'RESTART_STEP' })
    expect(emitted.filter((e) => e.type === 'seek')).toHaveLength(1)
  })

  test('Back revisits done steps as done: a demo is not run again', () => {
    const { actor, state, emitted } = toTask()
    actor.send({ type: 'BACK' })
    expect(state().matches({ running: 'demoDone' })).toBe(true)
    actor.send({ type: 'BACK' })
    expect(state().matches({ running: 'goalReached' })).toBe(true)
    actor.send({ type: 'BACK' })
    actor.send({ type: 'BACK' }) // already at the first step
    expect(state().context.stepIndex).toBe(0)
    expect(emitted.filter((e) => e.type === 'engineCommands')).toHaveLength(1)
    actor.send({ type: 'NEXT' })
    actor.send({ type: 'NEXT' })
    actor.send({ type: 'NEXT' })
    expect(state().context.stepIndex).toBe(3)
  })
})

describe('progress', () => {
  test('is saved on every change and resumed by the next session', () => {
    const storage = createMemoryProgress()
    toTask(storage)
    expect(storage.load('toy')).toEqual({
      stepIndex: 3,
      completedStepIds: ['online', 'crash'],
      finished: false,
    })
    const resumed = startToy(storage)
    resumed.actor.send(frame(fakeView(3_000, ['online', 'offline'])))
    expect(resumed.state().context.stepIndex).toBe(3)
    expect(resumed.state().matches({ running: 'awaitingGoal' })).toBe(true)
    resumed.actor.send({ type: 'BACK' })
    expect(resumed.state().matches({ running: 'demoDone' })).toBe(true)
  })

  test('a session that ended on a done step resumes at the step after it', () => {
    const storage = createMemoryProgress()
    storage.save('toy', { stepIndex: 1, completedStepIds: ['online'], finished: false })
    expect(startToy(storage).state().context.stepIndex).toBe(2)
  })

  test('a finished lesson opens at its start, still marked finished', () => {
    const storage = createMemoryProgress()
    const { actor } = toTask(storage)
    actor.send(frame(fakeView(3_600, ['online', 'starting']), [started(9, 3_600)]))
    actor.send({ type: 'NEXT' })
    expect(storage.load('toy')).toMatchObject({ finished: true })
    const again = startToy(storage)
    expect(again.state().context).toMatchObject({ stepIndex: 0, finished: true })
  })

  test('stored progress that no longer fits the lesson is clamped or ignored', () => {
    const storage = createMemoryProgress()
    storage.save('toy', { stepIndex: 40, completedStepIds: ['gone', 'crash'], finished: false })
    expect(startToy(storage).state().context).toMatchObject({
      stepIndex: 3,
      completedStepIds: ['crash'],
    })
    storage.entries.set('toy', { stepIndex: -1 } as never)
    expect(startToy(storage).state().context.stepIndex).toBe(0)
  })
})

// ---------------------------------------------------------------------------------------------
// The real engine behind the player, forwarded the way app wiring does it.

function playOnEngine(lesson: Lesson) {
  const engine = createEngine({ seed: lesson.seed, scenario: lesson.scenario })
  let events: SimEvent[] = [...engine.timeline.initialEvents()]
  const actor = createActor(lessonPlayerMachine, {
    input: { lesson },
    clock: new SimulatedClock(),
  })
  const sendFrame = () => actor.send({ type: 'ENGINE_FRAME', view: engine.view(), events })
  const dispatch = (commands: readonly unknown[]) => {
    for (const command of commands) {
      const result = engine.timeline.dispatch(command)
      if (!result.ok) throw new Error(result.error.message)
      events = [...events, ...result.events]
    }
    sendFrame()
  }
  actor.on('engineCommands', ({ commands, settleMs }) => {
    dispatch(commands)
    events = [...events, ...engine.advanceBy(settleMs)]
    sendFrame()
  })
  actor.on('seek', ({ targetMs }) => {
    const result = engine.seek(targetMs)
    events = [...events.filter((e) => e.seq < result.eventsSinceSeq), ...result.events]
    sendFrame()
  })
  actor.start()
  sendFrame()
  /** Plays like the timeline does: 16 ms frames until the player leaves `awaitingGoal`. */
  const playUntilDone = (budgetMs: number) => {
    const endMs = engine.nowMs() + budgetMs
    while (actor.getSnapshot().matches({ running: 'awaitingGoal' }) && engine.nowMs() < endMs) {
      events = [...events, ...engine.advanceBy(16)]
      sendFrame()
    }
  }
  return { actor, engine, dispatch, playUntilDone }
}

describe('on the real engine', () => {
  for (const lesson of catalog.all) {
    test(`${lesson.id}: a learner who follows every prompt finishes the lesson`, () => {
      const { actor, dispatch, playUntilDone } = playOnEngine(lesson)
      for (const step of lesson.steps) {
        if (step.kind === 'demo') actor.send({ type: 'RUN_DEMO' })
        if (step.kind === 'task') dispatch(step.solution)
        if (step.kind === 'task' || step.kind === 'watch') playUntilDone(step.simBudgetMs)
        actor.send({ type: 'NEXT' })
      }
      expect(actor.getSnapshot().value).toBe('finished')
      expect(actor.getSnapshot().context.completedStepIds).toHaveLength(
        lesson.steps.filter((s) => s.kind !== 'narrate').length,
      )
    })
  }

  test('restarting a task rewinds the cluster to the step start, and it can be redone', () => {
    const lesson = catalog.all.find((l) => l.id === 'heartbeats-and-fencing')!
    const taskIndex = lesson.steps.findIndex((s) => s.id === 'restart-broker-2')
    const { actor, engine, dispatch, playUntilDone } = playOnEngine(lesson)
    for (const step of lesson.steps.slice(0, taskIndex)) {
      if (step.kind === 'demo') actor.send({ type: 'RUN_DEMO' })
      if (step.kind === 'watch') playUntilDone(step.simBudgetMs)
      actor.send({ type: 'NEXT' })
    }
    const startView = engine.view()
    dispatch([{ type: 'restartBroker', brokerId: 2 }]) // while paused, at the step's first ms
    playUntilDone(6_000)
    expect(actor.getSnapshot().matches({ running: 'goalReached' })).toBe(true)
    actor.send({ type: 'RESTART_STEP' })
    expect(engine.nowMs()).toBe(startView.nowMs - RESTART_LEAD_MS)
    expect(engine.view().brokers[1]).toMatchObject({ status: 'offline', controllerSees: 'fenced' })
    dispatch([{ type: 'restartBroker', brokerId: 2 }]) // forks: the old attempt is dropped
    playUntilDone(6_000)
    expect(actor.getSnapshot().matches({ running: 'goalReached' })).toBe(true)
  })
})

// ---------------------------------------------------------------------------------------------
// Every shortest path to `finished` (xstate/graph, after xstate's dieHard test).

/** The frame at the end of each step on the lesson's canonical path (index -1: the start). */
function canonicalFrames(lesson: Lesson): Map<number, LessonFrame> {
  const run = startLessonHeadless(lesson)
  const frames = new Map<number, LessonFrame>([
    [-1, { view: run.view(), events: [...run.events()] }],
  ])
  lesson.steps.forEach((_, i) => {
    run.playStep()
    frames.set(i, { view: run.view(), events: [...run.events()] })
  })
  return frames
}

describe('paths to finished', () => {
  for (const lesson of catalog.all) {
    test(`${lesson.id}: the shortest way to the end does every step, in order`, () => {
      const frames = canonicalFrames(lesson)
      const paths = getShortestPaths(lessonPlayerMachine, {
        input: { lesson },
        // The frame that ends the current step on the canonical path, plus every button.
        events: (snapshot): LessonPlayerEvent[] => {
          const index = snapshot.value === 'waitingForEngine' ? -1 : snapshot.context.stepIndex
          const ending = frames.get(index)!
          return [
            { type: 'ENGINE_FRAME', ...ending },
            { type: 'NEXT' },
            { type: 'BACK' },
            { type: 'RUN_DEMO' },
            { type: 'SHOW_HINT' },
            { type: 'RESTART_STEP' },
          ]
        },
        serializeState: (s) =>
          JSON.stringify([
            s.value,
            s.context.stepIndex,
            s.context.completedStepIds,
            s.context.finished,
          ]),
        serializeEvent: (e) => (e.type === 'ENGINE_FRAME' ? `FRAME@${e.view.nowMs}` : e.type),
        toState: (s) => s.matches('finished'),
      })
      expect(paths.length).toBeGreaterThan(0)
      for (const path of paths) {
        const types = path.steps.map((s) => s.event.type)
        expect(types.filter((t) => t === 'NEXT')).toHaveLength(lesson.steps.length)
        expect(types.filter((t) => t === 'RUN_DEMO')).toHaveLength(
          lesson.steps.filter((s) => s.kind === 'demo').length,
        )
        expect(types).not.toContain('BACK')
        // Replayed on a live actor, the path really ends the lesson.
        const actor = createActor(lessonPlayerMachine, { input: { lesson } }).start()
        for (const step of path.steps) actor.send(step.event)
        expect(actor.getSnapshot().value).toBe('finished')
      }
    })
  }
})
