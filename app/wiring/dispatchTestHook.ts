/**
 * `window.__kafkaDispatch`: sends a cluster command through the wired engine and resolves with
 * the reply's type ('frame' or 'rejected'), for browser tests that need commands without a
 * button (creating a topic, producing). Installed with the other test hooks (dev builds, `?e2e=1`).
 */
import type { ClusterCommand } from '../../src/engine'
import type { WiredEngine } from './wireEngine'

declare global {
  interface Window {
    __kafkaDispatch?: (command: ClusterCommand) => Promise<string>
  }
}

export function installDispatchTestHook(engine: WiredEngine): void {
  window.__kafkaDispatch = async (command) => (await engine.dispatch(command)).type
}
