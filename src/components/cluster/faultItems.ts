/**
 * The context menu's entries for a broker (or one of its replicas) and for a controller link. Each
 * fault is an existing engine command, so it is recorded, replayed and undone by seeking back.
 */
import type { BrokerView, ClusterCommand } from '../../engine'
import type { SimState } from '../store/simStore'

export type MenuTarget =
  | { kind: 'broker'; brokerId: number; partitionKey?: string }
  | { kind: 'link'; brokerId: number }
  | { kind: 'client'; node: string }

export interface MenuItem {
  id: string
  /** i18n key under `inspector.menu` and its values. */
  label: string
  values?: Record<string, string | number>
  command?: ClusterCommand
  /** Not a fault: opens the inspector on the target. */
  inspect?: true
}

/** A slow follower: this much extra latency on every message to or from the broker. */
export const SLOW_FOLLOWER_MS = 800
/** Responses the broker loses on the way to clients. */
export const DROPPED_RESPONSES = 3

/** Latest extra latency per node from the recent events (`nodeSlowed`, 0 restores it). */
export function slowNodes(events: SimState['events']): Set<string> {
  const slow = new Set<string>()
  for (const event of events) {
    if (event.type !== 'nodeSlowed') continue
    if (event.extraLatencyMs > 0) slow.add(event.nodeId)
    else slow.delete(event.nodeId)
  }
  return slow
}

export function menuItems(
  target: Exclude<MenuTarget, { kind: 'client' }>,
  brokers: readonly BrokerView[],
  state: { fetcherPaused: boolean; slow: boolean },
): MenuItem[] {
  const { brokerId } = target
  const node = `broker-${brokerId}`
  const heal: MenuItem = { id: 'heal', label: 'heal', command: { type: 'healNetwork' } }
  if (target.kind === 'link') {
    return [
      {
        id: 'cut-controller',
        label: 'cutLinkController',
        values: { brokerId },
        command: { type: 'cutLink', a: 'controller', b: node },
      },
      heal,
    ]
  }
  const broker = brokers.find((b) => b.brokerId === brokerId)
  const items: MenuItem[] = [
    target.partitionKey === undefined
      ? { id: 'inspect', label: 'inspectBroker', values: { brokerId }, inspect: true }
      : {
          id: 'inspect',
          label: 'inspectReplica',
          values: { brokerId, partition: target.partitionKey },
          inspect: true,
        },
  ]
  if (broker === undefined) return items
  if (broker.status === 'offline') {
    items.push({ id: 'restart', label: 'restart', command: { type: 'restartBroker', brokerId } })
    return [...items, heal]
  }
  items.push(
    {
      id: 'crash',
      label: 'crashProcess',
      command: { type: 'crashBroker', brokerId, mode: 'process' },
    },
    {
      id: 'power',
      label: 'powerLoss',
      command: { type: 'crashBroker', brokerId, mode: 'powerLoss' },
    },
  )
  if (!broker.isolated)
    items.push({ id: 'isolate', label: 'isolate', command: { type: 'isolateBroker', brokerId } })
  items.push(
    state.slow
      ? {
          id: 'slow',
          label: 'restoreSpeed',
          command: { type: 'slowNode', nodeId: node, extraLatencyMs: 0 },
        }
      : {
          id: 'slow',
          label: 'slowFollower',
          values: { ms: SLOW_FOLLOWER_MS },
          command: { type: 'slowNode', nodeId: node, extraLatencyMs: SLOW_FOLLOWER_MS },
        },
    state.fetcherPaused
      ? { id: 'fetcher', label: 'resumeFetcher', command: { type: 'resumeFetcher', brokerId } }
      : { id: 'fetcher', label: 'pauseFetcher', command: { type: 'pauseFetcher', brokerId } },
    {
      id: 'drop',
      label: 'dropResponses',
      values: { count: DROPPED_RESPONSES },
      command: { type: 'dropResponses', brokerId, count: DROPPED_RESPONSES },
    },
  )
  for (const other of brokers) {
    if (other.brokerId === brokerId) continue
    items.push({
      id: `cut-${other.brokerId}`,
      label: 'cutLinkBroker',
      values: { other: other.brokerId },
      command: { type: 'cutLink', a: node, b: `broker-${other.brokerId}` },
    })
  }
  items.push(
    {
      id: 'cut-controller',
      label: 'cutLinkController',
      values: { brokerId },
      command: { type: 'cutLink', a: 'controller', b: node },
    },
    heal,
  )
  return items
}
