/**
 * The sandbox's side panel: tabs for the producer/consumer panel, the inspector, the configs, the
 * script console and the cluster builder (WAI-ARIA tabs: arrows move between tabs). Picking
 * something on the canvas shows the inspector.
 */
import './sidePanel.css'
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ClientPanel } from '../clients/ClientPanel'
import { ConfigPanel } from '../config/ConfigPanel'
import { ScriptConsole } from '../console/ScriptConsole'
import { Inspector } from '../inspector/Inspector'
import { selectionStore } from '../inspector/selection'
import { SandboxBuilder } from './SandboxBuilder'

const TABS = ['client', 'inspector', 'config', 'script', 'build'] as const
type Tab = (typeof TABS)[number]

export function SidePanel() {
  const { t } = useTranslation()
  const id = useId()
  const [tab, setTab] = useState<Tab>('client')
  const tabRefs = useRef(new Map<Tab, HTMLButtonElement>())
  useEffect(
    () =>
      selectionStore.subscribe((state, previous) => {
        if (state.selected !== null && state.selected !== previous.selected) setTab('inspector')
      }),
    [],
  )
  const onKeyDown = (event: KeyboardEvent) => {
    const at = TABS.indexOf(tab)
    const to =
      event.key === 'ArrowRight'
        ? TABS[(at + 1) % TABS.length]
        : event.key === 'ArrowLeft'
          ? TABS[(at - 1 + TABS.length) % TABS.length]
          : event.key === 'Home'
            ? TABS[0]
            : event.key === 'End'
              ? TABS[TABS.length - 1]
              : undefined
    if (to === undefined) return
    event.preventDefault()
    event.stopPropagation()
    setTab(to)
    tabRefs.current.get(to)?.focus()
  }
  return (
    <div className="side-panel">
      <div
        role="tablist"
        aria-label={t('sandbox.panels')}
        className="side-tabs"
        onKeyDown={onKeyDown}
      >
        {TABS.map((name) => (
          <button
            key={name}
            ref={(el) => {
              if (el) tabRefs.current.set(name, el)
            }}
            type="button"
            role="tab"
            id={`${id}-tab-${name}`}
            aria-selected={tab === name}
            aria-controls={`${id}-panel`}
            tabIndex={tab === name ? 0 : -1}
            onClick={() => setTab(name)}
          >
            {t(`sandbox.tabs.${name}`)}
          </button>
        ))}
      </div>
      <div
        className="side-tab-panel"
        role="tabpanel"
        id={`${id}-panel`}
        aria-labelledby={`${id}-tab-${tab}`}
      >
        {tab === 'client' && <ClientPanel />}
        {tab === 'inspector' && <Inspector />}
        {tab === 'config' && <ConfigPanel />}
        {tab === 'script' && <ScriptConsole />}
        {tab === 'build' && <SandboxBuilder />}
      </div>
    </div>
  )
}
