/**
 * The fields of what was picked on the canvas: a broker, a replica (with its segments and
 * batches), a record batch (its v2 header read from the stored bytes, attributes decoded), a
 * message in flight or a client (ClientFields.tsx). Field names are Kafka's. Batches are asked of the engine on demand.
 */
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { BatchHeaderView } from '../../engine/core/view'
import { useSim } from '../AppServices'
import { selectView } from '../store/selectors'
import { ClientFields } from './ClientFields'
import { useEngineRequest } from './engineRequest'
import { FieldList, type Fields } from './FieldList'
import { select, useSelection, type Selection } from './selection'

/** The fields of a v2 record batch header, in wire order (DefaultRecordBatch.java). */
export function batchFields(batch: BatchHeaderView): Fields {
  const a = batch.attributesDecoded
  return [
    ['baseOffset', batch.baseOffset],
    ['batchLength', batch.batchLength],
    ['partitionLeaderEpoch', batch.partitionLeaderEpoch],
    ['magic', batch.magic],
    ['crc', `0x${batch.crc.toString(16).padStart(8, '0')}`],
    ['attributes', `0x${batch.attributes.toString(16).padStart(4, '0')}`],
    ['  compression', a.compression ?? 'unknown'],
    ['  timestampType', a.timestampType],
    ['  isTransactional', a.isTransactional],
    ['  isControl', a.isControl],
    ['lastOffsetDelta', batch.lastOffsetDelta],
    ['baseTimestamp', batch.baseTimestamp],
    ['maxTimestamp', batch.maxTimestamp],
    ['producerId', batch.producerId],
    ['producerEpoch', batch.producerEpoch],
    ['baseSequence', batch.baseSequence],
    ['records count', batch.recordsCount],
  ]
}

export function Inspector() {
  const { t } = useTranslation()
  const selection = useSelection()
  return (
    <section className="inspector" aria-label={t('inspector.title')} data-testid="inspector">
      {selection === null ? (
        <p>{t('inspector.empty')}</p>
      ) : (
        <>
          <SelectionFields selection={selection} />
          <button type="button" className="inspector-clear" onClick={() => select(null)}>
            {t('inspector.clear')}
          </button>
        </>
      )}
    </section>
  )
}

function SelectionFields({ selection }: { selection: Selection }) {
  const { t } = useTranslation()
  const view = useSim(selectView)
  if (view === null) return null
  if (selection.kind === 'message') {
    const message = view.messages.find((m) => m.id === selection.id)
    if (message === undefined) return <p>{t('inspector.messageGone', { id: selection.id })}</p>
    return (
      <>
        <h3>{t('inspector.messageTitle', { kind: t(`messageKinds.${message.kind}`) })}</h3>
        <FieldList
          testId="inspector-message"
          fields={[
            ['id', message.id],
            ['kind', message.kind],
            ['from', message.from],
            ['to', message.to],
            ['sentAtMs', message.sentAtMs],
            ['deliverAtMs', message.deliverAtMs],
          ]}
        />
      </>
    )
  }
  if (selection.kind === 'client') return <ClientFields node={selection.node} view={view} />
  if (selection.kind === 'broker') {
    const broker = view.brokers.find((b) => b.brokerId === selection.brokerId)
    const cache = view.pageCaches.find((c) => c.brokerId === selection.brokerId)
    if (broker === undefined) return null
    return (
      <>
        <h3>{t('nodes.broker', { brokerId: broker.brokerId })}</h3>
        <FieldList
          testId="inspector-broker"
          fields={[
            ['node.id', broker.brokerId],
            ['status', broker.status],
            ['incarnation', broker.incarnation],
            ['brokerEpoch', broker.brokerEpoch],
            ['controllerSees', broker.controllerSees],
            ['lastContactMs', broker.lastContactMs],
            ['isolated', broker.isolated],
            ['lastCrashMode', broker.lastCrashMode],
            ['pageCache.cachedPages', cache?.cachedPages ?? null],
            ['pageCache.dirtyPages', cache?.dirtyPages ?? null],
          ]}
        />
      </>
    )
  }
  return <ReplicaFields selection={selection} />
}

