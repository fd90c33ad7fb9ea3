/**
 * A simulated KafkaProducer as a network node (`producer-N`). The application's calls queue up in
 * order (a Java call blocks the application thread: `send` while metadata or buffer memory is
 * missing, up to `max.block.ms`; `flush`; the transaction verbs), and `pumpProducer` moves
 * everything on after each command, answer or timer: calls, InitProducerId, the transaction's
 * coordinator requests, Metadata, and the Sender's drain. One wake-up timer per deadline.
 */
import { schedule } from '../../clock'
import { emit } from '../../emit'
import { clientError, simError, kafkaError, type KafkaError } from '../../errors'
import type { SimEvent } from '../../events'
import { validateProducerConfig } from '../../config/validateProducerConfig'
import { forkRng } from '../../rng'
import { partitionKey, type ClusterState } from '../../types'
import {
  canDrainTransactional,
  createTransactionClientState,
  pollTransaction,
  maybeAddPartition,
  onTransactionRequestFailed,
  transactionWakeAtMs,
} from '../transactions/transactionManager'
import {
  appendToAccumulator,
  dropDeque,
  hasIncompleteBatches,
  oldestLiveBatchCreatedAtMs,
  releaseBatch,
} from './accumulator'
import { maybeBumpIdempotentEpoch } from './idempotence'
import {
  leastLoadedNode,
  maybeRequestMetadata,
  onMetadataFailure,
  removeInFlightRequest,
  requestMetadataUpdate,
  sendProducerRequest,
} from './metadata'
import { PRODUCERS_MAX, type ProducerCommand, type SentRecord } from './producerCommands'
import type {
  OperationResult,
  ProducerClientState,
  ProducerOperation,
  ProducerOperationKind,
  RecordHeaderData,
} from './producerTypes'
import { drainOnce, expireBatches, onProduceRequestFailed, readyAtMs, recordResult } from './sender'

export const OPERATION_RESULTS_MAX = 200

function requireProducer(state: ClusterState, name: string): ProducerClientState | KafkaError {
  const producer = state.producersById[name]
  if (producer === undefined)
    return simError('INVALID_COMMAND', `There is no ${name}; create it with createProducer first.`)
  // A queued close() is always the last call: every call after it is refused here.
  if (producer.status !== 'running' || producer.operations.at(-1)?.kind === 'close') {
    return clientError(
      'IllegalStateException',
      `Cannot perform operation after producer has been closed (${name} is ${producer.status === 'crashed' ? 'crashed' : 'closed'}).`,
    )
  }
  return producer
}

/** Checks a producer command against the current state without changing anything. */
export function checkProducerCommand(
  state: ClusterState,
  command: ProducerCommand,
): KafkaError | null {
  switch (command.type) {
    case 'createProducer': {
      if (state.producersById[command.producerName] !== undefined)
        return simError('INVALID_COMMAND', `${command.producerName} already exists.`)
      if (Object.keys(state.producersById).length >= PRODUCERS_MAX)
        return simError('INVALID_COMMAND', `A simulation holds at most ${PRODUCERS_MAX} producers.`)
      const validated = validateProducerConfig(command.configs)
      if (validated.ok) return null
      const first = validated.errors[0]!
      return { ...first, message: validated.errors.map((e) => e.message).join(' ') }
    }
    case 'failProduceRequests':
      return state.brokersById[command.brokerId] === undefined
        ? simError('UNKNOWN_BROKER', `There is no broker ${command.brokerId}.`)
        : null
    default: {
      const producer = requireProducer(state, command.producerName)
      if ('error' in producer) return producer
      if (command.type === 'send' || command.type === 'sendMessages') {
        const topic = state.controller.topicsByName[command.topic]
        if (topic === undefined)
          return kafkaError(
            'UNKNOWN_TOPIC_OR_PARTITION',
            `Topic ${command.topic} does not exist; create it first.`,
          )
      }
      const transactional = [
        'initTransactions',
        'beginTransaction',
        'commitTransaction',
        'abortTransaction',
      ]
      if (transactional.includes(command.type) && producer.transaction === null) {
        return clientError(
          'IllegalStateException',
          'Transactional method invoked on a non-transactional producer (set transactional.id).',
        )
      }
      return null
    }
  }
}

