/**
 * Engine events: past-tense facts the core returns while time moves or commands apply. The UI
 * animates them and the event log lists them; the engine never calls back into the UI.
 */
import type { BrokerId, CrashMode, MessageKind, NodeId } from './types'

export type SimEventBody =
  | { type: 'brokerStarted'; brokerId: BrokerId; incarnation: number }
  | { type: 'brokerCrashed'; brokerId: BrokerId; mode: CrashMode }
  | { type: 'brokerRegistered'; brokerId: BrokerId; brokerEpoch: number }
  | { type: 'brokerUnfenced'; brokerId: BrokerId; brokerEpoch: number }
  | { type: 'brokerFenced'; brokerId: BrokerId; brokerEpoch: number; lastContactMs: number }
  | { type: 'nodeIsolated'; nodeId: NodeId }
  | { type: 'networkHealed' }
  | {
      type: 'messageDropped'
      messageId: number
      kind: MessageKind
      from: NodeId
      to: NodeId
      reason: 'linkDown' | 'lost' | 'receiverDown'
    }

export type SimEventType = SimEventBody['type']

/** An event as emitted: numbered across the run and stamped with the simulated time. */
export type SimEvent = SimEventBody & { seq: number; atMs: number }
