/**
 * The probe page's global, typed for the page itself and for Playwright code that calls it
 * inside `page.evaluate` (e2e/opfsStore.spec.ts, bench/browser/opfs.ts).
 */
import type { OpfsProbeApi } from '../../src/engine/storage/opfs/probeProtocol'

export type { OpfsProbeApi }
export type {
  ProbeCommand,
  ProbeResponse,
  ProbeResultOf,
} from '../../src/engine/storage/opfs/probeProtocol'

declare global {
  interface Window {
    /** Set by app/probes/opfsProbe.ts once the page has loaded. */
    __opfsProbe?: OpfsProbeApi
  }
}
