/**
 * A section of the Client tab that opens and closes (the WAI-ARIA disclosure pattern: a button
 * with `aria-expanded` in the heading) and remembers its state. A section about one live thing
 * can head itself with a one-line summary of it (`producer-1 · producerId 1000 · epoch 0`): the
 * title is then read by screen readers in front of it, and the heading takes one line on screen.
 */
import { useId, type ReactNode } from 'react'
import { useRememberedOpen } from './rememberedOpen'

export function CollapsibleSection({
  sectionId,
  title,
  summary,
  openByDefault = true,
  level = 2,
  testId,
  children,
}: {
  /** Names the remembered state: stable across releases. */
  sectionId: string
  title: string
  /** Shown instead of the title (which stays for screen readers). */
  summary?: ReactNode
  openByDefault?: boolean
  level?: 2 | 3
  testId?: string
  children: ReactNode
}) {
  const id = useId()
  const [open, toggle] = useRememberedOpen(sectionId, openByDefault)
  const Heading = level === 2 ? 'h2' : 'h3'
  return (
    <section
      className={`clients-section clients-section--h${level}`}
      aria-labelledby={`${id}-title`}
      data-testid={testId}
      data-open={open}
    >
      <Heading className="clients-section-heading">
        <button
          type="button"
          id={`${id}-title`}
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={toggle}
        >
          {summary == null ? (
            <span className="clients-section-title">{title}</span>
          ) : (
            <span className="clients-section-title clients-summary">
              <span className="visually-hidden">{title}: </span>
              {summary}
            </span>
          )}
        </button>
      </Heading>
      <div id={`${id}-body`} className="clients-section-body" hidden={!open}>
        {children}
      </div>
    </section>
  )
}
