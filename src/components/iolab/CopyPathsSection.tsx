/**
 * Copy paths, step by step: pick a path (read+write, mmap+write, sendfile, sendfile with DMA
 * gather, Kafka's TLS fetch, Kafka's produce), step forward and back, and watch the counters —
 * a fold of the steps so far (core/io/copyPaths.ts). Below: every path's totals side by side, a
 * 1 MiB consumer fetch served through the chosen path (scenario Z-1), and where zero-copy does
 * not apply.
 */
import { useCallback, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  COPY_PATH_IDS,
  copyPathStateAt,
  copyPathSteps,
  copyPathTotals,
  fetchTotals,
  type CopyCounters,
  type CopyPathId,
} from '../../engine'
import { StepControls } from './StepControls'
import { CopyPathDiagram } from './CopyPathDiagram'
import { formatBytes } from './format'
import { useAutoStep } from './useAutoStep'

const COUNTERS: readonly (keyof CopyCounters)[] = [
  'copies',
  'cpuCopies',
  'dmaCopies',
  'contextSwitches',
  'syscalls',
  'diskReads',
  'userSpaceCopies',
]
const COMPARED: readonly (keyof CopyCounters)[] = [
  'copies',
  'cpuCopies',
  'dmaCopies',
  'contextSwitches',
  'syscalls',
  'userSpaceCopies',
]
const FETCH_BYTES = 1024 * 1024
const PLAY_INTERVAL_MS = 1_400

export function CopyPathsSection() {
  const { t } = useTranslation()
  const [path, setPath] = useState<CopyPathId>('readWrite')
  const [cached, setCached] = useState(false)
  const [stepCount, setStepCount] = useState(0)
  const [playing, setPlaying] = useState(false)
  const narrationId = useId()
  const steps = useMemo(() => copyPathSteps(path, { cached }), [path, cached])
  const state = useMemo(() => copyPathStateAt(steps, stepCount), [steps, stepCount])
  const atEnd = stepCount === steps.length
  const isPlaying = playing && !atEnd
  const current = stepCount > 0 ? steps[stepCount - 1] : undefined

  const choosePath = (next: CopyPathId) => {
    setPath(next)
    setStepCount(0)
    setPlaying(false)
  }
  const forward = useCallback(() => {
    setStepCount((count) => Math.min(count + 1, steps.length))
  }, [steps.length])
  useAutoStep(isPlaying, forward, PLAY_INTERVAL_MS)

  return (
    <section className="copy-section" aria-labelledby={`${narrationId}-heading`}>
      <h3 id={`${narrationId}-heading`} className="visually-hidden">
        {t('iolab.copy.heading')}
      </h3>
      <div className="copy-toolbar" role="group" aria-label={t('iolab.copy.pathLabel')}>
        {COPY_PATH_IDS.map((id) => (
          <button
            key={id}
            type="button"
            aria-pressed={path === id}
            data-path={id}
            onClick={() => choosePath(id)}
          >
            {t(`iolab.copy.paths.${id}`)}
          </button>
        ))}
      </div>
      <p className="path-note">{t(`iolab.copy.pathNotes.${path}`)}</p>
      <div className="copy-main">
        <div className="copy-stage">
          <CopyPathDiagram
            path={path}
            steps={steps}
            stepCount={stepCount}
            state={state}
            descriptionId={narrationId}
          />
        </div>
        <div className="copy-side">
          <StepControls
            label={t('iolab.copy.stepsLabel')}
            atStart={stepCount === 0}
            atEnd={atEnd}
            isPlaying={isPlaying}
            onBack={() => setStepCount((c) => Math.max(0, c - 1))}
            onRestart={() => setStepCount(0)}
            onPlayingChange={setPlaying}
            onNext={forward}
          />
          <p className="step-position" data-testid="copy-step">
            {stepCount === 0
              ? t('iolab.copy.position.start', { total: steps.length })
              : t('iolab.copy.position.step', { current: stepCount, total: steps.length })}
          </p>
          <p className="narration" id={narrationId} aria-live="polite" data-testid="copy-narration">
            {current === undefined ? t('iolab.copy.start') : t(`iolab.copy.steps.${current.id}`)}
          </p>
          <dl className="counters" data-testid="copy-counters">
            {COUNTERS.map((key) => (
              <div
                key={key}
                className="counter"
                data-counter={key}
                data-value={state.counters[key]}
              >
                <dt>{t(`iolab.copy.counters.${key}`)}</dt>
                <dd>{state.counters[key]}</dd>
              </div>
            ))}
          </dl>
          {path !== 'produce' && (
            <label className="check">
              <input
                type="checkbox"
                checked={cached}
                onChange={(event) => {
                  setCached(event.target.checked)
                  setStepCount(0)
                  setPlaying(false)
                }}
              />
              {t('iolab.copy.cached')}
            </label>
          )}
        </div>
      </div>
      <div className="copy-more">
        <CompareTable path={path} cached={cached} />
        <FetchPanel path={path} cached={cached} />
        <section className="info-box">
          <h4>{t('iolab.copy.exceptions.title')}</h4>
          <ul>
            <li>{t('iolab.copy.exceptions.tls')}</li>
            <li>{t('iolab.copy.exceptions.produce')}</li>
            <li>{t('iolab.copy.exceptions.downConversion')}</li>
          </ul>
          <p className="source">{t('iolab.copy.exceptions.source')}</p>
        </section>
      </div>
    </section>
  )
}

