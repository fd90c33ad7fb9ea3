/**
 * The cluster most replication lessons use: three brokers, topic `orders` with one partition on
 * replicas [1, 2, 3] (broker 1 is the preferred leader), and the produce and fetch buttons.
 */
import type { ClusterCommand, ScenarioConfig } from '../../engine'
import { produce, QUIET_NETWORK } from './common'

export const ORDERS_RF3: ScenarioConfig = {
  brokers: 3,
  network: QUIET_NETWORK,
  topics: [{ name: 'orders', partitions: 1, replicationFactor: 3 }],
}

export function produceOrders(acks: -1 | 0 | 1, values: string[], topic = 'orders') {
  return produce(topic, 0, values, acks)
}

export function fetchOrders(
  fetchOffset: number,
  brokerId?: number,
): Extract<ClusterCommand, { type: 'consumerFetch' }> {
  return {
    type: 'consumerFetch',
    topic: 'orders',
    partition: 0,
    fetchOffset,
    ...(brokerId === undefined ? {} : { brokerId }),
  }
}

/** A measure of broker `brokerId`'s replica of `orders-0`. */
export function ordersReplica(
  brokerId: number,
  field: 'logEndOffset' | 'highWatermark',
  partition = 'orders-0',
) {
  return { of: 'replica', partition, brokerId, field } as const
}
