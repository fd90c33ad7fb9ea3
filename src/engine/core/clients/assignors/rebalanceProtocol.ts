/**
 * Which rebalance protocol a consumer follows, and which assignor a classic group uses.
 *
 * Each consumer picks the highest protocol that all of its configured assignors support
 * (`ConsumerCoordinator` constructor). `RangeAssignor` supports only EAGER, so the 4.0 default
 * `[RangeAssignor, CooperativeStickyAssignor]` gives EAGER; cooperative rebalancing needs a list
 * whose every assignor supports it, e.g. `[CooperativeStickyAssignor]`.
 *
 * The group coordinator picks the assignor by vote (gc/classic/ClassicGroup#selectProtocol): among
 * the assignors every member supports, each member votes for the first one in its own list, and
 * the most votes win (ties go to the first in the vote map's Java `HashMap` order).
 */
import { javaHashMapOrder, javaStringHashCode } from '../javaSemantics'
import type { AssignorName, RebalanceProtocol } from './types'

/** `ConsumerPartitionAssignor#supportedProtocols` of the built-in assignors. */
export const ASSIGNOR_SUPPORTED_PROTOCOLS: Readonly<
  Record<AssignorName, readonly RebalanceProtocol[]>
> = {
  range: ['EAGER'],
  roundrobin: ['EAGER'],
  sticky: ['EAGER'],
  'cooperative-sticky': ['COOPERATIVE', 'EAGER'],
}

/** The default `partition.assignment.strategy` of Kafka 3.0+ (KIP-726). */
export const DEFAULT_PARTITION_ASSIGNMENT_STRATEGY: readonly AssignorName[] = [
  'range',
  'cooperative-sticky',
]

/** `RebalanceProtocol` enum order: EAGER(0) < COOPERATIVE(1). */
const PROTOCOL_RANK: Readonly<Record<RebalanceProtocol, number>> = { EAGER: 0, COOPERATIVE: 1 }

/**
 * The protocol a consumer with these assignors follows: the highest one supported by all of them.
 * Null for an empty list (Kafka then refuses to join a group: no assignor configured).
 */
export function rebalanceProtocolFor(assignors: readonly AssignorName[]): RebalanceProtocol | null {
  const [first, ...rest] = assignors
  if (first === undefined) return null
  const common = ASSIGNOR_SUPPORTED_PROTOCOLS[first].filter((protocol) =>
    rest.every((assignor) => ASSIGNOR_SUPPORTED_PROTOCOLS[assignor].includes(protocol)),
  )
  // Every built-in assignor supports EAGER, so `common` is never empty here.
  return common.reduce<RebalanceProtocol | null>(
    (best, protocol) =>
      best === null || PROTOCOL_RANK[protocol] > PROTOCOL_RANK[best] ? protocol : best,
    null,
  )
}

/** A member's JoinGroup protocols: its assignors in preference order. */
export interface MemberProtocols {
  readonly memberId: string
  readonly assignors: readonly AssignorName[]
}

/**
 * `ClassicGroup#selectProtocol`: the assignor the group leader must use. Null when the members
 * share no assignor (the coordinator rejects such a join with INCONSISTENT_GROUP_PROTOCOL).
 */
export function selectGroupProtocol(members: readonly MemberProtocols[]): AssignorName | null {
  if (members.length === 0) return null
  const candidates = members[0]!.assignors.filter((assignor) =>
    members.every((member) => member.assignors.includes(assignor)),
  )
  if (candidates.length === 0) return null

  const votes = new Map<AssignorName, number>()
  for (const member of members) {
    const vote = member.assignors.find((assignor) => candidates.includes(assignor))!
    votes.set(vote, (votes.get(vote) ?? 0) + 1)
  }
  // Stream#max keeps the earlier entry on ties, so the winner is the first maximum in the
  // HashMap's iteration order.
  let winner: AssignorName | null = null
  for (const name of javaHashMapOrder([...votes.keys()], javaStringHashCode)) {
    if (winner === null || votes.get(name)! > votes.get(winner)!) winner = name
  }
  return winner
}
