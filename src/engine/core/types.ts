/**
 * The simulation state. Everything here is plain data (numbers, strings, arrays, records; `null`
 * for "never") so a checkpoint is a structuredClone and a replay file is JSON. Names follow Kafka
 * (node.id, brokerEpoch, ...); ids of network nodes are strings such as `broker-1` or `controller`.
 */
import type { TimerQueue } from './clock'
import type { RngState } from './rng'
import type { ScenarioConfig } from './scenario'

/** Kafka's `node.id` of a broker: 1, 2, 3, ... */
export type BrokerId = number

/** A network endpoint: `controller`, `broker-<id>`, later clients such as `producer-1`. */
export type NodeId = string

export const CONTROLLER_NODE: NodeId = 'controller'

export function brokerNode(brokerId: BrokerId): NodeId {
  return `broker-${brokerId}`
}

/** How a broker went down: the process died (the OS and its page cache survive) or the power did. */
export type CrashMode = 'process' | 'powerLoss'

export interface BrokerState {
  brokerId: BrokerId
  /** Bumped on every start; timers and messages of an earlier incarnation are ignored. */
  incarnation: number
  process: 'running' | 'crashed'
  /** The epoch the controller gave this broker's current registration (null until registered). */
  brokerEpoch: number | null
  lastCrashMode: CrashMode | null
}

/** What the KRaft controller knows about a registered broker (BrokerHeartbeatManager). */
export interface BrokerRegistration {
  brokerId: BrokerId
  brokerEpoch: number
  fenced: boolean
  lastContactMs: number
}

export interface ControllerState {
  nodeId: NodeId
  registrationsById: Record<string, BrokerRegistration>
  nextBrokerEpoch: number
}

export type MessagePayload =
  | { kind: 'brokerRegistration'; brokerId: BrokerId; incarnation: number }
  | {
      kind: 'brokerRegistrationResponse'
      brokerId: BrokerId
      incarnation: number
      brokerEpoch: number
    }
  | { kind: 'brokerHeartbeat'; brokerId: BrokerId; incarnation: number; brokerEpoch: number }
  | {
      kind: 'brokerHeartbeatResponse'
      brokerId: BrokerId
      incarnation: number
      isFenced: boolean
      /** The controller no longer knows this broker epoch (STALE_BROKER_EPOCH): register again. */
      staleBrokerEpoch: boolean
    }

export type MessageKind = MessagePayload['kind']

export interface InFlightMessage {
  id: number
  from: NodeId
  to: NodeId
  sentAtMs: number
  deliverAtMs: number
  payload: MessagePayload
}

export interface NetworkState {
  /** Unordered links that drop every message, as `a|b` with a < b. */
  blockedLinks: string[]
  /** Per directed link, the latest delivery time handed out: links are FIFO like TCP. */
  lastDeliverAtMsByLink: Record<string, number>
}

export type TimerAction =
  | { kind: 'deliver'; messageId: number }
  | { kind: 'brokerHeartbeat'; brokerId: BrokerId; incarnation: number }
  | { kind: 'brokerSessionCheck'; brokerId: BrokerId; brokerEpoch: number }

/** Independent PRNG streams, one per subsystem. */
export interface RngStreams {
  network: RngState
}

export interface ClusterState {
  seed: number
  scenario: ScenarioConfig
  nowMs: number
  rng: RngStreams
  timers: TimerQueue
  brokerIds: BrokerId[]
  brokersById: Record<string, BrokerState>
  controller: ControllerState
  network: NetworkState
  inFlightById: Record<string, InFlightMessage>
  nextMessageId: number
  /** Sequence number of the next event; events are numbered across the whole run. */
  nextEventSeq: number
}
