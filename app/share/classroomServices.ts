/**
 * The classroom controls' services (src/components/shell/classroom.ts) over the engine protocol:
 * links to the current view, replay files out and in, and opening the run a shared link carries.
 */
import type { ReplayFile } from '../../src/engine'
import { linkStatus, type ClassroomServices } from '../../src/components/shell/classroom'
import { currentPage } from '../../src/components/shell/router'
import { lessonIdFrom } from '../../src/components/lessons/lessonServices'
import { isPresenter } from '../../src/components/presenter/presenterMode'
import { SANDBOX_PARAM } from '../../src/components/sandbox/sandboxUrl'
import type { SimStore } from '../../src/components/store/simStore'
import { sandboxScenario, type AppUrl } from '../url'
import type { WiredEngine } from '../wiring/wireEngine'
import { replayOfRunLink } from './runLink'
import { shareUrl } from './shareUrl'

export interface ClassroomDeps {
  engine: () => Promise<WiredEngine>
  simStore: SimStore
  language: () => string
  /** The step the learner is on in a lesson (lessonStepLink.ts). */
  lessonStep: (lessonId: string) => number | null
}

async function exportReplay(engine: WiredEngine): Promise<ReplayFile> {
  const reply = await engine.request({ type: 'exportReplay' })
  if (reply.type !== 'replayExported') {
    throw new Error(reply.type === 'rejected' ? reply.error.message : reply.type)
  }
  return reply.replay
}

export function createClassroomServices({
  engine,
  simStore,
  language,
  lessonStep,
}: ClassroomDeps): ClassroomServices {
  return {
    shareUrl: async () => {
      const page = currentPage()
      const search = window.location.search
      const options = {
        base: `${window.location.origin}${window.location.pathname}`,
        search,
        language: language(),
        presenter: isPresenter(),
      }
      if (page === 'cluster') {
        const replay = await exportReplay(await engine())
        return shareUrl({ page, replay, nowMs: simStore.getState().nowMs }, options)
      }
      if (page === 'lessons') {
        const lessonId = lessonIdFrom(search)
        const stepIndex = lessonId === null ? null : lessonStep(lessonId)
        return shareUrl({ page, lessonId, stepIndex }, options)
      }
      return shareUrl({ page }, options)
    },
    exportReplay: async () => exportReplay(await engine()),
    importReplay: async (text) => {
      const reply = await (await engine()).request({ type: 'importReplay', replay: text })
      if (reply.type === 'frame') return { ok: true, warning: reply.notice }
      if (reply.type === 'rejected') {
        // The classroom row explains the refusal; the generic "refused" notice would repeat it.
        simStore.setState({ rejection: null })
        return { ok: false, reason: reply.error.message }
      }
      return { ok: false, reason: reply.type === 'failed' ? reply.message : reply.type }
    },
  }
}

/**
 * Opens the run a sandbox link carries (`log`, `at`): imports it as a replay and seeks to the
 * moment shown. A link the engine refuses leaves the default run and says why.
 */
export async function openSharedRun(engine: WiredEngine, simStore: SimStore, url: AppUrl) {
  if (url.runProblem !== null) {
    linkStatus.setState({ problem: url.runProblem })
    return
  }
  if (url.run === null && url.atMs === null) return
  const run = url.run ?? { endMs: url.atMs ?? 0, commands: [], scenario: null }
  const endMs = Math.max(run.endMs, url.atMs ?? 0)
  const built = new URLSearchParams(window.location.search).get(SANDBOX_PARAM)
  const scenario = run.scenario ?? sandboxScenario(url.brokers, built)
  const replay = replayOfRunLink(url.seed, scenario, { ...run, endMs })
  const imported = await engine
    .request({ type: 'importReplay', replay })
    .catch((error: unknown) => ({ type: 'failed' as const, message: String(error), seed: null }))
  if (imported.type !== 'frame') {
    simStore.setState({ rejection: null })
    const detail =
      imported.type === 'rejected'
        ? imported.error.message
        : imported.type === 'failed'
          ? imported.message
          : imported.type
    linkStatus.setState({ problem: { problem: 'refused', detail } })
    return
  }
  if (url.atMs !== null && url.atMs < endMs) {
    await engine.request({ type: 'seek', targetMs: url.atMs })
  }
}
