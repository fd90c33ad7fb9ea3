/**
 * The producer facade of the headless engine (and, later, the script console), shaped like
 * KafkaJS: `engine.producer(configs)` gives a handle whose calls dispatch recorded commands and
 * return handles; results are known once simulated time has moved (`engine.advanceBy(ms)`, then
 * `handle.result()`). A custom partitioner runs here, outside the core: its answer is recorded
 * in the command as the record's explicit partition, so a replay needs no function.
 */
import type { CommandResult } from '../../applyCommand'
import type { KafkaError } from '../../errors'
import type { Timeline } from '../../timeline'
import type { CustomPartitioner } from '../choosePartition'
import { utf8Bytes } from '../utf8'
import { SEND_MESSAGES_MAX, type SentRecord } from './producerCommands'
import { producerNode, type ProducerClientState } from './producerTypes'
import { toProducerView, type ProducerView } from './producerView'

export interface ProducerMessage {
  key?: string | null
  value: string | null
  partition?: number
  headers?: Record<string, string | null>
  timestamp?: number
}

export type RecordOutcome =
  | { status: 'pending' }
  | { status: 'acked'; topic: string; partition: number; offset: number }
  | { status: 'failed'; topic: string; partition: number; error: string; message: string }
  /** The producer process crashed before the record completed: no callback will ever run. */
  | { status: 'lost' }

export type CallOutcome =
  | { status: 'pending' }
  | { status: 'done' }
  | { status: 'failed'; error: string; message: string }
  | { status: 'lost' }

export interface SendHandle {
  /** False when the command itself was refused (unknown topic, closed producer...). */
  readonly ok: boolean
  readonly error: KafkaError | null
  readonly recordIds: readonly number[]
  /** One outcome per message, in order. */
  result(): RecordOutcome[]
  /** True when no message is pending any more. */
  done(): boolean
}

export interface CallHandle {
  readonly ok: boolean
  readonly error: KafkaError | null
  result(): CallOutcome
}

export interface TransactionHandle {
  send(request: { topic: string; messages: ProducerMessage[] }): SendHandle
  commit(): CallHandle
  abort(): CallHandle
}

export interface ProducerHandle {
  readonly name: string
  /** The createProducer command's result (a ConfigException for invalid configs). */
  readonly created: CommandResult
  send(request: { topic: string; messages: ProducerMessage[] }): SendHandle
  flush(): CallHandle
  close(): CallHandle
  crash(): CommandResult
  initTransactions(): CallHandle
  beginTransaction(): CallHandle
  commitTransaction(): CallHandle
  abortTransaction(): CallHandle
  /** KafkaJS's `producer.transaction()`: initTransactions (first time) + beginTransaction. */
  transaction(): TransactionHandle
  view(): ProducerView | null
}

export interface ProducerOptions {
  /** `producer-N`; the next free name by default. */
  name?: string
  /** A custom `partitioner.class` for records without an explicit partition. */
  partitioner?: CustomPartitioner
}

function nextFreeName(timeline: Timeline): string {
  const producers = timeline.state().producersById
  let index = 1
  while (producers[producerNode(index)] !== undefined) index++
  return producerNode(index)
}

