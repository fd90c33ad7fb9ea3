/**
 * Goals are data; this is the one pure function that decides them (STYLE.md §4.7). The lesson
 * player calls it on every engine frame, the headless runner after every small advance, with the
 * same context, so a goal means the same thing in the browser and in the tests.
 */
import type { BrokerView, ClusterView, SimEvent } from '../engine'
import { assertNever, type FieldValue, type Goal, type Measure } from './schema'

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

/** Every measure a goal reads, in order, with whether it counts change since the step started. */
export function measuresOf(goal: Goal): { measure: Measure; sinceStepStart: boolean }[] {
  switch (goal.type) {
    case 'measure':
      return [{ measure: goal.measure, sinceStepStart: goal.sinceStepStart === true }]
    case 'all':
    case 'any':
      return goal.goals.flatMap(measuresOf)
    case 'not':
      return measuresOf(goal.goal)
    default:
      return []
  }
}

/** The number a measure names in a view, or null when it names nothing that exists. */
export function readMeasure(measure: Measure, view: ClusterView): number | null {
  switch (measure.of) {
    case 'replica': {
      const replica = view.partitions
        .find((p) => p.key === measure.partition)
        ?.replicaViews.find((r) => r.brokerId === measure.brokerId)
      if (replica === undefined) return null
      switch (measure.field) {
        case 'unflushedOffsets':
          return replica.logEndOffset - replica.recoveryPoint
        case 'segmentCount':
          return replica.segments.length
        case 'logSizeBytes':
          return replica.segments.reduce((sum, s) => sum + s.sizeBytes, 0)
        case 'offsetIndexEntries':
          return replica.segments.reduce((sum, s) => sum + s.offsetIndexEntries, 0)
        default:
          return replica[measure.field]
      }
    }
    case 'partition': {
      const partition = view.partitions.find((p) => p.key === measure.partition)
      if (partition === undefined) return null
      return measure.field === 'isrSize' ? partition.isr.length : partition[measure.field]
    }
    case 'pageCache':
      return view.pageCaches.find((c) => c.brokerId === measure.brokerId)?.[measure.field] ?? null
    case 'topic': {
      const partitions = view.partitions.filter((p) => p.topic === measure.topic)
      if (partitions.length === 0) return null
      return partitions.filter((p) =>
        p.replicaViews.some((r) => r.brokerId === p.leader && r.logEndOffset > 0),
      ).length
    }
    case 'group': {
      const group = groupIn(view, measure.groupId)
      if (group === undefined) return null
      if (measure.field === 'members') return group.members.length
      return group[measure.field]
    }
    case 'groupPartition': {
      const p = groupIn(view, measure.groupId)?.partitions.find(
        (q) => q.partitionKey === measure.partition,
      )
      if (p === undefined) return null
      if (measure.field === 'neverProcessed') {
        if (p.committedOffset === null) return null
        return unprocessedBelow(p.processedRanges, p.logStartOffset ?? 0, p.committedOffset)
      }
      return p[measure.field]
    }
    case 'consumer': {
      const consumer = view.consumerGroups.consumers.find((c) => c.name === measure.consumerName)
      if (consumer === undefined) return null
      switch (measure.field) {
        case 'ownedPartitions':
          return consumer.partitions.length
        case 'generationId':
          return consumer.generationId
        case 'lag':
          return consumer.partitions.reduce((sum, p) => sum + (p.lag ?? 0), 0)
        case 'buffered':
          return consumer.partitions.reduce((sum, p) => sum + p.buffered, 0)
        default:
          return consumer.stats[measure.field]
      }
    }
    default:
      return assertNever(measure, 'measure')
  }
}

const groupIn = (view: ClusterView, groupId: string) =>
  view.consumerGroups.groups.find((g) => g.groupId === groupId)

/** Offsets in [from, to) that no [start, end) range covers. */
export function unprocessedBelow(
  ranges: readonly (readonly [number, number])[],
  from: number,
  to: number,
): number {
  const covered = ranges.reduce(
    (sum, [start, end]) => sum + Math.max(0, Math.min(end, to) - Math.max(start, from)),
    0,
  )
  return Math.max(0, to - from - covered)
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
    case 'measure': {
      const now = readMeasure(goal.measure, view)
      if (now === null) return false
      if (goal.sinceStepStart !== true) return within(now, goal.atLeast, goal.atMost)
      const before = readMeasure(goal.measure, context.stepStartView)
      return before !== null && within(now - before, goal.atLeast, goal.atMost)
    }
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
