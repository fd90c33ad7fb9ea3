/**
 * Retention (KAFKA_SPEC §1.5): every `log.retention.check.interval.ms` each broker deletes the
 * whole segments whose newest record is older than `retention.ms`, oldest first, and moves the
 * log start offset; a breaching active segment is rolled first and then deleted, so "the active
 * segment is never deleted" is imprecise. A fetch below the log start offset is
 * OFFSET_OUT_OF_RANGE.
 */
import type { Lesson } from '../schema'
import { brokersJoin, produce, QUIET_NETWORK } from './common'

/** Short times so a lesson shows what takes days with Kafka's defaults (7 d, 5 min checks). */
const SHORT_RETENTION = { 'segment.ms': 10_000, 'retention.ms': 30_000 } as const

const sendClicks = produce('clicks', 0, ['view /home', 'view /cart'], -1)
const sendAudit = produce('audit', 0, ['login alice'], -1)
const fetchClicksFromZero = {
  type: 'consumerFetch',
  topic: 'clicks',
  partition: 0,
  fetchOffset: 0,
} as const

/** The broker that leads both partitions in this seeded run. */
const LEADER = 1

export const retention = {
  id: 'retention',
  track: 'storage-io',
  seed: 108,
  scenario: {
    brokers: 3,
    network: QUIET_NETWORK,
    brokerConfigs: { 'log.retention.check.interval.ms': 10_000 },
    topics: [
      { name: 'clicks', partitions: 1, replicationFactor: 3, configs: SHORT_RETENTION },
      { name: 'audit', partitions: 1, replicationFactor: 3, configs: SHORT_RETENTION },
    ],
  },
  allowedCommands: ['produce', 'consumerFetch'],
  actions: [
    { id: 'send-audit', label: 'actionSendAudit', commands: [sendAudit] },
    { id: 'fetch-clicks', label: 'actionFetchClicks', commands: [fetchClicksFromZero] },
  ],
  steps: [
    { kind: 'narrate', id: 'intro', prose: 'intro' },
    brokersJoin(3),
    {
      kind: 'demo',
      id: 'first-batch',
      before: 'firstBefore',
      commands: [sendClicks],
      after: 'firstAfter',
    },
    {
      kind: 'watch',
      id: 'ten-seconds',
      caption: 'tenSeconds',
      until: { type: 'elapsedAtLeast', ms: 11_000 },
      simBudgetMs: 12_000,
    },
    {
      kind: 'demo',
      id: 'second-batch',
      before: 'secondBefore',
      commands: [sendClicks],
      after: 'secondAfter',
    },
    {
      kind: 'watch',
      id: 'retention-pass',
      caption: 'retentionPass',
      until: {
        type: 'measure',
        measure: {
          of: 'replica',
          partition: 'clicks-0',
          brokerId: LEADER,
          field: 'logStartOffset',
        },
        atLeast: 1,
      },
      simBudgetMs: 40_000,
    },
    { kind: 'narrate', id: 'active-segment', prose: 'activeSegment' },
    {
      kind: 'task',
      id: 'expire-audit',
      prompt: 'auditPrompt',
      goal: {
        type: 'measure',
        measure: { of: 'replica', partition: 'audit-0', brokerId: LEADER, field: 'logStartOffset' },
        atLeast: 1,
      },
      solution: [sendAudit],
      hint: 'auditHint',
      simBudgetMs: 45_000,
    },
    { kind: 'narrate', id: 'rolled', prose: 'rolled' },
    {
      kind: 'task',
      id: 'fetch-deleted',
      prompt: 'fetchPrompt',
      goal: {
        type: 'eventHappened',
        event: 'fetchCompleted',
        match: { topic: 'clicks', error: 'OFFSET_OUT_OF_RANGE' },
      },
      solution: [fetchClicksFromZero],
      hint: 'fetchHint',
      simBudgetMs: 2_000,
    },
    { kind: 'narrate', id: 'wrap-up', prose: 'wrapUp' },
  ],
} satisfies Lesson
