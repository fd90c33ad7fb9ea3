/**
 * One consumer and its controls: poll or start the poll loop (manual consumers), commit its
 * positions (commitSync), slow its processing per record, crash it (kill -9: no LeaveGroup, the
 * session times out), close it (LeaveGroup), or restart it.
 */
import { useId } from 'react'
import { useTranslation } from 'react-i18next'
import type { ClusterCommand } from '../../engine'
import type { ConsumerView } from './clientsModel'

/** Simulated processing time per record of the poll loop the panel starts. */
export const PROCESSING_MS = 10
/** The processing speeds offered: normal, slow (lag grows), beyond max.poll.interval.ms (5 min). */
const SPEEDS_MS = [PROCESSING_MS, 1_000, 310_000] as const

export function ConsumerLine({
  consumer,
  dispatch,
}: {
  consumer: ConsumerView
  dispatch: (command: ClusterCommand) => void
}) {
  const { t } = useTranslation()
  const id = useId()
  const consumerName = consumer.name
  const running = consumer.status === 'running'
  const speed = consumer.processingMs ?? PROCESSING_MS
  return (
    <li className="clients-consumer" data-consumer={consumerName} data-status={consumer.status}>
      <span>
        {t('clients.consumer.consumerLine', {
          name: consumerName,
          status: t(`clients.consumer.status.${consumer.status}`),
          memberState: consumer.memberState,
          generationId: consumer.generationId,
        })}
      </span>
      {consumer.error !== null && (
        <span className="clients-error">
          {' '}
          {t('clients.consumer.error', { error: consumer.error })}
        </span>
      )}
      <span className="clients-actions">
        {running && consumer.mode === 'manual' && (
          <>
            <button type="button" onClick={() => dispatch({ type: 'poll', consumerName })}>
              {t('clients.consumer.poll')}
            </button>
            <button
              type="button"
              onClick={() =>
                dispatch({ type: 'runConsumer', consumerName, processingMs: PROCESSING_MS })
              }
            >
              {t('clients.consumer.run')}
            </button>
          </>
        )}
        {running && (
          <button type="button" onClick={() => dispatch({ type: 'commitSync', consumerName })}>
            {t('clients.consumer.commit')}
          </button>
        )}
        {running && consumer.mode === 'run' && (
          <>
            <label className="visually-hidden" htmlFor={`${id}-speed`}>
              {t('clients.consumer.speed', { name: consumerName })}
            </label>
            <select
              id={`${id}-speed`}
              value={SPEEDS_MS.find((ms) => ms === speed) ?? speed}
              onChange={(e) =>
                dispatch({
                  type: 'slowConsumer',
                  consumerName,
                  processingMs: Number(e.target.value),
                })
              }
            >
              {[...new Set([...SPEEDS_MS, speed])].map((ms) => (
                <option key={ms} value={ms}>
                  {t(ms > 300_000 ? 'clients.consumer.speedTooSlow' : 'clients.consumer.speedMs', {
                    ms,
                    seconds: ms / 1000,
                  })}
                </option>
              ))}
            </select>
          </>
        )}
        {running ? (
          <>
            <button type="button" onClick={() => dispatch({ type: 'crashConsumer', consumerName })}>
              {t('clients.consumer.crash')}
            </button>
            <button type="button" onClick={() => dispatch({ type: 'closeConsumer', consumerName })}>
              {t('clients.consumer.close')}
            </button>
          </>
        ) : (
          <button type="button" onClick={() => dispatch({ type: 'restartConsumer', consumerName })}>
            {t('clients.consumer.restart')}
          </button>
        )}
      </span>
    </li>
  )
}
