/**
 * Positions and fetching (SubscriptionState, OffsetFetcher, Fetcher): a newly assigned partition
 * starts at the group's committed offset (OffsetFetch) or, without one, where `auto.offset.reset`
 * says (ListOffsets at the leader: earliest = log start offset, latest = high watermark; `none`
 * → NoOffsetForPartitionException). Owned partitions with a position and nothing buffered are
 * fetched from their leader, which never returns records at or above the HW; a position out of
 * range is reset the same way (`none` → OffsetOutOfRangeException).
 */
import { clientError, type KafkaError } from '../../errors'
import type { SimEvent } from '../../events'
import { decodeRecordBatches } from '../../log'
import type { ClusterState, MessagePayload } from '../../types'
import type { GroupMessagePayload } from '../group/groupTypes'
import { failConsumer } from './groupMembership'
import { leaderOf, pendingOf, sendRequest, wakeAt } from './consumerNetwork'
import type { BufferedRecord, ConsumerState, OwnedPartition } from './consumerTypes'

type Res<K extends GroupMessagePayload['kind']> = Extract<GroupMessagePayload, { kind: K }>
type FetchResponse = Extract<MessagePayload, { kind: 'fetchResponse' }>

const textDecoder = new TextDecoder()

function ownedOf(c: ConsumerState, topic: string, partition: number): OwnedPartition | undefined {
  return c.owned.find((p) => p.topic === topic && p.partition === partition)
}

export function setPosition(p: OwnedPartition, offset: number): void {
  p.position = offset
  p.fetchOffset = offset
  p.buffer = []
  p.fetchInFlight = null
  p.positionPending = null
}

/** Sends what the owned partitions need: OffsetFetch, ListOffsets, Fetch. */
export function maybeFetch(state: ClusterState, out: SimEvent[], c: ConsumerState): void {
  const needCommitted = c.owned.filter((p) => p.position === null && p.positionPending === null)
  if (needCommitted.length > 0 && c.coordinatorId !== null && c.groupId !== null) {
    for (const p of needCommitted) p.positionPending = 'committed'
    const groupId = c.groupId
    sendRequest(state, out, c, c.coordinatorId, 'offsetFetch', (requestId) => ({
      kind: 'offsetFetchRequest',
      requestId,
      groupId,
      partitions: needCommitted.map(({ topic, partition }) => ({ topic, partition })),
    }))
  }
  for (const p of c.owned) {
    if (p.position === null || p.fetchInFlight !== null || p.buffer.length > 0) continue
    if (state.nowMs < p.backoffUntilMs) {
      wakeAt(state, c, p.backoffUntilMs)
      continue
    }
    const leader = leaderOf(state, p.topic, p.partition)
    if (leader === null) {
      p.backoffUntilMs = state.nowMs + c.configs['retry.backoff.ms']
      wakeAt(state, c, p.backoffUntilMs)
      continue
    }
    const fetchOffset = p.fetchOffset ?? p.position
    p.fetchInFlight = sendRequest(state, out, c, leader, 'fetch', (requestId) => ({
      kind: 'fetchRequest',
      requestId,
      replicaId: null,
      topic: p.topic,
      partition: p.partition,
      fetchOffset,
      lastFetchedEpoch: null,
      currentLeaderEpoch: -1,
      maxBytes: c.configs['max.partition.fetch.bytes'],
      isolationLevel: c.configs['isolation.level'],
    }))
  }
}

/** No committed offset or one out of range: `auto.offset.reset`. */
function resetPosition(
  state: ClusterState,
  out: SimEvent[],
  c: ConsumerState,
  p: OwnedPartition,
  outOfRange: KafkaError | null,
): void {
  const policy = c.configs['auto.offset.reset']
  if (policy === 'none') {
    p.positionPending = null
    failConsumer(
      state,
      out,
      c,
      outOfRange === null
        ? clientError(
            'NoOffsetForPartitionException',
            `Undefined offset with no reset policy for partitions: [${p.topic}-${p.partition}]`,
          )
        : clientError(
            'OffsetOutOfRangeException',
            `Fetch position FetchPosition{offset=${p.fetchOffset}} is out of range for partition ${p.topic}-${p.partition}`,
          ),
    )
    return
  }
  const leader = leaderOf(state, p.topic, p.partition)
  if (leader === null) {
    p.positionPending = null
    p.backoffUntilMs = state.nowMs + c.configs['retry.backoff.ms']
    return wakeAt(state, c, p.backoffUntilMs)
  }
  p.positionPending = 'reset'
  p.position = null
  p.buffer = []
  p.fetchInFlight = null
  sendRequest(state, out, c, leader, 'listOffsets', (requestId) => ({
    kind: 'listOffsetsRequest',
    requestId,
    topic: p.topic,
    partition: p.partition,
    timestamp: policy === 'earliest' ? -2 : -1,
    isolationLevel: c.configs['isolation.level'],
  }))
}

