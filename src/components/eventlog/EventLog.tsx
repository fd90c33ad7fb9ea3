/**
 * The engine's events, newest first, one line each. Clicking a line seeks to its moment.
 */
import { memo } from 'react'
import { useTranslation } from 'react-i18next'
import type { SimEvent } from '../../engine'
import { useAppServices, useSim } from '../AppServices'
import { formatSeconds } from '../format'
import { selectEvents } from '../store/selectors'
import { describeEvent } from './describeEvent'

/** Rendering every retained event on every frame would be wasted work; the newest suffice. */
const EVENTS_SHOWN_MAX = 200

export function EventLog() {
  const { t } = useTranslation()
  const events = useSim(selectEvents)
  const shown = events.slice(-EVENTS_SHOWN_MAX).reverse()
  return (
    <aside className="event-log" aria-labelledby="event-log-title">
      <h2 id="event-log-title">{t('eventLog.title')}</h2>
      {shown.length === 0 ? (
        <p className="event-log-empty">{t('eventLog.empty')}</p>
      ) : (
        <ol className="event-log-list">
          {shown.map((event) => (
            <EventRow key={event.seq} event={event} />
          ))}
        </ol>
      )}
    </aside>
  )
}

/** Events keep their identity from frame to frame, so only new lines render. */
const EventRow = memo(function EventRow({ event }: { event: SimEvent }) {
  const { t } = useTranslation()
  const { playback } = useAppServices()
  const time = t('timeline.seconds', { value: formatSeconds(event.atMs) })
  const description = describeEvent(t, event)
  return (
    <li data-event-type={event.type}>
      <button
        type="button"
        onClick={() => playback.send({ type: 'SCRUB', targetMs: event.atMs })}
        aria-label={t('eventLog.goTo', { time, description })}
      >
        <span className="event-time">{time}</span>
        <span className="event-text">{description}</span>
      </button>
    </li>
  )
})