function createProducer(
  state: ClusterState,
  out: SimEvent[],
  name: string,
  configs: Record<string, unknown>,
): void {
  const settings = validateProducerConfig(configs)
  if (!settings.ok) return
  const transactionalId = settings.configs['transactional.id']
  const producer: ProducerClientState = {
    nodeId: name,
    status: 'running',
    configs: settings.configs,
    requiredAcks: settings.requiredAcks,
    idempotent: settings.idempotenceEnabled,
    transactionalId,
    rng: forkRng(state.seed, name),
    metadata: {
      topics: {},
      wanted: [],
      needUpdate: false,
      lastRefreshMs: -1,
      nextAttemptMs: 0,
      version: -1,
    },
    stickyByTopic: {},
    operations: [],
    batchesByPartition: {},
    inFlightBatches: {},
    inFlightRequests: [],
    bufferUsedBytes: 0,
    liveBatchCreatedAtMs: [],
    producerId: -1,
    producerEpoch: -1,
    idState: settings.idempotenceEnabled ? 'uninitialized' : 'none',
    sequences: {},
    epochBumpPending: false,
    transaction: transactionalId !== null ? createTransactionClientState() : null,
    flushing: false,
    nextBatchId: 1,
    nextRecordId: 1,
    nextOpId: 1,
    nodeCursor: 0,
    results: [],
    resultRecordCount: 0,
    operationResults: [],
    scheduledWakeAtMs: -1,
  }
  state.producersById[name] = producer
  emit(state, out, {
    type: 'producerCreated',
    producer: name,
    idempotent: producer.idempotent,
    transactionalId,
  })
}

function enqueue(
  state: ClusterState,
  producer: ProducerClientState,
  kind: ProducerOperationKind,
  record: ProducerOperation['record'] = null,
): void {
  producer.operations.push({
    opId: producer.nextOpId++,
    kind,
    enqueuedAtMs: state.nowMs,
    startedAtMs: -1,
    record,
  })
}

/** The headers of every record sent without any (shared: records are never changed). */
const NO_HEADERS: RecordHeaderData[] = []

function enqueueSend(
  state: ClusterState,
  producer: ProducerClientState,
  topic: string,
  record: SentRecord,
): void {
  enqueue(state, producer, 'send', {
    recordId: producer.nextRecordId++,
    topic,
    partition: record.partition ?? null,
    key: record.key,
    value: record.value,
    headers: record.headers ?? NO_HEADERS,
    timestamp: record.timestamp ?? state.nowMs,
  })
}

/** Applies a checked producer command. */
export function applyProducerCommand(
  state: ClusterState,
  out: SimEvent[],
  command: ProducerCommand,
): void {
  if (command.type === 'createProducer') {
    createProducer(state, out, command.producerName, command.configs)
    pumpProducer(state, out, state.producersById[command.producerName]!)
    return
  }
  if (command.type === 'failProduceRequests') {
    state.brokersById[command.brokerId]!.produceErrorsToInject = {
      error: command.error,
      count: command.count,
    }
    return
  }
  const producer = state.producersById[command.producerName]!
  switch (command.type) {
    case 'send':
      enqueueSend(state, producer, command.topic, command)
      break
    case 'sendMessages':
      // Each message is one send() call: queued, then the producer moves on, as after a `send`.
      for (const message of command.messages) {
        enqueueSend(state, producer, command.topic, message)
        pumpProducer(state, out, producer)
      }
      return
    case 'flush':
      enqueue(state, producer, 'flush')
      break
    case 'closeProducer':
      enqueue(state, producer, 'close')
      break
    case 'initTransactions':
    case 'beginTransaction':
    case 'commitTransaction':
    case 'abortTransaction':
      enqueue(state, producer, command.type)
      break
    case 'crashProducer':
      crashProducer(state, out, producer)
      return
  }
  pumpProducer(state, out, producer)
}

