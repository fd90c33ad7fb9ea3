/**
 * One lesson session, without React: starts the lesson's run on the engine (or rebuilds the step
 * the learner resumes at), then runs the lesson player machine and connects it both ways: store
 * frames in as `ENGINE_FRAME`, emitted `engineCommands` and `seek` out to the engine. Playback
 * pauses when a session starts, when a step restarts and when a goal is reached, so the moment
 * stays on screen while the learner reads.
 */
import { createActor, type Actor } from 'xstate'
import type { ClusterCommand } from '../../engine'
import { lessonReplayAtStep } from '../../lessons/headless'
import { lessonPlayerMachine } from '../../lessons/lessonPlayerMachine'
import {
  resumeStepIndex,
  sanitizeProgress,
  type LessonProgressStorage,
} from '../../lessons/progress'
import type { Lesson } from '../../lessons/schema'
import type { AppServices } from '../AppServices'
import type { SimState } from '../store/simStore'
import type { LessonEngine } from './lessonServices'

export type LessonActor = Actor<typeof lessonPlayerMachine>

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
    ready =
      startStepIndex === 0
        ? engine.start(lesson.seed, lesson.scenario)
        : engine.restore(lessonReplayAtStep(lesson, startStepIndex))
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
      player.on('engineCommands', ({ commands }) => {
        commands.forEach((command: ClusterCommand) => enqueue(() => engine.dispatch(command)))
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
