/**
 * What a broker box says under its name and status (epoch, what the controller believes, last
 * heartbeat), wrapped to the box's width, and how many lines the longest such text needs, so every
 * broker box in a row has the same height whatever its state.
 */
import type { TFunction } from 'i18next'
import type { BrokerView } from '../../engine'
import { formatSeconds } from '../format'
import { wrapText } from './textFit'

/** Side padding inside a broker box. */
const PADDING = 8

type BrokerText = Pick<BrokerView, 'brokerEpoch' | 'controllerSees' | 'lastContactMs'>

export function brokerDetails(t: TFunction, broker: BrokerText): string[] {
  return [
    broker.brokerEpoch === null
      ? t('cluster.noEpoch')
      : t('cluster.brokerEpoch', { epoch: broker.brokerEpoch }),
    t('cluster.controllerThinks', { state: t(`controllerSees.${broker.controllerSees}`) }),
    broker.lastContactMs === null
      ? t('cluster.neverHeard')
      : t('cluster.lastHeartbeat', {
          time: t('timeline.seconds', { value: formatSeconds(broker.lastContactMs) }),
        }),
  ]
}

/** The detail lines as drawn in a box `boxWidth` wide (each detail on at most two lines). */
export function wrapBrokerDetails(details: readonly string[], boxWidth: number): string[][] {
  return details.map((text) => wrapText(text, boxWidth - PADDING))
}

/**
 * Lines the longest details of any broker need at this width (the box's height follows). The
 * samples are states that occur together: a broker the controller has not registered has never
 * been heard from, so its long "controller: unregistered" never meets a long heartbeat line.
 */
export function brokerLineBudget(t: TFunction, boxWidth: number): number {
  const samples: BrokerText[] = [
    { brokerEpoch: null, controllerSees: 'unregistered', lastContactMs: null },
    { brokerEpoch: 88, controllerSees: 'unregistered', lastContactMs: null },
    { brokerEpoch: null, controllerSees: 'fenced', lastContactMs: 888_888 },
    { brokerEpoch: 88, controllerSees: 'fenced', lastContactMs: 888_888 },
    { brokerEpoch: 88, controllerSees: 'unfenced', lastContactMs: 888_888 },
  ]
  return Math.max(
    ...samples.map((sample) => wrapBrokerDetails(brokerDetails(t, sample), boxWidth).flat().length),
  )
}
