/**
 * Which partition of an internal topic holds a group's (or transactional id's) state, and so which
 * broker is its coordinator: the leader of that partition.
 *
 * Group coordinator: `Utils.abs(groupId.hashCode()) % offsets.topic.num.partitions`
 * (gc/GroupCoordinatorService.java#partitionFor). Transaction coordinator: the same formula over
 * `transactional.id` and `transaction.state.log.num.partitions`
 * (transaction-coordinator/.../TransactionStateManager#partitionFor). Both topics default to 50.
 */
import { assert } from '../assert'
import { javaStringHashCode, javaUtilsAbs } from './javaSemantics'

/** Default `offsets.topic.num.partitions` and `transaction.state.log.num.partitions`. */
export const COORDINATOR_TOPIC_PARTITIONS_DEFAULT = 50

/**
 * The `__consumer_offsets` (or `__transaction_state`) partition for `key`. Uses Java's
 * `String.hashCode` over UTF-16 code units, not the murmur2 of the producer partitioner.
 */
export function coordinatorPartitionFor(
  key: string,
  partitionCount: number = COORDINATOR_TOPIC_PARTITIONS_DEFAULT,
): number {
  assert(
    Number.isInteger(partitionCount) && partitionCount > 0,
    'partitionCount must be a positive integer',
  )
  return javaUtilsAbs(javaStringHashCode(key)) % partitionCount
}
