/**
 * What a producer shows: the outcome of each send (offset, or Kafka's error name), and its
 * internals: buffer.memory in use, sequences per partition, RecordAccumulator batches and
 * requests in flight.
 */
import { useTranslation } from 'react-i18next'
import { sendOutcomes, type ProducerView } from './clientsModel'

/** The newest `limit` outcomes, newest first. */
export function SendOutcomes({
  producer,
  limit,
  testId,
}: {
  producer: ProducerView
  limit?: number
  testId?: string
}) {
  const { t } = useTranslation()
  const outcomes = sendOutcomes(producer).slice(0, limit)
  if (outcomes.length === 0)
    return <p className="client-empty">{t('clients.producer.noOutcomes')}</p>
  return (
    <ol
      className="clients-list clients-outcomes"
      data-testid={testId}
      aria-label={t('clients.producer.outcomes')}
    >
      {outcomes.map((o) => (
        <li
          key={o.recordId}
          data-partition={o.partitionKey}
          data-offset={o.kind === 'acked' ? o.offset : ''}
          data-error={o.kind === 'failed' ? o.error : ''}
          className={o.kind === 'failed' ? 'clients-error' : ''}
        >
          {o.kind === 'failed'
            ? t('clients.producer.failed', {
                recordId: o.recordId,
                partition: o.partitionKey,
                error: o.error,
              })
            : t(o.offset < 0 ? 'clients.producer.ackedNoOffset' : 'clients.producer.acked', {
                recordId: o.recordId,
                partition: o.partitionKey,
                offset: o.offset,
              })}
        </li>
      ))}
    </ol>
  )
}

/** Configs, buffer, batches, sequences and requests in flight of one producer. */
export function ProducerInternals({ producer }: { producer: ProducerView }) {
  const { t } = useTranslation()
  return (
    <>
      <p>
        {t('clients.producer.fullIdentity', {
          producerId: producer.producerId,
          producerEpoch: producer.producerEpoch,
        })}
        {' · '}
        {t('clients.producer.summary', {
          acks: `acks=${producer.acks === -1 ? 'all' : producer.acks}`,
          idempotence: t(
            producer.idempotent ? 'clients.producer.idempotent' : 'clients.producer.notIdempotent',
          ),
          lingerMs: producer.lingerMs,
          batchSize: producer.batchSize,
        })}
      </p>
      <p>
        {t('clients.producer.buffer', {
          used: producer.bufferUsedBytes,
          total: producer.bufferMemory,
        })}
      </p>
      {producer.lastError !== null && (
        <p className="clients-error">
          {t('clients.producer.lastError', { error: producer.lastError })}
        </p>
      )}
      <h4>{t('clients.producer.batches')}</h4>
      {producer.batches.length === 0 ? (
        <p className="client-empty">{t('clients.producer.noBatches')}</p>
      ) : (
        <ul className="clients-list">
          {producer.batches.map((b) => (
            <li key={b.batchId} data-state={b.state}>
              {t('clients.producer.batchLine', {
                partition: b.partitionKey,
                count: b.recordCount,
                bytes: b.sizeInBytes,
                state: t(`clients.producer.batchStates.${b.state}`),
                attempts: b.attempts,
              })}
            </li>
          ))}
        </ul>
      )}
      {producer.sequences.length > 0 && (
        <>
          <h4>{t('clients.producer.sequences')}</h4>
          <table className="clients-table">
            <thead>
              <tr>
                <th scope="col">{t('clients.consumer.partition')}</th>
                <th scope="col">{t('clients.producer.nextSequence')}</th>
                <th scope="col">{t('clients.producer.lastAcked')}</th>
              </tr>
            </thead>
            <tbody>
              {producer.sequences.map((s) => (
                <tr key={s.partitionKey}>
                  <td>{s.partitionKey}</td>
                  <td>{s.nextSequence}</td>
                  <td>{s.lastAckedSequence}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      <h4>{t('clients.producer.inFlight')}</h4>
      {producer.inFlightRequests.length === 0 ? (
        <p className="client-empty">{t('clients.producer.noInFlight')}</p>
      ) : (
        <ul className="clients-list">
          {producer.inFlightRequests.map((r) => (
            <li key={r.requestId}>{t('clients.producer.inFlightLine', r)}</li>
          ))}
        </ul>
      )}
      <h4>{t('clients.producer.outcomes')}</h4>
      <SendOutcomes producer={producer} />
    </>
  )
}
