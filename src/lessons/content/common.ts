/**
 * Pieces many lessons share: the quiet network every lesson runs on and the first step that lets
 * the brokers start. Plain data, like the lessons themselves.
 */
import type { ClusterCommand } from '../../engine'
import type { WatchStep } from '../schema'

/** 1–5 ms links and no loss: what lessons show is Kafka's behaviour, not network noise. */
export const QUIET_NETWORK = { latencyMsMin: 1, latencyMsMax: 5, lossPerMille: 0 } as const

/** Every broker registers and is unfenced by its first heartbeat, about 2 s in. */
export function brokersJoin(count: number): WatchStep {
  return {
    kind: 'watch',
    id: 'brokers-join',
    caption: 'brokersJoin',
    until: { type: 'brokerCount', status: 'online', atLeast: count },
    simBudgetMs: 5_000,
  }
}

/**
 * Waits after pausing fetchers: a fetch already parked at the leader (long poll, up to
 * `replica.fetch.wait.max.ms` = 500) still completes, and would carry the next records along.
 */
export function fetchesSettle(): WatchStep {
  return {
    kind: 'watch',
    id: 'fetches-settle',
    caption: 'settleCaption',
    until: { type: 'elapsedAtLeast', ms: 1_000 },
    simBudgetMs: 2_000,
  }
}

/** A value of `bytes` characters, for records of a chosen size. */
export function filler(bytes: number): string {
  return 'x'.repeat(bytes)
}

export type ProduceCommand = Extract<ClusterCommand, { type: 'produce' }>

/** A raw produce request; a plain string is a record with a null key. */
export function produce(
  topic: string,
  partition: number,
  records: readonly (string | { key: string | null; value: string })[],
  acks: -1 | 0 | 1,
  idempotence: Pick<ProduceCommand, 'producerId' | 'producerEpoch' | 'baseSequence'> = {},
): ProduceCommand {
  return {
    type: 'produce',
    topic,
    partition,
    records: records.map((r) => (typeof r === 'string' ? { key: null, value: r } : { ...r })),
    acks,
    ...idempotence,
  }
}

/** Pauses the replica fetchers of these brokers (they keep heartbeating the controller). */
export function pauseFetchers(...brokerIds: number[]): ClusterCommand[] {
  return brokerIds.map((brokerId) => ({ type: 'pauseFetcher', brokerId }))
}
