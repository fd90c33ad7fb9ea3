import { memo, type CSSProperties } from 'react'
import { useTranslation } from 'react-i18next'
import type { BrokerView } from '../../engine'
import { useAppServices } from '../AppServices'

/** Fault injection for one broker. Every action is an engine command, recorded for replay. */
export const BrokerActions = memo(function BrokerActions({
  broker,
  fetcherPaused,
  style,
}: {
  broker: BrokerView
  /** From the event log (the frame's broker view does not carry it yet). */
  fetcherPaused: boolean
  style: CSSProperties
}) {
  const { t } = useTranslation()
  const { dispatch } = useAppServices()
  const { brokerId } = broker
  const down = broker.status === 'offline'
  return (
    <div
      className="broker-actions"
      style={style}
      role="group"
      aria-label={t('cluster.actionsFor', { brokerId })}
      data-broker-actions={brokerId}
    >
      {down ? (
        <button type="button" onClick={() => dispatch({ type: 'restartBroker', brokerId })}>
          {t('cluster.restart')}
        </button>
      ) : (
        <>
          <button
            type="button"
            onClick={() => dispatch({ type: 'crashBroker', brokerId, mode: 'process' })}
          >
            {t('cluster.crash')}
          </button>
          <button
            type="button"
            onClick={() => dispatch({ type: 'crashBroker', brokerId, mode: 'powerLoss' })}
          >
            {t('cluster.powerLoss')}
          </button>
          {fetcherPaused ? (
            <button type="button" onClick={() => dispatch({ type: 'resumeFetcher', brokerId })}>
              {t('cluster.resumeFetcher')}
            </button>
          ) : (
            <button type="button" onClick={() => dispatch({ type: 'pauseFetcher', brokerId })}>
              {t('cluster.hangFetcher')}
            </button>
          )}
          {!broker.isolated && (
            <button type="button" onClick={() => dispatch({ type: 'isolateBroker', brokerId })}>
              {t('cluster.isolate')}
            </button>
          )}
        </>
      )}
    </div>
  )
})
