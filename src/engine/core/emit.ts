import type { SimEvent, SimEventBody } from './events'
import type { ClusterState } from './types'

/** Stamps an event with the next sequence number and the current simulated time. */
export function emit(state: ClusterState, out: SimEvent[], body: SimEventBody): void {
  out.push({ ...body, seq: state.nextEventSeq++, atMs: state.nowMs })
}
