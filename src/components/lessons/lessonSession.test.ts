/**
 * Goal: a lesson session wires the player to the engine the way the app will: a fresh run with
 * the lesson's seed, or a resumed run rebuilt at the saved step; store frames reach the player;
 * demo commands and restart seeks reach the engine in order; playback pauses on a reached goal.
 * Method: a `LessonEngine` over a real timeline that applies its frames to a real sim store, as
 * app/'s implementation over the worker protocol does; a real playback actor with its animation
 * ticker silenced.
 */
import { describe, expect, test } from 'vitest'
import { createActor, fromCallback } from 'xstate'
import type { Frame, SimEvent } from '../../engine'
import { importReplay } from '../../engine/core/replay'
import { createTimeline, type Timeline } from '../../engine/core/timeline'
import { catalog } from '../../lessons/catalog'
import { startLessonHeadless } from '../../lessons/headless'
import { playbackMachine } from '../../lessons/playbackMachine'
import { createMemoryProgress } from '../../lessons/progress'
import { applyFrame, createSimStore, markRejected, type SimStore } from '../store/simStore'
import { openLessonSession, type LessonSession } from './lessonSession'
import type { LessonEngine } from './lessonServices'

const lesson = catalog.all.find((l) => l.id === 'heartbeats-and-fencing')!

function fakeEngine(simStore: SimStore) {
  let timeline: Timeline | null = null
  const requests: string[] = []
  const apply = (events: SimEvent[], eventsSinceSeq: number | null) => {
    const t = timeline!
    const frame: Frame = {
      type: 'frame',
      nowMs: t.nowMs(),
      maxMs: t.maxMs(),
      seed: t.seed,
      view: t.view(),
      events,
      eventsSinceSeq,
      notice: null,
    }
    applyFrame(simStore, frame)
  }
  const engine: LessonEngine = {
    start: async (seed, scenario) => {
      requests.push(`start ${seed}`)
      timeline = createTimeline({ seed, scenario })
      apply([...timeline.initialEvents()], 0)
    },
    restore: async (replay) => {
      requests.push(`restore ${replay.endMs}`)
      const imported = importReplay(replay)
      if (!imported.ok) throw new Error(imported.error.message)
      timeline = imported.timeline
      apply([], 0)
    },
    dispatch: async (command) => {
      requests.push(`dispatch ${command.type}`)
      const result = timeline!.dispatch(command)
      if (result.ok) apply(result.events, null)
      else markRejected(simStore, result.error)
    },
    seek: async (targetMs) => {
      requests.push(`seek ${targetMs}`)
      const result = timeline!.seek(targetMs)
      apply(result.events, result.eventsSinceSeq)
    },
  }
  /** What the timeline does while playing: advance, one frame per step. */
  const play = (ms: number, stepMs = 16) => {
    const endMs = timeline!.nowMs() + ms
    while (timeline!.nowMs() < endMs) {
      apply(timeline!.advanceTo(Math.min(endMs, timeline!.nowMs() + stepMs)), null)
    }
  }
  return { engine, requests, play }
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0))

async function open(storage = createMemoryProgress()) {
  const simStore = createSimStore()
  const playback = createActor(
    playbackMachine.provide({ actors: { ticker: fromCallback(() => () => {}) } }),
  ).start()
  const fake = fakeEngine(simStore)
  const sessions: LessonSession[] = []
  const close = openLessonSession({
    lesson,
    engine: fake.engine,
    services: { simStore, playback },
    storage,
    onChange: (s) => sessions.push(s),
  })
  await flush()
  const last = sessions.at(-1)!
  if (last.status !== 'ready') throw new Error(`session ${last.status}`)
  return { ...fake, simStore, playback, sessions, close, actor: last.actor, storage }
}

