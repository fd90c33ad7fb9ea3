/**
 * Build any cluster: 1–6 brokers, topics with up to 12 partitions, replication factor and
 * min.insync.replicas, a seed. The form makes a scenario, the engine's schema validates it, and a
 * valid one restarts the engine with it and goes into the address bar (shareable, reloadable).
 */
import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ClusterView, KafkaError } from '../../engine'
import { BROKERS_MAX } from '../../engine'
import { useAppServices, useSim } from '../AppServices'
import { useEngineRequest } from '../inspector/engineRequest'
import { select } from '../inspector/selection'
import { selectView } from '../store/selectors'
import { buildScenario, type ClusterDraft, type TopicDraft } from './buildScenario'
import { sandboxHref } from './sandboxUrl'

function draftFromView(view: ClusterView | null, seed: number): ClusterDraft {
  const topics = new Map<string, TopicDraft>()
  for (const p of view?.partitions ?? []) {
    const topic = topics.get(p.topic)
    if (topic) topic.partitions++
    else
      topics.set(p.topic, {
        name: p.topic,
        partitions: 1,
        replicationFactor: p.replicas.length,
        minInsyncReplicas: Math.min(2, p.replicas.length),
      })
  }
  return {
    seed,
    brokers: view?.brokers.length ?? 3,
    uncleanLeaderElection: false,
    topics: [...topics.values()],
  }
}

export function SandboxBuilder() {
  const { t } = useTranslation()
  const { simStore, playback } = useAppServices()
  const request = useEngineRequest()
  const view = useSim(selectView)
  const id = useId()
  const [draft, setDraft] = useState<ClusterDraft>(() =>
    draftFromView(view, simStore.getState().seed ?? 42),
  )
  const [error, setError] = useState<KafkaError | null>(null)
  const [started, setStarted] = useState(false)
  const setTopic = (i: number, change: Partial<TopicDraft>) =>
    setDraft((d) => ({
      ...d,
      topics: d.topics.map((topic, j) => (j === i ? { ...topic, ...change } : topic)),
    }))
  const onSubmit = async (event: FormEvent) => {
    event.preventDefault()
    setStarted(false)
    const scenario = buildScenario(draft)
    if (!scenario.ok) {
      setError(scenario.error)
      return
    }
    playback.send({ type: 'PAUSE' })
    const reply = await request({
      type: 'init',
      seed: draft.seed,
      scenario: scenario.value,
      simulationId: 'sandbox',
      resume: false,
      storage:
        new URLSearchParams(window.location.search).get('storage') === 'memory' ? 'memory' : 'auto',
    })
    if (reply.type === 'rejected') {
      setError(reply.error)
      return
    }
    setError(null)
    setStarted(true)
    select(null)
    window.history.replaceState(
      null,
      '',
      sandboxHref(scenario.value, draft.seed, window.location.search),
    )
  }
  const number = (value: string) => (value.trim() === '' ? NaN : Number(value))
  return (
    <form
      className="sandbox-builder"
      onSubmit={onSubmit}
      aria-label={t('sandbox.title')}
      // The engine's schema validates, so its INVALID_CONFIG message is what the learner sees.
      noValidate
    >
      <div className="sandbox-grid">
        <label htmlFor={`${id}-brokers`}>{t('sandbox.brokers')}</label>
        <input
          id={`${id}-brokers`}
          type="number"
          min={1}
          max={BROKERS_MAX}
          value={Number.isNaN(draft.brokers) ? '' : draft.brokers}
          onChange={(e) => setDraft({ ...draft, brokers: number(e.target.value) })}
        />
        <label htmlFor={`${id}-seed`}>{t('sandbox.seed')}</label>
        <input
          id={`${id}-seed`}
          type="number"
          min={0}
          value={Number.isNaN(draft.seed) ? '' : draft.seed}
          onChange={(e) => setDraft({ ...draft, seed: number(e.target.value) })}
        />
        <label htmlFor={`${id}-unclean`}>unclean.leader.election.enable</label>
        <input
          id={`${id}-unclean`}
          type="checkbox"
          checked={draft.uncleanLeaderElection}
          onChange={(e) => setDraft({ ...draft, uncleanLeaderElection: e.target.checked })}
        />
      </div>
      <fieldset>
        <legend>{t('sandbox.topics')}</legend>
        {draft.topics.map((topic, i) => (
          <div
            className="sandbox-topic"
            key={i}
            role="group"
            aria-label={t('sandbox.topicN', { n: i + 1 })}
          >
            <label>
              {t('sandbox.topicName')}
              <input value={topic.name} onChange={(e) => setTopic(i, { name: e.target.value })} />
            </label>
            <label>
              {t('sandbox.partitions')}
              <input
                type="number"
                min={1}
                max={12}
                value={Number.isNaN(topic.partitions) ? '' : topic.partitions}
                onChange={(e) => setTopic(i, { partitions: number(e.target.value) })}
              />
            </label>
            <label>
              {t('sandbox.replicationFactor')}
              <input
                type="number"
                min={1}
                max={BROKERS_MAX}
                value={Number.isNaN(topic.replicationFactor) ? '' : topic.replicationFactor}
                onChange={(e) => setTopic(i, { replicationFactor: number(e.target.value) })}
              />
            </label>
            <label>
              min.insync.replicas
              <input
                type="number"
                min={1}
                max={BROKERS_MAX}
                value={Number.isNaN(topic.minInsyncReplicas) ? '' : topic.minInsyncReplicas}
                onChange={(e) => setTopic(i, { minInsyncReplicas: number(e.target.value) })}
              />
            </label>
            <button
              type="button"
              onClick={() =>
                setDraft((d) => ({ ...d, topics: d.topics.filter((_, j) => j !== i) }))
              }
            >
              {t('sandbox.removeTopic', { name: topic.name })}
            </button>
          </div>
        ))}
        <button
          type="button"
          onClick={() =>
            setDraft((d) => ({
              ...d,
              topics: [
                ...d.topics,
                {
                  name: `topic-${d.topics.length + 1}`,
                  partitions: 3,
                  replicationFactor: Math.min(3, d.brokers || 1),
                  minInsyncReplicas: 1,
                },
              ],
            }))
          }
        >
          {t('sandbox.addTopic')}
        </button>
      </fieldset>
      <button type="submit" className="sandbox-start">
        {t('sandbox.start')}
      </button>
      {error !== null && (
        <p className="config-error" role="alert" data-error={error.error}>
          {error.error}: {error.message}
        </p>
      )}
      {started && <p role="status">{t('sandbox.started')}</p>}
    </form>
  )
}
