/**
 * The KRaft controller's partition decisions (metadata/.../ReplicationControlManager.java,
 * PartitionChangeBuilder.java): leader election when a broker is fenced or comes back, unclean
 * election when allowed, preferred-leader rebalancing, and AlterPartition (ISR changes asked for
 * by leaders). Every change bumps the metadata version and is pushed to the brokers.
 */
import { emit } from '../emit'
import type { SimEvent } from '../events'
import { kafkaError } from '../errors'
import { send } from '../network'
import {
  brokerNode,
  NO_LEADER,
  type BrokerId,
  type ClusterState,
  type MessagePayload,
  type MetadataImage,
  type PartitionRegistration,
} from '../types'
import { replicationConfig } from './topics'

export function metadataImage(state: ClusterState): MetadataImage {
  return {
    metadataVersion: state.controller.metadataVersion,
    partitions: Object.values(state.controller.partitionsByKey).map((p) => structuredClone(p)),
    fencedBrokerIds: fencedBrokerIds(state),
  }
}

/** Brokers the controller considers fenced or never registered. */
export function fencedBrokerIds(state: ClusterState): BrokerId[] {
  return state.brokerIds.filter((id) => state.controller.registrationsById[id]?.fenced ?? true)
}

function isUnfenced(state: ClusterState, brokerId: BrokerId): boolean {
  return state.controller.registrationsById[brokerId]?.fenced === false
}

/** Bumps the metadata version and pushes the new image to every registered broker. */
export function publishMetadata(state: ClusterState, out: SimEvent[]): void {
  state.controller.metadataVersion += 1
  const image = metadataImage(state)
  for (const brokerId of state.brokerIds) {
    if (state.controller.registrationsById[brokerId] === undefined) continue
    send(state, out, state.controller.nodeId, brokerNode(brokerId), {
      kind: 'metadataUpdate',
      image,
    })
  }
}

/** First replica in assignment order that is in `isr` and unfenced (`electLeader`). */
function electFromIsr(
  state: ClusterState,
  registration: PartitionRegistration,
  isr: readonly BrokerId[],
): BrokerId {
  return registration.replicas.find((id) => isr.includes(id) && isUnfenced(state, id)) ?? NO_LEADER
}

function changeLeader(
  state: ClusterState,
  out: SimEvent[],
  registration: PartitionRegistration,
  leader: BrokerId,
  isr: BrokerId[],
  reason: 'brokerFenced' | 'brokerUnfenced' | 'unclean' | 'preferred',
): void {
  registration.leader = leader
  registration.isr = isr
  registration.leaderEpoch += 1
  registration.partitionEpoch += 1
  registration.leaderRecoveryState = reason === 'unclean' ? 'RECOVERING' : 'RECOVERED'
  const { topic, partition, leaderEpoch } = registration
  if (leader === NO_LEADER) {
    emit(state, out, { type: 'partitionOffline', topic, partition, isr: [...isr], leaderEpoch })
  } else {
    emit(state, out, {
      type: 'leaderElected',
      topic,
      partition,
      leader,
      leaderEpoch,
      isr: [...isr],
      reason,
    })
  }
}

/** Unclean election: the first alive replica in assignment order (not the most up to date). */
function tryUncleanElection(
  state: ClusterState,
  out: SimEvent[],
  registration: PartitionRegistration,
): boolean {
  if (!replicationConfig(state, registration.topic, 'unclean.leader.election.enable')) return false
  const candidate = registration.replicas.find((id) => isUnfenced(state, id))
  if (candidate === undefined) return false
  changeLeader(state, out, registration, candidate, [candidate], 'unclean')
  return true
}

/**
 * A broker was fenced: it leaves every ISR (never the last member: without ELR the ISR stays
 * [lastLeader]) and partitions it led get a new leader from the remaining ISR.
 */
export function onBrokerFencedAtController(
  state: ClusterState,
  out: SimEvent[],
  brokerId: BrokerId,
): void {
  let changed = false
  for (const registration of Object.values(state.controller.partitionsByKey)) {
    if (!registration.replicas.includes(brokerId)) continue
    const isr =
      registration.isr.length > 1
        ? registration.isr.filter((id) => id !== brokerId)
        : [...registration.isr]
    if (registration.leader === brokerId) {
      const leader = electFromIsr(state, registration, isr)
      if (leader === NO_LEADER && tryUncleanElection(state, out, registration)) {
        changed = true
        continue
      }
      changeLeader(state, out, registration, leader, isr, 'brokerFenced')
      changed = true
    } else if (isr.length !== registration.isr.length) {
      registration.isr = isr
      registration.partitionEpoch += 1
      emit(state, out, {
        type: 'isrChanged',
        topic: registration.topic,
        partition: registration.partition,
        isr: [...isr],
        partitionEpoch: registration.partitionEpoch,
        reason: 'brokerFenced',
      })
      changed = true
    }
  }
  if (changed) publishMetadata(state, out)
}

