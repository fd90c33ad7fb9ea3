/**
 * Fetch at the leader (Partition.fetchRecords, ReplicaManager.fetchMessages, DelayedFetch):
 * epoch checks, the KIP-101/KAFKA-10554 divergence check, reading whole batches (followers up to
 * the LEO, consumers up to the HW), recording the follower's LEO (which may expand the ISR and
 * move the HW), and parking a fetch that found nothing until data arrives or its wait ends. The
 * response carries the HW as it was when read, so followers learn a new HW one round trip late.
 */
import { schedule } from '../clock'
import type { Env } from '../env'
import { kafkaError, type KafkaError } from '../errors'
import type { SimEvent } from '../events'
import { endOffsetForLeaderEpoch, readLog } from '../log'
import { brokerConfigsOf } from './brokerConfigsOf'
import type {
  BrokerState,
  ClusterState,
  MessagePayload,
  NodeId,
  ParkedFetch,
  ReplicaState,
} from '../types'
import { logContextFor } from './brokerStorage'
import { respondToClient } from './respond'
import { send } from '../network'
import { brokerNode } from '../types'
import { maybeIncrementHighWatermark } from './highWatermark'
import { maybeExpandIsr } from './isr'
import { abortedTransactionsIn, lastStableOffset } from '../clients/transactions/stableOffset'

type FetchRequest = Extract<MessagePayload, { kind: 'fetchRequest' }>

const EMPTY = new Uint8Array(0)

function reply(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  to: NodeId,
  request: {
    requestId: number
    replicaId: number | null
    topic: string
    partition: number
    fetchOffset: number
    isolationLevel?: 'read_uncommitted' | 'read_committed'
  },
  fields: {
    error?: KafkaError | null
    replica?: ReplicaState
    highWatermark?: number
    records?: Uint8Array
    divergingEpoch?: { epoch: number; endOffset: number } | null
    /** Consumer replies: to look up aborted transactions for read_committed. */
    env?: Env
  },
): void {
  const payload: Extract<MessagePayload, { kind: 'fetchResponse' }> = {
    kind: 'fetchResponse',
    requestId: request.requestId,
    replicaId: request.replicaId,
    topic: request.topic,
    partition: request.partition,
    fetchOffset: request.fetchOffset,
    error: fields.error ?? null,
    highWatermark: fields.highWatermark ?? fields.replica?.highWatermark ?? -1,
    logStartOffset: fields.replica?.log.logStartOffset ?? -1,
    logEndOffset: fields.replica?.log.logEndOffset ?? -1,
    divergingEpoch: fields.divergingEpoch ?? null,
    records: fields.records ?? EMPTY,
  }
  const replica = fields.replica
  if (request.replicaId === null && replica !== undefined && payload.error === null) {
    const lso = lastStableOffset(replica)
    payload.lastStableOffset = lso
    if (request.isolationLevel === 'read_committed' && fields.env !== undefined)
      payload.abortedTransactions = abortedTransactionsIn(
        state,
        fields.env,
        broker,
        replica,
        request.fetchOffset,
        lso,
      )
  }
  // Replication traffic is never subject to the client-response fault.
  if (request.replicaId === null) respondToClient(state, out, broker, to, payload)
  else send(state, out, brokerNode(broker.brokerId), to, payload)
}

function readFor(
  state: ClusterState,
  env: Env,
  broker: BrokerState,
  replica: ReplicaState,
  fetchOffset: number,
  maxBytes: number,
  follower: boolean,
  isolationLevel?: 'read_uncommitted' | 'read_committed',
) {
  return readLog(logContextFor(state, env, broker), replica.log, {
    fetchOffset,
    maxBytes,
    maxOffset: follower
      ? replica.log.logEndOffset
      : isolationLevel === 'read_committed'
        ? lastStableOffset(replica)
        : replica.highWatermark,
    minOneMessage: true,
  })
}

