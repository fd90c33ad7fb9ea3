/**
 * The IO lab: "why is Kafka fast?" answered by showing (copy paths, the page cache) and by
 * measuring (real OPFS writes and real codecs in the learner's browser). One topic at a time, as
 * tabs, so each fills a projector screen; the open tab is kept in the address bar (`section=`)
 * so a teacher can link straight to it.
 */
import { useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { CopyPathsSection } from './CopyPathsSection'
import { DurabilitySection } from './DurabilitySection'
import { MeasurementsSection } from './MeasurementsSection'
import { PageCacheSection } from './PageCacheSection'

export const IO_LAB_SECTIONS = ['copy', 'cache', 'durability', 'measure'] as const
export type IoLabSection = (typeof IO_LAB_SECTIONS)[number]

function sectionFromUrl(): IoLabSection {
  const value = new URLSearchParams(window.location.search).get('section')
  return (IO_LAB_SECTIONS as readonly string[]).includes(value ?? '')
    ? (value as IoLabSection)
    : 'copy'
}

function keepSectionInUrl(section: IoLabSection): void {
  const params = new URLSearchParams(window.location.search)
  if (section === 'copy') params.delete('section')
  else params.set('section', section)
  const query = params.toString()
  window.history.replaceState(null, '', query ? `?${query}` : window.location.pathname)
}

export function IoLabPage() {
  const { t } = useTranslation()
  const [section, setSection] = useState<IoLabSection>(sectionFromUrl)
  const tabRefs = useRef(new Map<IoLabSection, HTMLButtonElement>())
  const select = (next: IoLabSection, focus: boolean) => {
    setSection(next)
    keepSectionInUrl(next)
    if (focus) tabRefs.current.get(next)?.focus()
  }
  // Arrow keys move along the tabs, Home/End jump to the ends (WAI-ARIA tabs pattern).
  const onTabKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = IO_LAB_SECTIONS.indexOf(section)
    const last = IO_LAB_SECTIONS.length - 1
    const target = {
      ArrowRight: index === last ? 0 : index + 1,
      ArrowLeft: index === 0 ? last : index - 1,
      Home: 0,
      End: last,
    }[event.key]
    if (target === undefined) return
    event.preventDefault()
    select(IO_LAB_SECTIONS[target]!, true)
  }
  return (
    <main className="iolab" data-testid="io-lab">
      <div className="iolab-top">
        <h2 className="iolab-title">{t('iolab.title')}</h2>
        <div className="iolab-tabs" role="tablist" aria-label={t('iolab.tabs.label')}>
          {IO_LAB_SECTIONS.map((id) => (
            <button
              key={id}
              ref={(element) => {
                if (element === null) tabRefs.current.delete(id)
                else tabRefs.current.set(id, element)
              }}
              type="button"
              role="tab"
              id={`iolab-tab-${id}`}
              aria-selected={section === id}
              aria-controls={`iolab-panel-${id}`}
              tabIndex={section === id ? 0 : -1}
              onClick={() => select(id, false)}
              onKeyDown={onTabKey}
            >
              {t(`iolab.tabs.${id}`)}
            </button>
          ))}
        </div>
      </div>
      {IO_LAB_SECTIONS.map((id) => (
        <div
          key={id}
          className="iolab-panel"
          role="tabpanel"
          id={`iolab-panel-${id}`}
          aria-labelledby={`iolab-tab-${id}`}
          hidden={section !== id}
        >
          {/* The measurements stay mounted, so a run (and its results) survive a look elsewhere. */}
          {(section === id || id === 'measure') && <SectionContent section={id} />}
        </div>
      ))}
    </main>
  )
}

function SectionContent({ section }: { section: IoLabSection }) {
  switch (section) {
    case 'copy':
      return <CopyPathsSection />
    case 'cache':
      return <PageCacheSection />
    case 'durability':
      return <DurabilitySection />
    case 'measure':
      return <MeasurementsSection />
  }
}
