/**
 * Answers from a broker to clients, through the `dropResponses` fault: a dropped response never
 * leaves the broker, which is how a producer ends up retrying a write that did succeed.
 */
import { emit } from '../emit'
import type { SimEvent } from '../events'
import { send } from '../network'
import {
  brokerNode,
  type BrokerState,
  type ClusterState,
  type MessagePayload,
  type NodeId,
} from '../types'

export function respondToClient(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  to: NodeId,
  payload: MessagePayload,
): void {
  if (broker.responsesToDrop > 0 && !to.startsWith('broker-')) {
    broker.responsesToDrop -= 1
    emit(state, out, {
      type: 'messageDropped',
      messageId: state.nextMessageId++,
      kind: payload.kind,
      from: brokerNode(broker.brokerId),
      to,
      reason: 'responseDropped',
    })
    return
  }
  send(state, out, brokerNode(broker.brokerId), to, payload)
}
