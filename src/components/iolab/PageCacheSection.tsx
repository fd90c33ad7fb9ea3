/**
 * The page cache, second by second: a scripted workload (producer, tailing consumer, lagging
 * consumer, the kernel flusher, optionally `log.flush.interval.messages`) run through the
 * engine's page cache model (core/io/pageCacheDemo.ts). Step or play through the 60 simulated
 * seconds; the grid, counters, narration and charts all show the same frame.
 */
import { useCallback, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  DEMO_STEPS,
  DEMO_STEP_MS,
  runPageCacheDemo,
  type DemoAction,
  type PageCacheDemoFrame,
} from '../../engine'
import { StepControls } from './StepControls'
import { LineChart } from './charts/LineChart'
import { formatBytes, formatPercent } from './format'
import { PageGrid, PageLegend } from './PageGrid'
import { useAutoStep } from './useAutoStep'

const FLUSH_CHOICES = ['never', '50', '10'] as const
type FlushChoice = (typeof FLUSH_CHOICES)[number]
const PLAY_INTERVAL_MS = 700

export function PageCacheSection() {
  const { t, i18n } = useTranslation()
  const [flush, setFlush] = useState<FlushChoice>('never')
  const [step, setStep] = useState(0)
  const [playing, setPlaying] = useState(false)
  const selectId = useId()
  const frames = useMemo(
    () => runPageCacheDemo({ flushIntervalMessages: flush === 'never' ? null : Number(flush) }),
    [flush],
  )
  const frame = frames[step] ?? frames[0]!
  const atEnd = step === DEMO_STEPS
  const isPlaying = playing && !atEnd
  const forward = useCallback(() => setStep((s) => Math.min(s + 1, DEMO_STEPS)), [])
  useAutoStep(isPlaying, forward, PLAY_INTERVAL_MS)
  const seconds = (ms: number) => t('iolab.cache.seconds', { value: ms / 1000 })
  const language = i18n.resolvedLanguage ?? 'en'

  return (
    <section className="cache-section">
      <p className="section-intro">{t('iolab.cache.intro')}</p>
      <div className="cache-toolbar">
        <StepControls
          label={t('iolab.cache.stepsLabel')}
          atStart={step === 0}
          atEnd={atEnd}
          isPlaying={isPlaying}
          onBack={() => setStep((c) => Math.max(0, c - 1))}
          onRestart={() => setStep(0)}
          onPlayingChange={setPlaying}
          onNext={forward}
        />
        <span className="cache-time" data-testid="cache-time" data-step={step}>
          {t('iolab.cache.time', {
            time: seconds(frame.atMs),
            end: seconds(DEMO_STEPS * DEMO_STEP_MS),
          })}
        </span>
        <label className="cache-flush" htmlFor={selectId}>
          <code>log.flush.interval.messages</code>
        </label>
        <select
          id={selectId}
          value={flush}
          onChange={(event) => {
            setFlush(event.target.value as FlushChoice)
            setPlaying(false)
          }}
        >
          {FLUSH_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {choice === 'never'
                ? t('iolab.cache.flushNever')
                : t('iolab.cache.flushEvery', { messages: choice, batches: Number(choice) / 10 })}
            </option>
          ))}
        </select>
      </div>
      <div className="cache-main">
        <div>
          <PageGrid files={frame.files} />
          <PageLegend />
          <CacheCounters frame={frame} language={language} />
        </div>
        <div className="cache-side">
          <ul className="cache-actions narration" aria-live="polite" data-testid="cache-narration">
            {frame.actions.length === 0 ? (
              <li>{t('iolab.cache.start')}</li>
            ) : (
              frame.actions.map((action, i) => <li key={i}>{describeAction(t, action)}</li>)
            )}
          </ul>
          <p className="durability-now" data-testid="cache-power-loss">
            {t('iolab.cache.powerLoss', { size: formatBytes(frame.powerLossLostBytes) })}{' '}
            {t('iolab.cache.processCrash')}
          </p>
        </div>
      </div>
      <CacheCharts frames={frames} step={step} language={language} />
    </section>
  )
}

type T = ReturnType<typeof useTranslation>['t']

