/**
 * Entry: language, store, playback machine, engine (in a Worker, or in-process as a fallback),
 * then the React tree.
 */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { createActor } from 'xstate'
import type { ClusterCommand } from '../src/engine'
import { createI18n } from '../src/components/i18n/i18n'
import { createSimStore, markFailed } from '../src/components/store/simStore'
import { playbackMachine } from '../src/lessons/playbackMachine'
import { App } from './App'
import { installPlaybackKeys } from './keyboard'
import { installTestHooks } from './testHooks'
import { parseAppUrl } from './url'
import { installDispatchTestHook } from './wiring/dispatchTestHook'
import { wireEngine } from './wiring/wireEngine'
import './styles.css'

const url = parseAppUrl(window.location.search)
const i18n = await createI18n()
const syncHtmlLang = (lng: string) => document.documentElement.setAttribute('lang', lng)
syncHtmlLang(i18n.resolvedLanguage ?? 'en')
i18n.on('languageChanged', syncHtmlLang)

const simStore = createSimStore()
const playback = createActor(playbackMachine).start()
installPlaybackKeys(simStore, playback)

// Commands issued before the engine answered its handshake are dropped; the UI shows "starting".
let dispatchToEngine: ((command: ClusterCommand) => void) | null = null
const services = {
  simStore,
  playback,
  dispatch: (command: ClusterCommand) => dispatchToEngine?.(command),
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <App services={services} urlProblems={url.problems} />
    </I18nextProvider>
  </StrictMode>,
)

const wired = await wireEngine({
  simStore,
  playback,
  seed: url.seed,
  scenario: { brokers: url.brokers },
  preferInProcess: url.preferInProcess,
  // `?storage=memory` runs without OPFS, as if the browser had none (tests, diagnosis).
  storage:
    new URLSearchParams(window.location.search).get('storage') === 'memory' ? 'memory' : 'auto',
}).catch((error: unknown) => {
  markFailed(simStore, error instanceof Error ? error.message : String(error))
  throw error
})
dispatchToEngine = (command) => void wired.dispatch(command)
if (import.meta.env.DEV || url.e2e) {
  installTestHooks(simStore, playback, wired)
  installDispatchTestHook(wired)
}