/** The process dies: nothing queued is ever sent, no callback runs, answers find nobody. */
function crashProducer(state: ClusterState, out: SimEvent[], producer: ProducerClientState) {
  producer.status = 'crashed'
  producer.operations = []
  producer.batchesByPartition = {}
  producer.inFlightBatches = {}
  producer.inFlightRequests = []
  producer.bufferUsedBytes = 0
  producer.liveBatchCreatedAtMs = []
  emit(state, out, { type: 'producerClosed', producer: producer.nodeId, reason: 'crashed' })
}

type Step =
  { kind: 'done' } | { kind: 'blocked'; memory?: boolean } | { kind: 'failed'; error: KafkaError }
const DONE: Step = { kind: 'done' }
const BLOCKED: Step = { kind: 'blocked' }
const BLOCKED_ON_MEMORY: Step = { kind: 'blocked', memory: true }

function illegalState(message: string): Step {
  return { kind: 'failed', error: clientError('IllegalStateException', message) }
}

function stepSend(state: ClusterState, producer: ProducerClientState, op: ProducerOperation): Step {
  const record = op.record!
  const txn = producer.transaction
  if (txn !== null) {
    if (txn.state === 'FATAL_ERROR' || txn.state === 'ABORTABLE_ERROR')
      return { kind: 'failed', error: txn.lastError! }
    if (txn.state === 'UNINITIALIZED' || txn.state === 'INITIALIZING')
      return illegalState("Cannot perform a 'send' before completing a call to initTransactions.")
    if (txn.state !== 'IN_TRANSACTION')
      return illegalState(`Cannot call send in state ${txn.state}.`)
  }
  const metadata = producer.metadata.topics[record.topic]
  if (metadata === undefined) {
    requestMetadataUpdate(producer, record.topic)
    return BLOCKED
  }
  const outcome = appendToAccumulator(
    producer,
    record,
    metadata,
    state.nowMs,
    () => producer.nextBatchId++,
  )
  if (outcome === 'noMemory') return BLOCKED_ON_MEMORY
  if (typeof outcome !== 'number') return { kind: 'failed', error: outcome }
  if (txn !== null) maybeAddPartition(producer, partitionKey(record.topic, outcome))
  return DONE
}

function stepCommit(producer: ProducerClientState, first: boolean): Step {
  const txn = producer.transaction!
  if (txn.state === 'FATAL_ERROR') return { kind: 'failed', error: txn.lastError! }
  if (first) {
    if (txn.state === 'ABORTABLE_ERROR') return { kind: 'failed', error: txn.lastError! }
    if (txn.state !== 'IN_TRANSACTION')
      return illegalState(
        `Invalid transition attempted from state ${txn.state} to state COMMITTING_TRANSACTION.`,
      )
    txn.state = 'COMMITTING_TRANSACTION'
    producer.flushing = true
    return BLOCKED
  }
  if (txn.state === 'ABORTABLE_ERROR') {
    producer.flushing = false
    return { kind: 'failed', error: txn.lastError! }
  }
  if (txn.state === 'READY') {
    producer.flushing = false
    return DONE
  }
  return BLOCKED
}

/** `beginAbort`: batches never sent are dropped (TransactionAbortedException); in-flight ones finish. */
function beginAbort(state: ClusterState, out: SimEvent[], producer: ProducerClientState): void {
  const txn = producer.transaction!
  txn.state = 'ABORTING_TRANSACTION'
  txn.pendingPartitions = []
  for (const key of Object.keys(producer.batchesByPartition).sort()) {
    const deque = producer.batchesByPartition[key]!
    const unsent = deque.filter((b) => b.attempts === 0)
    producer.batchesByPartition[key] = deque.filter((b) => b.attempts > 0)
    if (producer.batchesByPartition[key].length === 0) dropDeque(producer, key)
    for (const batch of unsent) {
      releaseBatch(producer, batch)
      const error = clientError(
        'TransactionAbortedException',
        'Failing batch since transaction was aborted.',
      )
      recordResult(producer, {
        recordIds: batch.records.map((record) => record.recordId),
        topic: batch.topic,
        partition: batch.partition,
        baseOffset: -1,
        error,
        completedAtMs: state.nowMs,
      })
    }
  }
  producer.flushing = true
  void out
}

