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
  | { type: 'all'; goals: Goal[] }
  | { type: 'any'; goals: Goal[] }
  | { type: 'not'; goal: Goal }

export type GoalType = Goal['type']

/** Explains, then waits for Next. */
export interface NarrateStep {
  kind: 'narrate'
  id: string
  prose: ProseKey
}

/** Shows `before`; the learner runs the commands (one button); then shows `after`. */
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
  const keys: ProseKey[] = ['title', 'summary']
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
    steps: z.array(stepSchema).min(1).max(50),
  })
  .strict()
  .superRefine((lesson, ctx) => {
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
