/**
 * Global keys, as on a presenter remote: space plays/pauses, arrows step, `.` and PageDown go to
 * the next thing (the lesson's next step when a lesson shows one, else one event forward), PageUp
 * steps back, P toggles presenter mode and `?` lists the shortcuts. Keys typed into a control
 * stay with that control: all of them in text fields, space and arrows on any focused control
 * (a button, the scrubber, a select).
 */
import type { Actor } from 'xstate'
import {
  setShortcutsOpen,
  toggleShortcuts,
  togglePresenter,
} from '../src/components/presenter/presenterMode'
import { selectStepBackTargetMs } from '../src/components/store/selectors'
import type { SimStore } from '../src/components/store/simStore'
import type { playbackMachine } from '../src/lessons/playbackMachine'

const INTERACTIVE = 'button, input, select, textarea, a, [contenteditable="true"]'
const TEXT_ENTRY =
  'textarea, select, [contenteditable="true"], input:not([type="range"], [type="checkbox"], [type="radio"], [type="button"])'
/** The lesson panel's primary button (Next / Finish), when a lesson is on screen. */
const LESSON_NEXT = '[data-testid="lesson-panel"] .lesson-nav .lesson-primary'

export function installPlaybackKeys(
  simStore: SimStore,
  playback: Actor<typeof playbackMachine>,
): () => void {
  const stepBack = () =>
    playback.send({ type: 'STEP_BACK', targetMs: selectStepBackTargetMs(simStore.getState()) })
  const next = () => {
    const lessonNext = document.querySelector<HTMLButtonElement>(LESSON_NEXT)
    if (lessonNext !== null) {
      if (!lessonNext.disabled) lessonNext.click()
    } else playback.send({ type: 'STEP_FORWARD' })
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return
    const target = event.target instanceof Element ? event.target : null
    if (target?.closest(TEXT_ENTRY)) return
    // While the shortcuts overlay is open, the dialog handles keys (Escape closes it).
    if (target?.closest('dialog[open]')) {
      if (event.key === '?') setShortcutsOpen(false)
      return
    }
    if (event.key === '?') toggleShortcuts()
    else if (event.key === 'p' || event.key === 'P') togglePresenter()
    else if (event.key === '.' || event.key === 'PageDown') next()
    else if (event.key === 'PageUp') stepBack()
    else if (target?.closest(INTERACTIVE)) return
    else if (event.key === ' ') playback.send({ type: 'TOGGLE' })
    else if (event.key === 'ArrowRight') playback.send({ type: 'STEP_FORWARD' })
    else if (event.key === 'ArrowLeft') stepBack()
    else return
    event.preventDefault()
  }
  window.addEventListener('keydown', onKeyDown)
  return () => window.removeEventListener('keydown', onKeyDown)
}
