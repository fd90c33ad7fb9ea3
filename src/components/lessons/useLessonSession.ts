/**
 * React handle on a lesson session (lessonSession.ts): opens one per lesson, closes it when the
 * lesson changes or the page goes away.
 */
import { useEffect, useState } from 'react'
import type { LessonProgressStorage } from '../../lessons/progress'
import type { Lesson } from '../../lessons/schema'
import type { AppServices } from '../AppServices'
import { openLessonSession, type LessonSession } from './lessonSession'
import type { LessonEngine } from './lessonServices'

export type { LessonActor, LessonSession } from './lessonSession'

export function useLessonSession(
  lesson: Lesson,
  engine: LessonEngine,
  services: Pick<AppServices, 'simStore' | 'playback'>,
  storage: LessonProgressStorage,
): LessonSession {
  const [session, setSession] = useState<LessonSession>({ status: 'loading' })
  const { simStore, playback } = services
  useEffect(
    () =>
      openLessonSession({
        lesson,
        engine,
        services: { simStore, playback },
        storage,
        onChange: setSession,
      }),
    [lesson, engine, simStore, playback, storage],
  )
  return session
}
