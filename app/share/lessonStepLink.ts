/**
 * Lesson steps in links (`?page=lessons&lesson=<id>&step=<n>`): a progress storage that opens the
 * lesson of the page's first address at that step (the lesson player rebuilds a step's start from
 * its canonical path, so the view is exact) and tells "Copy link" the step the learner is on. Once
 * the learner moves on, `step` leaves the address, so a reload resumes from their own progress.
 */
import { lessonIdFrom } from '../../src/components/lessons/lessonServices'
import type { LessonId } from '../../src/lessons/schema'
import { createWebStorageProgress, type LessonProgressStorage } from '../../src/lessons/progress'

/** Progress in this browser's localStorage (nothing is remembered where storage is blocked). */
export function browserLessonProgress(): LessonProgressStorage {
  try {
    return createWebStorageProgress(window.localStorage)
  } catch {
    // Reading `localStorage` itself throws where storage is blocked.
    return createWebStorageProgress(null)
  }
}

export interface LinkedLessonProgress extends LessonProgressStorage {
  /** The step the learner is on in this lesson (0-based), or null before it starts. */
  currentStep(lessonId: LessonId): number | null
}

export function linkedLessonProgress(
  base: LessonProgressStorage,
  initialSearch: string,
  initialStep: number | null,
): LinkedLessonProgress {
  const linkedLesson = initialStep === null ? null : lessonIdFrom(initialSearch)
  let pending = linkedLesson !== null
  const current = new Map<LessonId, number>()
  return {
    load: (lessonId) => {
      if (pending && lessonId === linkedLesson && initialStep !== null) {
        pending = false
        return { stepIndex: initialStep, completedStepIds: [], finished: false }
      }
      return base.load(lessonId)
    },
    save: (lessonId, progress) => {
      base.save(lessonId, progress)
      current.set(lessonId, progress.stepIndex)
      const url = new URL(window.location.href)
      const step = url.searchParams.get('step')
      if (step === null || step === String(progress.stepIndex)) return
      url.searchParams.delete('step')
      window.history.replaceState(window.history.state, '', url)
    },
    clear: (lessonId) => base.clear(lessonId),
    currentStep: (lessonId) => current.get(lessonId) ?? base.load(lessonId)?.stepIndex ?? null,
  }
}
