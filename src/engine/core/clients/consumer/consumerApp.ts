/**
 * The application around a consumer, modelled: `poll()` (auto-commit when due, then up to
 * `max.poll.records` buffered records), processing that takes simulated time per record, the
 * commit strategy (auto, after processing = at-least-once, before processing = at-most-once),
 * crashes planned at a precise point, an idempotent consumer's dedupe store, and forwarding of
 * failing records to a retry or dead-letter topic through a real produce request.
 */
import { emit } from '../../emit'
import { kafkaError } from '../../errors'
import type { SimEvent } from '../../events'
import { encodeRecordBatch } from '../../log'
import type { ClusterState } from '../../types'
import { allConsumed, sendCommit, type OffsetToCommit } from './consumerCommits'
import { consumerTimer, leaderOf, sendRequest } from './consumerNetwork'
import type { ConsumerRequest, ConsumerState, PolledRecord, ProcessingBatch } from './consumerTypes'
import { ledgerFor, markProcessed } from './processedLedger'

export const RECENT_BATCHES_MAX = 30

/** The application is inside poll() (not processing, not blocked in commitSync). */
export function appInPoll(c: ConsumerState): boolean {
  return (
    c.run === null ||
    (c.processing === null && c.blockingCommitId === null && c.awaitingCommitBatch === null)
  )
}

/** A commit, unless a crash was planned for just before it. */
export function commitWithPlan(
  state: ClusterState,
  out: SimEvent[],
  c: ConsumerState,
  offsets: OffsetToCommit[],
  purpose: NonNullable<ConsumerRequest['purpose']>,
): number | null {
  if (offsets.length === 0) return null
  if (c.crashPlan?.when === 'beforeCommit' && purpose !== 'close') {
    stopConsumer(state, out, c, 'crashed')
    return null
  }
  return sendCommit(state, out, c, offsets, purpose)
}

/** `KafkaConsumer#poll`: auto-commit if due, then the buffered records of owned partitions. */
export function pollRecords(
  state: ClusterState,
  out: SimEvent[],
  c: ConsumerState,
): PolledRecord[] {
  if (c.failed || c.status !== 'running') return []
  if (
    c.configs['enable.auto.commit'] &&
    c.memberState === 'STABLE' &&
    state.nowMs >= c.autoCommitDueMs
  ) {
    c.autoCommitDueMs = state.nowMs + c.configs['auto.commit.interval.ms']
    commitWithPlan(state, out, c, allConsumed(c), 'auto')
    if (c.status !== 'running') return []
  }
  const records: PolledRecord[] = []
  const ranges: Record<string, [number, number]> = {}
  let room = c.configs['max.poll.records']
  for (const p of c.owned) {
    if (room === 0) break
    if (p.position === null || p.buffer.length === 0) continue
    const taken = p.buffer.splice(0, room)
    room -= taken.length
    for (const r of taken) {
      const { offset, timestamp, key, value } = r
      records.push({ offset, timestamp, key, value, topic: p.topic, partition: p.partition })
    }
    p.position = taken[taken.length - 1]!.offset + 1
    if (p.buffer.length === 0 && p.fetchOffset !== null && p.fetchOffset > p.position)
      p.position = p.fetchOffset
    ranges[`${p.topic}-${p.partition}`] = [taken[0]!.offset, taken[taken.length - 1]!.offset]
  }
  if (records.length > 0) {
    c.stats.polledCount += records.length
    emit(state, out, {
      type: 'recordsPolled',
      consumer: c.name,
      partitions: ranges,
      count: records.length,
    })
  }
  return records
}

/** When each record's processing ends: one after another, a retry consumer waiting out its delay. */
function doneTimes(state: ClusterState, c: ConsumerState, records: PolledRecord[]): number[] {
  const perRecordMs = c.run?.processingMs ?? 0
  const delayMs = c.run?.retry?.delayMs ?? 0
  let t = state.nowMs
  return records.map((r) => {
    if (delayMs > 0) t = Math.max(t, r.timestamp + delayMs)
    t += perRecordMs
    return t
  })
}

/** The application starts on a polled batch; the poll timer (`max.poll.interval.ms`) runs. */
export function startProcessing(
  state: ClusterState,
  out: SimEvent[],
  c: ConsumerState,
  records: PolledRecord[],
): void {
  c.nextToken += 1
  const batch: ProcessingBatch = {
    records,
    doneAtMs: doneTimes(state, c, records),
    startedAtMs: state.nowMs,
    token: c.nextToken,
  }
  c.processing = batch
  armPollTimer(state, c)
  const plan = c.crashPlan
  if (plan?.when === 'afterRecords' && plan.records <= records.length) {
    const crashAtMs = plan.records === 0 ? state.nowMs : batch.doneAtMs[plan.records - 1]!
    if (crashAtMs <= state.nowMs) return stopConsumer(state, out, c, 'crashed')
    consumerTimer(state, c, crashAtMs, 'crash', batch.token)
  }
  const endMs = batch.doneAtMs[batch.doneAtMs.length - 1] ?? state.nowMs
  if (endMs <= state.nowMs) finishProcessing(state, out, c)
  else consumerTimer(state, c, endMs, 'processingDone', batch.token)
}

export function armPollTimer(state: ClusterState, c: ConsumerState): void {
  const deadline = state.nowMs + c.configs['max.poll.interval.ms']
  c.pollDeadlineMs = deadline
  const pending = c.pollTimerAtMs
  if (pending !== null && pending > state.nowMs && pending <= deadline) return
  schedulePollTimer(state, c, deadline)
}