export function handleFetchRequest(
  state: ClusterState,
  env: Env,
  out: SimEvent[],
  broker: BrokerState,
  from: NodeId,
  request: FetchRequest,
): void {
  const replica = broker.replicasByKey[`${request.topic}-${request.partition}`]
  if (replica === undefined || replica.role !== 'leader') {
    return reply(state, out, broker, from, request, {
      error: kafkaError(
        'NOT_LEADER_OR_FOLLOWER',
        `Broker ${broker.brokerId} is not the leader of ${request.topic}-${request.partition}.`,
      ),
    })
  }
  const epoch = replica.registration.leaderEpoch
  if (request.currentLeaderEpoch >= 0 && request.currentLeaderEpoch < epoch) {
    return reply(state, out, broker, from, request, {
      replica,
      error: kafkaError(
        'FENCED_LEADER_EPOCH',
        `Leader epoch ${request.currentLeaderEpoch} is older than ${epoch}.`,
      ),
    })
  }
  if (request.currentLeaderEpoch > epoch) {
    return reply(state, out, broker, from, request, {
      replica,
      error: kafkaError(
        'UNKNOWN_LEADER_EPOCH',
        `Leader epoch ${request.currentLeaderEpoch} is newer than ${epoch}.`,
      ),
    })
  }
  const log = replica.log
  const isFollower = request.replicaId !== null
  if (isFollower && request.lastFetchedEpoch !== null) {
    const end = endOffsetForLeaderEpoch(log, request.lastFetchedEpoch)
    if (
      end === null ||
      end.leaderEpoch < request.lastFetchedEpoch ||
      end.endOffset < request.fetchOffset
    ) {
      return reply(state, out, broker, from, request, {
        replica,
        divergingEpoch:
          end === null
            ? { epoch: -1, endOffset: -1 }
            : { epoch: end.leaderEpoch, endOffset: end.endOffset },
      })
    }
  }
  if (request.fetchOffset < log.logStartOffset || request.fetchOffset > log.logEndOffset) {
    return reply(state, out, broker, from, request, {
      replica,
      error: kafkaError(
        'OFFSET_OUT_OF_RANGE',
        `Fetch offset ${request.fetchOffset} is outside [${log.logStartOffset}, ${log.logEndOffset}].`,
      ),
    })
  }
  const highWatermarkBefore = replica.highWatermark
  const leaderEndOffsetAtRead = log.logEndOffset
  const read = readFor(
    state,
    env,
    broker,
    replica,
    request.fetchOffset,
    request.maxBytes,
    isFollower,
    request.isolationLevel,
  )
  if (!read.ok) return reply(state, out, broker, from, request, { replica, error: read.error })
  if (isFollower) {
    recordFollowerFetch(
      state,
      replica,
      request.replicaId!,
      request.fetchOffset,
      leaderEndOffsetAtRead,
    )
    maybeExpandIsr(state, out, broker, replica, request.replicaId!)
    maybeIncrementHighWatermark(state, env, out, broker, replica)
  }
  if (read.info.records.length === 0) {
    park(state, broker, replica, from, request)
    return
  }
  reply(state, out, broker, from, request, {
    replica,
    highWatermark: isFollower ? highWatermarkBefore : replica.highWatermark,
    records: read.info.records,
    env,
  })
}

/** `Replica.updateFetchStateOrThrow`: the follower's LEO is its fetch offset. */
function recordFollowerFetch(
  state: ClusterState,
  replica: ReplicaState,
  followerId: number,
  fetchOffset: number,
  leaderEndOffset: number,
): void {
  const follower = (replica.followersById[followerId] ??= {
    logEndOffset: -1,
    lastFetchTimeMs: 0,
    lastFetchLeaderLogEndOffset: -1,
    lastCaughtUpTimeMs: 0,
  })
  if (fetchOffset >= leaderEndOffset) {
    follower.lastCaughtUpTimeMs = Math.max(follower.lastCaughtUpTimeMs, state.nowMs)
  } else if (fetchOffset >= follower.lastFetchLeaderLogEndOffset) {
    follower.lastCaughtUpTimeMs = Math.max(follower.lastCaughtUpTimeMs, follower.lastFetchTimeMs)
  }
  follower.logEndOffset = fetchOffset
  follower.lastFetchLeaderLogEndOffset = leaderEndOffset
  follower.lastFetchTimeMs = state.nowMs
}

