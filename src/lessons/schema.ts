/**
 * Lessons are data (STYLE.md §4.7): a fixed seed and scenario, the commands a learner may use,
 * and steps (narrate, demo, task, watch). Goals are data too, evaluated by `evaluateGoal`
 * (goals.ts); lesson files hold no functions, so they are serializable and checked here with zod.
 *
 * Prose is not in lesson files. Every text field is a key relative to the lesson's own namespace
 * in `src/components/lessons/locales/{en,zh-CN}.json`: `lessons.content.<lessonId>.<key>`. The
 * title and summary are the keys `title` and `summary` of that namespace.
 *
 * Validation splits the work with the engine: this schema checks everything lessons own (ids,
 * keys, goals, budgets, that demos and solutions only use allowed commands); commands and the
 * scenario are checked structurally here and exactly by the engine itself, because lessons.test.ts
 * dispatches every one of them on the real engine.
 */
import { z } from 'zod'
import type {
  BrokerStatus,
  ClusterCommand,
  ClusterCommandType,
  ScenarioConfig,
  SimEventType,
} from '../engine'

/** Kebab-case and stable: used in URLs, progress storage and locale keys. */
export type LessonId = string

/** A key relative to `lessons.content.<lessonId>` in the lessons locale files, e.g. `intro`. */
export type ProseKey = string

/** The catalog's tracks, in the order DESIGN.md §1 lists them. */
export const TRACKS = [
  'storage-io',
  'replication',
  'producer',
  'consumer',
  'delivery',
  'interview',
] as const

export type TrackId = (typeof TRACKS)[number]

/** A primitive an event field can be compared with. */
export type FieldValue = string | number | boolean | null

/**
 * A condition on the cluster, evaluated against the view when the step started, the view now and
 * the events since the step started. New kinds (replication: `leaderChanged`, `isrSize`,
 * `highWatermarkAtLeast`, ...) are new union members with a new `case` in `evaluateGoal`.
 */
export type Goal =
  /** Broker `brokerId` has this status now (`offline`, `starting`, `fenced`, `online`). */
  | { type: 'brokerStatus'; brokerId: number; status: BrokerStatus }
  /** The controller's belief about broker `brokerId` now. */
  | { type: 'controllerSees'; brokerId: number; sees: 'unregistered' | 'fenced' | 'unfenced' }
  /** How many brokers have `status` now, within the given bounds (inclusive). */
  | { type: 'brokerCount'; status: BrokerStatus; atLeast?: number; atMost?: number }
  /**
   * Broker `brokerId` is registered now with a broker epoch other than the one it had when the
   * step started (a restart registers again and gets a new epoch).
   */
  | { type: 'brokerEpochChanged'; brokerId: number }
  /**
   * An event of this type happened since the step started, at least `atLeast` times (default 1),
   * counting only events whose fields equal every field in `match`.
   */
  | {
      type: 'eventHappened'
      event: SimEventType
      match?: Record<string, FieldValue>
      atLeast?: number
    }
  /** Simulated time has reached `ms` (absolute time of the run). */
  | { type: 'timeAtLeast'; ms: number }
  /** At least `ms` of simulated time passed since the step started. */
  | { type: 'elapsedAtLeast'; ms: number }
  /**
   * A number read from the view is within the bounds (inclusive); with `sinceStepStart`, the
   * bounds apply to how much it changed since the step started. False while the thing measured
   * does not exist (no such replica, partition or broker).
   */
  | {
      type: 'measure'
      measure: Measure
      atLeast?: number
      atMost?: number
      sinceStepStart?: boolean
    }
  | { type: 'all'; goals: Goal[] }
  | { type: 'any'; goals: Goal[] }
  | { type: 'not'; goal: Goal }

/** Numbers of one broker's copy of a partition (`topic-partition`), from its `ReplicaView`. */
export const REPLICA_FIELDS = [
  'logEndOffset',
  'highWatermark',
  'logStartOffset',
  'recoveryPoint',
  /** logEndOffset − recoveryPoint: offsets written but not fsynced. */
  'unflushedOffsets',
  'segmentCount',
  /** Bytes of all `.log` segment files. */
  'logSizeBytes',
  /** Entries of every segment's offset index. */
  'offsetIndexEntries',
] as const
export const PARTITION_FIELDS = ['isrSize', 'leader', 'leaderEpoch'] as const
export const PAGE_CACHE_FIELDS = ['hits', 'misses', 'dirtyPages', 'cachedPages'] as const
export const TOPIC_FIELDS = [
  /** Partitions whose leader's log holds at least one record. */
  'partitionsWithData',
] as const
/** Numbers of a consumer group, from its `GroupView`. */
export const GROUP_FIELDS = ['members', 'generationId', 'dedupeStoreSize'] as const
/** Numbers of one partition as a consumer group sees it, from its `GroupPartitionView`. */
export const GROUP_PARTITION_FIELDS = [
  /** The committed offset: the next offset the group will read. */
  'committedOffset',
  'lag',
  'processedCount',
  /** Records the group's applications processed more than once. */
  'duplicateCount',
  /** Offsets below the committed offset (from the log start) that were never processed: loss. */
  'neverProcessed',
] as const
/** Numbers of one consumer, from its `ConsumerView` (`lag` is summed over its partitions). */
export const CONSUMER_FIELDS = [
  'ownedPartitions',
  /** Records fetched and waiting for the next poll, over all its partitions. */
  'buffered',
  'generationId',
  'lag',
  'processedCount',
  'duplicateCount',
  'duplicatesSkipped',
  'forwardedCount',
] as const

