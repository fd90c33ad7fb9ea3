/**
 * The link "Copy link" puts on the clipboard: the page and what it shows. A sandbox link carries
 * seed, brokers, the simulated moment and (when there is one) the run; a lesson link carries the
 * lesson and its step. Diagnostic switches of the current address (`e2e`, `engine`, `storage`)
 * are kept, so a link copied in a test opens the same way in another browser.
 */
import type { ReplayFile } from '../../src/engine'
import { decodeSandboxScenario, SANDBOX_PARAM } from '../../src/components/sandbox/sandboxUrl'
import { sandboxScenario } from '../url'
import { encodeRunLink } from './runLink'

/** Parameters that describe what is shown; everything else in the address is kept as it is. */
const VIEW_PARAMS = ['page', 'seed', 'brokers', 'at', 'log', 'lesson', 'step', 'lang', 'present']

const sameScenario = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

export type ShareTarget =
  | { page: 'cluster'; replay: ReplayFile; nowMs: number }
  | { page: 'lessons'; lessonId: string | null; stepIndex: number | null }
  | { page: string }

export interface ShareOptions {
  /** `location.origin + location.pathname` */
  base: string
  /** The current `location.search`, for the diagnostic switches. */
  search: string
  language: string
  presenter: boolean
}

export function shareUrl(target: ShareTarget, options: ShareOptions): string {
  const params = new URLSearchParams(options.search)
  // A cluster built on the sandbox page stays in its readable `sandbox=` parameter.
  const built = decodeSandboxScenario(params.get(SANDBOX_PARAM))
  for (const name of VIEW_PARAMS) params.delete(name)
  if (target.page !== 'cluster') params.set('page', target.page)
  if ('replay' in target) {
    const { replay, nowMs } = target
    const keepBuilt = built !== null && sameScenario(built, replay.scenario)
    if (!keepBuilt) params.delete(SANDBOX_PARAM)
    const sandbox =
      keepBuilt || sameScenario(replay.scenario, sandboxScenario(replay.scenario.brokers))
    params.set('seed', String(replay.seed))
    params.set('brokers', String(replay.scenario.brokers))
    params.set('at', String(nowMs))
    // No commands, nothing after the moment shown, the sandbox's scenario: seed and time say it all.
    if (replay.commands.length > 0 || replay.endMs > nowMs || !sandbox) {
      params.set(
        'log',
        encodeRunLink({
          endMs: replay.endMs,
          commands: replay.commands,
          scenario: sandbox ? null : replay.scenario,
        }),
      )
    }
  } else if ('lessonId' in target && target.lessonId !== null) {
    params.set('lesson', target.lessonId)
    if (target.stepIndex !== null) params.set('step', String(target.stepIndex))
  }
  params.set('lang', options.language)
  if (options.presenter) params.set('present', '1')
  return `${options.base}?${params.toString()}`
}
