/**
 * What the address bar may set: seed, number of brokers, a shared run (`at`, `log`), a lesson step,
 * presenter mode, engine placement and test mode. Anything malformed is ignored with a visible
 * note and a safe default, never a blank page.
 */
import { BROKERS_MAX, type ScenarioConfig } from '../src/engine'
import { REPLAY_END_MS_MAX } from '../src/engine/core/replay'
import { decodeSandboxScenario } from '../src/components/sandbox/sandboxUrl'
import { decodeRunLink, type DecodedRunLink, type RunLink } from './share/runLink'

export const DEFAULT_SEED = 42
export const DEFAULT_BROKERS = 3

export interface AppUrl {
  seed: number
  brokers: number
  preferInProcess: boolean
  e2e: boolean
  /** The simulated moment a shared link shows (`at`), or null. */
  atMs: number | null
  /** The shared run (`log`), or null. */
  run: RunLink | null
  /** Why the `log` parameter was refused, or null. */
  runProblem: Extract<DecodedRunLink, { ok: false }> | null
  /** The lesson step a shared link opens (`step`, 0-based), or null. */
  lessonStep: number | null
  /** Presenter mode (`present=1`). */
  presenter: boolean
  problems: string[]
}

function parseIntParam(raw: string | null, min: number, max: number): number | null | 'invalid' {
  if (raw === null) return null
  if (!/^\d{1,10}$/.test(raw)) return 'invalid'
  const value = Number(raw)
  return value >= min && value <= max ? value : 'invalid'
}

export function parseAppUrl(search: string): AppUrl {
  const params = new URLSearchParams(search)
  const problems: string[] = []
  const seed = parseIntParam(params.get('seed'), 0, 0xffff_ffff)
  if (seed === 'invalid') problems.push(`seed=${params.get('seed')}`)
  const brokers = parseIntParam(params.get('brokers'), 1, BROKERS_MAX)
  if (brokers === 'invalid') problems.push(`brokers=${params.get('brokers')}`)
  const atMs = parseIntParam(params.get('at'), 0, REPLAY_END_MS_MAX)
  if (atMs === 'invalid') problems.push(`at=${params.get('at')}`)
  const step = parseIntParam(params.get('step'), 0, 999)
  if (step === 'invalid') problems.push(`step=${params.get('step')}`)
  const log = params.get('log')
  const decoded = log === null ? null : decodeRunLink(log)
  if (decoded?.ok === false) problems.push('log')
  return {
    seed: typeof seed === 'number' ? seed : DEFAULT_SEED,
    brokers: typeof brokers === 'number' ? brokers : DEFAULT_BROKERS,
    preferInProcess: params.get('engine') === 'inprocess',
    e2e: params.get('e2e') === '1',
    atMs: typeof atMs === 'number' ? atMs : null,
    run: decoded?.ok === true ? decoded.run : null,
    runProblem: decoded?.ok === false ? decoded : null,
    lessonStep: typeof step === 'number' ? step : null,
    presenter: params.get('present') === '1',
    problems,
  }
}

/** The sandbox's topic: a learner sees partitions and replicas at once. */
export const SANDBOX_TOPIC = 'orders'

/**
 * The sandbox's starting cluster: `brokers` brokers and the topic `orders` with 3 partitions,
 * replication factor min(3, brokers) and `min.insync.replicas` 2 (Kafka's usual durable setting;
 * the engine caps it at the replication factor), so `acks=all` can show NOT_ENOUGH_REPLICAS.
 */
export function sandboxScenario(brokers: number, custom: string | null = null): ScenarioConfig {
  // A cluster built on the sandbox page (`?sandbox=`) wins; a malformed one falls back.
  const built = decodeSandboxScenario(custom)
  if (built !== null) return built
  return {
    brokers,
    topics: [
      {
        name: SANDBOX_TOPIC,
        partitions: 3,
        replicationFactor: Math.min(3, brokers),
        configs: { 'min.insync.replicas': 2 },
      },
    ],
  }
}
