/**
 * A real producer: create one with a few Kafka configs, send keyed or null-key records, and watch
 * its producerId and epoch (the heading), the outcome of each send, and one click away its
 * controls and internals: RecordAccumulator batches, sequences, requests in flight. The send form
 * and the latest outcomes stay compact so the consumer group below fits on a 1280×720 screen.
 * Everything comes from `view.producers`; values are text, never markup.
 */
import { useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useAppServices, useSim } from '../AppServices'
import { selectView } from '../store/selectors'
import { CollapsibleSection } from './CollapsibleSection'
import { NameSelect } from './NameSelect'
import { ProducerConfigsForm } from './ProducerConfigsForm'
import { ProducerInternals, SendOutcomes } from './ProducerDetails'
import { nextClientName, topicNames, type ProducerView } from './clientsModel'

/** Outcomes under the send form: the latest (all of them: in the details). */
const OUTCOMES_SHOWN = 1

export function ProducerSection() {
  const { t } = useTranslation()
  const { dispatch } = useAppServices()
  const view = useSim(selectView)
  /** Names already asked for: a second click before the next frame takes the next number. */
  const created = useRef<string[]>([])
  const [chosen, setChosen] = useState<string | null>(null)
  const producers = view?.producers ?? []
  const producer = producers.find((p) => p.nodeId === chosen) ?? producers.at(-1) ?? null

  const create = (configs: Record<string, string | number | boolean>) => {
    const producerName = nextClientName('producer', [
      ...producers.map((p) => p.nodeId),
      ...created.current,
    ])
    created.current.push(producerName)
    dispatch({ type: 'createProducer', producerName, configs })
    setChosen(producerName)
  }

  return (
    <CollapsibleSection
      sectionId="producer"
      title={t('clients.producer.title')}
      summary={
        producer === null ? null : (
          <span data-testid="producer-identity">
            <strong>
              {producer.status === 'running'
                ? producer.nodeId
                : t('clients.producer.headStatus', {
                    name: producer.nodeId,
                    status: t(`clients.producer.status.${producer.status}`),
                  })}
            </strong>
            {' · '}
            {producer.producerId >= 0
              ? t('clients.producer.identity', {
                  producerId: producer.producerId,
                  producerEpoch: producer.producerEpoch,
                })
              : t('clients.producer.noIdentity')}
          </span>
        )
      }
      testId="producer-panel"
    >
      {producer === null ? (
        <>
          <p className="client-empty">{t('clients.producer.none')}</p>
          <ProducerConfigsForm onCreate={create} />
        </>
      ) : (
        <>
          <SendForm producer={producer} topics={topicNames(view)} />
          <SendOutcomes producer={producer} limit={OUTCOMES_SHOWN} testId="producer-outcomes" />
          <CollapsibleSection
            sectionId="producer-details"
            title={t('clients.producer.details')}
            openByDefault={false}
            level={3}
            testId="producer-details"
          >
            <ProducerControls
              producer={producer}
              producers={producers}
              onChoose={setChosen}
              dispatch={dispatch}
            />
            <ProducerInternals producer={producer} />
            <h4>{t('clients.producer.another')}</h4>
            <ProducerConfigsForm onCreate={create} />
          </CollapsibleSection>
        </>
      )}
    </CollapsibleSection>
  )
}

function ProducerControls({
  producer,
  producers,
  onChoose,
  dispatch,
}: {
  producer: ProducerView
  producers: readonly ProducerView[]
  onChoose: (name: string) => void
  dispatch: ReturnType<typeof useAppServices>['dispatch']
}) {
  const { t } = useTranslation()
  const id = useId()
  const verb = (type: 'flush' | 'closeProducer' | 'crashProducer') =>
    dispatch({ type, producerName: producer.nodeId })
  const running = producer.status === 'running'
  return (
    <div className="client-row">
      <label htmlFor={`${id}-producer`}>{t('clients.producer.choose')}</label>
      <select
        id={`${id}-producer`}
        value={producer.nodeId}
        onChange={(e) => onChoose(e.target.value)}
      >
        {producers.map((p) => (
          <option key={p.nodeId} value={p.nodeId}>
            {p.nodeId} ({t(`clients.producer.status.${p.status}`)})
          </option>
        ))}
      </select>
      <button type="button" disabled={!running} onClick={() => verb('flush')}>
        {t('clients.producer.flush')}
      </button>
      <button type="button" disabled={!running} onClick={() => verb('closeProducer')}>
        {t('clients.producer.close')}
      </button>
      <button type="button" disabled={!running} onClick={() => verb('crashProducer')}>
        {t('clients.producer.crash')}
      </button>
    </div>
  )
}

/** Key and value on one line; the topic picker only when there is a choice to make. */
function SendForm({ producer, topics }: { producer: ProducerView; topics: readonly string[] }) {
  const { t } = useTranslation()
  const { dispatch } = useAppServices()
  const id = useId()
  const [chosenTopic, setChosenTopic] = useState<string | null>(null)
  const [key, setKey] = useState('')
  const [value, setValue] = useState('')
  const topic = topics.find((name) => name === chosenTopic) ?? topics[0] ?? null
  const send = (event: FormEvent) => {
    event.preventDefault()
    if (topic === null) return
    dispatch({
      type: 'send',
      producerName: producer.nodeId,
      topic,
      key: key === '' ? null : key,
      value,
    })
  }
  return (
    <form className="client-send" onSubmit={send} aria-label={t('clients.producer.sendForm')}>
      {topics.length > 1 && (
        <div className="client-send-topic">
          <label htmlFor={`${id}-topic`}>{t('clients.producer.topic')}</label>
          <NameSelect
            id={`${id}-topic`}
            value={topic ?? ''}
            names={topics}
            onChange={setChosenTopic}
          />
        </div>
      )}
      <label htmlFor={`${id}-key`}>{t('clients.producer.key')}</label>
      <input
        id={`${id}-key`}
        type="text"
        maxLength={1000}
        value={key}
        placeholder="null"
        title={t('clients.producer.keyHint')}
        aria-describedby={`${id}-key-hint`}
        onChange={(e) => setKey(e.target.value)}
      />
      <span id={`${id}-key-hint`} className="visually-hidden">
        {t('clients.producer.keyHint')}
      </span>
      <label htmlFor={`${id}-value`}>{t('clients.producer.value')}</label>
      <input
        id={`${id}-value`}
        type="text"
        maxLength={1000}
        value={value}
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" disabled={topic === null || producer.status !== 'running'}>
        {t('clients.producer.send')}
      </button>
    </form>
  )
}
