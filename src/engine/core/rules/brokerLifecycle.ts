/**
 * Broker lifecycle against the KRaft controller (KAFKA_SPEC §2.4 "Controller side"):
 * a starting broker recovers its logs, registers and gets a broker epoch, then heartbeats every
 * `broker.heartbeat.interval.ms`; the controller unfences it on its first heartbeat and fences it
 * when no heartbeat arrived for more than `broker.session.timeout.ms`
 * (metadata/.../BrokerHeartbeatManager.java). A crash is silent: the controller only learns of it
 * when the session expires, which is why a crashed leader keeps "leading" for up to 9 s.
 */
import { assert } from '../assert'
import { schedule } from '../clock'
import { emit } from '../emit'
import type { Env } from '../env'
import type { SimEvent } from '../events'
import { send } from '../network'
import { crashReplicas, recoverReplicas, scheduleBrokerTasks } from '../replication/brokerReplicas'
import {
  onBrokerFencedAtController,
  onBrokerRestartedAtController,
  onBrokerUnfencedAtController,
  metadataImage,
  publishMetadata,
} from '../replication/controller'
import { resolveBrokerConfigs } from '../scenario'
import {
  brokerNode,
  type BrokerId,
  type BrokerState,
  type ClusterState,
  type CrashMode,
  type InFlightMessage,
} from '../types'

function brokerOf(state: ClusterState, brokerId: BrokerId): BrokerState {
  const broker = state.brokersById[brokerId]
  assert(broker !== undefined, `unknown broker ${brokerId}`)
  return broker
}

function isCurrent(broker: BrokerState, incarnation: number): boolean {
  return broker.process === 'running' && broker.incarnation === incarnation
}

export function startBroker(
  state: ClusterState,
  env: Env,
  out: SimEvent[],
  brokerId: BrokerId,
): void {
  const broker = brokerOf(state, brokerId)
  assert(broker.process === 'crashed', `broker ${brokerId} is already running`)
  broker.incarnation += 1
  broker.process = 'running'
  broker.brokerEpoch = null
  emit(state, out, { type: 'brokerStarted', brokerId, incarnation: broker.incarnation })
  if (broker.incarnation > 1) recoverReplicas(state, env, out, broker)
  scheduleBrokerTasks(state, broker)
  sendRegistrationOrHeartbeat(state, out, broker)
  const { 'broker.heartbeat.interval.ms': intervalMs } = resolveBrokerConfigs(state.scenario)
  schedule(state.timers, state.nowMs, state.nowMs + intervalMs, {
    kind: 'brokerHeartbeat',
    brokerId,
    incarnation: broker.incarnation,
  })
}

export function crashBroker(
  state: ClusterState,
  env: Env,
  out: SimEvent[],
  brokerId: BrokerId,
  mode: CrashMode,
): void {
  const broker = brokerOf(state, brokerId)
  assert(broker.process === 'running', `broker ${brokerId} is not running`)
  broker.process = 'crashed'
  broker.brokerEpoch = null
  broker.lastCrashMode = mode
  crashReplicas(state, env, broker, mode)
  emit(state, out, { type: 'brokerCrashed', brokerId, mode })
}

function sendRegistrationOrHeartbeat(state: ClusterState, out: SimEvent[], broker: BrokerState) {
  const from = brokerNode(broker.brokerId)
  if (broker.brokerEpoch === null) {
    // Not registered yet (or the registration was lost): ask again on every heartbeat tick.
    send(state, out, from, state.controller.nodeId, {
      kind: 'brokerRegistration',
      brokerId: broker.brokerId,
      incarnation: broker.incarnation,
    })
  } else {
    send(state, out, from, state.controller.nodeId, {
      kind: 'brokerHeartbeat',
      brokerId: broker.brokerId,
      incarnation: broker.incarnation,
      brokerEpoch: broker.brokerEpoch,
      metadataVersion: broker.metadataVersion,
    })
  }
}

export function onBrokerHeartbeatTimer(
  state: ClusterState,
  out: SimEvent[],
  brokerId: BrokerId,
  incarnation: number,
): void {
  const broker = brokerOf(state, brokerId)
  // A timer of a crashed or earlier incarnation dies with it.
  if (!isCurrent(broker, incarnation)) return
  sendRegistrationOrHeartbeat(state, out, broker)
  const { 'broker.heartbeat.interval.ms': intervalMs } = resolveBrokerConfigs(state.scenario)
  schedule(state.timers, state.nowMs, state.nowMs + intervalMs, {
    kind: 'brokerHeartbeat',
    brokerId,
    incarnation,
  })
}