/** Schedules the consumer's poll timer at `atMs`; its token is that time. */
export function schedulePollTimer(state: ClusterState, c: ConsumerState, atMs: number): void {
  c.pollTimerAtMs = Math.max(atMs, state.nowMs + 1)
  consumerTimer(state, c, c.pollTimerAtMs, 'pollTimeout', c.pollTimerAtMs)
}

/** The batch is done: record it, then commit if the application commits after processing. */
export function finishProcessing(state: ClusterState, out: SimEvent[], c: ConsumerState): void {
  const batch = c.processing
  if (batch === null) return
  c.processing = null
  c.pollDeadlineMs = null
  applyRecords(state, out, c, batch.records)
  if (c.crashPlan?.when === 'afterRecords') c.crashPlan.records -= batch.records.length
  if (c.run?.commit === 'afterProcessing') {
    const offsets = offsetsAfter(batch.records)
    const id = commitWithPlan(state, out, c, offsets, c.run.commitMode)
    if (id !== null && c.run.commitMode === 'sync') c.blockingCommitId = id
  }
}

/** Commit offsets for these records: last processed offset + 1 per partition. */
export function offsetsAfter(records: readonly PolledRecord[]): OffsetToCommit[] {
  const byPartition = new Map<string, OffsetToCommit>()
  for (const r of records) {
    byPartition.set(`${r.topic}-${r.partition}`, {
      topic: r.topic,
      partition: r.partition,
      offset: r.offset + 1,
    })
  }
  return [...byPartition.values()]
}

/** The application's side effects for these records, in order. */
export function applyRecords(
  state: ClusterState,
  out: SimEvent[],
  c: ConsumerState,
  records: readonly PolledRecord[],
): void {
  const ledgerKey = c.groupId ?? c.name
  const summaries = new Map<string, { from: number; to: number; duplicates: number }>()
  // Polled records come partition by partition: the key is built once per run of a partition.
  let partitionKey = ''
  let previous: PolledRecord | null = null
  for (const r of records) {
    if (previous === null || r.topic !== previous.topic || r.partition !== previous.partition)
      partitionKey = `${r.topic}-${r.partition}`
    previous = r
    if (c.run?.dedupe && r.key !== null) {
      const store = (state.consumerGroups.dedupeStoreByGroup[ledgerKey] ??= [])
      if (store.includes(r.key)) {
        c.stats.duplicatesSkipped += 1
        continue
      }
      store.push(r.key)
    }
    const duplicate = markProcessed(ledgerFor(state, ledgerKey, partitionKey), r.offset)
    c.stats.processedCount += 1
    if (duplicate) c.stats.duplicateCount += 1
    const summary = summaries.get(partitionKey) ?? { from: r.offset, to: r.offset, duplicates: 0 }
    summary.to = r.offset
    if (duplicate) summary.duplicates += 1
    summaries.set(partitionKey, summary)
    const retry = c.run?.retry
    if (retry && (r.value ?? '').includes(retry.failMarker))
      forward(state, out, c, r, retry.nextTopic)
  }
  for (const [partitionKey, s] of summaries) {
    c.stats.recent.push({
      partitionKey,
      fromOffset: s.from,
      toOffset: s.to,
      duplicates: s.duplicates,
      atMs: state.nowMs,
      incarnation: c.incarnation,
    })
  }
  if (c.stats.recent.length > RECENT_BATCHES_MAX)
    c.stats.recent.splice(0, c.stats.recent.length - RECENT_BATCHES_MAX)
}

/** Processing failed: the record goes on to the next retry topic (or the dead-letter topic). */
function forward(
  state: ClusterState,
  out: SimEvent[],
  c: ConsumerState,
  r: PolledRecord,
  topic: string,
): void {
  const spec = state.controller.topicsByName[topic]
  const partition = spec === undefined ? 0 : r.partition % spec.partitions
  const leader = spec === undefined ? null : leaderOf(state, topic, partition)
  if (leader === null) {
    emit(state, out, {
      type: 'consumerError',
      consumer: c.name,
      error: 'UNKNOWN_TOPIC_OR_PARTITION',
      message: kafkaError(
        'UNKNOWN_TOPIC_OR_PARTITION',
        `Cannot forward offset ${r.offset} to ${topic}-${partition}: no such topic or no leader.`,
      ).message,
    })
    return
  }
  c.stats.forwardedCount += 1
  const records = encodeRecordBatch({
    records: [{ timestamp: state.nowMs, key: r.key, value: r.value }],
  })
  sendRequest(state, out, c, leader, 'produce', (requestId) => ({
    kind: 'produceRequest',
    requestId,
    topic,
    partition,
    acks: -1,
    timeoutMs: 30_000,
    records,
  }))
}

/** A crash (nothing more happens) or a close; processing under way is cut where it is. */
export function stopConsumer(
  state: ClusterState,
  out: SimEvent[],
  c: ConsumerState,
  how: 'crashed' | 'closed',
): void {
  const batch = c.processing
  if (batch !== null) {
    applyRecords(
      state,
      out,
      c,
      batch.records.filter((_, i) => batch.doneAtMs[i]! <= state.nowMs),
    )
  }
  c.processing = null
  c.awaitingCommitBatch = null
  c.blockingCommitId = null
  c.status = how
  c.requests = {}
  c.heartbeatDueMs = null
  c.pollDeadlineMs = null
  c.crashPlan = null
  c.wakeAtMs = null
  emit(state, out, { type: 'consumerStopped', consumer: c.name, how })
}
