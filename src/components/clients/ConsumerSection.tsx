/**
 * Consumers in a group: the group's state, generation and lag (the heading) and per partition the
 * position, committed offset and lag first (from `view.consumerGroups`), then each consumer with
 * its controls (poll, commit, slow, crash, close, restart), then the form that adds one.
 */
import { useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { useAppServices, useSim } from '../AppServices'
import { selectView } from '../store/selectors'
import { CollapsibleSection } from './CollapsibleSection'
import { NameSelect } from './NameSelect'
import { ConsumerLine, PROCESSING_MS } from './ConsumerLine'
import { GroupDetails, GroupLine } from './GroupDetails'
import { nextClientName, topicNames } from './clientsModel'

export function ConsumerSection() {
  const { t } = useTranslation()
  const { dispatch } = useAppServices()
  const view = useSim(selectView)
  const consumers = view?.consumerGroups.consumers ?? []
  const groups = view?.consumerGroups.groups ?? []
  const [first, ...others] = groups
  return (
    <CollapsibleSection
      sectionId="consumers"
      title={t('clients.consumer.title')}
      summary={first === undefined ? null : <GroupLine group={first} />}
      testId="consumer-panel"
    >
      {first !== undefined && <GroupDetails group={first} consumers={consumers} />}
      {others.map((group) => (
        <GroupDetails key={group.groupId} group={group} consumers={consumers} withLine />
      ))}
      {consumers.length === 0 ? (
        <p className="client-empty">{t('clients.consumer.none')}</p>
      ) : (
        <ul
          className="clients-list"
          data-testid="consumer-list"
          aria-label={t('clients.consumer.consumers')}
        >
          {consumers.map((c) => (
            <ConsumerLine key={c.name} consumer={c} dispatch={dispatch} />
          ))}
        </ul>
      )}
      <AddConsumerForm
        consumerNames={consumers.map((c) => c.name)}
        topics={topicNames(view)}
        dispatch={dispatch}
      />
    </CollapsibleSection>
  )
}

function AddConsumerForm({
  consumerNames,
  topics,
  dispatch,
}: {
  consumerNames: readonly string[]
  topics: readonly string[]
  dispatch: ReturnType<typeof useAppServices>['dispatch']
}) {
  const { t } = useTranslation()
  const id = useId()
  /** Names already asked for: a second click before the next frame takes the next number. */
  const created = useRef<string[]>([])
  const [groupId, setGroupId] = useState('group-1')
  const [chosenTopic, setChosenTopic] = useState<string | null>(null)
  const [runLoop, setRunLoop] = useState(true)
  const topic = topics.find((name) => name === chosenTopic) ?? topics[0] ?? null
  const groupValid = /^[A-Za-z0-9._-]{1,249}$/.test(groupId)
  const add = (event: FormEvent) => {
    event.preventDefault()
    if (topic === null || !groupValid) return
    const consumerName = nextClientName('consumer', [...consumerNames, ...created.current])
    created.current.push(consumerName)
    dispatch({
      type: 'createConsumer',
      consumerName,
      groupId,
      configs: { 'auto.offset.reset': 'earliest' },
    })
    dispatch({ type: 'subscribe', consumerName, topics: [topic] })
    if (runLoop) dispatch({ type: 'runConsumer', consumerName, processingMs: PROCESSING_MS })
  }
  return (
    <form className="clients-configs clients-add" onSubmit={add} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="clients-form-title">
        {t('clients.consumer.addTitle')}
      </h3>
      <label>
        {t('clients.consumer.groupId')}
        <input
          type="text"
          value={groupId}
          maxLength={249}
          aria-invalid={!groupValid}
          onChange={(e) => setGroupId(e.target.value.trim())}
        />
      </label>
      <label>
        {t('clients.consumer.topic')}
        <NameSelect value={topic ?? ''} names={topics} onChange={setChosenTopic} />
      </label>
      <label>
        <input type="checkbox" checked={runLoop} onChange={(e) => setRunLoop(e.target.checked)} />
        {t('clients.consumer.runLoop')}
      </label>
      <button type="submit" disabled={topic === null || !groupValid}>
        {t('clients.consumer.add')}
      </button>
    </form>
  )
}
