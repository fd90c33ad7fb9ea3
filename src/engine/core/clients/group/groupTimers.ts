/** Routes consumer and group-coordinator timers. */
import type { SimEvent } from '../../events'
import type { ClusterState } from '../../types'
import { onConsumerTimer } from '../consumer/consumerDriver'
import { onJoinDeadline, onMemberSession } from './classicGroup'
import type { GroupTimerAction } from './groupTypes'

export function onGroupTimer(state: ClusterState, out: SimEvent[], action: GroupTimerAction): void {
  switch (action.kind) {
    case 'consumerTimer':
      return onConsumerTimer(state, out, action)
    case 'groupJoinDeadline':
      return onJoinDeadline(state, out, action)
    case 'groupMemberSession':
      return onMemberSession(state, out, action)
  }
}
