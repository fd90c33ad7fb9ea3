/**
 * The engine's stand-in client (`client-1`): it sends raw produce and fetch requests to a broker
 * (by default the partition's current leader) and records what comes back. The full producer
 * (batching, retries, idempotence) and consumer groups build on this later; this is the wire
 * level a lesson needs to show acks, min.insync.replicas and what consumers can see.
 */
import { emit } from '../emit'
import { kafkaError, type KafkaError } from '../errors'
import type { SimEvent } from '../events'
import { decodeRecordBatches, encodeRecordBatch } from '../log'
import { send } from '../network'
import { visibleRecords } from '../clients/transactions/stableOffset'
import {
  brokerNode,
  NO_LEADER,
  type BrokerId,
  type ClientResult,
  type ClusterState,
  type MessagePayload,
} from '../types'

export const CLIENT_NODE = 'client-1'
/**
 * What the stand-in client remembers (it is state, so every checkpoint copies it): the latest
 * results, and the first values of each fetch. Offsets are always complete.
 */
export const CLIENT_RESULTS_MAX = 20
export const CLIENT_RESULT_VALUES_MAX = 100
export const DEFAULT_REQUEST_TIMEOUT_MS = 30_000

export interface ProduceCommand {
  topic: string
  partition: number
  records: { key: string | null; value: string | null }[]
  acks: number
  timeoutMs?: number
  brokerId?: number
  producerId?: number
  producerEpoch?: number
  baseSequence?: number
}

export interface ConsumerFetchCommand {
  topic: string
  partition: number
  fetchOffset: number
  maxBytes?: number
  brokerId?: number
  /** `isolation.level`: read_uncommitted (default) reads to the HW; read_committed to the LSO. */
  isolationLevel?: 'read_uncommitted' | 'read_committed'
}

function record(state: ClusterState, result: ClientResult): void {
  state.clientResults.push(result)
  if (state.clientResults.length > CLIENT_RESULTS_MAX)
    state.clientResults.splice(0, state.clientResults.length - CLIENT_RESULTS_MAX)
}

/** The client's idea of the leader: the controller's current metadata (clients refresh it quickly). */
function leaderFor(state: ClusterState, topic: string, partition: number): BrokerId {
  return state.controller.partitionsByKey[`${topic}-${partition}`]?.leader ?? NO_LEADER
}

function finish(
  state: ClusterState,
  out: SimEvent[],
  fields: Omit<ClientResult, 'completedAtMs'>,
): void {
  record(state, { ...fields, completedAtMs: state.nowMs })
  if (fields.kind === 'produce') {
    emit(state, out, {
      type: 'produceCompleted',
      requestId: fields.requestId,
      topic: fields.topic,
      partition: fields.partition,
      error: fields.error?.error ?? null,
      baseOffset: fields.baseOffset,
    })
  } else {
    emit(state, out, {
      type: 'fetchCompleted',
      requestId: fields.requestId,
      topic: fields.topic,
      partition: fields.partition,
      error: fields.error?.error ?? null,
      offsets: fields.offsets,
      highWatermark: fields.highWatermark,
    })
  }
}

function noLeader(
  state: ClusterState,
  out: SimEvent[],
  kind: 'produce' | 'fetch',
  topic: string,
  partition: number,
  requestId: number,
  error: KafkaError,
) {
  finish(state, out, {
    requestId,
    kind,
    topic,
    partition,
    error,
    baseOffset: -1,
    offsets: [],
    values: [],
    highWatermark: null,
  })
}