function park(
  state: ClusterState,
  broker: BrokerState,
  replica: ReplicaState,
  from: NodeId,
  request: FetchRequest,
): void {
  const waitMs = brokerConfigsOf(state)['replica.fetch.wait.max.ms']
  const parked: ParkedFetch = {
    requestId: request.requestId,
    from,
    replicaId: request.replicaId,
    fetchOffset: request.fetchOffset,
    maxBytes: request.maxBytes,
    deadlineMs: state.nowMs + waitMs,
    ...(request.isolationLevel !== undefined ? { isolationLevel: request.isolationLevel } : {}),
  }
  replica.parkedFetches.push(parked)
  schedule(state.timers, state.nowMs, parked.deadlineMs, {
    kind: 'fetchWaitExpired',
    brokerId: broker.brokerId,
    incarnation: broker.incarnation,
    key: `${replica.topic}-${replica.partition}`,
    requestId: request.requestId,
  })
}

/**
 * Completes parked fetches that now have data: followers after a leader append, consumers after
 * the HW moved. A fetch never completes early just because the HW moved for a follower.
 */
export function completeParkedFetches(
  state: ClusterState,
  env: Env,
  out: SimEvent[],
  broker: BrokerState,
  replica: ReplicaState,
  which: 'followers' | 'consumers',
): void {
  const still: ParkedFetch[] = []
  for (const parked of replica.parkedFetches) {
    const isFollower = parked.replicaId !== null
    if (isFollower !== (which === 'followers')) {
      still.push(parked)
      continue
    }
    const read = readFor(
      state,
      env,
      broker,
      replica,
      parked.fetchOffset,
      parked.maxBytes,
      isFollower,
      parked.isolationLevel,
    )
    if (read.ok && read.info.records.length === 0) {
      still.push(parked)
      continue
    }
    answerParked(
      state,
      env,
      out,
      broker,
      replica,
      parked,
      read.ok ? read.info.records : EMPTY,
      read.ok ? null : read.error,
    )
  }
  replica.parkedFetches = still
}

function answerParked(
  state: ClusterState,
  env: Env,
  out: SimEvent[],
  broker: BrokerState,
  replica: ReplicaState,
  parked: ParkedFetch,
  records: Uint8Array,
  error: KafkaError | null,
): void {
  reply(
    state,
    out,
    broker,
    parked.from,
    { ...parked, topic: replica.topic, partition: replica.partition },
    {
      replica,
      records,
      error,
      env,
    },
  )
}

/** The long-poll ended: answer with whatever is readable now and the HW as it is now. */
export function onFetchWaitExpired(
  state: ClusterState,
  env: Env,
  out: SimEvent[],
  broker: BrokerState,
  replica: ReplicaState,
  requestId: number,
): void {
  const parked = replica.parkedFetches.find((p) => p.requestId === requestId)
  if (parked === undefined) return
  replica.parkedFetches = replica.parkedFetches.filter((p) => p !== parked)
  const read = readFor(
    state,
    env,
    broker,
    replica,
    parked.fetchOffset,
    parked.maxBytes,
    parked.replicaId !== null,
    parked.isolationLevel,
  )
  answerParked(
    state,
    env,
    out,
    broker,
    replica,
    parked,
    read.ok ? read.info.records : EMPTY,
    read.ok ? null : read.error,
  )
}

/** A leader stepping down answers its parked fetches so followers go looking for the new leader. */
export function failParkedFetches(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  replica: ReplicaState,
): void {
  for (const parked of replica.parkedFetches) {
    reply(
      state,
      out,
      broker,
      parked.from,
      { ...parked, topic: replica.topic, partition: replica.partition },
      {
        replica,
        error: kafkaError(
          'NOT_LEADER_OR_FOLLOWER',
          `Broker ${broker.brokerId} is no longer the leader.`,
        ),
      },
    )
  }
  replica.parkedFetches = []
}
