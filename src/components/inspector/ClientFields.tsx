/**
 * A client picked on the canvas: a producer's configs, producer id and epoch, sequences, batches
 * and requests in flight; a consumer's membership (group, member id, generation, state), its
 * partitions with position and lag, and its errors; for the stand-in `client-1`, what it has in
 * flight. The same facts as the Client tab, named as Kafka names them, from the frame's view.
 */
import { useTranslation } from 'react-i18next'
import type { ClusterView } from '../../engine'
import { STAND_IN_CLIENT } from '../cluster/clientNodes'
import { FieldList } from './FieldList'

const none = (list: readonly string[]) => (list.length === 0 ? '—' : list.join(', '))

export function ClientFields({ node, view }: { node: string; view: ClusterView }) {
  const { t } = useTranslation()
  const inFlight = view.messages.filter((m) => m.from === node || m.to === node).length
  const producer = view.producers.find((p) => p.nodeId === node)
  if (producer !== undefined)
    return (
      <>
        <h3>{node}</h3>
        <FieldList
          testId="inspector-producer"
          fields={[
            ['status', producer.status],
            ['acks', producer.acks === -1 ? 'all' : producer.acks],
            ['enable.idempotence', producer.idempotent],
            ['transactional.id', producer.transactionalId],
            ['producerId', producer.producerId],
            ['producerEpoch', producer.producerEpoch],
            ['transactionState', producer.transactionState],
            ['linger.ms', producer.lingerMs],
            ['batch.size', producer.batchSize],
            ['buffer.memory', producer.bufferMemory],
            ['bufferUsedBytes', producer.bufferUsedBytes],
            ['max.in.flight.requests.per.connection', producer.maxInFlight],
            ['recordsSent', producer.recordsSent],
            ['lastError', producer.lastError],
            [
              'sequences',
              none(
                producer.sequences.map(
                  (s) => `${s.partitionKey}: next ${s.nextSequence}, acked ${s.lastAckedSequence}`,
                ),
              ),
            ],
            [
              'batches',
              none(
                producer.batches.map(
                  (b) => `${b.partitionKey} ×${b.recordCount} (${b.state}, attempts ${b.attempts})`,
                ),
              ),
            ],
            [
              'inFlightRequests',
              none(
                producer.inFlightRequests.map(
                  (r) => `#${r.requestId} ${r.kind} → broker-${r.brokerId}`,
                ),
              ),
            ],
            ['messagesInFlight', inFlight],
          ]}
        />
      </>
    )
  const consumer = view.consumerGroups.consumers.find((c) => c.name === node)
  if (consumer !== undefined) {
    const group = view.consumerGroups.groups.find((g) => g.groupId === consumer.groupId)
    return (
      <>
        <h3>{node}</h3>
        <FieldList
          testId="inspector-consumer"
          fields={[
            ['status', consumer.status],
            ['group.id', consumer.groupId],
            ['group.instance.id', consumer.groupInstanceId],
            ['client.id', consumer.clientId],
            ['memberId', consumer.memberId || null],
            ['generationId', consumer.generationId],
            ['memberState', consumer.memberState],
            ['group.state', group?.state ?? null],
            ['rebalanceProtocol', consumer.rebalanceProtocol],
            ['assignor', consumer.assignor],
            ['coordinatorId', consumer.coordinatorId],
            ['subscription', none(consumer.subscription)],
            [
              'assignment',
              none(
                consumer.partitions.map(
                  (p) => `${p.partitionKey} @ ${p.position ?? '—'} (lag ${p.lag ?? '—'})`,
                ),
              ),
            ],
            ['processingMs', consumer.processingMs],
            ['lastError', consumer.error],
            ['lastCommitError', consumer.lastCommitError],
            ['messagesInFlight', inFlight],
          ]}
        />
      </>
    )
  }
  if (node !== STAND_IN_CLIENT) return <p>{t('inspector.clients.gone', { node })}</p>
  return (
    <>
      <h3>{node}</h3>
      <p className="inspector-note">{t('inspector.clients.standInNote')}</p>
      <FieldList testId="inspector-client" fields={[['messagesInFlight', inFlight]]} />
    </>
  )
}
