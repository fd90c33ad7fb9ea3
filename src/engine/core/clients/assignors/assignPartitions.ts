/**
 * The group leader's assignment step (`ConsumerCoordinator#onLeaderElected` →
 * `ConsumerPartitionAssignor#assign`) for the built-in assignors.
 */
import { assertNever } from '../../assert'
import { assignRange } from './rangeAssignor'
import { assignRoundRobin } from './roundRobinAssignor'
import { assignCooperativeSticky, assignSticky } from './stickyAssignor'
import type { AssignmentInput, AssignorName, GroupAssignment } from './types'

/** Runs the named assignor. Deterministic: the same input always gives the same assignment. */
export function assignPartitions(assignor: AssignorName, input: AssignmentInput): GroupAssignment {
  switch (assignor) {
    case 'range':
      return assignRange(input)
    case 'roundrobin':
      return assignRoundRobin(input)
    case 'sticky':
      return assignSticky(input)
    case 'cooperative-sticky':
      return assignCooperativeSticky(input)
    default:
      return assertNever(assignor, 'assignor')
  }
}