function stepAbort(
  state: ClusterState,
  out: SimEvent[],
  producer: ProducerClientState,
  first: boolean,
): Step {
  const txn = producer.transaction!
  if (txn.state === 'FATAL_ERROR') return { kind: 'failed', error: txn.lastError! }
  if (first) {
    if (txn.state !== 'IN_TRANSACTION' && txn.state !== 'ABORTABLE_ERROR')
      return illegalState(
        `Invalid transition attempted from state ${txn.state} to state ABORTING_TRANSACTION.`,
      )
    beginAbort(state, out, producer)
    return BLOCKED
  }
  if (txn.state === 'READY') {
    producer.flushing = false
    return DONE
  }
  return BLOCKED
}

function stepClose(
  state: ClusterState,
  out: SimEvent[],
  producer: ProducerClientState,
  first: boolean,
): Step {
  const txn = producer.transaction
  if (first) {
    producer.flushing = true
    // Kafka aborts an open transaction on close ("Aborting incomplete transaction due to shutdown").
    if (txn !== null && (txn.state === 'IN_TRANSACTION' || txn.state === 'ABORTABLE_ERROR'))
      beginAbort(state, out, producer)
  }
  const completing =
    txn !== null && (txn.state === 'COMMITTING_TRANSACTION' || txn.state === 'ABORTING_TRANSACTION')
  if (hasIncompleteBatches(producer) || completing) return BLOCKED
  producer.status = 'closed'
  producer.flushing = false
  emit(state, out, { type: 'producerClosed', producer: producer.nodeId, reason: 'closed' })
  return DONE
}

function step(
  state: ClusterState,
  out: SimEvent[],
  producer: ProducerClientState,
  op: ProducerOperation,
  first: boolean,
): Step {
  const txn = producer.transaction
  switch (op.kind) {
    case 'send':
      return stepSend(state, producer, op)
    case 'flush':
      producer.flushing = true
      if (hasIncompleteBatches(producer)) return BLOCKED
      producer.flushing = false
      return DONE
    case 'initTransactions':
      if (txn!.state === 'FATAL_ERROR') return { kind: 'failed', error: txn!.lastError! }
      if (first) {
        if (txn!.state !== 'UNINITIALIZED')
          return illegalState(
            `Invalid transition attempted from state ${txn!.state} to state INITIALIZING.`,
          )
        txn!.state = 'INITIALIZING'
        return BLOCKED
      }
      return txn!.state === 'READY' ? DONE : BLOCKED
    case 'beginTransaction':
      if (txn!.state === 'FATAL_ERROR') return { kind: 'failed', error: txn!.lastError! }
      if (txn!.state !== 'READY')
        return illegalState(
          `Invalid transition attempted from state ${txn!.state} to state IN_TRANSACTION.`,
        )
      txn!.state = 'IN_TRANSACTION'
      return DONE
    case 'commitTransaction':
      return stepCommit(producer, first)
    case 'abortTransaction':
      return stepAbort(state, out, producer, first)
    case 'close':
      return stepClose(state, out, producer, first)
  }
}

/** Calls that block for at most `max.block.ms` and then throw a TimeoutException. */
function blockTimeoutError(
  producer: ProducerClientState,
  op: ProducerOperation,
  memory: boolean,
): KafkaError {
  const maxBlockMs = producer.configs['max.block.ms']
  if (op.kind === 'send' && memory) {
    const free = producer.configs['buffer.memory'] - producer.bufferUsedBytes
    return clientError(
      'BufferExhaustedException',
      `Failed to allocate memory within the configured max blocking time ${maxBlockMs} ms. ` +
        `Total memory: ${producer.configs['buffer.memory']} bytes. Available memory: ${free} bytes.`,
    )
  }
  if (op.kind === 'send')
    return clientError(
      'TimeoutException',
      `Topic ${op.record!.topic} not present in metadata after ${maxBlockMs} ms.`,
    )
  return clientError(
    'TimeoutException',
    `Timeout expired after ${maxBlockMs} ms while awaiting ${op.kind}.`,
  )
}

