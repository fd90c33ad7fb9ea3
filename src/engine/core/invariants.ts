/**
 * Invariants are code: checked after every timer in tests and dev builds. A violation is an
 * engine bug; the host stops the run and reports it with the seed so it can be replayed.
 */
import { assert } from './assert'
import type { ClusterState } from './types'

export function assertInvariants(state: ClusterState): void {
  for (const message of Object.values(state.inFlightById)) {
    assert(message.deliverAtMs >= state.nowMs, `message ${message.id} should have been delivered`)
    assert(message.sentAtMs <= state.nowMs, `message ${message.id} was sent in the future`)
  }
  for (const brokerId of state.brokerIds) {
    const broker = state.brokersById[brokerId]
    assert(broker !== undefined, `broker ${brokerId} is missing`)
    if (broker.process === 'crashed')
      assert(broker.brokerEpoch === null, 'a crashed broker holds no broker epoch')
    const registration = state.controller.registrationsById[brokerId]
    if (broker.brokerEpoch !== null) {
      assert(
        registration !== undefined,
        `broker ${brokerId} holds an epoch the controller never gave`,
      )
      assert(registration.brokerEpoch >= broker.brokerEpoch, 'broker epochs only grow')
    }
  }
  for (const broker of Object.values(state.brokersById)) {
    for (const [key, replica] of Object.entries(broker.replicasByKey)) {
      const log = replica.log
      assert(
        log.logStartOffset <= replica.highWatermark && replica.highWatermark <= log.logEndOffset,
        `broker ${broker.brokerId} ${key}: logStartOffset ${log.logStartOffset} ≤ HW ${replica.highWatermark} ≤ LEO ${log.logEndOffset}`,
      )
      if (replica.role === 'leader') {
        for (const produce of replica.delayedProduces)
          assert(
            produce.requiredOffset > replica.highWatermark,
            'a satisfied produce was left waiting',
          )
      }
    }
  }
  const first = state.timers.heap[0]
  if (first !== undefined) assert(first.dueAtMs >= state.nowMs, 'a due timer was not fired')
}