export type Measure =
  | {
      of: 'replica'
      partition: string
      brokerId: number
      field: (typeof REPLICA_FIELDS)[number]
    }
  | { of: 'partition'; partition: string; field: (typeof PARTITION_FIELDS)[number] }
  | { of: 'pageCache'; brokerId: number; field: (typeof PAGE_CACHE_FIELDS)[number] }
  | { of: 'topic'; topic: string; field: (typeof TOPIC_FIELDS)[number] }
  | { of: 'group'; groupId: string; field: (typeof GROUP_FIELDS)[number] }
  | {
      of: 'groupPartition'
      groupId: string
      partition: string
      field: (typeof GROUP_PARTITION_FIELDS)[number]
    }
  | { of: 'consumer'; consumerName: string; field: (typeof CONSUMER_FIELDS)[number] }

/**
 * A button the lesson offers the learner: one exact command (a produce with chosen records, a
 * fetch from an offset, a step of a paused fetcher). Tasks are solved with these and with the
 * cluster canvas's own buttons, so a lesson's answer is never typed, only chosen.
 */
export interface LessonAction {
  id: string
  label: ProseKey
  /** Values for the label's `{{placeholders}}`. */
  params?: Record<string, string | number>
  /** Dispatched in order, at the same simulated moment. */
  commands: ClusterCommand[]
}

export type GoalType = Goal['type']

/** Explains, then waits for Next. */
export interface NarrateStep {
  kind: 'narrate'
  id: string
  prose: ProseKey
}

/**
 * Simulated time a demo lets pass after its commands, so `after` describes what the learner sees:
 * requests cross the simulated network (1–5 ms a hop) and get their answers.
 */
export const DEMO_SETTLE_MS = 300

/**
 * Shows `before`; the learner runs the commands (one button), `DEMO_SETTLE_MS` pass; then shows
 * `after`.
 */
export interface DemoStep {
  kind: 'demo'
  id: string
  before: ProseKey
  commands: ClusterCommand[]
  after: ProseKey
}

/**
 * Asks the learner to do something. `solution` is the lesson's own answer: a test proves it
 * reaches `goal` within `simBudgetMs` of simulated time, and that the goal is not reached
 * without it.
 */
export interface TaskStep {
  kind: 'task'
  id: string
  prompt: ProseKey
  goal: Goal
  solution: ClusterCommand[]
  hint: ProseKey
  simBudgetMs: number
}

/** Asks the learner to let time run until `until` holds (reached within `simBudgetMs`). */
export interface WatchStep {
  kind: 'watch'
  id: string
  caption: ProseKey
  until: Goal
  simBudgetMs: number
}

export type Step = NarrateStep | DemoStep | TaskStep | WatchStep
export type StepKind = Step['kind']
/** Steps that wait for a goal. */
export type InteractiveStep = TaskStep | WatchStep

export interface Lesson {
  id: LessonId
  track: TrackId
  /** Fixed, so everyone sees the same run and the lesson's claims about it stay true. */
  seed: number
  scenario: ScenarioConfig
  /** The commands the learner may issue in this lesson (an allow-list). */
  allowedCommands: ClusterCommandType[]
  /** The lesson's own buttons, shown beside the steps. */
  actions?: LessonAction[]
  steps: Step[]
}

/** The goal a task or watch step waits for; null for narrate and demo steps. */
export function goalOf(step: Step): Goal | null {
  if (step.kind === 'task') return step.goal
  if (step.kind === 'watch') return step.until
  return null
}

export function isInteractive(step: Step): step is InteractiveStep {
  return step.kind === 'task' || step.kind === 'watch'
}

/** The full i18next key of a lesson's prose key. */
export function proseKey(lessonId: LessonId, key: ProseKey): string {
  return `lessons.content.${lessonId}.${key}`
}