/**
 * A new incarnation of a broker registered while its old one still held leadership (a quick
 * restart, faster than the session timeout): the new process has none of the old leader's state,
 * so partitions it led move to another ISR member. As a follower it stays in the ISR, the gap that
 * KIP-903 and KIP-966 later narrowed.
 */
export function onBrokerRestartedAtController(
  state: ClusterState,
  out: SimEvent[],
  brokerId: BrokerId,
): void {
  let changed = false
  for (const registration of Object.values(state.controller.partitionsByKey)) {
    if (registration.leader !== brokerId) continue
    const others = registration.isr.filter((id) => id !== brokerId)
    const leader = electFromIsr(state, registration, others)
    // As the sole ISR member it leads again, but at a new leader epoch: it is a new process.
    if (leader === NO_LEADER)
      changeLeader(state, out, registration, brokerId, [...registration.isr], 'brokerUnfenced')
    else changeLeader(state, out, registration, leader, others, 'brokerFenced')
    changed = true
  }
  if (changed) publishMetadata(state, out)
}

/** A broker was unfenced: leaderless partitions it can lead get a leader again. */
export function onBrokerUnfencedAtController(state: ClusterState, out: SimEvent[]): void {
  let changed = false
  for (const registration of Object.values(state.controller.partitionsByKey)) {
    if (registration.leader !== NO_LEADER) continue
    const leader = electFromIsr(state, registration, registration.isr)
    if (leader !== NO_LEADER) {
      changeLeader(state, out, registration, leader, [...registration.isr], 'brokerUnfenced')
      changed = true
    } else if (tryUncleanElection(state, out, registration)) {
      changed = true
    }
  }
  // The broker needs the current image either way (it may have missed changes while away).
  publishMetadata(state, out)
  void changed
}

/** Moves leadership back to preferred replicas that are in the ISR (auto.leader.rebalance). */
export function electPreferredLeaders(state: ClusterState, out: SimEvent[]): boolean {
  let changed = false
  for (const registration of Object.values(state.controller.partitionsByKey)) {
    const preferred = registration.replicas[0]!
    if (registration.leader === preferred) continue
    if (!registration.isr.includes(preferred) || !isUnfenced(state, preferred)) continue
    changeLeader(state, out, registration, preferred, [...registration.isr], 'preferred')
    changed = true
  }
  if (changed) publishMetadata(state, out)
  return changed
}

/** AlterPartition from a leader: accepted only from the current leader at the current epochs. */
export function handleAlterPartition(
  state: ClusterState,
  out: SimEvent[],
  from: string,
  request: Extract<MessagePayload, { kind: 'alterPartition' }>,
): void {
  const key = `${request.topic}-${request.partition}`
  const registration = state.controller.partitionsByKey[key]
  const reply = (error: ReturnType<typeof kafkaError> | null) =>
    send(state, out, state.controller.nodeId, from, {
      kind: 'alterPartitionResponse',
      topic: request.topic,
      partition: request.partition,
      error,
    })
  if (registration === undefined)
    return reply(kafkaError('UNKNOWN_TOPIC_OR_PARTITION', `Unknown partition ${key}.`))
  if (
    registration.leader !== request.brokerId ||
    registration.leaderEpoch !== request.leaderEpoch
  ) {
    return reply(
      kafkaError(
        'FENCED_LEADER_EPOCH',
        `Broker ${request.brokerId} is not the leader of ${key} at epoch ${request.leaderEpoch}.`,
      ),
    )
  }
  if (registration.partitionEpoch !== request.partitionEpoch) {
    return reply(
      kafkaError(
        'INVALID_UPDATE_VERSION',
        `Partition epoch ${request.partitionEpoch} is stale; the controller is at ${registration.partitionEpoch}.`,
      ),
    )
  }
  // KIP-903: a fenced broker may not join the ISR.
  const newIsr = request.newIsr.filter((id) => id === request.brokerId || isUnfenced(state, id))
  const expanded = newIsr.length > registration.isr.length
  registration.isr = [...newIsr].sort(
    (a, b) => registration.replicas.indexOf(a) - registration.replicas.indexOf(b),
  )
  registration.partitionEpoch += 1
  emit(state, out, {
    type: 'isrChanged',
    topic: request.topic,
    partition: request.partition,
    isr: [...registration.isr],
    partitionEpoch: registration.partitionEpoch,
    reason: expanded ? 'expand' : 'shrink',
  })
  reply(null)
  publishMetadata(state, out)
}
