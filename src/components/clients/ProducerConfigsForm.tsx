/**
 * The configs of a new producer, under Kafka's names: acks, enable.idempotence, linger.ms,
 * batch.size, compression.type. Numbers go to the engine as typed; its config catalog refuses a
 * bad one with `ConfigException` naming the key.
 */
import { useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { NameSelect } from './NameSelect'
import {
  COMPRESSION_TYPES,
  PRODUCER_FORM_DEFAULTS,
  producerConfigs,
  type ProducerForm,
} from './clientsModel'

/** Numeric configs typed as text: the engine's config catalog validates them. */
const NUMBER_CONFIGS = [
  { config: 'linger.ms', field: 'lingerMs' },
  { config: 'batch.size', field: 'batchSize' },
] as const

export function ProducerConfigsForm({
  onCreate,
}: {
  onCreate: (configs: Record<string, string | number | boolean>) => void
}) {
  const { t } = useTranslation()
  const [form, setForm] = useState<ProducerForm>(PRODUCER_FORM_DEFAULTS)
  const set = <K extends keyof ProducerForm>(name: K, value: ProducerForm[K]) =>
    setForm((f) => ({ ...f, [name]: value }))
  const create = (event: FormEvent) => {
    event.preventDefault()
    onCreate(producerConfigs(form))
  }
  return (
    <form className="clients-configs" onSubmit={create} aria-label={t('clients.producer.configs')}>
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
        <NameSelect
          value={form.compression}
          names={COMPRESSION_TYPES}
          onChange={(name) => set('compression', name as ProducerForm['compression'])}
        />
      </label>
      <button type="submit">{t('clients.producer.create')}</button>
    </form>
  )
}