/** Every prose key a lesson uses, relative to its namespace (title and summary included). */
export function lessonProseKeys(lesson: Lesson): ProseKey[] {
  const keys: ProseKey[] = ['title', 'summary', ...(lesson.actions ?? []).map((a) => a.label)]
  for (const step of lesson.steps) {
    switch (step.kind) {
      case 'narrate':
        keys.push(step.prose)
        break
      case 'demo':
        keys.push(step.before, step.after)
        break
      case 'task':
        keys.push(step.prompt, step.hint)
        break
      case 'watch':
        keys.push(step.caption)
        break
      default:
        assertNever(step, 'step')
    }
  }
  return keys
}

/** Exhaustiveness check for discriminated unions: a missing case fails to compile. */
export function assertNever(value: never, what = 'value'): never {
  throw new Error(`unexpected ${what}: ${JSON.stringify(value)}`)
}

// ---------------------------------------------------------------------------------------------
// Validation

/** Longest simulated budget a step may ask for; keeps the headless test and the learner sane. */
export const SIM_BUDGET_MS_MAX = 600_000

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/
const PROSE_KEY = /^[a-zA-Z][a-zA-Z0-9]*(\.[a-zA-Z][a-zA-Z0-9]*)*$/
const BROKER_STATUSES = ['offline', 'starting', 'fenced', 'online'] as const

const kebabId = z.string().min(1).max(60).regex(KEBAB, 'use kebab-case (a-z, 0-9, "-")')
const proseKeySchema = z.string().max(80).regex(PROSE_KEY, 'a dotted key such as "intro"')
const brokerIdSchema = z.number().int().min(1)
const countSchema = z.number().int().min(0)
const fieldValue = z.union([z.string(), z.number(), z.boolean(), z.null()])
const budgetSchema = z.number().int().min(1).max(SIM_BUDGET_MS_MAX)

/** Structural only; the engine validates each command exactly (see the file comment). */
const commandSchema = z.looseObject({ type: z.string().min(1) })

const partitionKeySchema = z
  .string()
  .regex(/^[a-zA-Z0-9._-]+-\d+$/, 'a partition such as "orders-0"')

const measureSchema = z.discriminatedUnion('of', [
  z
    .object({
      of: z.literal('replica'),
      partition: partitionKeySchema,
      brokerId: brokerIdSchema,
      field: z.enum(REPLICA_FIELDS),
    })
    .strict(),
  z
    .object({
      of: z.literal('partition'),
      partition: partitionKeySchema,
      field: z.enum(PARTITION_FIELDS),
    })
    .strict(),
  z
    .object({
      of: z.literal('pageCache'),
      brokerId: brokerIdSchema,
      field: z.enum(PAGE_CACHE_FIELDS),
    })
    .strict(),
  z
    .object({ of: z.literal('topic'), topic: z.string().min(1), field: z.enum(TOPIC_FIELDS) })
    .strict(),
  z
    .object({ of: z.literal('group'), groupId: z.string().min(1), field: z.enum(GROUP_FIELDS) })
    .strict(),
  z
    .object({
      of: z.literal('groupPartition'),
      groupId: z.string().min(1),
      partition: partitionKeySchema,
      field: z.enum(GROUP_PARTITION_FIELDS),
    })
    .strict(),
  z
    .object({
      of: z.literal('consumer'),
      consumerName: z
        .string()
        .regex(/^consumer-[1-9][0-9]{0,2}$/, 'a consumer such as "consumer-1"'),
      field: z.enum(CONSUMER_FIELDS),
    })
    .strict(),
])

const actionSchema = z
  .object({
    id: kebabId,
    label: proseKeySchema,
    params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    commands: z.array(commandSchema).min(1).max(12),
  })
  .strict()

