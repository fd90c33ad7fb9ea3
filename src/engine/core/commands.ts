/**
 * Cluster commands: imperative verbs that change the simulated cluster. Every one is recorded in
 * the command log with the simulated time it was issued at, so a run replays and time-travels.
 * Playback controls (advance, seek, export) are not cluster commands and are never recorded.
 */
import { z } from 'zod'
import { BROKERS_MAX } from './scenario'

const brokerId = z.number().int().min(1).max(BROKERS_MAX)

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
  z.object({ type: z.literal('healNetwork') }).strict(),
])

export type ClusterCommand = z.infer<typeof clusterCommandSchema>
export type ClusterCommandType = ClusterCommand['type']

/** A command as recorded in the log. */
export interface RecordedCommand {
  seq: number
  atMs: number
  command: ClusterCommand
}
