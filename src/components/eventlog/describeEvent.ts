/**
 * One line of the event log for an engine event, in the learner's language.
 */
import type { TFunction } from 'i18next'
import type { SimEvent } from '../../engine'
import { formatSeconds } from '../format'

export function describeNode(t: TFunction, node: string): string {
  if (node === 'controller') return t('nodes.controller')
  const broker = /^broker-(\d+)$/.exec(node)
  return broker ? t('nodes.broker', { brokerId: broker[1] }) : node
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
  }
}
