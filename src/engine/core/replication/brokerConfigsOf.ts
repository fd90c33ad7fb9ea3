/**
 * The scenario's broker configs and legacy switches, resolved once rather than on every fetch,
 * HW check and timer. The caches are keyed by the scenario's own objects, which are replaced,
 * never changed in place, when configs are altered (config/alterConfigs.ts); the resolved objects
 * are frozen so no caller can change what another one reads.
 */
import {
  resolveBrokerConfigs,
  resolveLegacy,
  type BrokerConfigs,
  type ScenarioConfig,
} from '../scenario'
import type { ClusterState } from '../types'

const NONE = {}
const brokerConfigs = new WeakMap<object, BrokerConfigs>()
const legacies = new WeakMap<object, ReturnType<typeof resolveLegacy>>()

function cached<T>(
  cache: WeakMap<object, T>,
  key: object | undefined,
  scenario: ScenarioConfig,
  resolve: (scenario: ScenarioConfig) => T,
): T {
  const found = cache.get(key ?? NONE)
  if (found !== undefined) return found
  const resolved = Object.freeze(resolve(scenario))
  cache.set(key ?? NONE, resolved)
  return resolved
}

/** `resolveBrokerConfigs(state.scenario)`, cached. */
export function brokerConfigsOf(state: ClusterState): Readonly<BrokerConfigs> {
  return cached(brokerConfigs, state.scenario.brokerConfigs, state.scenario, resolveBrokerConfigs)
}

/** `resolveLegacy(state.scenario)`, cached. */
export function legacyOf(state: ClusterState): Readonly<ReturnType<typeof resolveLegacy>> {
  return cached(legacies, state.scenario.legacy, state.scenario, resolveLegacy)
}
