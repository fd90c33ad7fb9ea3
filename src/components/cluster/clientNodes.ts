/**
 * The clients the canvas draws, from the frame's view: the engine's stand-in `client-1` (when it
 * has a part to play), every producer and every consumer (consumers ordered by group), with what
 * a box shows: status and, for a consumer, its group and the partitions it owns.
 */
import type { ClusterView, NodeId } from '../../engine'
import type { ClientNodes } from './clientBand'
import { SLOW_CONSUMER_MS } from './clientItems'

export const STAND_IN_CLIENT: NodeId = 'client-1'

export interface ClientNodeView {
  node: NodeId
  kind: 'client' | 'producer' | 'consumer'
  /** The N of `producer-N` / `consumer-N` (1 for `client-1`). */
  n: number
  status: 'running' | 'crashed' | 'closed'
  /** Consumers: the group, or null for a consumer without one (`assign`). */
  groupId: string | null
  /** Consumers: the partitions it owns now. Producers: `acks=…` (and its transactional.id). */
  detail: string
  /** A consumer slowed down (processing at least SLOW_CONSUMER_MS per record). */
  slow: boolean
}

/** Two descriptions draw the same box (frames rebuild them; boxes skip re-rendering). */
export function sameClient(a: ClientNodeView, b: ClientNodeView): boolean {
  return (
    a.node === b.node &&
    a.status === b.status &&
    a.groupId === b.groupId &&
    a.detail === b.detail &&
    a.slow === b.slow
  )
}

const numberOf = (node: NodeId) => Number(node.slice(node.lastIndexOf('-') + 1))

/**
 * Partition keys in short: per topic its partition numbers with runs joined, as
 * `orders 0–2, 5 · audit 1`. Kafka's own key form (`topic-N`) is split at the last dash.
 */
export function compactPartitions(keys: readonly string[]): string {
  const byTopic = new Map<string, number[]>()
  for (const key of keys) {
    const at = key.lastIndexOf('-')
    const topic = key.slice(0, at)
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), Number(key.slice(at + 1))])
  }
  return [...byTopic]
    .map(([topic, numbers]) => {
      const sorted = [...new Set(numbers)].sort((a, b) => a - b)
      const runs: string[] = []
      for (let i = 0; i < sorted.length;) {
        let j = i
        while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++
        runs.push(j - i >= 2 ? `${sorted[i]}–${sorted[j]}` : sorted.slice(i, j + 1).join(', '))
        i = j + 1
      }
      return `${topic} ${runs.join(', ')}`
    })
    .join(' · ')
}

export function clientNodesOf(
  view: Pick<ClusterView, 'producers' | 'consumerGroups'>,
  showStandIn: boolean,
): ClientNodeView[] {
  const producers = view.producers.map((p): ClientNodeView => ({
    node: p.nodeId,
    kind: 'producer',
    n: numberOf(p.nodeId),
    status: p.status,
    groupId: null,
    slow: false,
    detail:
      `acks=${p.acks === -1 ? 'all' : p.acks}` +
      (p.transactionalId === null ? '' : ` · ${p.transactionalId}`),
  }))
  const consumers = view.consumerGroups.consumers
    .map((c): ClientNodeView => ({
      node: c.name,
      kind: 'consumer',
      n: numberOf(c.name),
      status: c.status,
      groupId: c.groupId,
      slow: c.status === 'running' && (c.processingMs ?? 0) >= SLOW_CONSUMER_MS,
      detail: compactPartitions(c.partitions.map((p) => p.partitionKey)),
    }))
    // Members of a group side by side; consumers without a group last.
    .sort((a, b) =>
      a.groupId === b.groupId
        ? a.n - b.n
        : a.groupId === null
          ? 1
          : b.groupId === null
            ? -1
            : a.groupId < b.groupId
              ? -1
              : 1,
    )
  const standIn: ClientNodeView[] = showStandIn
    ? [
        {
          node: STAND_IN_CLIENT,
          kind: 'client',
          n: 1,
          status: 'running',
          groupId: null,
          detail: '',
          slow: false,
        },
      ]
    : []
  return [...standIn, ...producers, ...consumers]
}

/** Which side each client sits on (see clientBand.ts). */
export function clientSides(clients: readonly ClientNodeView[]): ClientNodes {
  return {
    producers: clients.filter((c) => c.kind !== 'consumer').map((c) => c.node),
    consumers: clients.filter((c) => c.kind === 'consumer').map((c) => c.node),
  }
}
