/**
 * Runs a lesson on the real engine without a UI (LGB's headless level runner): the lesson tests
 * use it to solve every task with its own solution, and the player uses it to rebuild the cluster
 * of a step a learner resumes at.
 *
 * The canonical path through a lesson: narrate steps take no simulated time; a demo dispatches
 * its commands at once; a task dispatches its solution and a watch dispatches nothing, and both
 * then advance in small ticks until their goal holds (at most `simBudgetMs`). Goals are checked
 * after every tick with `evaluateGoal`, exactly as the player checks them on every frame.
 */
import { createEngine, type Engine } from '../engine/headless'
import type { ClusterCommand, ClusterView, ReplayFile, SimEvent } from '../engine'
import { evaluateGoal, goalContextFrom, stepStartFrom, type StepStart } from './goals'
import { DEMO_SETTLE_MS, goalOf, type Goal, type Lesson, type Step } from './schema'

/** Simulated milliseconds between two goal checks; small next to every timeout lessons show. */
export const GOAL_TICK_MS = 10

export interface AdvanceResult {
  /** Whether the goal held after some tick. */
  reached: boolean
  /** Simulated time of the first tick at which it held, or null. */
  reachedAtMs: number | null
}

export interface LessonRun {
  readonly lesson: Lesson
  readonly engine: Engine
  /** Index of the step the run is positioned at (the start of it). */
  stepIndex(): number
  view(): ClusterView
  nowMs(): number
  /** Every event of the run so far, oldest first (creation events included). */
  events(): readonly SimEvent[]
  /** Where the current step started. */
  stepStart(): StepStart
  /** Evaluates a goal against the current step's start and the cluster now. */
  isMet(goal: Goal): boolean
  /** Dispatches commands now; throws with the engine's reason if one is refused. */
  apply(commands: readonly ClusterCommand[]): LessonRun
  /** Advances in ticks of `GOAL_TICK_MS` until `goal` holds or `budgetMs` has passed. */
  advanceUntil(goal: Goal, budgetMs: number): AdvanceResult
  /** Advances by `ms` and reports whether `goal` held after any tick on the way. */
  advanceWatching(goal: Goal, ms: number): AdvanceResult
  /** Plays the current step along the canonical path and starts the next one. */
  playStep(): LessonRun
  /** Plays the canonical path until the step with this id (or index) starts. */
  playUntilStep(step: string | number): LessonRun
  /** The run so far as a replay file (seed + scenario + commands), positioned at now. */
  exportReplay(): ReplayFile
}

export function startLessonHeadless(lesson: Lesson): LessonRun {
  const engine = createEngine({ seed: lesson.seed, scenario: lesson.scenario })
  const events: SimEvent[] = [...engine.timeline.initialEvents()]
  let index = 0
  let start = stepStartFrom(engine.view(), events)

  const beginStep = (next: number) => {
    index = next
    start = stepStartFrom(engine.view(), events)
  }

  const isMet = (goal: Goal) => evaluateGoal(goal, goalContextFrom(start, engine.view(), events))

  const advanceWatching = (goal: Goal, ms: number, stopWhenMet: boolean): AdvanceResult => {
    const endMs = engine.nowMs() + ms
    let reachedAtMs: number | null = null
    while (engine.nowMs() < endMs) {
      events.push(...engine.advanceTo(Math.min(engine.nowMs() + GOAL_TICK_MS, endMs)))
      if (reachedAtMs === null && isMet(goal)) {
        reachedAtMs = engine.nowMs()
        if (stopWhenMet) break
      }
    }
    return { reached: reachedAtMs !== null, reachedAtMs }
  }

  const currentStep = (): Step => {
    const step = lesson.steps[index]
    if (step === undefined) throw new Error(`${lesson.id}: the lesson is over`)
    return step
  }

  const run: LessonRun = {
    lesson,
    engine,
    stepIndex: () => index,
    view: () => engine.view(),
    nowMs: () => engine.nowMs(),
    events: () => events,
    stepStart: () => start,
    isMet,
    apply: (commands) => {
      for (const command of commands) {
        const result = engine.timeline.dispatch(command)
        if (!result.ok) {
          throw new Error(
            `${lesson.id}: ${JSON.stringify(command)} refused at ${engine.nowMs()} ms: ` +
              `${result.error.error}: ${result.error.message}`,
          )
        }
        events.push(...result.events)
      }
      return run
    },
    advanceUntil: (goal, budgetMs) => advanceWatching(goal, budgetMs, true),
    advanceWatching: (goal, ms) => advanceWatching(goal, ms, false),
    playStep: () => {
      const step = currentStep()
      if (step.kind === 'demo') {
        run.apply(step.commands)
        events.push(...engine.advanceTo(engine.nowMs() + DEMO_SETTLE_MS))
      }
      if (step.kind === 'task') run.apply(step.solution)
      const goal = goalOf(step)
      if (goal !== null && step.kind !== 'narrate' && step.kind !== 'demo') {
        const result = run.advanceUntil(goal, step.simBudgetMs)
        if (!result.reached) {
          throw new Error(
            `${lesson.id} › ${step.id}: goal not reached within ${step.simBudgetMs} ms ` +
              `(${step.kind === 'task' ? 'with its own solution' : 'by watching'})`,
          )
        }
      }
      beginStep(index + 1)
      return run
    },
    playUntilStep: (target) => {
      const targetIndex =
        typeof target === 'number' ? target : lesson.steps.findIndex((s) => s.id === target)
      if (targetIndex < 0 || targetIndex > lesson.steps.length) {
        throw new Error(`${lesson.id}: no step ${String(target)}`)
      }
      if (targetIndex < index) throw new Error(`${lesson.id}: the run is already past it`)
      while (index < targetIndex) run.playStep()
      return run
    },
    exportReplay: () => engine.exportReplay(),
  }
  return run
}

/**
 * The cluster at the start of step `stepIndex` along the canonical path, as a replay file the
 * engine can import (protocol `importReplay`). Used to resume a lesson where the learner left it.
 */
export function lessonReplayAtStep(lesson: Lesson, stepIndex: number): ReplayFile {
  return startLessonHeadless(lesson).playUntilStep(stepIndex).exportReplay()
}
