/**
 * Real measurements in the learner's own browser: a Web Worker writes to OPFS through sync access
 * handles and runs the engine's gzip, snappy, lz4 and zstd on generated JSON records. Progress is
 * shown while it runs, it can be cancelled, and each chart fills in as its results arrive.
 */
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  MEASUREMENT_SIZES,
  addResult,
  compressionRatio,
  emptyResults,
  measurementPlan,
  megabytesPerSecond,
  microsecondsPerCall,
  type MeasurementResults,
  type MeasurementSize,
  type MeasurementTask,
} from '../../engine'
import { BarChart } from './charts/BarChart'
import { LineChart } from './charts/LineChart'
import { formatBytes, formatFigure } from './format'
import { createMeasurementClient, type MeasurementClient } from './measurementClient'

type Status = 'idle' | 'running' | 'cancelling' | 'finished' | 'cancelled' | 'failed'

interface Progress {
  readonly done: number
  readonly total: number
  readonly task: MeasurementTask | null
}

export function MeasurementsSection() {
  const { t, i18n } = useTranslation()
  const language = i18n.resolvedLanguage ?? 'en'
  const [size, setSize] = useState<MeasurementSize>('small')
  const [status, setStatus] = useState<Status>('idle')
  const [progress, setProgress] = useState<Progress | null>(null)
  const [results, setResults] = useState<MeasurementResults>(emptyResults)
  const [failure, setFailure] = useState<string | null>(null)
  const [opfs, setOpfs] = useState(true)
  const client = useRef<MeasurementClient | null>(null)
  const sizeId = useId()

  useEffect(() => () => client.current?.dispose(), [])

  const running = status === 'running' || status === 'cancelling'
  const run = () => {
    client.current ??= createMeasurementClient()
    setStatus('running')
    setResults(emptyResults())
    setProgress(null)
    setFailure(null)
    client.current.run(measurementPlan(size), {
      onProgress: (done, total, task) => setProgress({ done, total, task }),
      onResult: (result) => setResults((current) => addResult(current, result)),
      onEnd: (ending) => {
        setStatus(ending.type)
        if (ending.type === 'finished') setOpfs(ending.opfs)
        if (ending.type === 'failed') setFailure(ending.message)
      },
    })
  }
  const cancel = () => {
    setStatus('cancelling')
    client.current?.cancel()
  }

  return (
    <section className="measure-section">
      <p className="section-intro">{t('iolab.measure.intro')}</p>
      <div className="measure-toolbar">
        <label htmlFor={sizeId}>{t('iolab.measure.size')}</label>
        <select
          id={sizeId}
          value={size}
          disabled={running}
          onChange={(event) => setSize(event.target.value as MeasurementSize)}
        >
          {MEASUREMENT_SIZES.map((s) => (
            <option key={s} value={s}>
              {t(`iolab.measure.sizes.${s}`)}
            </option>
          ))}
        </select>
        <button type="button" onClick={run} disabled={running}>
          {t('iolab.measure.run')}
        </button>
        <button type="button" onClick={cancel} disabled={status !== 'running'}>
          {t('iolab.measure.cancel')}
        </button>
        <MeasureStatus status={status} progress={progress} failure={failure} />
      </div>
      <p className="measure-note">{t('iolab.measure.note')}</p>
      {!opfs && <p className="notice notice--warning">{t('iolab.measure.noOpfs')}</p>}
      <MeasureCharts results={results} size={size} language={language} />
    </section>
  )
}

function MeasureStatus({
  status,
  progress,
  failure,
}: {
  status: Status
  progress: Progress | null
  failure: string | null
}) {
  const { t } = useTranslation()
  const done = progress?.done ?? 0
  const total = progress?.total ?? 1
  return (
    <div
      className="measure-status"
      aria-live="polite"
      data-testid="measure-status"
      data-status={status}
    >
      {(status === 'running' || status === 'cancelling') && (
        <>
          <progress
            max={total}
            value={done}
            aria-label={t('iolab.measure.progressLabel')}
            data-testid="measure-progress"
          />
          <span>
            {status === 'cancelling'
              ? t('iolab.measure.cancelling')
              : progress?.task
                ? t('iolab.measure.running', {
                    task: describeTask(t, progress.task),
                    done: done + 1,
                    total,
                  })
                : t('iolab.measure.starting')}
          </span>
        </>
      )}
      {status === 'finished' && <span>{t('iolab.measure.finished')}</span>}
      {status === 'cancelled' && <span>{t('iolab.measure.cancelled')}</span>}
      {status === 'failed' && (
        <span className="measure-failed">
          {t('iolab.measure.failed', { message: failure ?? '' })}
        </span>
      )}
    </div>
  )
}

