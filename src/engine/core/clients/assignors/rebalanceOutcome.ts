/**
 * What a member does with its new assignment (`ConsumerCoordinator#onJoinPrepare` and
 * `#onJoinComplete`), and the two-rebalance sequence of cooperative rebalancing (KIP-429).
 *
 * Eager: before joining, a member revokes everything it owns and stops fetching; after SyncGroup
 * it is assigned its whole new assignment. Cooperative: it keeps consuming what it owns; after
 * SyncGroup it revokes only the owned partitions missing from its assignment and, if there were
 * any, immediately rejoins so the next rebalance can hand those partitions to their new owners.
 */
import { tpKey } from './assignorSupport'
import { assignCooperativeStickyDetailed, type TransferringPartition } from './stickyAssignor'
import type { AssignmentInput, GroupAssignment, RebalanceProtocol, TopicPartition } from './types'

export interface MemberRebalanceOutcome {
  /** `onPartitionsRevoked` in `onJoinPrepare`, before the JoinGroup request. */
  readonly revokedBeforeJoin: readonly TopicPartition[]
  /** `onPartitionsRevoked` in `onJoinComplete` (cooperative only). */
  readonly revokedAfterAssignment: readonly TopicPartition[]
  /** `onPartitionsAssigned`: partitions newly owned after this rebalance. */
  readonly added: readonly TopicPartition[]
  /** Partitions the member owns (and may fetch) once the rebalance completes. */
  readonly ownedAfter: readonly TopicPartition[]
  /** Cooperative: the member revoked partitions and must rejoin (a follow-up rebalance). */
  readonly rejoinRequired: boolean
}

function minus(
  from: readonly TopicPartition[],
  remove: readonly TopicPartition[],
): TopicPartition[] {
  const removeKeys = new Set(remove.map(tpKey))
  return from.filter((tp) => !removeKeys.has(tpKey(tp)))
}

/**
 * One member's revocations and additions for one rebalance.
 *
 * @param owned Partitions the member owned when the rebalance started.
 * @param assigned Its assignment from SyncGroup.
 * @param subscribedTopics Its subscription; a cooperative member revokes owned partitions of
 *   topics it no longer subscribes to before joining.
 */
export function memberRebalanceOutcome(
  protocol: RebalanceProtocol,
  owned: readonly TopicPartition[],
  assigned: readonly TopicPartition[],
  subscribedTopics: readonly string[] | null = null,
): MemberRebalanceOutcome {
  if (protocol === 'EAGER') {
    return {
      revokedBeforeJoin: [...owned],
      revokedAfterAssignment: [],
      added: [...assigned],
      ownedAfter: [...assigned],
      rejoinRequired: false,
    }
  }
  const revokedBeforeJoin =
    subscribedTopics === null ? [] : owned.filter((tp) => !subscribedTopics.includes(tp.topic))
  const stillOwned = minus(owned, revokedBeforeJoin)
  const revokedAfterAssignment = minus(stillOwned, assigned)
  return {
    revokedBeforeJoin,
    revokedAfterAssignment,
    added: minus(assigned, stillOwned),
    ownedAfter: [...assigned],
    rejoinRequired: revokedAfterAssignment.length > 0,
  }
}

/** One rebalance of a cooperative group. */
export interface CooperativeRebalanceRound {
  /** The generation this rebalance creates. */
  readonly generation: number
  readonly assignment: GroupAssignment
  /** Partitions withheld in this round because their owner must revoke them first. */
  readonly partitionsTransferringOwnership: readonly TransferringPartition[]
  readonly outcomes: Readonly<Record<string, MemberRebalanceOutcome>>
}

/**
 * Upper bound on rounds. With equal subscriptions Kafka settles in two; with mixed subscriptions
 * the general algorithm can move a partition again in the second round, so a third happens.
 */
export const COOPERATIVE_ROUNDS_MAX = 8

/**
 * Runs cooperative-sticky rebalances until no member has to revoke anything: one round when
 * nothing moves, else usually two (the first takes partitions away from their owners, the second
 * gives them to their new owners), occasionally more with mixed subscriptions (checked against
 * Kafka's assignor on a JVM). Stops after {@link COOPERATIVE_ROUNDS_MAX} rounds; the caller can
 * see from the last round's outcomes whether the group settled.
 *
 * @param input Members with the partitions they own now and the generation of that ownership.
 * @param generation The generation the first rebalance creates (previous generation + 1).
 */
export function runCooperativeRebalance(
  input: AssignmentInput,
  generation: number,
): CooperativeRebalanceRound[] {
  const rounds: CooperativeRebalanceRound[] = []
  let members = input.members
  for (let round = 0; round < COOPERATIVE_ROUNDS_MAX; round++) {
    const roundGeneration = generation + round
    const result = assignCooperativeStickyDetailed({ ...input, members })
    const outcomes = Object.fromEntries(
      members.map((member) => [
        member.memberId,
        memberRebalanceOutcome(
          'COOPERATIVE',
          member.ownedPartitions,
          result.assignment[member.memberId] ?? [],
          member.topics,
        ),
      ]),
    )
    rounds.push({
      generation: roundGeneration,
      assignment: result.assignment,
      partitionsTransferringOwnership: result.partitionsTransferringOwnership,
      outcomes,
    })
    if (!Object.values(outcomes).some((outcome) => outcome.rejoinRequired)) break
    members = members.map((member) => ({
      ...member,
      ownedPartitions: result.assignment[member.memberId] ?? [],
      generation: roundGeneration,
    }))
  }
  return rounds
}