function CompareTable({ path, cached }: { path: CopyPathId; cached: boolean }) {
  const { t } = useTranslation()
  return (
    <section className="compare">
      <h4>{t('iolab.copy.compare.title')}</h4>
      <table data-testid="copy-compare">
        <thead>
          <tr>
            <th scope="col">{t('iolab.copy.compare.path')}</th>
            {COMPARED.map((key) => (
              <th key={key} scope="col">
                {t(`iolab.copy.compare.columns.${key}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {COPY_PATH_IDS.map((id) => {
            const totals = copyPathTotals(id, { cached })
            return (
              <tr key={id} className={id === path ? 'is-current' : undefined} data-path={id}>
                <th scope="row">{t(`iolab.copy.paths.${id}`)}</th>
                {COMPARED.map((key) => (
                  <td key={key}>{totals[key]}</td>
                ))}
              </tr>
            )
          })}
        </tbody>
      </table>
      <p className="source">
        {cached ? t('iolab.copy.compare.noteCached') : t('iolab.copy.compare.noteCold')}
      </p>
    </section>
  )
}

function FetchPanel({ path, cached }: { path: CopyPathId; cached: boolean }) {
  const { t } = useTranslation()
  if (path === 'produce') {
    return (
      <section className="fetch-panel">
        <h4>{t('iolab.copy.fetch.produceTitle')}</h4>
        <p>{t('iolab.copy.fetch.produceText')}</p>
      </section>
    )
  }
  const totals = fetchTotals(path, FETCH_BYTES, { cached })
  const calls = Object.entries(totals.callsBySyscall)
    .filter(([, count]) => count > 0)
    .map(([call, count]) => t('iolab.copy.fetch.callCount', { n: count, call: `${call}()` }))
    .join(' + ')
  return (
    <section className="fetch-panel" data-testid="copy-fetch">
      <h4>{t('iolab.copy.fetch.title', { size: formatBytes(FETCH_BYTES) })}</h4>
      <dl className="fetch-facts">
        <div>
          <dt>{t('iolab.copy.fetch.calls')}</dt>
          <dd data-fetch="calls">{calls}</dd>
        </div>
        <div>
          <dt>{t('iolab.copy.counters.cpuCopies')}</dt>
          <dd>{totals.counters.cpuCopies}</dd>
        </div>
        <div>
          <dt>{t('iolab.copy.counters.dmaCopies')}</dt>
          <dd>{totals.counters.dmaCopies}</dd>
        </div>
        <div>
          <dt>{t('iolab.copy.counters.contextSwitches')}</dt>
          <dd>{totals.counters.contextSwitches}</dd>
        </div>
        <div>
          <dt>{t('iolab.copy.counters.diskReads')}</dt>
          <dd>{totals.counters.diskReads}</dd>
        </div>
        <div>
          <dt>{t('iolab.copy.fetch.userSpaceBytes')}</dt>
          <dd>{formatBytes(totals.userSpaceBytes)}</dd>
        </div>
      </dl>
      <p>{t(`iolab.copy.fetch.notes.${path}`)}</p>
    </section>
  )
}
