/**
 * Pieces the consumer lessons share: a cluster with topic `orders`, consumers created and
 * subscribed in one go, keyed records produced through the raw client, and measures of a group's
 * view of a partition or of one consumer.
 */
import type { ClusterCommand, ClusterCommandType, ScenarioConfig } from '../../engine'
import type { CONSUMER_FIELDS, Goal, GROUP_PARTITION_FIELDS, Measure } from '../schema'
import { produce, QUIET_NETWORK } from './common'

/** Three brokers; `orders` with `partitions` partitions on all three, plus one-partition topics. */
export function ordersCluster(partitions: number, extraTopics: string[] = []): ScenarioConfig {
  return {
    brokers: 3,
    network: QUIET_NETWORK,
    topics: [
      { name: 'orders', partitions, replicationFactor: 3 },
      ...extraTopics.map((name) => ({ name, partitions: 1, replicationFactor: 3 })),
    ],
  }
}

export type ConsumerConfigs = Record<string, string | number | boolean>

/** What every consumer lesson lets the learner do: produce, start consumers, run poll loops. */
export const CONSUMER_BASICS: readonly ClusterCommandType[] = [
  'produce',
  'createConsumer',
  'subscribe',
  'runConsumer',
]

/** A consumer that commits only when its application says so, `maxPollRecords` a poll. */
export function manualCommit(maxPollRecords: number): ConsumerConfigs {
  return { 'enable.auto.commit': false, 'max.poll.records': maxPollRecords }
}

/** `new KafkaConsumer(configs)` in `groupId`, then `subscribe([topic])` (`orders` by default). */
export function joinGroup(
  consumerName: string,
  groupId: string,
  configs: ConsumerConfigs = {},
  topic = 'orders',
): ClusterCommand[] {
  return [
    {
      type: 'createConsumer',
      consumerName,
      groupId,
      configs: { 'auto.offset.reset': 'earliest', ...configs },
    },
    { type: 'subscribe', consumerName, topics: [topic] },
  ]
}

/** `count` records `order-<first>`… keyed by their own value, to `orders-<partition>`. */
export function produceOrderRange(
  partition: number,
  first: number,
  count: number,
): ClusterCommand[] {
  const commands: ClusterCommand[] = []
  for (let from = first; from < first + count; from += 500) {
    const n = Math.min(500, first + count - from)
    const records = Array.from({ length: n }, (_, i) => {
      const value = `order-${from + i}`
      return { key: value, value }
    })
    commands.push(produce('orders', partition, records, -1))
  }
  return commands
}

export function groupPartition(
  groupId: string,
  field: (typeof GROUP_PARTITION_FIELDS)[number],
  partition = 'orders-0',
): Measure {
  return { of: 'groupPartition', groupId, partition, field }
}

export function consumerMeasure(
  consumerName: string,
  field: (typeof CONSUMER_FIELDS)[number],
): Measure {
  return { of: 'consumer', consumerName, field }
}

/** A goal on group `billing`'s view of `orders-0`: `field` within the bounds (inclusive). */
export function billingOrders(
  field: (typeof GROUP_PARTITION_FIELDS)[number],
  bounds: { atLeast?: number; atMost?: number },
): Goal {
  return { type: 'measure', measure: groupPartition('billing', field), ...bounds }
}

/** A goal on consumer `consumerName`'s `field`, within the bounds (inclusive). */
export function consumerGoal(
  consumerName: string,
  field: (typeof CONSUMER_FIELDS)[number],
  atLeast: number,
  atMost?: number,
): Goal {
  return {
    type: 'measure',
    measure: consumerMeasure(consumerName, field),
    atLeast,
    ...(atMost === undefined ? {} : { atMost }),
  }
}
