/**
 * The interview drill's cards, as data: each classic question with the lesson steps that prove
 * its answer. A proof opens the lesson at the step after `stepId`, i.e. on the cluster exactly as
 * it was when that step's goal was reached (the lesson player rebuilds it from the canonical
 * path). `stepId` must name a task or watch step, so the claim shown is one the simulator checked.
 * A card without proofs says in its answer that its simulation is pending; it shows no button.
 */
import type { LessonId } from '../../lessons/schema'

export interface DrillProof {
  lessonId: LessonId
  stepId: string
}

export interface DrillCard {
  /** Kebab-case; the text is `drill.cards.<id>.{question,answer,source}`. */
  id: string
  proofs: DrillProof[]
}

export const DRILL_CARDS: readonly DrillCard[] = [
  {
    id: 'commit-offset',
    proofs: [
      { lessonId: 'committed-offset', stepId: 'restart' },
      { lessonId: 'auto-commit-duplicates', stepId: 'crash' },
    ],
  },
  {
    id: 'why-fast',
    proofs: [
      { lessonId: 'zero-copy', stepId: 'serve-fetch' },
      { lessonId: 'page-cache-relay', stepId: 'tail-read' },
      { lessonId: 'batching-and-compression', stepId: 'ten-in-one' },
    ],
  },
  {
    id: 'loss-and-duplicates',
    proofs: [
      { lessonId: 'min-insync-replicas', stepId: 'refused' },
      { lessonId: 'acks-all-no-loss', stepId: 'retry' },
      { lessonId: 'idempotent-producer', stepId: 'retry' },
    ],
  },
  {
    id: 'hw-and-leo',
    proofs: [
      { lessonId: 'leo-and-hw', stepId: 'advance-hw' },
      { lessonId: 'leo-and-hw', stepId: 'follower-learns' },
    ],
  },
  { id: 'ordering', proofs: [{ lessonId: 'keys-and-partitions', stepId: 'where-user-42' }] },
  { id: 'acks-one-failover', proofs: [{ lessonId: 'acks-levels', stepId: 'old-leader-returns' }] },
  {
    id: 'delivery-semantics',
    proofs: [
      { lessonId: 'at-most-once', stepId: 'lose-silently' },
      { lessonId: 'retries-and-duplicates', stepId: 'see-twice' },
      { lessonId: 'idempotent-producer', stepId: 'retry' },
      { lessonId: 'commit-before-processing', stepId: 'restart' },
      { lessonId: 'exactly-once', stepId: 'abort' },
    ],
  },
  { id: 'dlq-and-retry', proofs: [{ lessonId: 'idempotent-consumer', stepId: 'run' }] },
  { id: 'mmap', proofs: [{ lessonId: 'flush-and-durability', stepId: 'power-cut' }] },
  { id: 'isr-rule', proofs: [{ lessonId: 'isr-shrink-expand', stepId: 'shrink' }] },
  {
    id: 'hw-formula',
    proofs: [{ lessonId: 'min-insync-replicas', stepId: 'acks-one-invisible' }],
  },
  { id: 'sparse-index', proofs: [{ lessonId: 'segments-and-index', stepId: 'index-entry' }] },
  {
    id: 'truncate-to-hw',
    proofs: [
      { lessonId: 'high-watermark-truncation', stepId: 'restart-a-kill-b' },
      { lessonId: 'leader-epochs', stepId: 'restart-a-kill-b' },
    ],
  },
  {
    id: 'unclean-default',
    proofs: [{ lessonId: 'unclean-leader-election', stepId: 'last-isr-dies' }],
  },
  {
    id: 'follower-reads',
    proofs: [{ lessonId: 'leaders-and-followers', stepId: 'read-follower' }],
  },
  { id: 'zombie-producers', proofs: [{ lessonId: 'producer-fencing', stepId: 'zombie-writes' }] },
  { id: 'preferred-leader', proofs: [{ lessonId: 'preferred-leader', stepId: 'come-back' }] },
  { id: 'null-keys', proofs: [{ lessonId: 'sticky-null-keys', stepId: 'null-keys' }] },
]
