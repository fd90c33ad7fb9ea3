/**
 * What the lessons page needs from the app beyond `AppServices`: a way to start the run a lesson
 * is built on (its own seed and scenario), to resume a lesson mid-way, and to send commands and
 * seeks. app/ implements `LessonEngine` over the engine protocol; components never reach the
 * engine directly. Also: the lesson's place in the address bar (`?page=lessons&lesson=<id>`).
 */
import { useSyncExternalStore } from 'react'
import type { ClusterCommand, ReplayFile, ScenarioConfig } from '../../engine'
import type { LessonId } from '../../lessons/schema'

/**
 * The engine as a lesson drives it. Every method resolves once the engine's reply has been
 * applied to the sim store (so the store already shows the new frame), and never leaves the
 * store half-updated.
 */
export interface LessonEngine {
  /** A fresh run with the lesson's seed and scenario (protocol `init`). Rejects if refused. */
  start(seed: number, scenario: ScenarioConfig): Promise<void>
  /**
   * Replaces the run with a replay, positioned at its end (protocol `importReplay`): how a
   * learner resumes at a later step. Rejects if refused.
   */
  restore(replay: ReplayFile): Promise<void>
  /** One cluster command (protocol `dispatch`); a refusal shows as the store's `rejection`. */
  dispatch(command: ClusterCommand): Promise<void>
  /** Moves the run to `targetMs` (protocol `seek`). */
  seek(targetMs: number): Promise<void>
}

export const LESSON_PARAM = 'lesson'
export const LESSONS_PAGE = 'lessons'

/** The lesson named in a query string, or null for the catalog. */
export function lessonIdFrom(search: string): LessonId | null {
  const id = new URLSearchParams(search).get(LESSON_PARAM)
  return id === null || id === '' ? null : id
}

/** The query string for the lessons page (catalog or one lesson), keeping other parameters. */
export function lessonsSearch(search: string, lessonId: LessonId | null): string {
  const params = new URLSearchParams(search)
  params.set('page', LESSONS_PAGE)
  if (lessonId === null) params.delete(LESSON_PARAM)
  else params.set(LESSON_PARAM, lessonId)
  return `?${params.toString()}`
}

/**
 * Default navigation: pushes the new address and fires `popstate`, which the shell's router and
 * `useLessonIdFromUrl` both listen to, so the page re-renders without a reload.
 */
export function navigateToLesson(lessonId: LessonId | null): void {
  window.history.pushState(null, '', lessonsSearch(window.location.search, lessonId))
  window.dispatchEvent(new PopStateEvent('popstate'))
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener)
  return () => window.removeEventListener('popstate', listener)
}

/** The `lesson` query parameter, re-read on navigation and on back/forward. */
export function useLessonIdFromUrl(): LessonId | null {
  return useSyncExternalStore(
    subscribe,
    () => lessonIdFrom(window.location.search),
    () => null,
  )
}