export const goalSchema: z.ZodType<Goal> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z
      .object({
        type: z.literal('brokerStatus'),
        brokerId: brokerIdSchema,
        status: z.enum(BROKER_STATUSES),
      })
      .strict(),
    z
      .object({
        type: z.literal('controllerSees'),
        brokerId: brokerIdSchema,
        sees: z.enum(['unregistered', 'fenced', 'unfenced']),
      })
      .strict(),
    z
      .object({
        type: z.literal('brokerCount'),
        status: z.enum(BROKER_STATUSES),
        atLeast: countSchema.optional(),
        atMost: countSchema.optional(),
      })
      .strict()
      .refine((g) => g.atLeast !== undefined || g.atMost !== undefined, {
        message: 'give atLeast, atMost or both',
      }),
    z.object({ type: z.literal('brokerEpochChanged'), brokerId: brokerIdSchema }).strict(),
    z
      .object({
        type: z.literal('eventHappened'),
        event: z.string().min(1),
        match: z.record(z.string(), fieldValue).optional(),
        atLeast: z.number().int().min(1).optional(),
      })
      .strict(),
    z.object({ type: z.literal('timeAtLeast'), ms: z.number().int().min(0) }).strict(),
    z.object({ type: z.literal('elapsedAtLeast'), ms: z.number().int().min(0) }).strict(),
    z
      .object({
        type: z.literal('measure'),
        measure: measureSchema,
        atLeast: z.number().int().optional(),
        atMost: z.number().int().optional(),
        sinceStepStart: z.boolean().optional(),
      })
      .strict()
      .refine((g) => g.atLeast !== undefined || g.atMost !== undefined, {
        message: 'give atLeast, atMost or both',
      }),
    z.object({ type: z.literal('all'), goals: z.array(goalSchema).min(1) }).strict(),
    z.object({ type: z.literal('any'), goals: z.array(goalSchema).min(1) }).strict(),
    z.object({ type: z.literal('not'), goal: goalSchema }).strict(),
  ]),
) as z.ZodType<Goal>

const stepSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('narrate'), id: kebabId, prose: proseKeySchema }).strict(),
  z
    .object({
      kind: z.literal('demo'),
      id: kebabId,
      before: proseKeySchema,
      commands: z.array(commandSchema).min(1),
      after: proseKeySchema,
    })
    .strict(),
  z
    .object({
      kind: z.literal('task'),
      id: kebabId,
      prompt: proseKeySchema,
      goal: goalSchema,
      solution: z.array(commandSchema).min(1),
      hint: proseKeySchema,
      simBudgetMs: budgetSchema,
    })
    .strict(),
  z
    .object({
      kind: z.literal('watch'),
      id: kebabId,
      caption: proseKeySchema,
      until: goalSchema,
      simBudgetMs: budgetSchema,
    })
    .strict(),
])

export const lessonSchema = z
  .object({
    id: kebabId,
    track: z.enum(TRACKS),
    seed: z.number().int().min(0).max(0xffff_ffff),
    scenario: z.looseObject({ brokers: z.number().int().min(1) }),
    allowedCommands: z.array(z.string().min(1)).min(1),
    actions: z.array(actionSchema).max(12).optional(),
    steps: z.array(stepSchema).min(1).max(50),
  })
  .strict()
  .superRefine((lesson, ctx) => {
    const actionIds = new Set<string>()
    ;(lesson.actions ?? []).forEach((action, i) => {
      if (actionIds.has(action.id)) {
        ctx.addIssue({ code: 'custom', path: ['actions', i, 'id'], message: 'duplicate action id' })
      }
      actionIds.add(action.id)
      action.commands.forEach((command, j) => {
        if (!lesson.allowedCommands.includes(command.type)) {
          ctx.addIssue({
            code: 'custom',
            path: ['actions', i, 'commands', j, 'type'],
            message: `"${command.type}" is not in allowedCommands`,
          })
        }
      })
    })
    const seen = new Set<string>()
    lesson.steps.forEach((step, i) => {
      if (seen.has(step.id)) {
        ctx.addIssue({ code: 'custom', path: ['steps', i, 'id'], message: 'duplicate step id' })
      }
      seen.add(step.id)
      const commands =
        step.kind === 'demo' ? step.commands : step.kind === 'task' ? step.solution : []
      commands.forEach((command, j) => {
        if (!lesson.allowedCommands.includes(command.type)) {
          ctx.addIssue({
            code: 'custom',
            path: ['steps', i, step.kind === 'demo' ? 'commands' : 'solution', j, 'type'],
            message: `"${command.type}" is not in allowedCommands`,
          })
        }
      })
    })
    if (!lesson.steps.some((s) => s.kind === 'task')) {
      ctx.addIssue({ code: 'custom', path: ['steps'], message: 'a lesson needs at least one task' })
    }
  })

export type ParseLessonResult = { ok: true; lesson: Lesson } | { ok: false; error: string }

/**
 * Validates untrusted or hand-written lesson data. A malformed lesson is refused with a message
 * naming each field (the catalog shows it and the lesson tests fail on it); it never throws.
 */
export function parseLesson(input: unknown): ParseLessonResult {
  const result = lessonSchema.safeParse(input)
  if (result.success) return { ok: true, lesson: result.data as unknown as Lesson }
  const id =
    typeof input === 'object' && input !== null && 'id' in input ? String(input.id) : '(no id)'
  const problems = result.error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
    .join('; ')
  return { ok: false, error: `lesson ${id}: ${problems}` }
}
