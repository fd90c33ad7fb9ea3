/**
 * Raw requests from `client-1`: send one record to a partition with the chosen acks, or fetch
 * from an offset, as engine commands (no producer or consumer client in between). Results come
 * back in the frame (`view.clientResults`); record values are shown as text, never as markup.
 */
import { memo, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ClusterView } from '../../engine'
import { useAppServices, useSim } from '../AppServices'
import { formatSeconds } from '../format'
import { selectView } from '../store/selectors'
import { CollapsibleSection } from './CollapsibleSection'

type ClientResult = ClusterView['clientResults'][number]

const ACKS = [
  { value: -1, label: 'clients.acksAll' },
  { value: 1, label: 'clients.acksLeader' },
  { value: 0, label: 'clients.acksNone' },
] as const

/** A fetch can return many records; the list shows the first few of each. */
const VALUES_SHOWN = 8

export function RawRequestsPanel() {
  const { t } = useTranslation()
  const { dispatch } = useAppServices()
  const view = useSim(selectView)
  const id = useId()
  const [chosenKey, setChosenKey] = useState<string | null>(null)
  const [value, setValue] = useState('')
  const [acks, setAcks] = useState<number>(-1)
  const [fetchOffset, setFetchOffset] = useState('0')
  const partitions = view?.partitions ?? []
  const selected =
    partitions.find((p) => p.key === chosenKey) ?? (partitions.length > 0 ? partitions[0] : null)
  const results = [...(view?.clientResults ?? [])].reverse()

  const send = (event: FormEvent) => {
    event.preventDefault()
    if (selected === null || selected === undefined) return
    dispatch({
      type: 'produce',
      topic: selected.topic,
      partition: selected.partition,
      records: [{ key: null, value }],
      acks,
    })
  }
  const offset = Number(fetchOffset)
  const offsetValid = /^\d{1,9}$/.test(fetchOffset)
  const consume = (event: FormEvent) => {
    event.preventDefault()
    if (selected === null || selected === undefined || !offsetValid) return
    dispatch({
      type: 'consumerFetch',
      topic: selected.topic,
      partition: selected.partition,
      fetchOffset: offset,
    })
  }

  return (
    <CollapsibleSection
      sectionId="raw-requests"
      title={t('clients.raw.title')}
      testId="client-panel"
    >
      {selected === null || selected === undefined ? (
        <p>{t('clients.noTopic')}</p>
      ) : (
        <>
          <div className="client-row">
            <label htmlFor={`${id}-partition`}>{t('clients.partition')}</label>
            <select
              id={`${id}-partition`}
              value={selected.key}
              onChange={(e) => setChosenKey(e.target.value)}
            >
              {partitions.map((p) => (
                <option key={p.key} value={p.key}>
                  {p.key}
                </option>
              ))}
            </select>
          </div>
          <form className="client-form" onSubmit={send}>
            <div className="client-row">
              <label htmlFor={`${id}-value`}>{t('clients.value')}</label>
              <input
                id={`${id}-value`}
                type="text"
                value={value}
                maxLength={1000}
                onChange={(e) => setValue(e.target.value)}
              />
            </div>
            <div className="client-row">
              <label htmlFor={`${id}-acks`}>{t('clients.acks')}</label>
              <select
                id={`${id}-acks`}
                value={acks}
                onChange={(e) => setAcks(Number(e.target.value))}
              >
                {ACKS.map((a) => (
                  <option key={a.value} value={a.value}>
                    {t(a.label)}
                  </option>
                ))}
              </select>
              <button type="submit">{t('clients.send')}</button>
            </div>
          </form>
          <form className="client-row" onSubmit={consume}>
            <label htmlFor={`${id}-offset`}>{t('clients.fromOffset')}</label>
            <input
              id={`${id}-offset`}
              className="client-offset"
              type="text"
              inputMode="numeric"
              value={fetchOffset}
              aria-invalid={!offsetValid}
              onChange={(e) => setFetchOffset(e.target.value.trim())}
            />
            <button type="submit" disabled={!offsetValid}>
              {t('clients.consume')}
            </button>
          </form>
        </>
      )}
      <h3 id={`${id}-results`}>{t('clients.results')}</h3>
      {results.length === 0 ? (
        <p className="client-empty">{t('clients.noResults')}</p>
      ) : (
        <ol
          className="client-results"
          aria-labelledby={`${id}-results`}
          data-testid="client-results"
        >
          {results.map((result) => (
            <ResultLine key={result.requestId} result={result} />
          ))}
        </ol>
      )}
    </CollapsibleSection>
  )
}

/** Results keep their identity across frames: only a new one renders. */
const ResultLine = memo(function ResultLine({ result }: { result: ClientResult }) {
  const { t } = useTranslation()
  const head = t(`clients.kinds.${result.kind}`, {
    partition: result.partitionKey,
    time: t('timeline.seconds', { value: formatSeconds(result.completedAtMs) }),
  })
  let outcome: string
  if (result.error !== null) outcome = result.error
  else if (result.kind === 'produce')
    outcome = t('clients.producedAt', { offset: result.baseOffset })
  else if (result.offsets.length === 0) outcome = t('clients.fetchedNothing')
  else
    outcome = t('clients.fetched', {
      n: result.offsets.length,
      first: result.offsets[0],
      last: result.offsets[result.offsets.length - 1],
    })
  const records = result.offsets.slice(0, VALUES_SHOWN)
  return (
    <li
      data-kind={result.kind}
      data-error={result.error ?? ''}
      className={result.error === null ? '' : 'client-result--error'}
    >
      <span className="client-result-head">{head}</span>{' '}
      <strong className="client-result-outcome">{outcome}</strong>
      {records.length > 0 && (
        <ul className="client-records">
          {records.map((offset, i) => (
            <li key={offset}>
              <span className="client-record-offset">{offset}</span>
              {/* A text node: React escapes it, so a value is never markup. */}
              <span className="client-record-value">{result.values[i] ?? ''}</span>
            </li>
          ))}
          {result.offsets.length > VALUES_SHOWN && <li>…</li>}
        </ul>
      )}
    </li>
  )
})
