/**
 * The keyboard shortcuts overlay (`?`): a native modal <dialog>, so focus stays inside, Escape
 * closes it and the page behind is inert. The keys themselves are handled in app/keyboard.ts.
 */
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { setShortcutsOpen, useShortcutsOpen } from './presenterMode'

/** Keys and what they do, in the order a presenter needs them. */
export const SHORTCUTS = [
  { keys: ['Space'], action: 'playPause' },
  { keys: ['→'], action: 'stepForward' },
  { keys: ['←'], action: 'stepBack' },
  { keys: ['.', 'PageDown'], action: 'next' },
  { keys: ['PageUp'], action: 'previous' },
  { keys: ['P'], action: 'presenter' },
  { keys: ['?'], action: 'shortcuts' },
  { keys: ['Esc'], action: 'close' },
] as const

export function ShortcutsOverlay() {
  const { t } = useTranslation()
  const open = useShortcutsOpen()
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const dialog = ref.current
    if (dialog === null) return
    if (open && !dialog.open) dialog.showModal()
    if (!open && dialog.open) dialog.close()
  }, [open])
  return (
    <dialog
      ref={ref}
      className="shortcuts-dialog"
      aria-labelledby="shortcuts-title"
      onClose={() => setShortcutsOpen(false)}
      data-testid="shortcuts"
    >
      <h2 id="shortcuts-title">{t('presenter.shortcuts.title')}</h2>
      <dl className="shortcuts-list">
        {SHORTCUTS.map(({ keys, action }) => (
          <div key={action}>
            <dt>
              {keys.map((key, i) => (
                <span key={key}>
                  {i > 0 && ` ${t('presenter.shortcuts.or')} `}
                  <kbd>{key}</kbd>
                </span>
              ))}
            </dt>
            <dd>{t(`presenter.shortcuts.actions.${action}`)}</dd>
          </div>
        ))}
      </dl>
      <button type="button" onClick={() => setShortcutsOpen(false)} autoFocus>
        {t('presenter.shortcuts.close')}
      </button>
    </dialog>
  )
}
