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
  return broker ? t('nodes.broker', { brokerId: broker[1] }) : node
}

const list = (ids: readonly number[]) => `{${ids.join(', ')}}`

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
  }
}
