/**
 * A short fingerprint of a run (FNV-1a over its events and final view), used to check that the
 * same seed gives the same run in Node and in the browser's worker.
 */
import type { SimEvent } from './events'
import type { ClusterView } from './view'

export function fnv1a(text: string): string {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h.toString(16).padStart(8, '0')
}

export function traceHash(events: readonly SimEvent[], finalView: ClusterView): string {
  return fnv1a(JSON.stringify({ events, finalView }))
}
