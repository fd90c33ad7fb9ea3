/**
 * Engine events: past-tense facts the core returns while time moves or commands apply. The UI
 * animates them and the event log lists them; the engine never calls back into the UI.
 */
import type { KafkaError } from './errors'
import type { SegmentDeletionReason } from './log'
import type { GroupSimEventBody } from './clients/group/groupTypes'
import type { BrokerId, CrashMode, MessageKind, NodeId } from './types'
import type { ProducerEventBody } from './clients/producer/producerTypes'

export type SimEventBody =
  | GroupSimEventBody
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
      reason: 'linkDown' | 'lost' | 'receiverDown' | 'responseDropped'
    }
  | { type: 'linkCut'; a: NodeId; b: NodeId }
  | { type: 'nodeSlowed'; nodeId: NodeId; extraLatencyMs: number }
  | { type: 'fetcherPaused'; brokerId: BrokerId }
  | { type: 'fetcherResumed'; brokerId: BrokerId }
  /** The retention task deleted whole segments (oldest first) and moved the log start offset. */
  | {
      type: 'segmentsDeleted'
      brokerId: BrokerId
      topic: string
      partition: number
      baseOffsets: number[]
      reason: SegmentDeletionReason
      logStartOffset: number
    }
  | { type: 'topicCreated'; topic: string; partitions: number; replicationFactor: number }
  | {
      type: 'leaderElected'
      topic: string
      partition: number
      leader: BrokerId
      leaderEpoch: number
      isr: BrokerId[]
      reason: 'brokerFenced' | 'brokerUnfenced' | 'unclean' | 'preferred'
    }
  | {
      type: 'partitionOffline'
      topic: string
      partition: number
      isr: BrokerId[]
      leaderEpoch: number
    }
  | {
      type: 'isrChanged'
      topic: string
      partition: number
      isr: BrokerId[]
      partitionEpoch: number
      reason: 'shrink' | 'expand' | 'brokerFenced'
    }
  | {
      type: 'recordsAppended'
      brokerId: BrokerId
      topic: string
      partition: number
      baseOffset: number
      lastOffset: number
      leaderEpoch: number
      role: 'leader' | 'follower'
    }
  | {
      type: 'highWatermarkAdvanced'
      brokerId: BrokerId
      topic: string
      partition: number
      highWatermark: number
    }
  | {
      type: 'logTruncated'
      brokerId: BrokerId
      topic: string
      partition: number
      logEndOffset: number
      reason: 'divergingEpoch' | 'highWatermark' | 'outOfRange'
    }
  | {
      type: 'logRecovered'
      brokerId: BrokerId
      topic: string
      partition: number
      logEndOffset: number
      truncatedBytes: number
    }
  | {
      type: 'produceCompleted'
      requestId: number
      topic: string
      partition: number
      error: KafkaError['error'] | null
      baseOffset: number
    }
  | {
      type: 'fetchCompleted'
      requestId: number
      topic: string
      partition: number
      error: KafkaError['error'] | null
      offsets: number[]
      highWatermark: number | null
    }
  | ProducerEventBody

export type SimEventType = SimEventBody['type']

/** An event as emitted: numbered across the run and stamped with the simulated time. */
export type SimEvent = SimEventBody & { seq: number; atMs: number }
