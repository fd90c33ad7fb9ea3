/**
 * Playback controls: step back, play/pause, step forward, speed and a scrubber over the whole run.
 * It only talks to the playback machine; the machine talks to the engine.
 */
import { useSelector } from '@xstate/react'
import { useTranslation } from 'react-i18next'
import { SPEEDS, type Speed } from '../../lessons/playbackMachine'
import { useAppServices, useSim } from '../AppServices'
import { formatSeconds } from '../format'
import { Icon } from '../icons/Icon'
import { selectMaxMs, selectNowMs, selectStepBackTargetMs } from '../store/selectors'

export function Timeline() {
  const { t } = useTranslation()
  const { playback } = useAppServices()
  const nowMs = useSim(selectNowMs)
  const maxMs = useSim(selectMaxMs)
  const stepBackTargetMs = useSim(selectStepBackTargetMs)
  const playing = useSelector(playback, (s) => s.matches('playing'))
  const speed = useSelector(playback, (s) => s.context.speed)
  const seconds = (ms: number) => t('timeline.seconds', { value: formatSeconds(ms) })
  return (
    <footer className="timeline" aria-label={t('timeline.label')}>
      <div className="timeline-buttons">
        <button
          type="button"
          onClick={() => playback.send({ type: 'STEP_BACK', targetMs: stepBackTargetMs })}
          disabled={nowMs === 0}
          aria-keyshortcuts="ArrowLeft"
        >
          <Icon name="stepBack" /> {t('timeline.stepBack')}
        </button>
        <button
          type="button"
          className="play-pause"
          onClick={() => playback.send({ type: 'TOGGLE' })}
          aria-keyshortcuts="Space"
        >
          {playing ? <Icon name="pause" /> : <Icon name="play" />}{' '}
          {playing ? t('timeline.pause') : t('timeline.play')}
        </button>
        <button
          type="button"
          onClick={() => playback.send({ type: 'STEP_FORWARD' })}
          aria-keyshortcuts="ArrowRight"
        >
          {t('timeline.stepForward')} <Icon name="stepForward" />
        </button>
      </div>
      <label className="timeline-speed">
        {t('timeline.speed')}
        <select
          value={speed}
          onChange={(e) =>
            playback.send({ type: 'SET_SPEED', speed: Number(e.target.value) as Speed })
          }
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <input
        className="timeline-scrubber"
        type="range"
        min={0}
        max={Math.max(maxMs, 1)}
        step={1}
        value={nowMs}
        aria-label={t('timeline.scrubber')}
        aria-valuetext={seconds(nowMs)}
        onChange={(e) => playback.send({ type: 'SCRUB', targetMs: Number(e.target.value) })}
      />
      <output className="timeline-time" data-testid="sim-time" data-now-ms={nowMs}>
        {t('timeline.now', { time: seconds(nowMs) })}{' '}
        <span className="timeline-end">{t('timeline.end', { time: seconds(maxMs) })}</span>
      </output>
    </footer>
  )
}