function describeAction(t: T, action: DemoAction): string {
  switch (action.actor) {
    case 'producer':
      return t('iolab.cache.actions.producer', { records: action.records })
    case 'tailing':
      return action.misses === 0
        ? t('iolab.cache.actions.tailingHit')
        : t('iolab.cache.actions.tailingMiss', { misses: action.misses })
    case 'lagging':
      if (action.misses > 0) {
        return t('iolab.cache.actions.laggingMiss', {
          misses: action.misses,
          readAhead: action.readAhead,
        })
      }
      if (action.segment === 'active') {
        return t('iolab.cache.actions.laggingActive', { hits: action.hits })
      }
      return action.readAhead > 0
        ? t('iolab.cache.actions.laggingReadAhead', {
            hits: action.hits,
            readAhead: action.readAhead,
          })
        : t('iolab.cache.actions.laggingHit', { hits: action.hits })
    case 'flusher':
      return t('iolab.cache.actions.flusher', { pages: action.pages })
    case 'fsync':
      return t('iolab.cache.actions.fsync', { pages: action.pages })
  }
}

function CacheCounters({ frame, language }: { frame: PageCacheDemoFrame; language: string }) {
  const { t } = useTranslation()
  const rows: [string, string | number][] = [
    ['hits', frame.counters.hits],
    ['misses', frame.counters.misses],
    ['readAheadPages', frame.counters.readAheadPages],
    ['dirtyPages', frame.counters.dirtyPages],
    ['writebacks', frame.counters.writebacks],
    ['hitRatio', frame.hitRatio === null ? '–' : formatPercent(frame.hitRatio, language)],
  ]
  return (
    <dl className="counters" data-testid="cache-counters">
      {rows.map(([key, value]) => (
        <div key={key} className="counter" data-counter={key} data-value={value}>
          <dt>{t(`iolab.cache.counters.${key}`)}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  )
}

function CacheCharts({
  frames,
  step,
  language,
}: {
  frames: readonly PageCacheDemoFrame[]
  step: number
  language: string
}) {
  const { t } = useTranslation()
  const shown = frames.slice(1, step + 1)
  const seconds = (f: PageCacheDemoFrame) => f.atMs / 1000
  const ratioPoints = shown.flatMap((f) =>
    f.hitRatio === null ? [] : [{ x: seconds(f), y: f.hitRatio }],
  )
  const stepPoints = shown.flatMap((f) =>
    f.stepHitRatio === null ? [] : [{ x: seconds(f), y: f.stepHitRatio }],
  )
  // Fixed axes over the whole run, so the chart does not rescale while stepping.
  const pagesMax = Math.max(
    10,
    ...frames.map((f) => Math.max(f.counters.dirtyPages, f.counters.writebacks)),
  )
  const last = frames[step] ?? frames[0]!
  const xTicks = [0, 10, 20, 30, 40, 50, 60]
  const formatX = (x: number) => String(x)
  return (
    <div className="chart-row">
      <LineChart
        testId="cache-hit-ratio-chart"
        title={t('iolab.cache.charts.hitRatio')}
        description={t('iolab.cache.charts.hitRatioDescription', {
          ratio: last.hitRatio === null ? '–' : formatPercent(last.hitRatio, language),
          time: last.atMs / 1000,
        })}
        xLabel={t('iolab.cache.charts.time')}
        yLabel={t('iolab.cache.charts.ratio')}
        xDomain={[0, DEMO_STEPS]}
        yDomain={[0, 1]}
        xTicks={xTicks}
        yTicks={[0, 0.25, 0.5, 0.75, 1]}
        formatX={formatX}
        formatY={(y) => formatPercent(y, language)}
        series={[
          {
            key: 'total',
            label: t('iolab.cache.charts.cumulative'),
            variant: 'a',
            points: ratioPoints,
            markerEvery: 5,
          },
          {
            key: 'step',
            label: t('iolab.cache.charts.perStep'),
            variant: 'b',
            points: stepPoints,
            markersOnly: true,
          },
        ]}
      />
      <LineChart
        testId="cache-dirty-chart"
        title={t('iolab.cache.charts.pages')}
        description={t('iolab.cache.charts.pagesDescription', {
          dirty: last.counters.dirtyPages,
          written: last.counters.writebacks,
        })}
        xLabel={t('iolab.cache.charts.time')}
        yLabel={t('iolab.cache.charts.pageCount')}
        xDomain={[0, DEMO_STEPS]}
        yDomain={[0, pagesMax]}
        xTicks={xTicks}
        formatX={formatX}
        formatY={(y) => String(y)}
        series={[
          {
            key: 'dirty',
            label: t('iolab.cache.counters.dirtyPages'),
            variant: 'c',
            points: shown.map((f) => ({ x: seconds(f), y: f.counters.dirtyPages })),
            markerEvery: 5,
          },
          {
            key: 'written',
            label: t('iolab.cache.counters.writebacks'),
            variant: 'd',
            points: shown.map((f) => ({ x: seconds(f), y: f.counters.writebacks })),
            markerEvery: 5,
          },
        ]}
      />
    </div>
  )
}
