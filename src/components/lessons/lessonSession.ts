/**
 * One lesson session, without React: starts the lesson's run on the engine (or rebuilds the step
 * the learner resumes at), then runs the lesson player machine and connects it both ways: store
 * frames in as `ENGINE_FRAME`, emitted `engineCommands` and `seek` out to the engine. Playback
 * pauses when a session starts, when a step restarts and when a goal is reached, so the moment
 * stays on screen while the learner reads.
 */
import { createActor, type Actor } from 'xstate'
import type { ClusterCommand } from '../../engine'
import { startLessonHeadless } from '../../lessons/headless'
import { lessonPlayerMachine } from '../../lessons/lessonPlayerMachine'
import {
  resumeStepIndex,
  sanitizeProgress,
  type LessonProgressStorage,
} from '../../lessons/progress'
import type { Lesson } from '../../lessons/schema'
import type { AppServices } from '../AppServices'
import { applyFrame, type SimState } from '../store/simStore'
import type { LessonEngine } from './lessonServices'

export type LessonActor = Actor<typeof lessonPlayerMachine>

/** As many of the canonical path's events as a resumed run brings back into the event log. */
const RESTORED_EVENTS_MAX = 2_000

export type LessonSession =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; actor: LessonActor }

export interface LessonSessionOptions {
  lesson: Lesson
  engine: LessonEngine
  services: Pick<AppServices, 'simStore' | 'playback'>
  storage: LessonProgressStorage
  /** Called with `loading` at once, then `ready` or `failed`. */
  onChange: (session: LessonSession) => void
  /** Wall-clock delay before a task's hint shows by itself (the machine's default if omitted). */
  hintDelayMs?: number
}

/** Opens a session; the returned function closes it (stops the player, stops listening). */
export function openLessonSession(options: LessonSessionOptions): () => void {
  const { lesson, engine, storage, onChange } = options
  const { simStore, playback } = options.services
  let closed = false
  let actor: LessonActor | null = null
  let unsubscribe = () => {}
  onChange({ status: 'loading' })
  playback.send({ type: 'PAUSE' })

  const stored = storage.load(lesson.id)
  let startStepIndex = resumeStepIndex(
    lesson,
    stored === null ? null : sanitizeProgress(lesson, stored),
  )
  let ready: Promise<void>
  try {
    if (startStepIndex === 0) {
      ready = engine.start(lesson.seed, lesson.scenario)
    } else {
      const path = startLessonHeadless(lesson).playUntilStep(startStepIndex)
      const events = path.events().slice(-RESTORED_EVENTS_MAX)
      // The engine answers an imported replay with no events; the run is deterministic, so the
      // canonical path's events are exactly the restored run's: the event log and the goals
      // (which count events since a step began) see the run's own history, not the last one's.
      ready = engine.restore(path.exportReplay()).then(() => {
        const { view, nowMs, maxMs, seed } = simStore.getState()
        if (view === null) return
        applyFrame(simStore, {
          type: 'frame',
          nowMs,
          maxMs,
          seed: seed ?? lesson.seed,
          view,
          events: [...events],
          eventsSinceSeq: 0,
          notice: null,
        })
      })
    }
  } catch {
    // The canonical path no longer plays (the lesson or the engine changed): start afresh.
    startStepIndex = 0
    ready = engine.start(lesson.seed, lesson.scenario)
  }

  // Requests go out one after another, in the order the player asked for them.
  let queue = Promise.resolve()
  const enqueue = (request: () => Promise<void>) => {
    queue = queue.then(request).catch(() => {})
  }

  ready.then(
    () => {
      if (closed) return
      const player = createActor(lessonPlayerMachine, {
        input: {
          lesson,
          storage,
          startStepIndex,
          ...(options.hintDelayMs === undefined ? {} : { hintDelayMs: options.hintDelayMs }),
        },
      })
      player.on('engineCommands', ({ commands, settleMs }) => {
        commands.forEach((command: ClusterCommand) => enqueue(() => engine.dispatch(command)))
        // Then let the demo's requests cross the network, so its "after" text is what is shown.
        if (settleMs > 0) enqueue(() => engine.seek(simStore.getState().nowMs + settleMs))
      })
      player.on('seek', ({ targetMs }) => {
        playback.send({ type: 'PAUSE' })
        enqueue(() => engine.seek(targetMs))
      })
      player.on('goalReached', () => playback.send({ type: 'PAUSE' }))
      player.start()
      const feed = (state: SimState) => {
        if (state.view !== null) {
          player.send({ type: 'ENGINE_FRAME', view: state.view, events: state.events })
        }
      }
      feed(simStore.getState())
      unsubscribe = simStore.subscribe((state, previous) => {
        if (state.view !== previous.view || state.events !== previous.events) feed(state)
      })
      actor = player
      onChange({ status: 'ready', actor: player })
    },
    (error: unknown) => {
      if (!closed) {
        onChange({
          status: 'failed',
          message: error instanceof Error ? error.message : String(error),
        })
      }
    },
  )

  return () => {
    closed = true
    unsubscribe()
    actor?.stop()
  }
}
