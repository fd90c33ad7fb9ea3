/**
 * Entry: language, store, playback machine, engine (in a Worker, or in-process as a fallback),
 * then the React tree.
 */
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { I18nextProvider } from 'react-i18next'
import { createActor } from 'xstate'
import type { ClusterCommand, EngineReplyBody, EngineRequestBody } from '../src/engine'
import { createI18n } from '../src/components/i18n/i18n'
import { createSimStore, markFailed } from '../src/components/store/simStore'
import { playbackMachine } from '../src/lessons/playbackMachine'
import { App } from './App'
import { installPlaybackKeys } from './keyboard'
import { ClassroomContext } from '../src/components/shell/classroom'
import { currentPage } from '../src/components/shell/router'
import { setPresenter } from '../src/components/presenter/presenterMode'
import { createClassroomServices, openSharedRun } from './share/classroomServices'
import { browserLessonProgress, linkedLessonProgress } from './share/lessonStepLink'
import { registerServiceWorker } from './share/registerServiceWorker'
import { installTestHooks } from './testHooks'
import { parseAppUrl, sandboxScenario } from './url'
import { EngineRequestContext } from '../src/components/inspector/engineRequest'
import { SANDBOX_PARAM } from '../src/components/sandbox/sandboxUrl'
import { installDispatchTestHook } from './wiring/dispatchTestHook'
import { wireEngine, type WiredEngine } from './wiring/wireEngine'
import type { LessonEngine } from '../src/components/lessons/lessonServices'
import './styles.css'

const url = parseAppUrl(window.location.search)
const i18n = await createI18n()
const syncHtmlLang = (lng: string) => document.documentElement.setAttribute('lang', lng)
syncHtmlLang(i18n.resolvedLanguage ?? 'en')
i18n.on('languageChanged', syncHtmlLang)

const simStore = createSimStore()
// `?storage=memory` runs without OPFS, as if the browser had none (tests, diagnosis).
const storageMode: 'memory' | 'auto' =
  new URLSearchParams(window.location.search).get('storage') === 'memory' ? 'memory' : 'auto'
const playback = createActor(playbackMachine).start()
installPlaybackKeys(simStore, playback)
if (url.presenter) setPresenter(true)

// Commands issued before the engine answered its handshake are dropped; the UI shows "starting".
let dispatchToEngine: ((command: ClusterCommand) => void) | null = null
const services = {
  simStore,
  playback,
  dispatch: (command: ClusterCommand) => dispatchToEngine?.(command),
}

// The engine runs one simulation at a time: the sandbox, or the lesson being played (its own
// simulation id, so a lesson never overwrites the sandbox's saved run).
let wiredEngine: Promise<WiredEngine> | null = null
let loaded: 'sandbox' | 'lesson' = 'sandbox'
const engineReady = () => wiredEngine ?? Promise.reject(new Error('The engine did not start.'))
const frameOrThrow = (reply: EngineReplyBody) => {
  if (reply.type !== 'frame') {
    throw new Error(
      reply.type === 'rejected' ? `${reply.error.error}: ${reply.error.message}` : reply.type,
    )
  }
}
const lessonEngine: LessonEngine = {
  start: async (seed, scenario) => {
    loaded = 'lesson'
    playback.send({ type: 'PAUSE' })
    const engine = await engineReady()
    frameOrThrow(
      await engine.request({
        type: 'init',
        seed,
        scenario,
        simulationId: 'lesson',
        resume: false,
        storage: storageMode,
      }),
    )
  },
  restore: async (replay) => {
    loaded = 'lesson'
    frameOrThrow(await (await engineReady()).request({ type: 'importReplay', replay }))
  },
  dispatch: async (command) => {
    await (await engineReady()).request({ type: 'dispatch', command })
  },
  seek: async (targetMs) => {
    await (await engineReady()).request({ type: 'seek', targetMs })
  },
}
/** Requests outside playback for the inspector, config panel, builder and script console. */
const engineRequest = async (body: EngineRequestBody) => (await engineReady()).request(body)
const showSandbox = () => {
  if (loaded === 'sandbox') return
  loaded = 'sandbox'
  playback.send({ type: 'PAUSE' })
  void engineReady().then((engine) =>
    engine.request({
      type: 'init',
      seed: url.seed,
      scenario: sandboxScenario(
        url.brokers,
        new URLSearchParams(window.location.search).get(SANDBOX_PARAM),
      ),
      simulationId: 'sandbox',
      resume: true,
      storage: storageMode,
    }),
  )
}

const lessonProgress = linkedLessonProgress(
  browserLessonProgress(),
  window.location.search,
  url.lessonStep,
)
const classroom = createClassroomServices({
  engine: engineReady,
  simStore,
  language: () => i18n.resolvedLanguage ?? 'en',
  lessonStep: lessonProgress.currentStep,
})

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      <ClassroomContext.Provider value={classroom}>
        <EngineRequestContext.Provider value={engineRequest}>
          <App
            services={services}
            urlProblems={url.problems}
            lessonEngine={lessonEngine}
            showSandbox={showSandbox}
            lessonProgress={lessonProgress}
          />
        </EngineRequestContext.Provider>
      </ClassroomContext.Provider>
    </I18nextProvider>
  </StrictMode>,
)

wiredEngine = wireEngine({
  simStore,
  playback,
  seed: url.seed,
  scenario: sandboxScenario(
    url.brokers,
    new URLSearchParams(window.location.search).get(SANDBOX_PARAM),
  ),
  preferInProcess: url.preferInProcess,
  // `?storage=memory` runs without OPFS, as if the browser had none (tests, diagnosis).
  storage: storageMode,
})
const wired = await wiredEngine.catch((error: unknown) => {
  markFailed(simStore, error instanceof Error ? error.message : String(error))
  throw error
})
dispatchToEngine = (command) => void wired.dispatch(command)
// A shared sandbox link (`?at=`, `?log=`) opens its run once the engine is up.
if (loaded === 'sandbox' && currentPage() === 'cluster') await openSharedRun(wired, simStore, url)
registerServiceWorker()
if (import.meta.env.DEV || url.e2e) {
  installTestHooks(simStore, playback, wired)
  installDispatchTestHook(wired)
}
