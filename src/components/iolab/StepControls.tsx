/**
 * Back / Play-Pause-Restart / Next for the IO lab's step-by-step views. Stepping by hand stops
 * playing; Play at the end starts over.
 */
import { useTranslation } from 'react-i18next'
import { Icon } from '../icons/Icon'

export function StepControls(props: {
  label: string
  atStart: boolean
  atEnd: boolean
  isPlaying: boolean
  onBack: () => void
  onRestart: () => void
  onPlayingChange: (playing: boolean) => void
  onNext: () => void
}) {
  const { t } = useTranslation()
  const { atStart, atEnd, isPlaying } = props
  return (
    <div className="step-controls" role="group" aria-label={props.label}>
      <button
        type="button"
        onClick={() => {
          props.onPlayingChange(false)
          props.onBack()
        }}
        disabled={atStart}
      >
        <Icon name="stepBack" /> {t('iolab.controls.back')}
      </button>
      <button
        type="button"
        onClick={() => {
          if (atEnd) props.onRestart()
          props.onPlayingChange(!isPlaying && !atEnd)
        }}
      >
        {isPlaying ? <Icon name="pause" /> : <Icon name="play" />}{' '}
        {isPlaying
          ? t('iolab.controls.pause')
          : atEnd
            ? t('iolab.controls.restart')
            : t('iolab.controls.play')}
      </button>
      <button
        type="button"
        onClick={() => {
          props.onPlayingChange(false)
          props.onNext()
        }}
        disabled={atEnd}
      >
        {t('iolab.controls.next')} <Icon name="stepForward" />
      </button>
    </div>
  )
}
