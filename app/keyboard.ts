/**
 * Global playback keys, as on a presenter remote: space plays/pauses, arrows step. Keys typed into
 * a control (a focused button, the scrubber, a select) stay with that control.
 */
import type { Actor } from 'xstate'
import { selectStepBackTargetMs } from '../src/components/store/selectors'
import type { SimStore } from '../src/components/store/simStore'
import type { playbackMachine } from '../src/lessons/playbackMachine'

const INTERACTIVE = 'button, input, select, textarea, a, [contenteditable="true"]'

export function installPlaybackKeys(
  simStore: SimStore,
  playback: Actor<typeof playbackMachine>,
): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return
    if (event.target instanceof Element && event.target.closest(INTERACTIVE)) return
    if (event.key === ' ') playback.send({ type: 'TOGGLE' })
    else if (event.key === 'ArrowRight') playback.send({ type: 'STEP_FORWARD' })
    else if (event.key === 'ArrowLeft') {
      playback.send({ type: 'STEP_BACK', targetMs: selectStepBackTargetMs(simStore.getState()) })
    } else return
    event.preventDefault()
  }
  window.addEventListener('keydown', onKeyDown)
  return () => window.removeEventListener('keydown', onKeyDown)
}
