/**
 * The lesson player (STYLE.md §4.8): the learner's journey through one lesson's steps, never the
 * cluster. It talks to the engine only through emitted events that app wiring forwards:
 * `engineCommands` (a demo's commands) and `seek` (restart a step). It hears the engine through
 * `ENGINE_FRAME` events carrying the view and the recent events, and decides goals with the same
 * pure `evaluateGoal` the headless lesson tests use.
 *
 * States: `waitingForEngine` until the first frame of the lesson's run; then `running` with one
 * child per kind of step (`reading`, `demoReady`/`demoDone`, `awaitingGoal`/`goalReached`); then
 * `finished`. Progress (step, steps done, finished) is saved through the injected storage on
 * every change, so a learner resumes where they left off.
 */
import { and, assign, emit, setup } from 'xstate'
import type { ClusterCommand, ClusterView, SimEvent } from '../engine'
import { evaluateGoal, goalContextFrom, stepStartFrom, type StepStart } from './goals'
import {
  NO_PROGRESS,
  resumeStepIndex,
  sanitizeProgress,
  type LessonProgressStorage,
} from './progress'
import { DEMO_SETTLE_MS, goalOf, type Lesson, type Step } from './schema'

/** Wall-clock wait before a task's hint appears by itself. */
export const HINT_DELAY_MS = 20_000

/**
 * A restart seeks this long before the step began. Seeking to the very millisecond would replay
 * a command the learner gave at that instant (a command issued while paused, right after Next),
 * so the step would restart already done.
 */
export const RESTART_LEAD_MS = 1

/** What the player needs from each engine frame: the view and the mirror's recent events. */
export interface LessonFrame {
  view: ClusterView
  /** Recent events, oldest first; at least every event since the current step started. */
  events: readonly SimEvent[]
}

export interface LessonPlayerInput {
  lesson: Lesson
  storage?: LessonProgressStorage | null
  /** The step to open at; default: where stored progress says the learner was. */
  startStepIndex?: number
  hintDelayMs?: number
}

export interface LessonPlayerContext {
  lesson: Lesson
  storage: LessonProgressStorage | null
  hintDelayMs: number
  stepIndex: number
  completedStepIds: string[]
  finished: boolean
  hintVisible: boolean
  /** The newest frame, or null before the engine's first one. */
  frame: LessonFrame | null
  /** Where the current step started; null while waiting for a restart's seek to land. */
  stepStart: StepStart | null
  /** Set by a restart: the next frame at or before this time becomes the step's start. */
  restartTargetMs: number | null
  /** When each step first started in this session, so it can be restarted later. */
  stepStartMsById: Record<string, number>
}

export type LessonPlayerEvent =
  | ({ type: 'ENGINE_FRAME' } & LessonFrame)
  | { type: 'NEXT' }
  | { type: 'BACK' }
  | { type: 'RUN_DEMO' }
  | { type: 'SHOW_HINT' }
  | { type: 'RESTART_STEP' }

export type LessonPlayerEmitted =
  | { type: 'engineCommands'; commands: ClusterCommand[]; settleMs: number }
  | { type: 'seek'; targetMs: number }
  | { type: 'goalReached'; stepId: string }

export function currentStep(context: Pick<LessonPlayerContext, 'lesson' | 'stepIndex'>): Step {
  const step = context.lesson.steps[context.stepIndex]
  if (step === undefined) throw new Error(`no step ${context.stepIndex}`)
  return step
}

const isCompleted = (context: LessonPlayerContext) =>
  context.completedStepIds.includes(currentStep(context).id)

const withCompleted = (context: LessonPlayerContext) =>
  isCompleted(context)
    ? context.completedStepIds
    : [...context.completedStepIds, currentStep(context).id]

function saveProgress(context: LessonPlayerContext): void {
  context.storage?.save(context.lesson.id, {
    stepIndex: context.stepIndex,
    completedStepIds: context.completedStepIds,
    finished: context.finished,
  })
}

