/**
 * The lesson catalog: tracks in the order the home page shows them, lessons in the order a learner
 * takes them (LGB src/levels/index.js). Every lesson is validated when the catalog loads; a
 * malformed one is left out and reported in `problems` (shown by the catalog page, failed by the
 * lesson tests), never a crash.
 */
import { heartbeatsAndFencing } from './content/heartbeatsAndFencing'
import { isolationAndHealing } from './content/isolationAndHealing'
import { parseLesson, TRACKS, type Lesson, type LessonId, type TrackId } from './schema'

/** Lesson data per track, in order. Tracks without lessons yet are listed as coming soon. */
export const LESSONS_BY_TRACK: Record<TrackId, readonly unknown[]> = {
  'storage-io': [],
  replication: [heartbeatsAndFencing, isolationAndHealing],
  producer: [],
  consumer: [],
  delivery: [],
  interview: [],
}

export interface CatalogTrack {
  id: TrackId
  lessons: Lesson[]
}

export interface Catalog {
  tracks: CatalogTrack[]
  /** Every valid lesson, in catalog order. */
  all: Lesson[]
  /** One line per lesson that was left out, naming the lesson and the fields. */
  problems: string[]
}

export function loadCatalog(lessonsByTrack: Record<TrackId, readonly unknown[]>): Catalog {
  const problems: string[] = []
  const seen = new Set<LessonId>()
  const tracks = TRACKS.map((trackId): CatalogTrack => {
    const lessons: Lesson[] = []
    for (const input of lessonsByTrack[trackId]) {
      const parsed = parseLesson(input)
      if (!parsed.ok) {
        problems.push(parsed.error)
        continue
      }
      const { lesson } = parsed
      if (lesson.track !== trackId) {
        problems.push(
          `lesson ${lesson.id}: listed under ${trackId} but its track is ${lesson.track}`,
        )
        continue
      }
      if (seen.has(lesson.id)) {
        problems.push(`lesson ${lesson.id}: the id is used twice`)
        continue
      }
      seen.add(lesson.id)
      lessons.push(lesson)
    }
    return { id: trackId, lessons }
  })
  return { tracks, all: tracks.flatMap((t) => t.lessons), problems }
}

export const catalog: Catalog = loadCatalog(LESSONS_BY_TRACK)

export function findLesson(id: LessonId, from: Catalog = catalog): Lesson | null {
  return from.all.find((lesson) => lesson.id === id) ?? null
}