type T = ReturnType<typeof useTranslation>['t']

function describeTask(t: T, task: MeasurementTask): string {
  switch (task.kind) {
    case 'batchSize':
      return t('iolab.measure.tasks.batchSize', { size: formatBytes(task.writeBytes) })
    case 'compression':
      return t('iolab.measure.tasks.compression', { codec: task.codec })
    case 'partitions':
      return t('iolab.measure.tasks.partitions', { files: task.files })
    default:
      return t(`iolab.measure.tasks.${task.kind}`)
  }
}

function MeasureCharts({
  results,
  size,
  language,
}: {
  results: MeasurementResults
  size: MeasurementSize
  language: string
}) {
  const { t } = useTranslation()
  const plan = measurementPlan(size)
  const fig = (value: number) => formatFigure(value, language)
  const mbps = (timing: { bytes: number; ms: number } | null) =>
    timing === null ? null : megabytesPerSecond(timing.bytes, timing.ms)
  const seq = mbps(results.sequential)
  const rnd = mbps(results.random)
  const batchPoints = results.batchSize.map((p) => ({
    x: p.writeBytes,
    y: megabytesPerSecond(p.timing.bytes, p.timing.ms),
  }))
  const batchMax = Math.max(1, ...batchPoints.map((p) => p.y))
  const small16k = (c: MeasurementResults['compression'][number]) => c.byBatchSize[0]
  return (
    <div className="chart-grid" data-testid="measure-charts">
      <div className="chart-cell">
        <BarChart
          testId="chart-seq-random"
          title={t('iolab.measure.charts.seqRandom.title', {
            size: formatBytes(plan.sequentialVsRandom.writeBytes),
            total: formatBytes(plan.sequentialVsRandom.totalBytes),
          })}
          description={t('iolab.measure.charts.seqRandom.description', {
            sequential: seq === null ? '–' : fig(seq),
            random: rnd === null ? '–' : fig(rnd),
          })}
          valueLabel={t('iolab.measure.units.mbPerS')}
          series={[{ key: 'mbps', label: t('iolab.measure.units.mbPerS'), variant: 'a' }]}
          rows={[
            {
              key: 'sequential',
              label: t('iolab.measure.charts.seqRandom.sequential'),
              values: [seq],
            },
            { key: 'random', label: t('iolab.measure.charts.seqRandom.random'), values: [rnd] },
          ]}
          formatValue={fig}
        />
        <p className="chart-caption">{t('iolab.measure.charts.seqRandom.caption')}</p>
      </div>
      <div className="chart-cell">
        <BarChart
          testId="chart-call-cost"
          title={t('iolab.measure.charts.callCost.title', { records: plan.callCost.records })}
          description={t('iolab.measure.charts.callCost.description')}
          valueLabel={t('iolab.measure.units.ms')}
          labelWidth={230}
          series={[{ key: 'ms', label: t('iolab.measure.units.ms'), variant: 'b' }]}
          rows={[
            {
              key: 'unbatched',
              label: t('iolab.measure.charts.callCost.unbatched', {
                calls: results.unbatched?.timing.calls ?? plan.callCost.records,
              }),
              values: [results.unbatched?.timing.ms ?? null],
            },
            {
              key: 'batched',
              label: t('iolab.measure.charts.callCost.batched', {
                calls: results.batched?.timing.calls ?? '…',
              }),
              values: [results.batched?.timing.ms ?? null],
            },
          ]}
          formatValue={fig}
        />
        {results.unbatched !== null && results.batched !== null && (
          <p className="chart-caption" data-testid="call-cost-summary">
            {t('iolab.measure.charts.callCost.summary', {
              unbatched: fig(microsecondsPerCall(results.unbatched.timing)),
              batched: fig(microsecondsPerCall(results.batched.timing)),
              perBatch: fig(results.batched.records / Math.max(1, results.batched.timing.calls)),
            })}
          </p>
        )}
      </div>
      <LineChart
        testId="chart-batch-size"
        title={t('iolab.measure.charts.batchSize.title', {
          total: formatBytes(plan.batchSize.totalBytes),
        })}
        description={t('iolab.measure.charts.batchSize.description', {
          points: batchPoints.map((p) => `${formatBytes(p.x)}: ${fig(p.y)}`).join(', '),
        })}
        xLabel={t('iolab.measure.charts.batchSize.x')}
        yLabel={t('iolab.measure.units.mbPerS')}
        xScale="log"
        xDomain={[
          plan.batchSize.writeBytes[0] ?? 256,
          plan.batchSize.writeBytes[plan.batchSize.writeBytes.length - 1] ?? 1024 * 1024,
        ]}
        yDomain={[0, batchMax * 1.1]}
        xTicks={plan.batchSize.writeBytes.filter((_, i) => i % 2 === 0)}
        formatX={formatBytes}
        formatY={fig}
        series={[
          {
            key: 'mbps',
            label: t('iolab.measure.units.mbPerS'),
            variant: 'a',
            points: batchPoints,
          },
        ]}
      />
      <div className="chart-cell">
        <BarChart
          testId="chart-compression-ratio"
          title={t('iolab.measure.charts.compression.title', {
            size: formatBytes(plan.compression.totalBytes),
          })}
          description={t('iolab.measure.charts.compression.description', {
            ratios: results.compression
              .map(
                (c) =>
                  `${c.codec} ${fig(small16k(c) === undefined ? 0 : compressionRatio(small16k(c)!))}×`,
              )
              .join(', '),
          })}
          valueLabel={t('iolab.measure.charts.compression.ratio')}
          labelWidth={110}
          series={plan.compression.batchBytes.map((batchBytes, i) => ({
            key: String(batchBytes),
            label: t('iolab.measure.charts.compression.batch', { size: formatBytes(batchBytes) }),
            variant: i === 0 ? 'a' : 'c',
          }))}
          rows={plan.compression.codecs.map((codec) => {
            const measured = results.compression.find((c) => c.codec === codec)
            return {
              key: codec,
              label: codec,
              values: plan.compression.batchBytes.map((batchBytes) => {
                const timing = measured?.byBatchSize.find((b) => b.batchBytes === batchBytes)
                return timing === undefined ? null : compressionRatio(timing)
              }),
            }
          })}
          formatValue={(v) => `${fig(v)}×`}
          reference={{ from: 5, to: 7, label: t('iolab.measure.charts.compression.claim') }}
        />
        <p className="chart-caption">{t('iolab.measure.charts.compression.caption')}</p>
      </div>
      <div className="chart-cell">
        <BarChart
          testId="chart-compression-speed"
          title={t('iolab.measure.charts.compressionSpeed.title', {
            size: formatBytes(plan.compression.batchBytes[0] ?? 16384),
          })}
          description={t('iolab.measure.charts.compressionSpeed.description')}
          valueLabel={t('iolab.measure.units.mbPerS')}
          labelWidth={110}
          series={[
            {
              key: 'compress',
              label: t('iolab.measure.charts.compressionSpeed.compress'),
              variant: 'b',
            },
            {
              key: 'decompress',
              label: t('iolab.measure.charts.compressionSpeed.decompress'),
              variant: 'd',
            },
          ]}
          rows={plan.compression.codecs.map((codec) => {
            const timing = results.compression.find((c) => c.codec === codec)?.byBatchSize[0]
            return {
              key: codec,
              label: codec,
              values:
                timing === undefined
                  ? [null, null]
                  : [
                      megabytesPerSecond(timing.inputBytes, timing.compressMs),
                      megabytesPerSecond(timing.inputBytes, timing.decompressMs),
                    ],
            }
          })}
          formatValue={fig}
        />
        <p className="chart-caption">{t('iolab.measure.charts.compressionSpeed.caption')}</p>
        {results.compression.length > 0 && (
          <ul className="chart-caption round-trips" data-testid="round-trips">
            {results.compression.map((c) => (
              <li key={c.codec} data-codec={c.codec} data-round-trip={c.roundTripOk}>
                {c.roundTripOk
                  ? t('iolab.measure.charts.compression.roundTripOk', { codec: c.codec })
                  : t('iolab.measure.charts.compression.roundTripBad', { codec: c.codec })}
              </li>
            ))}
          </ul>
        )}
      </div>
      <BarChart
        testId="chart-partitions"
        title={t('iolab.measure.charts.partitions.title', {
          size: formatBytes(plan.partitions.appendBytes),
          total: formatBytes(plan.partitions.totalBytes),
        })}
        description={t('iolab.measure.charts.partitions.description')}
        valueLabel={t('iolab.measure.units.mbPerS')}
        series={[{ key: 'mbps', label: t('iolab.measure.units.mbPerS'), variant: 'c' }]}
        rows={plan.partitions.fileCounts.map((files) => {
          const timing = results.partitions.find((p) => p.files === files)?.timing ?? null
          return {
            key: String(files),
            label: t('iolab.measure.charts.partitions.files', { count: files }),
            values: [mbps(timing)],
          }
        })}
        formatValue={fig}
      />
    </div>
  )
}