export function sendProduce(state: ClusterState, out: SimEvent[], command: ProduceCommand): number {
  const requestId = state.nextRequestId++
  const target = command.brokerId ?? leaderFor(state, command.topic, command.partition)
  if (target === NO_LEADER) {
    noLeader(
      state,
      out,
      'produce',
      command.topic,
      command.partition,
      requestId,
      kafkaError('LEADER_NOT_AVAILABLE', `${command.topic}-${command.partition} has no leader.`),
    )
    return requestId
  }
  const idempotent =
    command.producerId !== undefined
      ? {
          producerId: command.producerId,
          producerEpoch: command.producerEpoch ?? 0,
          baseSequence: command.baseSequence ?? 0,
        }
      : {}
  const records = encodeRecordBatch({
    ...idempotent,
    records: command.records.map((r) => ({ timestamp: state.nowMs, key: r.key, value: r.value })),
  })
  send(state, out, CLIENT_NODE, brokerNode(target), {
    kind: 'produceRequest',
    requestId,
    topic: command.topic,
    partition: command.partition,
    acks: command.acks,
    timeoutMs: command.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    records,
  })
  if (command.acks === 0) {
    // The callback reports success at once with offset −1: nothing will ever come back.
    finish(state, out, {
      requestId,
      kind: 'produce',
      topic: command.topic,
      partition: command.partition,
      error: null,
      baseOffset: -1,
      offsets: [],
      values: [],
      highWatermark: null,
    })
  } else {
    state.pendingClientRequests[requestId] = {
      requestId,
      kind: 'produce',
      topic: command.topic,
      partition: command.partition,
      sentAtMs: state.nowMs,
    }
  }
  return requestId
}

export function sendConsumerFetch(
  state: ClusterState,
  out: SimEvent[],
  command: ConsumerFetchCommand,
): number {
  const requestId = state.nextRequestId++
  const target = command.brokerId ?? leaderFor(state, command.topic, command.partition)
  if (target === NO_LEADER) {
    noLeader(
      state,
      out,
      'fetch',
      command.topic,
      command.partition,
      requestId,
      kafkaError('LEADER_NOT_AVAILABLE', `${command.topic}-${command.partition} has no leader.`),
    )
    return requestId
  }
  send(state, out, CLIENT_NODE, brokerNode(target), {
    kind: 'fetchRequest',
    requestId,
    replicaId: null,
    topic: command.topic,
    partition: command.partition,
    fetchOffset: command.fetchOffset,
    lastFetchedEpoch: null,
    currentLeaderEpoch: -1,
    maxBytes: command.maxBytes ?? 1_048_576,
    ...(command.isolationLevel !== undefined ? { isolationLevel: command.isolationLevel } : {}),
  })
  state.pendingClientRequests[requestId] = {
    requestId,
    kind: 'fetch',
    topic: command.topic,
    partition: command.partition,
    sentAtMs: state.nowMs,
  }
  return requestId
}

const textDecoder = new TextDecoder()

export function clientReceive(state: ClusterState, out: SimEvent[], payload: MessagePayload): void {
  if (payload.kind !== 'produceResponse' && payload.kind !== 'fetchResponse') return
  if (state.pendingClientRequests[payload.requestId] === undefined) return
  delete state.pendingClientRequests[payload.requestId]
  const base = {
    requestId: payload.requestId,
    topic: payload.topic,
    partition: payload.partition,
    error: payload.error,
  }
  if (payload.kind === 'produceResponse') {
    finish(state, out, {
      ...base,
      kind: 'produce',
      baseOffset: payload.baseOffset,
      offsets: [],
      values: [],
      highWatermark: null,
    })
    return
  }
  // The broker returns whole batches; the client drops records before its fetch offset (L-5).
  const offsets: number[] = []
  const values: string[] = []
  const decoded = decodeRecordBatches(payload.records)
  // Control records are never returned; read_committed also drops aborted transactions' records.
  const visible = visibleRecords(
    decoded.ok ? decoded.value : [],
    payload.abortedTransactions ?? null,
  )
  for (const r of visible) {
    if (r.offset < payload.fetchOffset) continue
    offsets.push(r.offset)
    if (values.length < CLIENT_RESULT_VALUES_MAX)
      values.push(r.value === null ? '' : textDecoder.decode(r.value))
  }
  finish(state, out, {
    ...base,
    kind: 'fetch',
    baseOffset: offsets[0] ?? -1,
    offsets,
    values,
    highWatermark: payload.error === null ? payload.highWatermark : null,
  })
}
