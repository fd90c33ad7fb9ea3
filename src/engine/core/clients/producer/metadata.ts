/**
 * Producer metadata (clients/Metadata.java, NetworkClient's "least loaded node"): the producer
 * learns partition counts and leaders with a Metadata request to any broker, and asks again when
 * a broker says NOT_LEADER_OR_FOLLOWER or a request times out. A broker answers from its own
 * metadata image, which can be stale: for partitions it hosts that is its own (possibly old)
 * registration, which is exactly how a producer ends up at a former leader.
 */
import type { SimEvent } from '../../events'
import { send } from '../../network'
import { respondToClient } from '../../replication/respond'
import {
  brokerNode,
  type BrokerId,
  type BrokerState,
  type ClusterState,
  type NodeId,
} from '../../types'
import type {
  ProducerClientState,
  ProducerInFlightRequest,
  ProducerMessagePayload,
  ProducerRequestKind,
} from './producerTypes'

type MetadataRequest = Extract<ProducerMessagePayload, { kind: 'metadataRequest' }>
type MetadataResponse = Extract<ProducerMessagePayload, { kind: 'metadataResponse' }>

/** A broker answers a Metadata request from its image. */
export function handleMetadataRequest(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  from: NodeId,
  request: MetadataRequest,
): void {
  const topics: MetadataResponse['topics'] = []
  for (const topic of request.topics) {
    const spec = state.controller.topicsByName[topic]
    if (spec === undefined) continue
    const leaders: number[] = []
    const leaderEpochs: number[] = []
    for (let partition = 0; partition < spec.partitions; partition++) {
      const key = `${topic}-${partition}`
      const registration =
        broker.replicasByKey[key]?.registration ?? state.controller.partitionsByKey[key]
      leaders.push(registration?.leader ?? -1)
      leaderEpochs.push(registration?.leaderEpoch ?? -1)
    }
    topics.push({ topic, partitionCount: spec.partitions, leaders, leaderEpochs })
  }
  respondToClient(state, out, broker, from, {
    kind: 'metadataResponse',
    requestId: request.requestId,
    metadataVersion: broker.metadataVersion,
    topics,
  })
}

/** Requests in flight to a broker (the connection's queue). */
export function inFlightTo(producer: ProducerClientState, brokerId: BrokerId): number {
  let count = 0
  for (const request of producer.inFlightRequests) if (request.brokerId === brokerId) count++
  return count
}

export function findInFlightRequest(
  producer: ProducerClientState,
  requestId: number,
): ProducerInFlightRequest | undefined {
  return producer.inFlightRequests.find((request) => request.requestId === requestId)
}

/** Forgets a request (answered, failed or never to be answered). */
export function removeInFlightRequest(producer: ProducerClientState, requestId: number): void {
  const index = producer.inFlightRequests.findIndex((request) => request.requestId === requestId)
  if (index >= 0) producer.inFlightRequests.splice(index, 1)
}

/**
 * `NetworkClient#leastLoadedNode`: the bootstrap broker with the fewest requests in flight,
 * starting the search at a rotating position so a dead broker is not asked forever.
 */
export function leastLoadedNode(state: ClusterState, producer: ProducerClientState): BrokerId {
  const ids = state.brokerIds
  let best = ids[producer.nodeCursor % ids.length]!
  let bestLoad = Number.MAX_SAFE_INTEGER
  for (let i = 0; i < ids.length; i++) {
    const id = ids[(producer.nodeCursor + i) % ids.length]!
    const load = inFlightTo(producer, id)
    if (load < bestLoad) {
      best = id
      bestLoad = load
    }
  }
  producer.nodeCursor = (producer.nodeCursor + 1) % ids.length
  return best
}

/**
 * Sends a producer request and tracks it until answered or timed out. A produce request carries
 * one batch per partition; on the wire that is one message per partition with the request's id.
 */
export function sendProducerRequest(
  state: ClusterState,
  out: SimEvent[],
  producer: ProducerClientState,
  brokerId: BrokerId,
  kind: ProducerRequestKind,
  payloads: (requestId: number) => Parameters<typeof send>[4] | Parameters<typeof send>[4][],
  batchIds: number[] = [],
): number {
  const requestId = state.nextRequestId++
  // A crashed broker refuses the connection at once (the OS answers with a reset); otherwise the
  // request waits for its answer up to request.timeout.ms.
  const refused = state.brokersById[brokerId]?.process !== 'running'
  // Request ids only grow, so pushing keeps the list in id order.
  producer.inFlightRequests.push({
    requestId,
    kind,
    brokerId,
    sentAtMs: state.nowMs,
    deadlineMs: state.nowMs + (refused ? 1 : producer.configs['request.timeout.ms']),
    batchIds,
  })
  const built = payloads(requestId)
  for (const payload of Array.isArray(built) ? built : [built])
    send(state, out, producer.nodeId, brokerNode(brokerId), payload)
  return requestId
}

/** Sends a Metadata request if one is wanted and none is on the wire. */
export function maybeRequestMetadata(
  state: ClusterState,
  out: SimEvent[],
  producer: ProducerClientState,
): void {
  const metadata = producer.metadata
  if (!metadata.needUpdate || metadata.wanted.length === 0) return
  if (state.nowMs < metadata.nextAttemptMs) return
  if (producer.inFlightRequests.some((r) => r.kind === 'metadata')) return
  const brokerId = leastLoadedNode(state, producer)
  sendProducerRequest(state, out, producer, brokerId, 'metadata', (requestId) => ({
    kind: 'metadataRequest',
    requestId,
    topics: [...metadata.wanted],
  }))
}

export function requestMetadataUpdate(producer: ProducerClientState, topic?: string): void {
  if (topic !== undefined && !producer.metadata.wanted.includes(topic)) {
    producer.metadata.wanted.push(topic)
    producer.metadata.wanted.sort()
  }
  producer.metadata.needUpdate = true
}

export function onMetadataResponse(
  state: ClusterState,
  producer: ProducerClientState,
  response: MetadataResponse,
): void {
  const metadata = producer.metadata
  for (const topic of response.topics) {
    metadata.topics[topic.topic] = {
      partitionCount: topic.partitionCount,
      leaders: [...topic.leaders],
      leaderEpochs: [...topic.leaderEpochs],
    }
  }
  metadata.version = response.metadataVersion
  metadata.lastRefreshMs = state.nowMs
  const missing = metadata.wanted.some((t) => metadata.topics[t] === undefined)
  const leaderless = response.topics.some((t) => t.leaders.some((l) => l < 0))
  metadata.needUpdate = missing || leaderless
  metadata.nextAttemptMs = state.nowMs + producer.configs['retry.backoff.ms']
}

/** A failed Metadata request: ask another broker after the retry backoff. */
export function onMetadataFailure(state: ClusterState, producer: ProducerClientState): void {
  producer.metadata.needUpdate = true
  producer.metadata.nextAttemptMs = state.nowMs + producer.configs['retry.backoff.ms']
}