export function onOffsetFetchResponse(
  state: ClusterState,
  out: SimEvent[],
  c: ConsumerState,
  response: Res<'offsetFetchResponse'>,
): void {
  for (const { topic, partition, offset } of response.offsets) {
    const p = ownedOf(c, topic, partition)
    if (p === undefined || p.positionPending !== 'committed') continue
    if (response.error !== null) p.positionPending = null
    else if (offset >= 0) setPosition(p, offset)
    else resetPosition(state, out, c, p, null)
  }
  if (response.error !== null)
    for (const p of c.owned) if (p.positionPending === 'committed') p.positionPending = null
}

export function onListOffsetsResponse(
  state: ClusterState,
  c: ConsumerState,
  response: Res<'listOffsetsResponse'>,
): void {
  const p = ownedOf(c, response.topic, response.partition)
  if (p === undefined || p.positionPending !== 'reset') return
  if (response.error !== null) {
    p.positionPending = null
    p.backoffUntilMs = state.nowMs + c.configs['retry.backoff.ms']
    return wakeAt(state, c, p.backoffUntilMs)
  }
  setPosition(p, response.offset)
}

export function onFetchResponse(
  state: ClusterState,
  out: SimEvent[],
  c: ConsumerState,
  response: FetchResponse,
): void {
  const p = ownedOf(c, response.topic, response.partition)
  if (p === undefined || p.fetchInFlight !== response.requestId) return
  p.fetchInFlight = null
  if (response.error !== null) {
    if (response.error.error === 'OFFSET_OUT_OF_RANGE')
      return resetPosition(state, out, c, p, response.error)
    p.backoffUntilMs = state.nowMs + c.configs['retry.backoff.ms']
    return wakeAt(state, c, p.backoffUntilMs)
  }
  const decoded = decodeRecordBatches(response.records)
  if (!decoded.ok) return
  const aborted = response.abortedTransactions ?? []
  const readCommitted = c.configs['isolation.level'] === 'read_committed'
  let next = response.fetchOffset
  const records: BufferedRecord[] = []
  for (const batch of decoded.value) {
    if (batch.lastOffset < response.fetchOffset) continue
    next = Math.max(next, batch.lastOffset + 1)
    if (batch.isControl) continue
    if (
      readCommitted &&
      batch.isTransactional &&
      aborted.some((a) => a.producerId === batch.producerId && a.firstOffset <= batch.baseOffset)
    )
      continue
    for (const r of batch.records) {
      if (r.offset < response.fetchOffset) continue
      records.push({
        offset: r.offset,
        timestamp: r.timestamp,
        key: r.key === null ? null : textDecoder.decode(r.key),
        value: r.value === null ? null : textDecoder.decode(r.value),
      })
    }
  }
  p.buffer.push(...records)
  p.fetchOffset = next
  // Nothing returned but the position moved past control records: poll() moves it too.
  if (p.buffer.length === 0 && p.position !== null && next > p.position) p.position = next
}

/** A fetch, OffsetFetch or ListOffsets that never came back: try again. */
export function onFetchLost(c: ConsumerState, requestId: number): void {
  for (const p of c.owned) {
    if (p.fetchInFlight === requestId) p.fetchInFlight = null
  }
  if (pendingOf(c, 'offsetFetch').length === 0)
    for (const p of c.owned) if (p.positionPending === 'committed') p.positionPending = null
  if (pendingOf(c, 'listOffsets').length === 0)
    for (const p of c.owned) if (p.positionPending === 'reset') p.positionPending = null
}
