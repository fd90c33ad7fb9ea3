/**
 * One line of the event log for an engine event, in the learner's language.
 */
import type { TFunction } from 'i18next'
import type { SimEvent } from '../../engine'
import { formatSeconds } from '../format'

export function describeNode(t: TFunction, node: string): string {
  if (node === 'controller') return t('nodes.controller')
  if (node === 'client-1') return t('nodes.client')
  const broker = /^broker-(\d+)$/.exec(node)
  if (broker) return t('nodes.broker', { brokerId: broker[1] })
  const client = /^(producer|consumer)-(\d+)$/.exec(node)
  return client ? t(`nodes.${client[1]}`, { n: client[2] }) : node
}

const list = (ids: readonly number[]) => `{${ids.join(', ')}}`

/** Partition keys (`orders-0`) as one readable list; an empty list says so. */
function partitionList(t: TFunction, keys: readonly string[]): string {
  return keys.length === 0 ? t('eventlog.none') : keys.join(', ')
}

/** `{ 'orders-0': 5 }` → `orders-0→5`; polled ranges `[first, last]` → `orders-0 3–7`. */
function offsetList(t: TFunction, offsets: Readonly<Record<string, number>>): string {
  const parts = Object.entries(offsets).map(([key, offset]) => `${key}→${offset}`)
  return parts.length === 0 ? t('eventlog.none') : parts.join(', ')
}

function rangeList(t: TFunction, ranges: Readonly<Record<string, [number, number]>>): string {
  const parts = Object.entries(ranges).map(([key, [first, last]]) =>
    first === last ? `${key} ${first}` : `${key} ${first}–${last}`,
  )
  return parts.length === 0 ? t('eventlog.none') : parts.join(', ')
}

function outcome(
  t: TFunction,
  error: string | null,
  fields: { offset: number; count?: number },
): string {
  if (error !== null) return t('eventParts.outcomes.error', { error })
  if (fields.count === undefined) return t('eventParts.outcomes.ok', { offset: fields.offset })
  return fields.count === 0
    ? t('eventParts.outcomes.empty')
    : t('eventParts.outcomes.records', { count: fields.count, offset: fields.offset })
}

export function describeEvent(t: TFunction, event: SimEvent): string {
  switch (event.type) {
    case 'brokerStarted':
      return t('events.brokerStarted', { brokerId: event.brokerId, incarnation: event.incarnation })
    case 'brokerCrashed':
      return t('events.brokerCrashed', {
        brokerId: event.brokerId,
        mode: t(`crashModes.${event.mode}`),
      })
    case 'brokerRegistered':
      return t('events.brokerRegistered', {
        brokerId: event.brokerId,
        brokerEpoch: event.brokerEpoch,
      })
    case 'brokerUnfenced':
      return t('events.brokerUnfenced', { brokerId: event.brokerId })
    case 'brokerFenced':
      return t('events.brokerFenced', {
        brokerId: event.brokerId,
        lastContact: t('timeline.seconds', { value: formatSeconds(event.lastContactMs) }),
      })
    case 'nodeIsolated':
      return t('events.nodeIsolated', { node: describeNode(t, event.nodeId) })
    case 'networkHealed':
      return t('events.networkHealed')
    case 'messageDropped':
      return t('events.messageDropped', {
        kind: t(`messageKinds.${event.kind}`),
        from: describeNode(t, event.from),
        to: describeNode(t, event.to),
        reason: t(`dropReasons.${event.reason}`),
      })
    case 'linkCut':
      return t('events.linkCut', { a: describeNode(t, event.a), b: describeNode(t, event.b) })
    case 'nodeSlowed':
      return t('events.nodeSlowed', {
        node: describeNode(t, event.nodeId),
        extraLatencyMs: event.extraLatencyMs,
      })
    case 'fetcherPaused':
      return t('events.fetcherPaused', { brokerId: event.brokerId })
    case 'fetcherResumed':
      return t('events.fetcherResumed', { brokerId: event.brokerId })
    case 'topicCreated':
      return t('events.topicCreated', event)
    case 'leaderElected':
      return t('events.leaderElected', {
        partition: `${event.topic}-${event.partition}`,
        leader: event.leader,
        leaderEpoch: event.leaderEpoch,
        isr: list(event.isr),
        reason: t(`eventParts.reasons.${event.reason}`),
      })
    case 'partitionOffline':
      return t('events.partitionOffline', {
        partition: `${event.topic}-${event.partition}`,
        isr: list(event.isr),
      })
    case 'isrChanged':
      return t('events.isrChanged', {
        partition: `${event.topic}-${event.partition}`,
        isr: list(event.isr),
        reason: t(`eventParts.reasons.${event.reason}`),
      })
    case 'recordsAppended':
      return t('events.recordsAppended', {
        brokerId: event.brokerId,
        baseOffset: event.baseOffset,
        lastOffset: event.lastOffset,
        partition: `${event.topic}-${event.partition}`,
        role: t(`eventParts.roles.${event.role}`),
      })
    case 'highWatermarkAdvanced':
      return t('events.highWatermarkAdvanced', {
        brokerId: event.brokerId,
        partition: `${event.topic}-${event.partition}`,
        highWatermark: event.highWatermark,
      })
    case 'logTruncated':
      return t('events.logTruncated', {
        brokerId: event.brokerId,
        partition: `${event.topic}-${event.partition}`,
        logEndOffset: event.logEndOffset,
        reason: t(`eventParts.reasons.${event.reason}`),
      })
    case 'logRecovered':
      return t('events.logRecovered', {
        brokerId: event.brokerId,
        partition: `${event.topic}-${event.partition}`,
        logEndOffset: event.logEndOffset,
        truncatedBytes: event.truncatedBytes,
      })
    case 'segmentsDeleted':
      return t('events.segmentsDeleted', {
        brokerId: event.brokerId,
        partition: `${event.topic}-${event.partition}`,
        count: event.baseOffsets.length,
        logStartOffset: event.logStartOffset,
        reason: t(`eventParts.deletionReasons.${event.reason}`),
      })
    case 'produceCompleted':
      return t('events.produceCompleted', {
        partition: `${event.topic}-${event.partition}`,
        outcome: outcome(t, event.error, { offset: event.baseOffset }),
      })
    case 'fetchCompleted':
      return t('events.fetchCompleted', {
        partition: `${event.topic}-${event.partition}`,
        outcome: outcome(t, event.error, {
          offset: event.offsets[0] ?? -1,
          count: event.offsets.length,
        }),
      })
    default:
      return describeClientEvent(t, event)
  }
}

