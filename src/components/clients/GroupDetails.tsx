/**
 * A consumer group as kafka-consumer-groups.sh --describe shows it: the group's state, generation and lag, then per partition its owner, the owner's position, the
 * committed offset and the lag (HW − committed); its protocol and coordinator and the members
 * with their assignment below.
 */
import { useTranslation } from 'react-i18next'
import { groupLag, groupPartitionRows, type ConsumerView, type GroupView } from './clientsModel'

/** `group-1: Stable, generation 2, lag 0`. */
export function GroupLine({ group }: { group: GroupView }) {
  const { t } = useTranslation()
  return (
    <span data-testid="group-state" data-state={group.state}>
      <strong>{group.groupId}</strong>
      {' · '}
      {t('clients.consumer.groupLine', {
        state: group.state,
        generationId: group.generationId,
        lag: groupLag(group) ?? t('clients.consumer.none_value'),
      })}
    </span>
  )
}

/** The group's table, protocol, coordinator and members; `withLine`: its state line first. */
export function GroupDetails({
  group,
  consumers,
  withLine = false,
}: {
  group: GroupView
  consumers: readonly ConsumerView[]
  withLine?: boolean
}) {
  const { t } = useTranslation()
  const none = t('clients.consumer.none_value')
  const rows = groupPartitionRows(group, consumers)
  const show = (value: number | null) => (value === null ? none : value)
  return (
    <div className="clients-details" data-testid="group-details" data-group={group.groupId}>
      {withLine && (
        <p className="clients-group-line">
          <GroupLine group={group} />
        </p>
      )}
      {rows.length > 0 && (
        <table className="clients-table" data-testid="group-partitions">
          <caption className="visually-hidden">{t('clients.consumer.partitions')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('clients.consumer.partition')}</th>
              <th scope="col" className="clients-owner">
                {t('clients.consumer.owner')}
              </th>
              <th scope="col">{t('clients.consumer.position')}</th>
              <th scope="col">{t('clients.consumer.committed')}</th>
              <th scope="col">{t('clients.consumer.lag')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.partitionKey} data-partition-row={r.partitionKey}>
                <td>{r.partitionKey}</td>
                <td className="clients-owner">{r.owner ?? none}</td>
                <td>{show(r.position)}</td>
                <td>{show(r.committedOffset)}</td>
                <td title={t('clients.consumer.lagHint', { highWatermark: show(r.highWatermark) })}>
                  {show(r.lag)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="clients-group-meta">
        {t('clients.consumer.groupMeta', {
          protocol: group.protocolName ?? none,
          coordinatorId: group.coordinatorId,
        })}
      </p>
      {group.members.length === 0 ? (
        <p className="client-empty">{t('clients.consumer.noMembers')}</p>
      ) : (
        <ul
          className="clients-list clients-members"
          data-testid="group-members"
          aria-label={t('clients.consumer.members')}
        >
          {group.members.map((m) => (
            <li key={m.memberId} data-node={m.node} data-assignment={m.assignment.join(',')}>
              <strong>{m.node}</strong>
              {m.memberId === group.leaderId && ` (${t('clients.consumer.leader')})`}
              {': '}
              {m.assignment.length === 0
                ? t('clients.consumer.nothingAssigned')
                : t('clients.consumer.assignment', { partitions: m.assignment.join(', ') })}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
