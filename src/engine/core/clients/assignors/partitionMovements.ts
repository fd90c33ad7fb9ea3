/**
 * `AbstractStickyAssignor.PartitionMovements`: while the general sticky algorithm rebalances, it
 * records which partitions moved between which members so that moving a partition back undoes the
 * earlier move instead of shuffling a second partition (which would hurt stickiness).
 *
 * When a partition of topic T should move from A to B and an earlier move of a T partition went
 * from B to A, the partition actually moved is one of those (the first in Java `HashSet` order).
 */
import {
  emptyJavaHashSet,
  javaHashSetAdd,
  javaHashSetFirst,
  javaHashSetRemove,
  type JavaHashSetState,
} from '../javaSemantics'
import { sameTopicPartition, topicPartitionHashCode, tpKey } from './assignorSupport'
import type { TopicPartition } from './types'

interface ConsumerPair {
  readonly src: string
  readonly dst: string
}

export interface PartitionMovementsState {
  /** Per topic, per "src\u0000dst" pair: the partitions that moved that way. */
  readonly byTopic: Map<string, Map<string, JavaHashSetState<TopicPartition>>>
  /** Per partition key: where it originally came from and where it is now. */
  readonly byPartition: Map<string, ConsumerPair>
}

export function createPartitionMovements(): PartitionMovementsState {
  return { byTopic: new Map(), byPartition: new Map() }
}

function pairKey(pair: ConsumerPair): string {
  return `${pair.src}\u0000${pair.dst}`
}

function removeMovementRecord(
  movements: PartitionMovementsState,
  tp: TopicPartition,
): ConsumerPair {
  const key = tpKey(tp)
  const pair = movements.byPartition.get(key)!
  movements.byPartition.delete(key)
  const forTopic = movements.byTopic.get(tp.topic)!
  const set = javaHashSetRemove(forTopic.get(pairKey(pair))!, tp, sameTopicPartition)
  if (set.members.length === 0) forTopic.delete(pairKey(pair))
  else forTopic.set(pairKey(pair), set)
  if (forTopic.size === 0) movements.byTopic.delete(tp.topic)
  return pair
}

function addMovementRecord(
  movements: PartitionMovementsState,
  tp: TopicPartition,
  pair: ConsumerPair,
): void {
  movements.byPartition.set(tpKey(tp), pair)
  let forTopic = movements.byTopic.get(tp.topic)
  if (forTopic === undefined) {
    forTopic = new Map()
    movements.byTopic.set(tp.topic, forTopic)
  }
  const set = forTopic.get(pairKey(pair)) ?? emptyJavaHashSet<TopicPartition>()
  forTopic.set(pairKey(pair), javaHashSetAdd(set, tp, topicPartitionHashCode, sameTopicPartition))
}

/** `PartitionMovements#movePartition`: records that `tp` moved from `oldConsumer` to `newConsumer`. */
export function movePartition(
  movements: PartitionMovementsState,
  tp: TopicPartition,
  oldConsumer: string,
  newConsumer: string,
): void {
  if (movements.byPartition.has(tpKey(tp))) {
    // The partition moved before: fold the two moves into one from its original owner.
    const existing = removeMovementRecord(movements, tp)
    if (existing.src !== newConsumer) {
      addMovementRecord(movements, tp, { src: existing.src, dst: newConsumer })
    }
  } else {
    addMovementRecord(movements, tp, { src: oldConsumer, dst: newConsumer })
  }
}

/** `PartitionMovements#getTheActualPartitionToBeMoved`. */
export function actualPartitionToMove(
  movements: PartitionMovementsState,
  tp: TopicPartition,
  oldConsumer: string,
  newConsumer: string,
): TopicPartition {
  const forTopic = movements.byTopic.get(tp.topic)
  if (forTopic === undefined) return tp
  const previous = movements.byPartition.get(tpKey(tp))
  const source = previous === undefined ? oldConsumer : previous.src
  const reverse = forTopic.get(pairKey({ src: newConsumer, dst: source }))
  if (reverse === undefined) return tp
  return javaHashSetFirst(reverse, topicPartitionHashCode) ?? tp
}