function scheduleSessionCheck(state: ClusterState, brokerId: BrokerId, brokerEpoch: number) {
  const { 'broker.session.timeout.ms': sessionMs } = resolveBrokerConfigs(state.scenario)
  // The session expires once strictly more than the timeout has passed since the last contact.
  schedule(state.timers, state.nowMs, state.nowMs + sessionMs + 1, {
    kind: 'brokerSessionCheck',
    brokerId,
    brokerEpoch,
  })
}

export function onBrokerSessionCheck(
  state: ClusterState,
  out: SimEvent[],
  brokerId: BrokerId,
  brokerEpoch: number,
): void {
  const registration = state.controller.registrationsById[brokerId]
  if (registration === undefined || registration.brokerEpoch !== brokerEpoch) return
  if (registration.fenced) return
  const { 'broker.session.timeout.ms': sessionMs } = resolveBrokerConfigs(state.scenario)
  if (state.nowMs - registration.lastContactMs <= sessionMs) return
  registration.fenced = true
  emit(state, out, {
    type: 'brokerFenced',
    brokerId,
    brokerEpoch,
    lastContactMs: registration.lastContactMs,
  })
  onBrokerFencedAtController(state, out, brokerId)
}

/** Handles a message addressed to the controller (registration and heartbeats). */
export function controllerReceiveLifecycle(
  state: ClusterState,
  out: SimEvent[],
  message: InFlightMessage,
): void {
  const payload = message.payload
  if (payload.kind === 'brokerRegistration') {
    const previous = state.controller.registrationsById[payload.brokerId]
    const brokerEpoch = state.controller.nextBrokerEpoch++
    state.controller.registrationsById[payload.brokerId] = {
      brokerId: payload.brokerId,
      brokerEpoch,
      fenced: true,
      lastContactMs: state.nowMs,
    }
    emit(state, out, { type: 'brokerRegistered', brokerId: payload.brokerId, brokerEpoch })
    // A restarted broker's new registration does not take it out of any ISR (the gap KIP-903
    // closed by refusing ISR *joins* from stale broker epochs), but it loses leadership.
    if (previous !== undefined && !previous.fenced)
      onBrokerRestartedAtController(state, out, payload.brokerId)
    scheduleSessionCheck(state, payload.brokerId, brokerEpoch)
    send(state, out, state.controller.nodeId, message.from, {
      kind: 'brokerRegistrationResponse',
      brokerId: payload.brokerId,
      incarnation: payload.incarnation,
      brokerEpoch,
    })
    publishMetadata(state, out)
    return
  }
  if (payload.kind === 'brokerHeartbeat') {
    const registration = state.controller.registrationsById[payload.brokerId]
    const stale = registration === undefined || registration.brokerEpoch !== payload.brokerEpoch
    if (!stale) {
      registration.lastContactMs = state.nowMs
      if (registration.fenced) {
        registration.fenced = false
        emit(state, out, {
          type: 'brokerUnfenced',
          brokerId: payload.brokerId,
          brokerEpoch: payload.brokerEpoch,
        })
        onBrokerUnfencedAtController(state, out)
      } else if (payload.metadataVersion < state.controller.metadataVersion) {
        // The broker missed metadata (lost or cut off): it catches up through its heartbeat.
        send(state, out, state.controller.nodeId, message.from, {
          kind: 'metadataUpdate',
          image: metadataImage(state),
        })
      }
      scheduleSessionCheck(state, payload.brokerId, payload.brokerEpoch)
    }
    send(state, out, state.controller.nodeId, message.from, {
      kind: 'brokerHeartbeatResponse',
      brokerId: payload.brokerId,
      incarnation: payload.incarnation,
      isFenced: stale || (registration?.fenced ?? true),
      staleBrokerEpoch: stale,
    })
  }
}

/** Handles lifecycle messages addressed to a broker; returns true when it handled one. */
export function brokerReceiveLifecycle(
  state: ClusterState,
  out: SimEvent[],
  broker: BrokerState,
  message: InFlightMessage,
): boolean {
  const payload = message.payload
  if (payload.kind === 'brokerRegistrationResponse') {
    if (isCurrent(broker, payload.incarnation)) {
      broker.brokerEpoch = payload.brokerEpoch
      // Heartbeat at once: the first heartbeat is what unfences a broker.
      sendRegistrationOrHeartbeat(state, out, broker)
    }
    return true
  }
  if (payload.kind === 'brokerHeartbeatResponse') {
    // A stale epoch means the controller replaced our registration: register again.
    if (isCurrent(broker, payload.incarnation) && payload.staleBrokerEpoch)
      broker.brokerEpoch = null
    return true
  }
  return false
}