const BOUNDED_BY_MAX_BLOCK: ReadonlySet<ProducerOperationKind> = new Set([
  'send',
  'initTransactions',
  'commitTransaction',
  'abortTransaction',
])

function finishOperation(
  state: ClusterState,
  producer: ProducerClientState,
  op: ProducerOperation,
  error: KafkaError | null,
): void {
  if (op.kind === 'send' && error !== null) {
    recordResult(producer, {
      recordIds: [op.record!.recordId],
      topic: op.record!.topic,
      partition: op.record!.partition ?? -1,
      baseOffset: -1,
      error,
      completedAtMs: state.nowMs,
    })
  }
  if (op.kind === 'send' && error === null) return
  const result: OperationResult = {
    opId: op.opId,
    kind: op.kind,
    completedAtMs: state.nowMs,
    error,
  }
  producer.operationResults.push(result)
  if (producer.operationResults.length > OPERATION_RESULTS_MAX) producer.operationResults.shift()
}

/**
 * Runs queued calls until one blocks. Returns true when a send waits for buffer memory. The calls
 * that returned leave the queue together at the end (one splice, not a shift per call: a blocked
 * application can have queued thousands of sends).
 */
function runOperations(
  state: ClusterState,
  out: SimEvent[],
  producer: ProducerClientState,
): boolean {
  const operations = producer.operations
  let finished = 0
  let memoryBlocked = false
  while (finished < operations.length && producer.status === 'running') {
    const op = operations[finished]!
    const first = op.startedAtMs < 0
    if (first) op.startedAtMs = state.nowMs
    const outcome = step(state, out, producer, op, first)
    if (outcome.kind === 'blocked') {
      const memory = outcome.memory === true
      if (
        BOUNDED_BY_MAX_BLOCK.has(op.kind) &&
        state.nowMs >= op.startedAtMs + producer.configs['max.block.ms']
      ) {
        if (op.kind === 'commitTransaction' || op.kind === 'abortTransaction')
          producer.flushing = false
        finished++
        finishOperation(state, producer, op, blockTimeoutError(producer, op, memory))
        continue
      }
      memoryBlocked = memory
      break
    }
    finished++
    finishOperation(state, producer, op, outcome.kind === 'failed' ? outcome.error : null)
  }
  if (finished === 1) operations.shift()
  else if (finished > 0) operations.splice(0, finished)
  return memoryBlocked
}

function maybeInitIdempotentProducer(
  state: ClusterState,
  out: SimEvent[],
  producer: ProducerClientState,
): void {
  if (!producer.idempotent || producer.transaction !== null) return
  if (producer.idState !== 'uninitialized') return
  producer.idState = 'initializing'
  sendProducerRequest(
    state,
    out,
    producer,
    leastLoadedNode(state, producer),
    'initProducerId',
    (requestId) => ({
      kind: 'initProducerIdRequest',
      requestId,
      transactionalId: null,
      transactionTimeoutMs: producer.configs['transaction.timeout.ms'],
    }),
  )
}

/**
 * Requests without an answer by their deadline. Kafka then closes the connection, which fails
 * every other request on it too (NETWORK_EXCEPTION).
 */
function expireRequests(state: ClusterState, out: SimEvent[], producer: ProducerClientState): void {
  let brokers: Set<number> | null = null
  for (const request of producer.inFlightRequests)
    if (request.deadlineMs <= state.nowMs) (brokers ??= new Set()).add(request.brokerId)
  if (brokers === null) return
  const failing = producer.inFlightRequests.filter((r) => brokers.has(r.brokerId))
  for (const request of failing) {
    removeInFlightRequest(producer, request.requestId)
    const timedOut = request.deadlineMs <= state.nowMs && request.deadlineMs - request.sentAtMs > 1
    switch (request.kind) {
      case 'produce':
        onProduceRequestFailed(state, out, producer, request.batchIds, request.requestId, timedOut)
        break
      case 'metadata':
        onMetadataFailure(state, producer)
        break
      default:
        onTransactionRequestFailed(state, producer, request.kind)
    }
  }
}

