/**
 * Flush, mmap and durability: what `log.flush.interval.*` does, what a process crash and a power
 * loss each lose, why Kafka relies on replication rather than fsync, and the interview notes'
 * imprecise claims next to what Kafka does, each with its source (KAFKA_SPEC §1.4, §5, §6).
 */
import { useTranslation } from 'react-i18next'

const KAFKA_SOURCE = 'https://github.com/apache/kafka/blob/trunk/'
const KAFKA_0822 = 'https://github.com/apache/kafka/blob/0.8.2.2/'

interface Source {
  readonly label: string
  readonly href: string
}

const CLAIMS: readonly { id: string; sources: readonly Source[] }[] = [
  {
    id: 'mmap',
    sources: [
      {
        label: 'FileRecords.java',
        href: `${KAFKA_SOURCE}clients/src/main/java/org/apache/kafka/common/record/FileRecords.java`,
      },
      {
        label: 'AbstractIndex.java',
        href: `${KAFKA_SOURCE}storage/src/main/java/org/apache/kafka/storage/internals/log/AbstractIndex.java`,
      },
    ],
  },
  {
    id: 'producerType',
    sources: [
      {
        label: '0.8.2.2 ProducerConfig.scala',
        href: `${KAFKA_0822}core/src/main/scala/kafka/producer/ProducerConfig.scala`,
      },
      {
        label: 'AsyncProducerConfig.scala',
        href: `${KAFKA_0822}core/src/main/scala/kafka/producer/async/AsyncProducerConfig.scala`,
      },
      { label: 'KAFKA-6921', href: 'https://issues.apache.org/jira/browse/KAFKA-6921' },
    ],
  },
  {
    id: 'acksAll',
    sources: [
      {
        label: 'ServerLogConfigs.java',
        href: `${KAFKA_SOURCE}server-common/src/main/java/org/apache/kafka/server/config/ServerLogConfigs.java`,
      },
      {
        label: 'design.html#replication',
        href: 'https://kafka.apache.org/documentation/#replication',
      },
    ],
  },
  {
    id: 'zeroCopy',
    sources: [
      {
        label: 'PlaintextTransportLayer.java',
        href: `${KAFKA_SOURCE}clients/src/main/java/org/apache/kafka/common/network/PlaintextTransportLayer.java`,
      },
      {
        label: 'SslTransportLayer.java',
        href: `${KAFKA_SOURCE}clients/src/main/java/org/apache/kafka/common/network/SslTransportLayer.java`,
      },
      {
        label: 'design.html#maximizingefficiency',
        href: 'https://kafka.apache.org/documentation/#maximizingefficiency',
      },
    ],
  },
]

export function DurabilitySection() {
  const { t } = useTranslation()
  return (
    <section className="durability-section">
      <div className="durability-columns">
        <section className="info-box">
          <h3>{t('iolab.durability.flush.title')}</h3>
          <p>{t('iolab.durability.flush.write')}</p>
          <p>{t('iolab.durability.flush.settings')}</p>
          <p>{t('iolab.durability.flush.recommend')}</p>
          <p className="source">
            <a href="https://kafka.apache.org/documentation/#topicconfigs_flush.messages">
              TopicConfig flush.messages
            </a>{' '}
            ·{' '}
            <a
              href={`${KAFKA_SOURCE}server-common/src/main/java/org/apache/kafka/server/config/ServerLogConfigs.java`}
            >
              ServerLogConfigs.java
            </a>
          </p>
        </section>
        <section className="info-box">
          <h3>{t('iolab.durability.crash.title')}</h3>
          <table className="crash-table">
            <thead>
              <tr>
                <th scope="col">{t('iolab.durability.crash.event')}</th>
                <th scope="col">{t('iolab.durability.crash.survives')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('iolab.durability.crash.process')}</th>
                <td>{t('iolab.durability.crash.processSurvives')}</td>
              </tr>
              <tr>
                <th scope="row">{t('iolab.durability.crash.power')}</th>
                <td>{t('iolab.durability.crash.powerSurvives')}</td>
              </tr>
            </tbody>
          </table>
          <p>{t('iolab.durability.crash.recovery')}</p>
        </section>
        <section className="info-box">
          <h3>{t('iolab.durability.replication.title')}</h3>
          <p>{t('iolab.durability.replication.acks')}</p>
          <p>{t('iolab.durability.replication.cost')}</p>
        </section>
      </div>
      <section className="claims">
        <h3>{t('iolab.durability.claims.title')}</h3>
        <table data-testid="claims-table">
          <thead>
            <tr>
              <th scope="col">{t('iolab.durability.claims.claim')}</th>
              <th scope="col">{t('iolab.durability.claims.actual')}</th>
              <th scope="col">{t('iolab.durability.claims.source')}</th>
            </tr>
          </thead>
          <tbody>
            {CLAIMS.map(({ id, sources }) => (
              <tr key={id} data-claim={id}>
                <td className="claim">{t(`iolab.durability.claims.items.${id}.claim`)}</td>
                <td>{t(`iolab.durability.claims.items.${id}.actual`)}</td>
                <td className="source">
                  {sources.map((source, i) => (
                    <span key={source.href}>
                      {i > 0 && <br />}
                      <a href={source.href} target="_blank" rel="noreferrer">
                        {source.label}
                      </a>
                    </span>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  )
}