export function createProducerHandle(
  timeline: Timeline,
  configs: Record<string, string | number | boolean | null>,
  options: ProducerOptions = {},
): ProducerHandle {
  const name = options.name ?? nextFreeName(timeline)
  const created = timeline.dispatch({ type: 'createProducer', producerName: name, configs })
  const live = (): ProducerClientState | undefined => timeline.state().producersById[name]

  const call = (type: string): CallHandle => {
    const opId = live()?.nextOpId ?? -1
    const result = timeline.dispatch({ type, producerName: name })
    return {
      ok: result.ok,
      error: result.ok ? null : result.error,
      result: () => callOutcome(live(), opId, result),
    }
  }

  const partitionFor = (topic: string, message: ProducerMessage): number | undefined => {
    if (message.partition !== undefined || options.partitioner === undefined) {
      return message.partition
    }
    const metadata = live()?.metadata.topics[topic]
    const registration = timeline.state().controller.topicsByName[topic]
    const partitionCount = metadata?.partitionCount ?? registration?.partitions ?? 0
    if (partitionCount === 0) return undefined
    const leaders = metadata?.leaders ?? []
    return options.partitioner({
      topic,
      keyBytes: message.key === undefined || message.key === null ? null : utf8Bytes(message.key),
      valueBytes: message.value === null ? null : utf8Bytes(message.value),
      partitionCount,
      availablePartitions: leaders.flatMap((leader, p) => (leader >= 0 ? [p] : [])),
    })
  }

  const sentRecord = (topic: string, message: ProducerMessage): SentRecord => {
    const record: SentRecord = { key: message.key ?? null, value: message.value }
    const partition = partitionFor(topic, message)
    if (partition !== undefined) record.partition = partition
    if (message.headers !== undefined)
      record.headers = Object.entries(message.headers).map(([key, value]) => ({ key, value }))
    if (message.timestamp !== undefined) record.timestamp = message.timestamp
    return record
  }

  /**
   * One `sendMessages` command (per `SEND_MESSAGES_MAX` messages): each message is a `send()`
   * call, in order. A refused command stops there; the messages before it stay sent.
   */
  const send = (request: { topic: string; messages: ProducerMessage[] }): SendHandle => {
    const recordIds: number[] = []
    let error: KafkaError | null = null
    for (let from = 0; from < request.messages.length; from += SEND_MESSAGES_MAX) {
      const chunk = request.messages.slice(from, from + SEND_MESSAGES_MAX)
      const firstRecordId = live()?.nextRecordId ?? -1
      const result = timeline.dispatch({
        type: 'sendMessages',
        producerName: name,
        topic: request.topic,
        messages: chunk.map((message) => sentRecord(request.topic, message)),
      })
      if (!result.ok) {
        error = result.error
        break
      }
      chunk.forEach((_, i) => recordIds.push(firstRecordId + i))
    }
    const outcomes = () => recordIds.map((id) => recordOutcome(live(), id))
    return {
      ok: error === null,
      error,
      recordIds,
      result: outcomes,
      done: () => outcomes().every((r) => r.status !== 'pending'),
    }
  }

  const handle: ProducerHandle = {
    name,
    created,
    send,
    flush: () => call('flush'),
    close: () => call('closeProducer'),
    crash: () => timeline.dispatch({ type: 'crashProducer', producerName: name }),
    initTransactions: () => call('initTransactions'),
    beginTransaction: () => call('beginTransaction'),
    commitTransaction: () => call('commitTransaction'),
    abortTransaction: () => call('abortTransaction'),
    transaction: () => {
      const producer = live()
      const initQueued = producer?.operations.some((op) => op.kind === 'initTransactions')
      if (producer?.transaction?.state === 'UNINITIALIZED' && initQueued !== true) {
        call('initTransactions')
      }
      call('beginTransaction')
      return {
        send,
        commit: () => call('commitTransaction'),
        abort: () => call('abortTransaction'),
      }
    },
    view: () => {
      const producer = live()
      return producer === undefined ? null : toProducerView(producer)
    },
  }
  return handle
}

function recordOutcome(producer: ProducerClientState | undefined, recordId: number): RecordOutcome {
  if (producer === undefined || recordId < 0) return { status: 'lost' }
  for (let i = producer.results.length - 1; i >= 0; i--) {
    const r = producer.results[i]!
    const ids = r.recordIds
    if (recordId < ids[0]! || recordId > ids[ids.length - 1]!) continue
    const index = ids.indexOf(recordId)
    if (index < 0) continue
    if (r.error === null) {
      const offset = r.baseOffset >= 0 ? r.baseOffset + index : -1
      return { status: 'acked', topic: r.topic, partition: r.partition, offset }
    }
    return {
      status: 'failed',
      topic: r.topic,
      partition: r.partition,
      error: r.error.error,
      message: r.error.message,
    }
  }
  return producer.status === 'crashed' ? { status: 'lost' } : { status: 'pending' }
}

function callOutcome(
  producer: ProducerClientState | undefined,
  opId: number,
  dispatched: CommandResult,
): CallOutcome {
  if (!dispatched.ok)
    return { status: 'failed', error: dispatched.error.error, message: dispatched.error.message }
  if (producer === undefined || opId < 0) return { status: 'lost' }
  if (producer.operations.some((op) => op.opId === opId))
    return producer.status === 'crashed' ? { status: 'lost' } : { status: 'pending' }
  const result = producer.operationResults.find((r) => r.opId === opId)
  if (result?.error)
    return { status: 'failed', error: result.error.error, message: result.error.message }
  return producer.status === 'crashed' && result === undefined
    ? { status: 'lost' }
    : { status: 'done' }
}