function ReplicaFields({
  selection,
}: {
  selection: Extract<Selection, { kind: 'replica' | 'batch' }>
}) {
  const { t } = useTranslation()
  const view = useSim(selectView)
  const request = useEngineRequest()
  const [batches, setBatches] = useState<BatchHeaderView[] | null>(null)
  const { brokerId, partitionKey } = selection
  const partition = view?.partitions.find((p) => p.key === partitionKey)
  const replica = partition?.replicaViews.find((r) => r.brokerId === brokerId)
  const logEndOffset = replica?.logEndOffset ?? 0
  const logStartOffset = replica?.logStartOffset ?? 0
  const epochs = replica?.leaderEpochCache.map((e) => `${e.epoch}@${e.startOffset}`).join() ?? ''
  // Asked again when the log changes (appends, truncation, retention), not on every frame.
  useEffect(() => {
    let current = true
    void request({ type: 'describe', query: { kind: 'batches', brokerId, partitionKey } }).then(
      (reply) => {
        if (current && reply.type === 'described' && reply.result.kind === 'batches')
          setBatches(reply.result.batches)
      },
    )
    return () => {
      current = false
    }
  }, [request, brokerId, partitionKey, logEndOffset, logStartOffset, epochs])
  if (replica === undefined) return null
  const title = `${partitionKey} @ ${t('nodes.broker', { brokerId })}`
  if (selection.kind === 'batch') {
    const batch = batches?.find(
      (b) =>
        b.baseOffset <= selection.offset && selection.offset <= b.baseOffset + b.lastOffsetDelta,
    )
    return (
      <>
        <h3>{t('inspector.batchTitle', { offset: selection.offset, replica: title })}</h3>
        {batch === undefined ? (
          <p>{batches === null ? t('inspector.loading') : t('inspector.noBatch')}</p>
        ) : (
          <>
            <p className="inspector-note">
              {t('inspector.batchNote', {
                segment: batch.segmentBaseOffset,
                position: batch.position,
              })}
            </p>
            <FieldList testId="inspector-batch" fields={batchFields(batch)} />
          </>
        )}
        <button type="button" onClick={() => select({ kind: 'replica', brokerId, partitionKey })}>
          {t('inspector.backToReplica')}
        </button>
      </>
    )
  }
  return (
    <>
      <h3>{title}</h3>
      <FieldList
        testId="inspector-replica"
        fields={[
          ['role', replica.role],
          ['online', replica.online],
          ['inIsr', replica.inIsr],
          ['logStartOffset', replica.logStartOffset],
          ['highWatermark', replica.highWatermark],
          ['logEndOffset', replica.logEndOffset],
          ['recoveryPoint', replica.recoveryPoint],
          [
            'leaderEpochCache',
            replica.leaderEpochCache.map((e) => `${e.epoch}@${e.startOffset}`).join(', ') || '—',
          ],
          [
            'segments',
            replica.segments.map((s) => `${s.baseOffset} (${s.sizeBytes} B)`).join(', '),
          ],
        ]}
      />
      <h4>{t('inspector.batches')}</h4>
      {batches === null ? (
        <p>{t('inspector.loading')}</p>
      ) : batches.length === 0 ? (
        <p>{t('inspector.noBatches')}</p>
      ) : (
        <ul className="inspector-batches">
          {batches.map((b) => (
            <li key={`${b.segmentBaseOffset}:${b.position}`}>
              <button
                type="button"
                onClick={() =>
                  select({ kind: 'batch', brokerId, partitionKey, offset: b.baseOffset })
                }
              >
                {t('inspector.batchButton', {
                  first: b.baseOffset,
                  last: b.baseOffset + b.lastOffsetDelta,
                  count: b.recordsCount,
                  epoch: b.partitionLeaderEpoch,
                })}
              </button>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
