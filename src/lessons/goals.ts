/**
 * Goals are data; this is the one pure function that decides them (STYLE.md §4.7). The lesson
 * player calls it on every engine frame, the headless runner after every small advance, with the
 * same context, so a goal means the same thing in the browser and in the tests.
 */
import type { BrokerView, ClusterView, SimEvent } from '../engine'
import { assertNever, type FieldValue, type Goal } from './schema'

export interface GoalContext {
  /** The cluster as it was when the step started. */
  stepStartView: ClusterView
  /** The cluster now. */
  view: ClusterView
  /** Events that happened after the step started, oldest first. */
  eventsSinceStepStart: readonly SimEvent[]
  /** Simulated time now and when the step started. */
  nowMs: number
  stepStartMs: number
}

const brokerIn = (view: ClusterView, brokerId: number): BrokerView | undefined =>
  view.brokers.find((b) => b.brokerId === brokerId)

const within = (n: number, atLeast: number | undefined, atMost: number | undefined) =>
  (atLeast === undefined || n >= atLeast) && (atMost === undefined || n <= atMost)

/** True when every field named in `match` has exactly that value on the event. */
function eventMatches(event: SimEvent, match: Record<string, FieldValue> | undefined): boolean {
  if (match === undefined) return true
  const fields = event as unknown as Record<string, unknown>
  return Object.entries(match).every(([field, value]) => fields[field] === value)
}

export function evaluateGoal(goal: Goal, context: GoalContext): boolean {
  const { view } = context
  switch (goal.type) {
    case 'brokerStatus':
      return brokerIn(view, goal.brokerId)?.status === goal.status
    case 'controllerSees':
      return brokerIn(view, goal.brokerId)?.controllerSees === goal.sees
    case 'brokerCount': {
      const count = view.brokers.filter((b) => b.status === goal.status).length
      return within(count, goal.atLeast, goal.atMost)
    }
    case 'brokerEpochChanged': {
      const now = brokerIn(view, goal.brokerId)?.brokerEpoch ?? null
      const before = brokerIn(context.stepStartView, goal.brokerId)?.brokerEpoch ?? null
      return now !== null && now !== before
    }
    case 'eventHappened': {
      const count = context.eventsSinceStepStart.filter(
        (e) => e.type === goal.event && eventMatches(e, goal.match),
      ).length
      return count >= (goal.atLeast ?? 1)
    }
    case 'timeAtLeast':
      return context.nowMs >= goal.ms
    case 'elapsedAtLeast':
      return context.nowMs - context.stepStartMs >= goal.ms
    case 'all':
      return goal.goals.every((g) => evaluateGoal(g, context))
    case 'any':
      return goal.goals.some((g) => evaluateGoal(g, context))
    case 'not':
      return !evaluateGoal(goal.goal, context)
    default:
      return assertNever(goal, 'goal')
  }
}

/**
 * Where a step starts in the event stream: events numbered from `seq` on, at or after `atMs`,
 * happened after it. Both are needed: a seek back renumbers nothing that came before the step,
 * and a command dispatched while paused shares the step's start time.
 */
export interface StepStart {
  view: ClusterView
  atMs: number
  seq: number
}

/** The step start for the cluster as it is now, given the events seen so far. */
export function stepStartFrom(view: ClusterView, events: readonly SimEvent[]): StepStart {
  const last = events[events.length - 1]
  return { view, atMs: view.nowMs, seq: last === undefined ? 0 : last.seq + 1 }
}

/** Builds the goal context from a step start, the view now and the events known now. */
export function goalContextFrom(
  start: StepStart,
  view: ClusterView,
  events: readonly SimEvent[],
): GoalContext {
  return {
    stepStartView: start.view,
    view,
    eventsSinceStepStart: events.filter((e) => e.seq >= start.seq && e.atMs >= start.atMs),
    nowMs: view.nowMs,
    stepStartMs: start.atMs,
  }
}
