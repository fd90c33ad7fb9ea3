/**
 * A learner's progress through a lesson, kept on their own device (localStorage in the app, a
 * fake in tests) so they resume where they left off. Whatever is read back is untrusted: a lesson
 * may have changed since, or the stored text may be garbage, so it is validated and clamped, and a
 * storage that throws (private mode, quota) simply remembers nothing.
 */
import { z } from 'zod'
import type { Lesson, LessonId } from './schema'

export interface LessonProgress {
  /** The step the learner was on (0-based). */
  stepIndex: number
  /** Ids of steps done: demos run, goals reached. */
  completedStepIds: string[]
  finished: boolean
}

/** Where progress is kept. Implementations never throw. */
export interface LessonProgressStorage {
  load(lessonId: LessonId): LessonProgress | null
  save(lessonId: LessonId, progress: LessonProgress): void
  clear(lessonId: LessonId): void
}

export const PROGRESS_STORAGE_KEY = 'kafkascope.lessons.progress.v1'

const progressSchema = z.object({
  stepIndex: z.number().int().min(0),
  completedStepIds: z.array(z.string().max(100)).max(100),
  finished: z.boolean(),
})

const storedSchema = z.record(z.string(), z.unknown())

export const NO_PROGRESS: LessonProgress = { stepIndex: 0, completedStepIds: [], finished: false }

/** Fits stored progress to the lesson as it is now: a known step, known step ids only. */
export function sanitizeProgress(lesson: Lesson, raw: unknown): LessonProgress {
  const parsed = progressSchema.safeParse(raw)
  if (!parsed.success) return NO_PROGRESS
  const ids = new Set(lesson.steps.map((s) => s.id))
  return {
    stepIndex: Math.min(parsed.data.stepIndex, lesson.steps.length - 1),
    completedStepIds: parsed.data.completedStepIds.filter((id) => ids.has(id)),
    finished: parsed.data.finished,
  }
}

/**
 * The step a learner resumes at: where they were, or the one after it if they had already done
 * it (its goal reached), since the cluster is rebuilt at the start of the step resumed at; the
 * start of a finished lesson.
 */
export function resumeStepIndex(lesson: Lesson, progress: LessonProgress | null): number {
  if (progress === null || progress.finished) return 0
  const step = lesson.steps[progress.stepIndex]
  const done =
    step !== undefined && step.kind !== 'narrate' && progress.completedStepIds.includes(step.id)
  return Math.min(progress.stepIndex + (done ? 1 : 0), lesson.steps.length - 1)
}

/** Steps done out of all steps, for the catalog. */
export function completedCount(lesson: Lesson, progress: LessonProgress | null): number {
  if (progress === null) return 0
  if (progress.finished) return lesson.steps.length
  // Steps before the current one were passed (a learner cannot pass a step without doing it).
  return lesson.steps.filter(
    (s, i) => i < progress.stepIndex || progress.completedStepIds.includes(s.id),
  ).length
}

/** The subset of the Web Storage API used here, so tests can pass a fake. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>

/** Progress of every lesson in one JSON entry of a Web Storage (usually `localStorage`). */
export function createWebStorageProgress(storage: KeyValueStorage | null): LessonProgressStorage {
  const readAll = (): Record<string, unknown> => {
    try {
      const text = storage?.getItem(PROGRESS_STORAGE_KEY)
      if (text === null || text === undefined) return {}
      const parsed = storedSchema.safeParse(JSON.parse(text))
      return parsed.success ? parsed.data : {}
    } catch {
      return {}
    }
  }
  const writeAll = (all: Record<string, unknown>) => {
    try {
      storage?.setItem(PROGRESS_STORAGE_KEY, JSON.stringify(all))
    } catch {
      // Private browsing or a full quota: progress is a convenience, so carry on without it.
    }
  }
  return {
    load: (lessonId) => {
      const parsed = progressSchema.safeParse(readAll()[lessonId])
      return parsed.success ? parsed.data : null
    },
    save: (lessonId, progress) => writeAll({ ...readAll(), [lessonId]: progress }),
    clear: (lessonId) => {
      const all = readAll()
      delete all[lessonId]
      writeAll(all)
    },
  }
}

/** In-memory progress, for tests and for browsers without storage. */
export function createMemoryProgress(): LessonProgressStorage & {
  entries: Map<LessonId, LessonProgress>
} {
  const entries = new Map<LessonId, LessonProgress>()
  return {
    entries,
    load: (lessonId) => structuredClone(entries.get(lessonId) ?? null),
    save: (lessonId, progress) => entries.set(lessonId, structuredClone(progress)),
    clear: (lessonId) => entries.delete(lessonId),
  }
}
