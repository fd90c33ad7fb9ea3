/**
 * The engine's public surface for the UI and lessons: protocol and view types, pure helpers.
 * Components and lessons import the engine only through this file.
 */
export type { ClusterView, BrokerView, BrokerStatus, MessageView } from './core/view'
export type { SimEvent, SimEventType } from './core/events'
export type { ClusterCommand, ClusterCommandType, RecordedCommand } from './core/commands'
export type { KafkaError } from './core/errors'
export type { ScenarioConfig } from './core/scenario'
export type { ReplayFile } from './core/replay'
export type { BrokerId, NodeId, CrashMode } from './core/types'
export type {
  Frame,
  EngineRequest,
  EngineRequestBody,
  EngineReply,
  EngineReplyBody,
  Endpoint,
} from './protocol'
export { PROTOCOL_VERSION } from './protocol'
export { STANDARD_SCENARIO, BROKERS_MAX } from './core/scenario'
export { CONTROLLER_NODE, brokerNode } from './core/types'
export { ENGINE_VERSION } from './core/version'

/** The IO lab's pure models: copy paths, the page cache demo, the measurement plan and results. */
export * from './core/io'
