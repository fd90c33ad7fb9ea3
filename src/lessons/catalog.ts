/**
 * The lesson catalog: tracks in the order the home page shows them, lessons in the order a learner
 * takes them (LGB src/levels/index.js). Every lesson is validated when the catalog loads; a
 * malformed one is left out and reported in `problems` (shown by the catalog page, failed by the
 * lesson tests), never a crash.
 */
import { acksAllNoLoss } from './content/acksAllNoLoss'
import { acksLevels } from './content/acksLevels'
import { atMostOnce } from './content/atMostOnce'
import { autoCommitDuplicates } from './content/autoCommitDuplicates'
import { commitBeforeProcessing } from './content/commitBeforeProcessing'
import { committedOffset } from './content/committedOffset'
import { consumerGroups } from './content/consumerGroups'
import { cooperativeRebalancing } from './content/cooperativeRebalancing'
import { exactlyOnce } from './content/exactlyOnce'
import { idempotentConsumer } from './content/idempotentConsumer'
import { rebalanceTiming } from './content/rebalanceTiming'
import { stickyNullKeys } from './content/stickyNullKeys'
import { batchingAndCompression } from './content/batchingAndCompression'
import { failoverAndTruncation } from './content/failoverAndTruncation'
import { flushAndDurability } from './content/flushAndDurability'
import { heartbeatsAndFencing } from './content/heartbeatsAndFencing'
import { idempotentProducer } from './content/idempotentProducer'
import { isolationAndHealing } from './content/isolationAndHealing'
import { isrShrinkExpand } from './content/isrShrinkExpand'
import { keysAndPartitions } from './content/keysAndPartitions'
import { highWatermarkTruncation, leaderEpochs } from './content/kip101'
import { leadersAndFollowers } from './content/leadersAndFollowers'
import { leoAndHw } from './content/leoAndHw'
import { majorityVsIsr } from './content/majorityVsIsr'
import { manyPartitions } from './content/manyPartitions'
import { minInsyncReplicas } from './content/minInsyncReplicas'
import { pageCacheRelay } from './content/pageCacheRelay'
import { preferredLeader } from './content/preferredLeader'
import { producerFencing } from './content/producerFencing'
import { recordSizeLimits } from './content/recordSizeLimits'
import { retention } from './content/retention'
import { retriesAndDuplicates } from './content/retriesAndDuplicates'
import { segmentsAndIndex } from './content/segmentsAndIndex'
import { sequentialAppend } from './content/sequentialAppend'
import { uncleanLeaderElection } from './content/uncleanLeaderElection'
import { zeroCopy } from './content/zeroCopy'
import { parseLesson, TRACKS, type Lesson, type LessonId, type TrackId } from './schema'

/** Lesson data per track, in order. Tracks without lessons yet are listed as coming soon. */
export const LESSONS_BY_TRACK: Record<TrackId, readonly unknown[]> = {
  'storage-io': [
    sequentialAppend,
    segmentsAndIndex,
    retention,
    pageCacheRelay,
    flushAndDurability,
    zeroCopy,
    batchingAndCompression,
    manyPartitions,
  ],
  replication: [
    heartbeatsAndFencing,
    isolationAndHealing,
    leadersAndFollowers,
    majorityVsIsr,
    isrShrinkExpand,
    acksLevels,
    minInsyncReplicas,
    leoAndHw,
    failoverAndTruncation,
    preferredLeader,
    uncleanLeaderElection,
    leaderEpochs,
    highWatermarkTruncation,
  ],
  producer: [
    keysAndPartitions,
    stickyNullKeys,
    recordSizeLimits,
    idempotentProducer,
    producerFencing,
  ],
  consumer: [
    consumerGroups,
    committedOffset,
    autoCommitDuplicates,
    commitBeforeProcessing,
    rebalanceTiming,
    cooperativeRebalancing,
    idempotentConsumer,
  ],
  delivery: [atMostOnce, retriesAndDuplicates, acksAllNoLoss, exactlyOnce],
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