describe('lesson session', () => {
  test('starts the lesson run with its seed; frames reach the player', async () => {
    const { requests, sessions, actor, play, simStore } = await open()
    expect(sessions.map((s) => s.status)).toEqual(['loading', 'ready'])
    expect(requests).toEqual([`start ${lesson.seed}`])
    expect(simStore.getState().seed).toBe(lesson.seed)
    actor.send({ type: 'NEXT' })
    expect(actor.getSnapshot().matches({ running: 'awaitingGoal' })).toBe(true)
    play(3_000)
    expect(actor.getSnapshot().matches({ running: 'goalReached' })).toBe(true)
  })

  test('a reached goal pauses playback; a demo dispatches its commands in order', async () => {
    const { actor, play, playback, requests, simStore } = await open()
    actor.send({ type: 'NEXT' })
    playback.send({ type: 'PLAY' })
    play(3_000)
    expect(playback.getSnapshot().value).toBe('paused')
    actor.send({ type: 'NEXT' })
    actor.send({ type: 'NEXT' })
    actor.send({ type: 'RUN_DEMO' })
    await flush()
    expect(requests.slice(-2)).toEqual(['dispatch crashBroker', 'seek 3300'])
    expect(simStore.getState().view!.brokers[1]!.status).toBe('offline')
  })

  test('resumes at the saved step on a run rebuilt along the lesson path', async () => {
    const storage = createMemoryProgress()
    const taskIndex = lesson.steps.findIndex((s) => s.id === 'restart-broker-2')
    storage.save(lesson.id, {
      stepIndex: taskIndex,
      completedStepIds: ['brokers-join', 'crash-broker-2', 'controller-fences'],
      finished: false,
    })
    const { requests, actor, simStore } = await open(storage)
    const canonical = startLessonHeadless(lesson).playUntilStep(taskIndex)
    expect(requests).toEqual([`restore ${canonical.nowMs()}`])
    expect(simStore.getState().view).toEqual(canonical.view())
    // The engine answers an import with no events; the mirror gets the run's own history.
    expect(simStore.getState().events).toEqual(canonical.events())
    expect(actor.getSnapshot().context.stepIndex).toBe(taskIndex)
    expect(actor.getSnapshot().matches({ running: 'awaitingGoal' })).toBe(true)
  })

  test('restart seeks the engine back; closing stops listening', async () => {
    const { actor, play, requests, engine, close, simStore } = await open()
    actor.send({ type: 'NEXT' })
    play(3_000)
    actor.send({ type: 'NEXT' })
    actor.send({ type: 'NEXT' })
    actor.send({ type: 'RUN_DEMO' })
    await flush()
    actor.send({ type: 'NEXT' }) // watch: the controller fences broker 2
    const startMs = simStore.getState().nowMs
    play(10_000)
    expect(actor.getSnapshot().matches({ running: 'goalReached' })).toBe(true)
    actor.send({ type: 'RESTART_STEP' })
    await flush()
    expect(requests.at(-1)).toBe(`seek ${startMs - 1}`)
    expect(simStore.getState().view!.brokers[1]!.controllerSees).toBe('unfenced')
    close()
    await engine.seek(0)
    expect(actor.getSnapshot().status).toBe('stopped')
  })

  test('a session closed before the engine answers never starts a player', async () => {
    const simStore = createSimStore()
    const playback = createActor(playbackMachine).start()
    const sessions: LessonSession[] = []
    const close = openLessonSession({
      lesson,
      engine: fakeEngine(simStore).engine,
      services: { simStore, playback },
      storage: createMemoryProgress(),
      onChange: (s) => sessions.push(s),
    })
    close()
    await flush()
    expect(sessions.map((s) => s.status)).toEqual(['loading'])
  })

  test('a refused start is reported, not thrown', async () => {
    const simStore = createSimStore()
    const playback = createActor(playbackMachine).start()
    const sessions: LessonSession[] = []
    openLessonSession({
      lesson,
      engine: { ...fakeEngine(simStore).engine, start: () => Promise.reject(new Error('nope')) },
      services: { simStore, playback },
      storage: createMemoryProgress(),
      onChange: (s) => sessions.push(s),
    })
    await flush()
    expect(sessions.at(-1)).toEqual({ status: 'failed', message: 'nope' })
  })
})