export const lessonPlayerMachine = setup({
  types: {
    input: {} as LessonPlayerInput,
    context: {} as LessonPlayerContext,
    events: {} as LessonPlayerEvent,
    emitted: {} as LessonPlayerEmitted,
  },
  delays: {
    hintDelay: ({ context }) => context.hintDelayMs,
  },
  guards: {
    isNarrate: ({ context }) => currentStep(context).kind === 'narrate',
    isDemo: ({ context }) => currentStep(context).kind === 'demo',
    isTask: ({ context }) => currentStep(context).kind === 'task',
    isStepCompleted: ({ context }) => isCompleted(context),
    isLastStep: ({ context }) => context.stepIndex === context.lesson.steps.length - 1,
    hasPreviousStep: ({ context }) => context.stepIndex > 0,
    /** Narration can always be left; other steps once done (now or on an earlier visit). */
    canLeaveStep: ({ context }) => currentStep(context).kind === 'narrate' || isCompleted(context),
    canRestartStep: ({ context }) => {
      const step = currentStep(context)
      return (
        (step.kind === 'task' || step.kind === 'watch') &&
        context.stepStartMsById[step.id] !== undefined
      )
    },
    /** Checked after every event, on the newest frame: a goal may already hold on entry. */
    isGoalMet: ({ context }) => {
      if (context.frame === null || context.stepStart === null) return false
      const goal = goalOf(currentStep(context))
      return (
        goal !== null &&
        evaluateGoal(
          goal,
          goalContextFrom(context.stepStart, context.frame.view, context.frame.events),
        )
      )
    },
  },
  actions: {
    recordFrame: assign(({ context, event }) => {
      if (event.type !== 'ENGINE_FRAME') return {}
      const frame = { view: event.view, events: event.events }
      // A restart's step start is the first frame from its seek: replies to requests sent
      // before the seek may still arrive, later in simulated time, and are not the start.
      if (context.restartTargetMs !== null && event.view.nowMs <= context.restartTargetMs) {
        return { frame, stepStart: stepStartFrom(event.view, event.events), restartTargetMs: null }
      }
      return { frame }
    }),
    beginStep: assign(({ context }) => {
      const step = currentStep(context)
      const stepStart =
        context.frame === null ? null : stepStartFrom(context.frame.view, context.frame.events)
      return {
        hintVisible: false,
        restartTargetMs: null,
        stepStart,
        stepStartMsById:
          context.stepStartMsById[step.id] === undefined && stepStart !== null
            ? { ...context.stepStartMsById, [step.id]: stepStart.atMs }
            : context.stepStartMsById,
      }
    }),
    saveProgress: ({ context }) => saveProgress(context),
    nextStep: assign({ stepIndex: ({ context }) => context.stepIndex + 1 }),
    previousStep: assign({ stepIndex: ({ context }) => context.stepIndex - 1 }),
    markStepCompleted: assign({ completedStepIds: ({ context }) => withCompleted(context) }),
    markFinished: assign({ finished: true }),
    showHint: assign({ hintVisible: true }),
    runDemo: emit(({ context }) => {
      const step = currentStep(context)
      return {
        type: 'engineCommands' as const,
        commands: step.kind === 'demo' ? step.commands : [],
        settleMs: DEMO_SETTLE_MS,
      }
    }),
    announceGoalReached: emit(({ context }) => ({
      type: 'goalReached' as const,
      stepId: currentStep(context).id,
    })),
    restartStep: assign(({ context }) => {
      const startedAtMs = context.stepStartMsById[currentStep(context).id] ?? 0
      return {
        hintVisible: false,
        stepStart: null,
        restartTargetMs: Math.max(0, startedAtMs - RESTART_LEAD_MS),
      }
    }),
    seekToStepStart: emit(({ context }) => ({
      type: 'seek' as const,
      targetMs: context.restartTargetMs ?? 0,
    })),
  },
}).createMachine({
  id: 'lessonPlayer',
  context: ({ input }) => {
    const storage = input.storage ?? null
    const stored = storage?.load(input.lesson.id) ?? null
    const progress = stored === null ? NO_PROGRESS : sanitizeProgress(input.lesson, stored)
    const lastIndex = input.lesson.steps.length - 1
    const fromProgress = resumeStepIndex(input.lesson, progress)
    return {
      lesson: input.lesson,
      storage,
      hintDelayMs: input.hintDelayMs ?? HINT_DELAY_MS,
      stepIndex: Math.max(0, Math.min(input.startStepIndex ?? fromProgress, lastIndex)),
      completedStepIds: progress.completedStepIds,
      finished: progress.finished,
      hintVisible: false,
      frame: null,
      stepStart: null,
      restartTargetMs: null,
      stepStartMsById: {},
    }
  },
  initial: 'waitingForEngine',
  on: {
    ENGINE_FRAME: { actions: 'recordFrame' },
  },
  states: {
    waitingForEngine: {
      on: {
        ENGINE_FRAME: { target: 'running', actions: 'recordFrame' },
      },
    },
    running: {
      entry: ['beginStep', 'saveProgress'],
      initial: 'choosing',
      states: {
        choosing: {
          always: [
            { guard: 'isNarrate', target: 'reading' },
            { guard: 'isDemo', target: 'demoChoosing' },
            { guard: 'isStepCompleted', target: 'goalReached' },
            { target: 'awaitingGoal' },
          ],
        },
        demoChoosing: {
          always: [{ guard: 'isStepCompleted', target: 'demoDone' }, { target: 'demoReady' }],
        },
        reading: {},
        demoReady: {
          on: {
            RUN_DEMO: {
              target: 'demoDone',
              actions: ['runDemo', 'markStepCompleted', 'saveProgress'],
            },
          },
        },
        demoDone: {},
        awaitingGoal: {
          after: {
            hintDelay: { guard: 'isTask', actions: 'showHint' },
          },
          always: {
            guard: 'isGoalMet',
            target: 'goalReached',
            actions: ['markStepCompleted', 'saveProgress', 'announceGoalReached'],
          },
          on: {
            SHOW_HINT: { guard: 'isTask', actions: 'showHint' },
          },
        },
        goalReached: {
          on: {
            SHOW_HINT: { guard: 'isTask', actions: 'showHint' },
          },
        },
      },
      on: {
        NEXT: [
          {
            guard: and(['canLeaveStep', 'isLastStep']),
            target: 'finished',
            actions: ['markFinished', 'saveProgress'],
          },
          { guard: 'canLeaveStep', target: 'running', reenter: true, actions: 'nextStep' },
        ],
        BACK: {
          guard: 'hasPreviousStep',
          target: 'running',
          reenter: true,
          actions: 'previousStep',
        },
        // Re-enters only the child, so the hint timer starts again and the step stays.
        RESTART_STEP: {
          guard: 'canRestartStep',
          target: '.awaitingGoal',
          actions: ['restartStep', 'seekToStepStart'],
        },
      },
    },
    finished: {
      on: {
        BACK: { target: 'running' },
      },
    },
  },
})
