/**
 * The pure parts of the client panel: names for new clients, the producer configs a form asks
 * for, send outcomes and a group's per-partition table, all from the frame's view.
 */
import type { ClusterView } from '../../engine'

export type ProducerView = ClusterView['producers'][number]
export type GroupView = ClusterView['consumerGroups']['groups'][number]
export type ConsumerView = ClusterView['consumerGroups']['consumers'][number]

/** The next free `producer-N` / `consumer-N` (names are never reused within a run). */
export function nextClientName(
  prefix: 'producer' | 'consumer',
  existing: readonly string[],
): string {
  const pattern = new RegExp(`^${prefix}-(\\d+)$`)
  let highest = 0
  for (const name of existing) {
    const match = pattern.exec(name)
    if (match) highest = Math.max(highest, Number(match[1]))
  }
  return `${prefix}-${highest + 1}`
}

export interface ProducerForm {
  acks: 'all' | '1' | '0'
  idempotence: boolean
  lingerMs: string
  batchSize: string
  compression: 'none' | 'gzip' | 'snappy' | 'lz4' | 'zstd'
}

export const PRODUCER_FORM_DEFAULTS: ProducerForm = {
  acks: 'all',
  idempotence: true,
  lingerMs: '5',
  batchSize: '16384',
  compression: 'none',
}

export const COMPRESSION_TYPES = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const

/**
 * The form as Kafka producer configs. Numbers are passed as typed: the engine's config catalog
 * validates them and refuses a bad one with `ConfigException` naming the key.
 */
export function producerConfigs(form: ProducerForm): Record<string, string | number | boolean> {
  const number = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : text.trim())
  return {
    acks: form.acks,
    'enable.idempotence': form.idempotence,
    'linger.ms': number(form.lingerMs),
    'batch.size': number(form.batchSize),
    'compression.type': form.compression,
  }
}

export type SendOutcome =
  | { kind: 'acked'; partitionKey: string; offset: number }
  | { kind: 'failed'; partitionKey: string; error: string }

/** One send's outcome, newest first; offset −1 is acks=0's "sent, never confirmed". */
export function sendOutcomes(producer: ProducerView): (SendOutcome & { recordId: number })[] {
  return [...producer.results]
    .sort((a, b) => b.recordId - a.recordId)
    .map((r) =>
      r.error === null
        ? { kind: 'acked', recordId: r.recordId, partitionKey: r.partitionKey, offset: r.offset }
        : { kind: 'failed', recordId: r.recordId, partitionKey: r.partitionKey, error: r.error },
    )
}

export interface GroupPartitionRow {
  partitionKey: string
  /** The consumer node that owns it in the current assignment, or null. */
  owner: string | null
  position: number | null
  committedOffset: number | null
  highWatermark: number | null
  /** HW − committed offset (the group's lag, as kafka-consumer-groups.sh shows it). */
  lag: number | null
}

/** Sorts `orders-10` after `orders-9`. */
function byPartitionKey(a: string, b: string): number {
  const at = (key: string) => key.lastIndexOf('-')
  const topic = a.slice(0, at(a)).localeCompare(b.slice(0, at(b)))
  return topic !== 0 ? topic : Number(a.slice(at(a) + 1)) - Number(b.slice(at(b) + 1))
}

/** Every partition the group owns or has committed: owner, position, committed offset, lag. */
export function groupPartitionRows(
  group: GroupView,
  consumers: readonly ConsumerView[],
): GroupPartitionRow[] {
  const owners = new Map<string, string>()
  for (const member of group.members)
    for (const key of member.assignment) owners.set(key, member.node)
  const positions = new Map<string, number | null>()
  for (const consumer of consumers) {
    if (consumer.groupId !== group.groupId || consumer.status !== 'running') continue
    for (const p of consumer.partitions) positions.set(p.partitionKey, p.position)
  }
  const keys = new Set([...owners.keys(), ...group.partitions.map((p) => p.partitionKey)])
  return [...keys].sort(byPartitionKey).map((partitionKey) => {
    const committed = group.partitions.find((p) => p.partitionKey === partitionKey)
    return {
      partitionKey,
      owner: owners.get(partitionKey) ?? null,
      position: positions.get(partitionKey) ?? null,
      committedOffset: committed?.committedOffset ?? null,
      highWatermark: committed?.highWatermark ?? null,
      lag: committed?.lag ?? null,
    }
  })
}

/** The group's total lag (HW − committed offset, summed), or null before any commit. */
export function groupLag(group: GroupView): number | null {
  const lags = group.partitions.map((p) => p.lag).filter((lag) => lag !== null)
  return lags.length === 0 ? null : lags.reduce((sum, lag) => sum + lag, 0)
}

/** Topic names of the cluster, in order, for the pickers. */
export function topicNames(view: ClusterView | null): string[] {
  return [...new Set((view?.partitions ?? []).map((p) => p.topic))]
}
