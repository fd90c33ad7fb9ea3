/**
 * The consumer-group part of the `ClusterView`: per group its state, generation, protocol, leader,
 * members with their assignments and committed offsets with lag; per consumer its membership,
 * positions, lag (HW − position) and what its application processed. Plain data for the UI.
 */
import type { ClusterState } from '../../types'
import type { ConsumerStats } from '../consumer/consumerTypes'
import type { ClassicGroupStateName } from './groupTypes'
import { offsetsPartitionFor } from './offsetsTopic'
import { lastStableOffset } from '../transactions/stableOffset'

export interface GroupPartitionView {
  partitionKey: string
  /** The group's committed offset (the next offset it will read), or null. */
  committedOffset: number | null
  highWatermark: number | null
  logStartOffset: number | null
  /** HW − committed offset. */
  lag: number | null
  /** Offsets the group's applications processed at least once, as [from, to) ranges. */
  processedRanges: [number, number][]
  processedCount: number
  duplicateCount: number
}

export interface GroupMemberView {
  memberId: string
  groupInstanceId: string | null
  clientId: string
  node: string
  assignment: string[]
}

export interface GroupView {
  groupId: string
  coordinatorId: number
  /** The `__consumer_offsets` partition holding the group. */
  offsetsPartition: number
  state: ClassicGroupStateName
  generationId: number
  protocolName: string | null
  leaderId: string | null
  members: GroupMemberView[]
  partitions: GroupPartitionView[]
  dedupeStoreSize: number
}

export interface ConsumerPartitionView {
  partitionKey: string
  position: number | null
  highWatermark: number | null
  /** HW (LSO for read_committed) − position: what this consumer has not read yet. */
  lag: number | null
  buffered: number
}

export interface ConsumerView {
  name: string
  groupId: string | null
  status: 'running' | 'crashed' | 'closed'
  incarnation: number
  clientId: string
  groupInstanceId: string | null
  memberId: string
  generationId: number
  memberState: string
  /** EAGER or COOPERATIVE, from the configured assignors. */
  rebalanceProtocol: string
  assignor: string | null
  coordinatorId: number | null
  rejoinNeeded: boolean
  subscription: string[]
  partitions: ConsumerPartitionView[]
  mode: 'manual' | 'run'
  processingMs: number | null
  /** Records being processed now and when the batch ends. */
  processing: { records: number; endsAtMs: number } | null
  error: string | null
  lastCommitError: string | null
  stats: ConsumerStats
}

export interface ConsumerGroupsView {
  groups: GroupView[]
  consumers: ConsumerView[]
}

function leaderReplica(state: ClusterState, partitionKey: string) {
  const leader = state.controller.partitionsByKey[partitionKey]?.leader
  if (leader === undefined || leader < 0) return null
  return state.brokersById[leader]?.replicasByKey[partitionKey] ?? null
}

/** `consumer-12` → 12, so consumers list in node order. */
function nodeNumber(name: string): number {
  return Number(name.slice(name.lastIndexOf('-') + 1))
}

export function toConsumerGroupsView(state: ClusterState): ConsumerGroupsView {
  const cg = state.consumerGroups
  const groups = Object.values(cg.groupsById)
    .sort((a, b) => (a.groupId < b.groupId ? -1 : 1))
    .map((g): GroupView => {
      const ledgers = cg.ledgerByGroup[g.groupId] ?? {}
      const keys = [...new Set([...Object.keys(g.offsets), ...Object.keys(ledgers)])].sort()
      return {
        groupId: g.groupId,
        coordinatorId: g.coordinatorId,
        offsetsPartition: offsetsPartitionFor(state, g.groupId),
        state: g.state,
        generationId: g.generationId,
        protocolName: g.protocolName,
        leaderId: g.leaderId,
        members: g.members.map((m) => ({
          memberId: m.memberId,
          groupInstanceId: m.groupInstanceId,
          clientId: m.clientId,
          node: m.node,
          assignment: m.assignment.map((tp) => `${tp.topic}-${tp.partition}`),
        })),
        partitions: keys.map((partitionKey): GroupPartitionView => {
          const replica = leaderReplica(state, partitionKey)
          const committed = g.offsets[partitionKey]?.offset ?? null
          const ledger = ledgers[partitionKey]
          const hw = replica?.highWatermark ?? null
          return {
            partitionKey,
            committedOffset: committed,
            highWatermark: hw,
            logStartOffset: replica?.log.logStartOffset ?? null,
            lag: hw === null || committed === null ? null : Math.max(0, hw - committed),
            processedRanges: (ledger?.ranges ?? []).map(([a, b]) => [a, b]),
            processedCount: ledger?.processedCount ?? 0,
            duplicateCount: ledger?.duplicateCount ?? 0,
          }
        }),
        dedupeStoreSize: cg.dedupeStoreByGroup[g.groupId]?.length ?? 0,
      }
    })
  const consumers = Object.values(cg.consumersByName)
    .sort((a, b) => nodeNumber(a.name) - nodeNumber(b.name))
    .map((c): ConsumerView => {
      const batch = c.processing
      return {
        name: c.name,
        groupId: c.groupId,
        status: c.status,
        incarnation: c.incarnation,
        clientId: c.clientId,
        groupInstanceId: c.configs['group.instance.id'],
        memberId: c.memberId,
        generationId: c.generationId,
        memberState: c.memberState,
        rebalanceProtocol: c.protocol,
        assignor: c.protocolName,
        coordinatorId: c.coordinatorId,
        rejoinNeeded: c.rejoinNeeded,
        subscription: [...c.subscription],
        partitions: c.owned.map((p): ConsumerPartitionView => {
          const partitionKey = `${p.topic}-${p.partition}`
          const replica = leaderReplica(state, partitionKey)
          const hw = replica?.highWatermark ?? null
          // A read_committed consumer can only get as far as the last stable offset.
          const end =
            replica === null
              ? null
              : c.configs['isolation.level'] === 'read_committed'
                ? lastStableOffset(replica)
                : replica.highWatermark
          return {
            partitionKey,
            position: p.position,
            highWatermark: hw,
            lag: end === null || p.position === null ? null : Math.max(0, end - p.position),
            buffered: p.buffer.length,
          }
        }),
        mode: c.run === null ? 'manual' : 'run',
        processingMs: c.run?.processingMs ?? null,
        processing:
          batch === null
            ? null
            : {
                records: batch.records.length,
                endsAtMs: batch.doneAtMs[batch.doneAtMs.length - 1] ?? state.nowMs,
              },
        error: c.lastError?.error ?? null,
        lastCommitError: c.lastCommitError?.error ?? null,
        stats: structuredClone(c.stats),
      }
    })
  return { groups, consumers }
}
