/**
 * A real producer: create one with a few Kafka configs, send keyed or null-key records, and watch
 * its producer id and epoch, sequences, RecordAccumulator batches, in-flight requests and the
 * outcome of each send, all from `view.producers`. Values are shown as text, never as markup.
 */
import { useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useAppServices, useSim } from '../AppServices'
import { selectView } from '../store/selectors'
import {
  COMPRESSION_TYPES,
  PRODUCER_FORM_DEFAULTS,
  nextClientName,
  producerConfigs,
  sendOutcomes,
  topicNames,
  type ProducerForm,
  type ProducerView,
} from './clientsModel'

/** Numeric configs typed as text: the engine's config catalog validates them. */
const NUMBER_CONFIGS = [
  { config: 'linger.ms', field: 'lingerMs' },
  { config: 'batch.size', field: 'batchSize' },
] as const

export function ProducerSection() {
  const { t } = useTranslation()
  const { dispatch } = useAppServices()
  const view = useSim(selectView)
  const id = useId()
  /** Names already asked for: a second click before the next frame takes the next number. */
  const created = useRef<string[]>([])
  const [form, setForm] = useState<ProducerForm>(PRODUCER_FORM_DEFAULTS)
  const [chosen, setChosen] = useState<string | null>(null)
  const [chosenTopic, setChosenTopic] = useState<string | null>(null)
  const [key, setKey] = useState('')
  const [message, setMessage] = useState('')
  const producers = view?.producers ?? []
  const producer = producers.find((p) => p.nodeId === chosen) ?? producers.at(-1) ?? null
  const topics = topicNames(view)
  const topic = topics.find((name) => name === chosenTopic) ?? topics[0] ?? null

  const create = (event: FormEvent) => {
    event.preventDefault()
    const producerName = nextClientName('producer', [
      ...producers.map((p) => p.nodeId),
      ...created.current,
    ])
    created.current.push(producerName)
    dispatch({ type: 'createProducer', producerName, configs: producerConfigs(form) })
    setChosen(producerName)
  }
  const send = (event: FormEvent) => {
    event.preventDefault()
    if (producer === null || topic === null) return
    dispatch({
      type: 'send',
      producerName: producer.nodeId,
      topic,
      key: key === '' ? null : key,
      value: message,
    })
  }
  const verb = (type: 'flush' | 'closeProducer' | 'crashProducer') => {
    if (producer !== null) dispatch({ type, producerName: producer.nodeId })
  }
  const set = <K extends keyof ProducerForm>(name: K, value: ProducerForm[K]) =>
    setForm((f) => ({ ...f, [name]: value }))

  return (
    <section
      className="client-panel clients-section"
      aria-labelledby={`${id}-title`}
      data-testid="producer-panel"
    >
      <h2 id={`${id}-title`}>{t('clients.producer.title')}</h2>
      <form
        className="clients-configs"
        onSubmit={create}
        aria-label={t('clients.producer.configs')}
      >
        <label>
          acks
          <select
            value={form.acks}
            onChange={(e) => set('acks', e.target.value as ProducerForm['acks'])}
          >
            <option value="all">all</option>
            <option value="1">1</option>
            <option value="0">0</option>
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={form.idempotence}
            onChange={(e) => set('idempotence', e.target.checked)}
          />
          enable.idempotence
        </label>
        {NUMBER_CONFIGS.map(({ config, field }) => (
          <label key={config}>
            {config}
            <input
              type="text"
              inputMode="numeric"
              className="clients-number"
              value={form[field]}
              onChange={(e) => set(field, e.target.value)}
            />
          </label>
        ))}
        <label>
          compression.type
          <select
            value={form.compression}
            onChange={(e) => set('compression', e.target.value as ProducerForm['compression'])}
          >
            {COMPRESSION_TYPES.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">{t('clients.producer.create')}</button>
      </form>
      {producer === null ? (
        <p className="client-empty">{t('clients.producer.none')}</p>
      ) : (
        <>
          <div className="client-row">
            <label htmlFor={`${id}-producer`}>{t('clients.producer.choose')}</label>
            <select
              id={`${id}-producer`}
              value={producer.nodeId}
              onChange={(e) => setChosen(e.target.value)}
            >
              {producers.map((p) => (
                <option key={p.nodeId} value={p.nodeId}>
                  {p.nodeId} ({t(`clients.producer.status.${p.status}`)})
                </option>
              ))}
            </select>
            <button type="button" onClick={() => verb('flush')}>
              {t('clients.producer.flush')}
            </button>
            <button type="button" onClick={() => verb('closeProducer')}>
              {t('clients.producer.close')}
            </button>
            <button type="button" onClick={() => verb('crashProducer')}>
              {t('clients.producer.crash')}
            </button>
          </div>
          <form className="client-form" onSubmit={send}>
            <div className="client-row">
              <label htmlFor={`${id}-topic`}>{t('clients.producer.topic')}</label>
              <select
                id={`${id}-topic`}
                value={topic ?? ''}
                onChange={(e) => setChosenTopic(e.target.value)}
              >
                {topics.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
              <label htmlFor={`${id}-key`}>{t('clients.producer.key')}</label>
              <input
                id={`${id}-key`}
                type="text"
                maxLength={1000}
                value={key}
                placeholder={t('clients.producer.keyHint')}
                onChange={(e) => setKey(e.target.value)}
              />
            </div>
            <div className="client-row">
              <label htmlFor={`${id}-message`}>{t('clients.producer.message')}</label>
              <input
                id={`${id}-message`}
                type="text"
                maxLength={1000}
                value={message}
                onChange={(e) => setMessage(e.target.value)}
              />
              <button type="submit" disabled={topic === null || producer.status !== 'running'}>
                {t('clients.producer.send')}
              </button>
            </div>
          </form>
          <ProducerDetails producer={producer} />
        </>
      )}
    </section>
  )
}

function ProducerDetails({ producer }: { producer: ProducerView }) {
  const { t } = useTranslation()
  const outcomes = sendOutcomes(producer)
  return (
    <div className="clients-details" data-testid="producer-details">
      <p>
        {t('clients.producer.summary', {
          acks: `acks=${producer.acks === -1 ? 'all' : producer.acks}`,
          idempotence: t(
            producer.idempotent ? 'clients.producer.idempotent' : 'clients.producer.notIdempotent',
          ),
          lingerMs: producer.lingerMs,
          batchSize: producer.batchSize,
        })}
      </p>
      <p data-testid="producer-identity">
        {producer.producerId >= 0
          ? t('clients.producer.identity', {
              producerId: producer.producerId,
              producerEpoch: producer.producerEpoch,
            })
          : t('clients.producer.noIdentity')}
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
      {producer.sequences.length > 0 && (
        <>
          <h3>{t('clients.producer.sequences')}</h3>
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
      <h3>{t('clients.producer.batches')}</h3>
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
      <h3>{t('clients.producer.inFlight')}</h3>
      {producer.inFlightRequests.length === 0 ? (
        <p className="client-empty">{t('clients.producer.noInFlight')}</p>
      ) : (
        <ul className="clients-list">
          {producer.inFlightRequests.map((r) => (
            <li key={r.requestId}>{t('clients.producer.inFlightLine', r)}</li>
          ))}
        </ul>
      )}
      <h3>{t('clients.producer.outcomes')}</h3>
      {outcomes.length === 0 ? (
        <p className="client-empty">{t('clients.producer.noOutcomes')}</p>
      ) : (
        <ol className="clients-list" data-testid="producer-outcomes">
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
      )}
    </div>
  )
}