type ClientEvent = Extract<
  SimEvent,
  { producer: string } | { consumer: string } | { groupId: string } | { transactionalId: string }
>

/** Producer, transaction and consumer-group events. */
function describeClientEvent(t: TFunction, event: ClientEvent): string {
  switch (event.type) {
    case 'producerCreated':
      return t('events.producerCreated', {
        producer: describeNode(t, event.producer),
        mode:
          event.transactionalId !== null
            ? t('eventlog.producerModes.transactional', { id: event.transactionalId })
            : t(`eventlog.producerModes.${event.idempotent ? 'idempotent' : 'plain'}`),
      })
    case 'producerClosed':
      return t('events.producerClosed', {
        producer: describeNode(t, event.producer),
        how: t(`eventlog.producerClosed.${event.reason}`),
      })
    case 'producerIdAssigned':
      return t('events.producerIdAssigned', {
        producer: describeNode(t, event.producer),
        producerId: event.producerId,
        producerEpoch: event.producerEpoch,
      })
    case 'producerBatchCompleted':
      return t('events.producerBatchCompleted', {
        producer: describeNode(t, event.producer),
        partition: `${event.topic}-${event.partition}`,
        count: event.recordCount,
        attempts: event.attempts,
        outcome: outcome(t, event.error, { offset: event.baseOffset }),
      })
    case 'producerBatchRetrying':
      return t('events.producerBatchRetrying', {
        producer: describeNode(t, event.producer),
        partition: `${event.topic}-${event.partition}`,
        attempts: event.attempts,
        error: event.error,
      })
    case 'transactionCompleted':
      return t('events.transactionCompleted', {
        transactionalId: event.transactionalId,
        producerId: event.producerId,
        producerEpoch: event.producerEpoch,
        result: event.result,
        partitions: partitionList(t, event.partitions),
      })
    case 'consumerStarted':
      return t('events.consumerStarted', {
        consumer: describeNode(t, event.consumer),
        groupId: event.groupId ?? t('eventlog.noGroup'),
      })
    case 'consumerStopped':
      return t('events.consumerStopped', {
        consumer: describeNode(t, event.consumer),
        how: t(`eventlog.consumerStopped.${event.how}`),
      })
    case 'coordinatorFound':
      return t('events.coordinatorFound', {
        consumer: describeNode(t, event.consumer),
        groupId: event.groupId,
        coordinatorId: event.coordinatorId,
      })
    case 'groupStateChanged':
      return t('events.groupStateChanged', event)
    case 'groupRebalanced':
      return t('events.groupRebalanced', {
        groupId: event.groupId,
        generationId: event.generationId,
        protocolName: event.protocolName ?? t('eventlog.none'),
        members: event.memberIds.length,
      })
    case 'memberRemoved':
      return t('events.memberRemoved', {
        groupId: event.groupId,
        memberId: event.memberId,
        reason: t(`eventlog.memberRemoved.${event.reason}`),
      })
    case 'partitionsRevoked':
    case 'partitionsAssigned':
    case 'partitionsLost':
      return t(`events.${event.type}`, {
        consumer: describeNode(t, event.consumer),
        partitions: partitionList(t, event.partitions),
      })
    case 'offsetsCommitted':
      return t('events.offsetsCommitted', {
        consumer: describeNode(t, event.consumer),
        groupId: event.groupId,
        offsets: offsetList(t, event.offsets),
        outcome:
          event.error === null
            ? t('eventlog.committedOk')
            : t('eventParts.outcomes.error', { error: event.error }),
      })
    case 'recordsPolled':
      return t('events.recordsPolled', {
        consumer: describeNode(t, event.consumer),
        count: event.count,
        ranges: rangeList(t, event.partitions),
      })
    case 'pollIntervalExceeded':
      return t('events.pollIntervalExceeded', { consumer: describeNode(t, event.consumer) })
    case 'consumerError':
      return t('events.consumerError', {
        consumer: describeNode(t, event.consumer),
        error: event.error,
        message: event.message,
      })
  }
}
