/**
 * Broker and topic configs with Kafka's names, defaults (from the config catalog) and one line of
 * help. Applying a value sends the engine's `alterConfigs` command; the engine validates it
 * against the catalog, and a refused value shows Kafka's error beside the field and changes
 * nothing. The values shown are asked of the engine, so seeking back shows them as they were.
 */
import { useEffect, useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { KafkaError } from '../../engine'
import { DYNAMIC_BROKER_CONFIGS } from '../../engine/core/config/alterConfigs'
import { configEntry } from '../../engine/core/config/parseConfigs'
import type { ConfigsView, ConfigValueView } from '../../engine/core/view'
import { useSim } from '../AppServices'
import { useEngineRequest } from '../inspector/engineRequest'
import { selectNowMs } from '../store/selectors'

const BROKER = ''

const show = (value: ConfigValueView | readonly string[]) =>
  value === null ? '' : Array.isArray(value) ? value.join(',') : String(value)

export function ConfigPanel() {
  const { t } = useTranslation()
  const request = useEngineRequest()
  const nowMs = useSim(selectNowMs)
  const [configs, setConfigs] = useState<ConfigsView | null>(null)
  const [resource, setResource] = useState<string | null>(null)
  const [revision, setRevision] = useState(0)
  const id = useId()
  // Read again after a change and when time moves (a seek may undo a change); coalesced.
  useEffect(() => {
    let current = true
    const timer = setTimeout(() => {
      void request({ type: 'describe', query: { kind: 'configs' } }).then((reply) => {
        if (current && reply.type === 'described' && reply.result.kind === 'configs')
          setConfigs(reply.result.configs)
      })
    }, 150)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [request, nowMs, revision])
  if (configs === null) return <p>{t('config.loading')}</p>
  const chosen = resource ?? configs.topics[0]?.topic ?? BROKER
  const rows =
    chosen === BROKER
      ? configs.broker
      : (configs.topics.find((topic) => topic.topic === chosen)?.configs ?? [])
  return (
    <section className="config-panel" aria-label={t('config.title')} data-testid="config-panel">
      <label htmlFor={`${id}-resource`}>{t('config.resource')}</label>
      <select
        id={`${id}-resource`}
        value={chosen}
        onChange={(event) => setResource(event.target.value)}
      >
        {configs.topics.map((topic) => (
          <option key={topic.topic} value={topic.topic}>
            {t('config.topic', { topic: topic.topic })}
          </option>
        ))}
        <option value={BROKER}>{t('config.brokerDefaults')}</option>
      </select>
      <p className="config-note">{t('config.dynamicNote')}</p>
      <ul className="config-list">
        {rows.map((row) => (
          <ConfigRow
            key={`${chosen}/${row.name}/${show(row.value)}`}
            resourceType={chosen === BROKER ? 'broker' : 'topic'}
            resourceName={chosen}
            name={row.name}
            value={row.value}
            isDefault={row.isDefault}
            onApplied={() => setRevision((r) => r + 1)}
          />
        ))}
      </ul>
    </section>
  )
}

function ConfigRow({
  resourceType,
  resourceName,
  name,
  value,
  isDefault,
  onApplied,
}: {
  resourceType: 'broker' | 'topic'
  resourceName: string
  name: string
  value: ConfigValueView
  isDefault: boolean
  onApplied: () => void
}) {
  const { t } = useTranslation()
  const request = useEngineRequest()
  const id = useId()
  const [draft, setDraft] = useState(show(value))
  const [error, setError] = useState<KafkaError | null>(null)
  const entry = configEntry(resourceType, name)
  const help = t('config.help', { returnObjects: true }) as Record<string, string>
  const dynamic = resourceType === 'topic' || DYNAMIC_BROKER_CONFIGS.has(name)
  const send = async (configValue: string | null) => {
    const reply = await request({
      type: 'dispatch',
      command: {
        type: 'alterConfigs',
        resourceType,
        resourceName,
        configs: { [name]: configValue },
      },
    })
    if (reply.type === 'rejected') setError(reply.error)
    else {
      setError(null)
      onApplied()
    }
  }
  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    void send(draft.trim() === '' ? null : draft.trim())
  }
  const choices =
    entry?.kind === 'boolean'
      ? ['true', 'false']
      : entry?.validator.kind === 'oneOf'
        ? [...entry.validator.values]
        : null
  return (
    <li className="config-row" data-config={name} data-default={isDefault}>
      <form onSubmit={onSubmit}>
        <label htmlFor={`${id}-value`}>
          <code>{name}</code>
          {!dynamic && <span className="config-static"> · {t('config.static')}</span>}
        </label>
        <div className="config-edit">
          {choices === null ? (
            <input
              id={`${id}-value`}
              value={draft}
              placeholder={t('config.unset')}
              aria-invalid={error !== null}
              aria-describedby={`${id}-help${error === null ? '' : ` ${id}-error`}`}
              onChange={(event) => setDraft(event.target.value)}
            />
          ) : (
            <select
              id={`${id}-value`}
              value={draft}
              aria-invalid={error !== null}
              aria-describedby={`${id}-help${error === null ? '' : ` ${id}-error`}`}
              onChange={(event) => setDraft(event.target.value)}
            >
              {choices.map((choice) => (
                <option key={choice} value={choice}>
                  {choice}
                </option>
              ))}
            </select>
          )}
          <button type="submit">{t('config.apply')}</button>
          {!isDefault && (
            <button type="button" onClick={() => void send(null)}>
              {t('config.reset')}
            </button>
          )}
        </div>
        <p className="config-help" id={`${id}-help`}>
          {help[name] ?? ''}{' '}
          <span className="config-default">
            {t('config.default')}:{' '}
            <code>{entry === null ? '' : show(entry.default) || 'null'}</code>
            {' · '}
            {isDefault ? t('config.isDefault') : t('config.set')}
          </span>
        </p>
        {error !== null && (
          <p className="config-error" id={`${id}-error`} role="alert" data-error={error.error}>
            {t('config.rejected', { error: error.error, message: error.message })}
          </p>
        )}
      </form>
    </li>
  )
}
