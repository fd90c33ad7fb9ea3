/**
 * Consumers in a group: add consumers that subscribe (and run their poll loop), poll, close,
 * crash or restart one, and watch from `view.consumerGroups` the group's state, generation,
 * protocol, leader, members with their assignment, and per partition the position against the
 * committed offset and the lag.
 */
import { useId, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ClusterCommand } from '../../engine'
import { useAppServices, useSim } from '../AppServices'
import { selectView } from '../store/selectors'
import {
  groupPartitionRows,
  nextClientName,
  topicNames,
  type ConsumerView,
  type GroupView,
} from './clientsModel'

/** Simulated processing time per record of the poll loop the panel starts. */
const PROCESSING_MS = 10

export function ConsumerSection() {
  const { t } = useTranslation()
  const { dispatch } = useAppServices()
  const view = useSim(selectView)
  const id = useId()
  /** Names already asked for: a second click before the next frame takes the next number. */
  const created = useRef<string[]>([])
  const [groupId, setGroupId] = useState('group-1')
  const [chosenTopic, setChosenTopic] = useState<string | null>(null)
  const [runLoop, setRunLoop] = useState(true)
  const consumers = view?.consumerGroups.consumers ?? []
  const groups = view?.consumerGroups.groups ?? []
  const topics = topicNames(view)
  const topic = topics.find((name) => name === chosenTopic) ?? topics[0] ?? null
  const groupValid = /^[A-Za-z0-9._-]{1,249}$/.test(groupId)

  const add = (event: FormEvent) => {
    event.preventDefault()
    if (topic === null || !groupValid) return
    const consumerName = nextClientName('consumer', [
      ...consumers.map((c) => c.name),
      ...created.current,
    ])
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
    <section
      className="client-panel clients-section"
      aria-labelledby={`${id}-title`}
      data-testid="consumer-panel"
    >
      <h2 id={`${id}-title`}>{t('clients.consumer.title')}</h2>
      <form className="clients-configs" onSubmit={add}>
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
          <select value={topic ?? ''} onChange={(e) => setChosenTopic(e.target.value)}>
            {topics.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input type="checkbox" checked={runLoop} onChange={(e) => setRunLoop(e.target.checked)} />
          {t('clients.consumer.runLoop')}
        </label>
        <button type="submit" disabled={topic === null || !groupValid}>
          {t('clients.consumer.add')}
        </button>
      </form>
      {consumers.length === 0 ? (
        <p className="client-empty">{t('clients.consumer.none')}</p>
      ) : (
        <ul className="clients-list" data-testid="consumer-list">
          {consumers.map((c) => (
            <ConsumerLine key={c.name} consumer={c} dispatch={dispatch} />
          ))}
        </ul>
      )}
      {groups.map((group) => (
        <GroupDetails key={group.groupId} group={group} consumers={consumers} />
      ))}
    </section>
  )
}

function ConsumerLine({
  consumer,
  dispatch,
}: {
  consumer: ConsumerView
  dispatch: (command: ClusterCommand) => void
}) {
  const { t } = useTranslation()
  const consumerName = consumer.name
  const running = consumer.status === 'running'
  return (
    <li data-consumer={consumerName} data-status={consumer.status}>
      <span>
        {t('clients.consumer.consumerLine', {
          name: consumerName,
          status: t(`clients.consumer.status.${consumer.status}`),
          memberState: consumer.memberState,
          generationId: consumer.generationId,
        })}
      </span>{' '}
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
        {running ? (
          <>
            <button type="button" onClick={() => dispatch({ type: 'closeConsumer', consumerName })}>
              {t('clients.consumer.close')}
            </button>
            <button type="button" onClick={() => dispatch({ type: 'crashConsumer', consumerName })}>
              {t('clients.consumer.crash')}
            </button>
          </>
        ) : (
          <button type="button" onClick={() => dispatch({ type: 'restartConsumer', consumerName })}>
            {t('clients.consumer.restart')}
          </button>
        )}
      </span>
      {consumer.error !== null && (
        <span className="clients-error">
          {' '}
          {t('clients.consumer.error', { error: consumer.error })}
        </span>
      )}
    </li>
  )
}

function GroupDetails({
  group,
  consumers,
}: {
  group: GroupView
  consumers: readonly ConsumerView[]
}) {
  const { t } = useTranslation()
  const none = t('clients.consumer.none_value')
  const rows = groupPartitionRows(group, consumers)
  const show = (value: number | null) => (value === null ? none : value)
  return (
    <div className="clients-details" data-testid="group-details" data-group={group.groupId}>
      <p data-testid="group-state" data-state={group.state}>
        {t('clients.consumer.groupLine', {
          groupId: group.groupId,
          state: group.state,
          generationId: group.generationId,
          protocol: group.protocolName ?? none,
          coordinatorId: group.coordinatorId,
        })}
      </p>
      <h3>{t('clients.consumer.members')}</h3>
      {group.members.length === 0 ? (
        <p className="client-empty">{t('clients.consumer.noMembers')}</p>
      ) : (
        <ul className="clients-list" data-testid="group-members">
          {group.members.map((m) => (
            <li key={m.memberId} data-node={m.node} data-assignment={m.assignment.join(',')}>
              <strong>{m.node}</strong>
              {m.memberId === group.leaderId && ` (${t('clients.consumer.leader')})`}{' '}
              <span className="clients-member-id">{m.memberId}</span>
              <br />
              {m.assignment.length === 0
                ? t('clients.consumer.nothingAssigned')
                : t('clients.consumer.assignment', { partitions: m.assignment.join(', ') })}
            </li>
          ))}
        </ul>
      )}
      {rows.length > 0 && (
        <>
          <h3>{t('clients.consumer.partitions')}</h3>
          <table className="clients-table" data-testid="group-partitions">
            <thead>
              <tr>
                <th scope="col">{t('clients.consumer.partition')}</th>
                <th scope="col">{t('clients.consumer.owner')}</th>
                <th scope="col">{t('clients.consumer.position')}</th>
                <th scope="col">{t('clients.consumer.committed')}</th>
                <th scope="col">{t('clients.consumer.highWatermark')}</th>
                <th scope="col">{t('clients.consumer.lag')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.partitionKey} data-partition={r.partitionKey}>
                  <td>{r.partitionKey}</td>
                  <td>{r.owner ?? none}</td>
                  <td>{show(r.position)}</td>
                  <td>{show(r.committedOffset)}</td>
                  <td>{show(r.highWatermark)}</td>
                  <td>{show(r.lag)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  )
}
