/**
 * Offset commits from the consumer (ConsumerCoordinator#commitOffsetsSync/Async,
 * maybeAutoCommitOffsetsAsync): what is committed is the position = the next offset to read
 * (KAFKA_SPEC §4.5). A group member commits only in a stable generation; during a rebalance the
 * client refuses before sending (RebalanceInProgressException), after losing its generation with
 * CommitFailedException. The coordinator's answer may still refuse it (UNKNOWN_MEMBER_ID,
 * ILLEGAL_GENERATION, REBALANCE_IN_PROGRESS), and then the offsets are not committed.
 */
import { emit } from '../../emit'
import { clientError, kafkaError, type KafkaError } from '../../errors'
import type { SimEvent } from '../../events'
import type { ClusterState } from '../../types'
import type { GroupMessagePayload } from '../group/groupTypes'
import { sendRequest } from './consumerNetwork'
import type { ConsumerRequest, ConsumerState } from './consumerTypes'
import { resetGeneration } from './groupMembership'

type Res<K extends GroupMessagePayload['kind']> = Extract<GroupMessagePayload, { kind: K }>

export interface OffsetToCommit {
  topic: string
  partition: number
  offset: number
}

/** `subscriptions.allConsumed()`: the positions of owned partitions that have one. */
export function allConsumed(c: ConsumerState): OffsetToCommit[] {
  return c.owned.flatMap((p) =>
    p.position === null ? [] : [{ topic: p.topic, partition: p.partition, offset: p.position }],
  )
}

/** Why this consumer cannot commit now, or null. */
export function commitRefusal(c: ConsumerState): KafkaError | null {
  if (c.groupId === null)
    return clientError(
      'IllegalArgumentException',
      'To use the offset commit APIs, you must provide a valid group.id.',
    )
  if (c.memberState === 'STABLE' || c.coordinatorId === null) return null
  if (c.memberState === 'PREPARING_REBALANCE' || c.memberState === 'COMPLETING_REBALANCE')
    return kafkaError(
      'REBALANCE_IN_PROGRESS',
      'Offset commit cannot be completed since the consumer is undergoing a rebalance for auto partition assignment.',
    )
  return clientError(
    'CommitFailedException',
    'Offset commit cannot be completed since the consumer is not part of an active group for auto partition assignment; it is likely that the consumer was kicked out of the group.',
  )
}

/**
 * Sends an OffsetCommit. Returns the request id, or null when nothing was sent (the refusal is
 * recorded as the consumer's last commit error).
 */
export function sendCommit(
  state: ClusterState,
  out: SimEvent[],
  c: ConsumerState,
  offsets: OffsetToCommit[],
  purpose: NonNullable<ConsumerRequest['purpose']>,
): number | null {
  if (offsets.length === 0) return null
  const refusal =
    c.coordinatorId === null && c.groupId !== null
      ? clientError('CommitFailedException', 'The group coordinator is not known.')
      : commitRefusal(c)
  if (refusal !== null) {
    recordCommit(state, out, c, offsets, refusal)
    return null
  }
  const groupId = c.groupId!
  return sendRequest(
    state,
    out,
    c,
    c.coordinatorId!,
    'offsetCommit',
    (requestId) => ({
      kind: 'offsetCommitRequest',
      requestId,
      groupId,
      memberId: c.memberId,
      groupInstanceId: c.configs['group.instance.id'],
      generationId: c.generationId,
      offsets,
    }),
    purpose,
  )
}

function recordCommit(
  state: ClusterState,
  out: SimEvent[],
  c: ConsumerState,
  offsets: OffsetToCommit[],
  error: KafkaError | null,
): void {
  if (error !== null) c.lastCommitError = error
  emit(state, out, {
    type: 'offsetsCommitted',
    consumer: c.name,
    groupId: c.groupId ?? '',
    offsets: Object.fromEntries(offsets.map((o) => [`${o.topic}-${o.partition}`, o.offset])),
    error: error?.error ?? null,
  })
}

/** The coordinator's answer; a refused commit may mean the member lost its generation. */
export function onOffsetCommitResponse(
  state: ClusterState,
  out: SimEvent[],
  c: ConsumerState,
  response: Res<'offsetCommitResponse'>,
): void {
  const error = response.error
  recordCommit(
    state,
    out,
    c,
    response.offsets,
    error === null
      ? null
      : error.error === 'UNKNOWN_MEMBER_ID' || error.error === 'ILLEGAL_GENERATION'
        ? clientError(
            'CommitFailedException',
            `Commit cannot be completed since the group has already rebalanced and assigned the partitions to another member (${error.error}).`,
          )
        : error,
  )
  if (error === null) return
  if (error.error === 'UNKNOWN_MEMBER_ID') resetGeneration(c, true)
  else if (error.error === 'ILLEGAL_GENERATION') resetGeneration(c, false)
  else if (error.error === 'REBALANCE_IN_PROGRESS') c.rejoinNeeded = true
}
