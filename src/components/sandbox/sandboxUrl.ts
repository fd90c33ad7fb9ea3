/**
 * The sandbox's custom cluster in the address bar (`?sandbox=<JSON scenario>`), so a built
 * cluster can be shared and survives a reload. Read back through the scenario schema.
 */
import { parseScenario, type ScenarioConfig } from '../../engine/core/scenario'

export const SANDBOX_PARAM = 'sandbox'

export function decodeSandboxScenario(raw: string | null): ScenarioConfig | null {
  if (raw === null) return null
  let json: unknown
  try {
    json = JSON.parse(raw)
  } catch {
    return null
  }
  const parsed = parseScenario(json)
  return parsed.ok ? parsed.value : null
}

/** The current URL with the scenario and seed replaced (other parameters kept). */
export function sandboxHref(scenario: ScenarioConfig, seed: number, search: string): string {
  const params = new URLSearchParams(search)
  params.set(SANDBOX_PARAM, JSON.stringify(scenario))
  params.set('seed', String(seed))
  params.delete('brokers')
  return `?${params.toString()}`
}
