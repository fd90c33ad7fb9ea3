/**
 * Cluster commands: imperative verbs that change the simulated cluster. Every one is recorded in
 * the command log with the simulated time it was issued at, so a run replays and time-travels.
 * Playback controls (advance, seek, export) are not cluster commands and are never recorded.
 */
import { z } from 'zod'
import { BROKERS_MAX, topicSpecSchema } from './scenario'
import { producerCommandSchemas } from './clients/producer/producerCommands'
import { consumerCommandSchemas } from './clients/consumer/consumerCommands'

const brokerId = z.number().int().min(1).max(BROKERS_MAX)
/** Client node kinds numbered from 1 (`producer-1`, ...); add a kind here to make it addressable. */
const CLIENT_NODE_KINDS = ['producer', 'consumer']
const nodeId = z
  .string()
  .regex(
    new RegExp(
      `^(controller|client-1|broker-[1-6]|(${CLIENT_NODE_KINDS.join('|')})-[1-9][0-9]{0,2})$`,
    ),
    `a node is controller, client-1, broker-1..6 or ${CLIENT_NODE_KINDS.map((k) => `${k}-N`).join(', ')}`,
  )
const topic = z.string().min(1).max(249)
const partition = z.number().int().min(0).max(11)

export const clusterCommandSchema = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('crashBroker'),
      brokerId,
      /** `process`: kill -9, the OS keeps its page cache. `powerLoss`: unflushed data is gone. */
      mode: z.enum(['process', 'powerLoss']),
    })
    .strict(),
  z.object({ type: z.literal('restartBroker'), brokerId }).strict(),
  z.object({ type: z.literal('isolateBroker'), brokerId }).strict(),
  /** Cuts the link between two nodes only (a partial network partition). */
  z.object({ type: z.literal('cutLink'), a: nodeId, b: nodeId }).strict(),
  z.object({ type: z.literal('healNetwork') }).strict(),
  /** Adds latency to every message to or from a node (0 restores it): a slow follower. */
  z
    .object({
      type: z.literal('slowNode'),
      nodeId,
      extraLatencyMs: z.number().int().min(0).max(60_000),
    })
    .strict(),
  z.object({ type: z.literal('createTopic'), topic: topicSpecSchema }).strict(),
  z
    .object({
      type: z.literal('produce'),
      topic,
      partition,
      records: z
        .array(
          z
            .object({
              key: z.string().max(1000).nullable(),
              value: z.string().max(2_000_000).nullable(),
            })
            .strict(),
        )
        .min(1)
        .max(500),
      /** -1 (all), 0 or 1; anything else reaches the broker and gets INVALID_REQUIRED_ACKS. */
      acks: z.number().int().min(-1).max(32_767),
      timeoutMs: z.number().int().min(1).max(3_600_000).optional(),
      /** Send to this broker instead of the current leader (to show NOT_LEADER_OR_FOLLOWER). */
      brokerId: brokerId.optional(),
      /** An idempotent producer's batch fields (what the full producer sends; raw requests may too). */
      producerId: z
        .number()
        .int()
        .min(0)
        .max(2 ** 40)
        .optional(),
      producerEpoch: z.number().int().min(0).max(32_767).optional(),
      baseSequence: z.number().int().min(0).max(2_147_483_647).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('consumerFetch'),
      topic,
      partition,
      fetchOffset: z.number().int().min(0),
      maxBytes: z
        .number()
        .int()
        .min(1)
        .max(1 << 30)
        .optional(),
      brokerId: brokerId.optional(),
      /** `isolation.level` of the reading consumer (default read_uncommitted). */
      isolationLevel: z.enum(['read_uncommitted', 'read_committed']).optional(),
    })
    .strict(),
  /** The replica fetcher of a broker hangs (heartbeats go on), or resumes. */
  z.object({ type: z.literal('pauseFetcher'), brokerId }).strict(),
  z.object({ type: z.literal('resumeFetcher'), brokerId }).strict(),
  /** One round of fetches from a paused fetcher: the step-by-step view of replication. */
  z.object({ type: z.literal('stepFetcher'), brokerId }).strict(),
  /** The broker's next `count` responses to clients are lost on the way. */
  z
    .object({ type: z.literal('dropResponses'), brokerId, count: z.number().int().min(1).max(100) })
    .strict(),
  z.object({ type: z.literal('electPreferredLeaders') }).strict(),
  ...producerCommandSchemas,
  ...consumerCommandSchemas,
  /** IncrementalAlterConfigs: a topic's configs, or the brokers' cluster-wide default (""). */
  z
    .object({
      type: z.literal('alterConfigs'),
      resourceType: z.enum(['broker', 'topic']),
      resourceName: z.string().max(249),
      /** null deletes the override (the default applies again). */
      configs: z.record(
        z.string().max(100),
        z.union([z.number(), z.string().max(200), z.boolean(), z.null()]),
      ),
    })
    .strict(),
])

export type ClusterCommand = z.infer<typeof clusterCommandSchema>
export type ClusterCommandType = ClusterCommand['type']

/** A command as recorded in the log. */
export interface RecordedCommand {
  seq: number
  atMs: number
  command: ClusterCommand
}
