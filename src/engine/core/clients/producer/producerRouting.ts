/**
 * Where producer traffic enters the core: messages delivered to a producer node, the producer
 * protocol at brokers (Metadata, FindCoordinator, InitProducerId, AddPartitionsToTxn, EndTxn,
 * WriteTxnMarkers), and the producers' and coordinators' timers.
 */
import { emit } from '../../emit'
import type { Env } from '../../env'
import type { SimEvent } from '../../events'
import type { BrokerState, ClusterState, InFlightMessage } from '../../types'
import {
  handleAddPartitionsToTxn,
  handleEndTxn,
  handleFindCoordinator,
  handleInitProducerId,
  handleWriteTxnMarkers,
  onTxnMarkerRetry,
  onTxnTimeoutCheck,
  onWriteTxnMarkersResponse,
} from '../transactions/coordinator'
import { onTransactionResponse } from '../transactions/transactionManager'
import {
  findInFlightRequest,
  handleMetadataRequest,
  onMetadataResponse,
  removeInFlightRequest,
} from './metadata'
import { onProducerWake, pumpProducer } from './producerClient'
import type { ProducerMessagePayload, ProducerTimerAction } from './producerTypes'
import { onProduceResponse } from './sender'

/** A message for a producer node. */
export function producerReceive(state: ClusterState, out: SimEvent[], message: InFlightMessage) {
  const producer = state.producersById[message.to]
  const payload = message.payload
  if (producer === undefined || producer.status !== 'running') {
    emit(state, out, {
      type: 'messageDropped',
      messageId: message.id,
      kind: payload.kind,
      from: message.from,
      to: message.to,
      reason: 'receiverDown',
    })
    return
  }
  if (payload.kind === 'produceResponse') {
    onProduceResponse(state, out, producer, payload)
  } else if ('requestId' in payload && findInFlightRequest(producer, payload.requestId)) {
    // Answers to requests that already timed out are ignored (the connection was closed).
    removeInFlightRequest(producer, payload.requestId)
    if (payload.kind === 'metadataResponse') onMetadataResponse(state, producer, payload)
    else if (TRANSACTION_RESPONSE_KINDS.has(payload.kind))
      onTransactionResponse(state, out, producer, payload as ProducerMessagePayload)
  }
  pumpProducer(state, out, producer)
}

const TRANSACTION_RESPONSE_KINDS: ReadonlySet<string> = new Set([
  'findTxnCoordinatorResponse',
  'initProducerIdResponse',
  'addPartitionsToTxnResponse',
  'endTxnResponse',
])

/** The producer protocol at a broker; false for messages it does not handle. */
export function brokerReceiveProducerProtocol(
  state: ClusterState,
  env: Env,
  out: SimEvent[],
  broker: BrokerState,
  message: InFlightMessage,
): boolean {
  const payload = message.payload
  switch (payload.kind) {
    case 'metadataRequest':
      handleMetadataRequest(state, out, broker, message.from, payload)
      return true
    case 'findTxnCoordinatorRequest':
      handleFindCoordinator(state, out, broker, message.from, payload)
      return true
    case 'initProducerIdRequest':
      handleInitProducerId(state, out, broker, message.from, payload)
      return true
    case 'addPartitionsToTxnRequest':
      handleAddPartitionsToTxn(state, out, broker, message.from, payload)
      return true
    case 'endTxnRequest':
      handleEndTxn(state, out, broker, message.from, payload)
      return true
    case 'writeTxnMarkersRequest':
      handleWriteTxnMarkers(state, env, out, broker, message.from, payload)
      return true
    case 'writeTxnMarkersResponse':
      onWriteTxnMarkersResponse(state, out, payload)
      return true
    default:
      return false
  }
}

export function onProducerTimer(
  state: ClusterState,
  out: SimEvent[],
  action: ProducerTimerAction,
): void {
  switch (action.kind) {
    case 'producerWake':
      onProducerWake(state, out, action.producer)
      return
    case 'txnMarkerRetry':
      onTxnMarkerRetry(state, out, action.transactionalId)
      return
    case 'txnTimeoutCheck':
      onTxnTimeoutCheck(state, out, action.transactionalId, action.producerEpoch)
      return
  }
}