/** Moves the producer on as far as it can go now, then schedules its next wake-up. */
export function pumpProducer(
  state: ClusterState,
  out: SimEvent[],
  producer: ProducerClientState,
): void {
  if (producer.status !== 'running') return
  expireRequests(state, out, producer)
  expireBatches(state, out, producer)
  const memoryBlocked = runOperations(state, out, producer)
  if (producer.status !== 'running') return
  maybeInitIdempotentProducer(state, out, producer)
  maybeBumpIdempotentEpoch(state, out, producer)
  pollTransaction(state, out, producer)
  maybeRequestMetadata(state, out, producer)
  while (drainOnce(state, out, producer, memoryBlocked)) {
    // each pass sends at most one batch per partition
  }
  // Sends may have freed memory or finished a flush: let blocked calls go on.
  runOperations(state, out, producer)
  if (producer.status !== 'running') return
  pollTransaction(state, out, producer)
  scheduleWake(state, producer)
}

/** The earlier of `wake` and `t`, counting only times after `now` (null: none yet). */
function earliestAfter(now: number, wake: number | null, t: number | null): number | null {
  return t !== null && t > now && (wake === null || t < wake) ? t : wake
}

function nextWakeAtMs(state: ClusterState, producer: ProducerClientState): number | null {
  const now = state.nowMs
  let wake: number | null = null
  const deliveryTimeout = producer.configs['delivery.timeout.ms']
  // Every batch's delivery timeout is at or after the oldest one's; when that one is already
  // past (a zero timeout), the next one to come needs the full walk.
  const oldest = oldestLiveBatchCreatedAtMs(producer)
  const walkAll = oldest !== null && oldest + deliveryTimeout <= now
  if (oldest !== null && !walkAll) wake = oldest + deliveryTimeout
  for (const key in producer.batchesByPartition) {
    const deque = producer.batchesByPartition[key]!
    if (deque.length === 0) continue
    if (producer.transaction === null || canDrainTransactional(producer, key))
      wake = earliestAfter(now, wake, readyAtMs(producer, deque))
    if (walkAll)
      for (const batch of deque)
        wake = earliestAfter(now, wake, batch.createdAtMs + deliveryTimeout)
  }
  if (walkAll)
    for (const batch of Object.values(producer.inFlightBatches))
      wake = earliestAfter(now, wake, batch.createdAtMs + deliveryTimeout)
  for (const request of producer.inFlightRequests)
    wake = earliestAfter(now, wake, request.deadlineMs)
  const head = producer.operations[0]
  if (head !== undefined && head.startedAtMs >= 0 && BOUNDED_BY_MAX_BLOCK.has(head.kind))
    wake = earliestAfter(now, wake, head.startedAtMs + producer.configs['max.block.ms'])
  if (producer.metadata.needUpdate) wake = earliestAfter(now, wake, producer.metadata.nextAttemptMs)
  return earliestAfter(now, wake, transactionWakeAtMs(producer))
}

function scheduleWake(state: ClusterState, producer: ProducerClientState): void {
  const wake = nextWakeAtMs(state, producer)
  if (wake === null) return
  if (producer.scheduledWakeAtMs > state.nowMs && producer.scheduledWakeAtMs <= wake) return
  producer.scheduledWakeAtMs = wake
  schedule(state.timers, state.nowMs, wake, { kind: 'producerWake', producer: producer.nodeId })
}

/** The wake-up timer fired. */
export function onProducerWake(state: ClusterState, out: SimEvent[], name: string): void {
  const producer = state.producersById[name]
  if (producer === undefined) return
  if (producer.scheduledWakeAtMs <= state.nowMs) producer.scheduledWakeAtMs = -1
  pumpProducer(state, out, producer)
}
