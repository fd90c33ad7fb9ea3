/**
 * The headless, KafkaJS-flavoured consumer handle (see docs/engine-api.md "Consumers"): every
 * verb dispatches a recorded command, so scripts replay and time-travel like any other input.
 * Processing is modelled (time per record, commit strategy), never a callback into the core.
 */
import type { CommandResult } from '../../applyCommand'
import type { ClusterCommand } from '../../commands'
import type { Timeline } from '../../timeline'
import type { ConsumerView, GroupView } from '../group/groupsView'

type ConfigValue = string | number | boolean | string[] | null

export interface ConsumerOptions {
  /** `group.id`. */
  groupId?: string
  /** Other Kafka consumer configs by their Kafka names (`session.timeout.ms`, ...). */
  configs?: Record<string, ConfigValue>
  /** The node name; the next free `consumer-N` by default. */
  name?: string
  /** Kafka config names may also be given inline: `{ groupId: 'g1', 'max.poll.records': 10 }`. */
  [config: `${string}.${string}`]: ConfigValue | undefined
}

export interface RunOptions {
  processingMs?: number
  commit?: 'auto' | 'afterProcessing' | 'beforeProcessing' | 'none'
  commitMode?: 'sync' | 'async'
  dedupe?: boolean
  retry?: { failMarker: string; nextTopic: string; delayMs: number }
}

export interface OffsetSpec {
  topic: string
  partition: number
  offset: number
}

export interface ConsumerHandle {
  readonly name: string
  /** The createConsumer result (a refused config: `ok: false` with the exception). */
  readonly created: CommandResult
  subscribe(options: { topics: string[] }): CommandResult
  run(options?: RunOptions): CommandResult
  poll(): CommandResult
  commitSync(offsets?: OffsetSpec[]): CommandResult
  commitAsync(offsets?: OffsetSpec[]): CommandResult
  seek(options: { topic: string; partition: number; offset: number }): CommandResult
  close(): CommandResult
  crash(options?: {
    when?: 'now' | 'beforeCommit' | 'afterCommit'
    afterRecords?: number
  }): CommandResult
  restart(): CommandResult
  /** Processing time per record from now on (a slow consumer). */
  slow(processingMs: number): CommandResult
  view(): ConsumerView | undefined
  group(): GroupView | undefined
}

function nextConsumerName(timeline: Timeline): string {
  const taken = timeline.state().consumerGroups.consumersByName
  let n = 1
  while (taken[`consumer-${n}`] !== undefined) n++
  return `consumer-${n}`
}

export function createConsumerHandle(timeline: Timeline, options: ConsumerOptions): ConsumerHandle {
  const name = options.name ?? nextConsumerName(timeline)
  const dispatch = (command: ClusterCommand) => timeline.dispatch(command)
  const consumerName = name
  const { groupId, configs = {}, name: _name, ...inline } = options
  const created = dispatch({
    type: 'createConsumer',
    consumerName,
    ...(groupId !== undefined ? { groupId } : {}),
    configs: {
      ...Object.fromEntries(
        Object.entries(inline).filter(
          (entry): entry is [string, ConfigValue] => entry[1] !== undefined,
        ),
      ),
      ...configs,
    },
  })
  const view = () => timeline.view().consumerGroups.consumers.find((c) => c.name === name)
  return {
    name,
    created,
    subscribe: ({ topics }) => dispatch({ type: 'subscribe', consumerName, topics }),
    run: (run = {}) =>
      dispatch({
        type: 'runConsumer',
        consumerName,
        processingMs: run.processingMs ?? 0,
        ...(run.commit !== undefined ? { commit: run.commit } : {}),
        ...(run.commitMode !== undefined ? { commitMode: run.commitMode } : {}),
        ...(run.dedupe !== undefined ? { dedupe: run.dedupe } : {}),
        ...(run.retry !== undefined ? { retry: run.retry } : {}),
      }),
    poll: () => dispatch({ type: 'poll', consumerName }),
    commitSync: (offsets) =>
      dispatch({ type: 'commitSync', consumerName, ...(offsets ? { offsets } : {}) }),
    commitAsync: (offsets) =>
      dispatch({ type: 'commitAsync', consumerName, ...(offsets ? { offsets } : {}) }),
    seek: ({ topic, partition, offset }) =>
      dispatch({ type: 'seek', consumerName, topic, partition, offset }),
    close: () => dispatch({ type: 'closeConsumer', consumerName }),
    crash: (crash = {}) =>
      dispatch({
        type: 'crashConsumer',
        consumerName,
        ...(crash.when !== undefined ? { when: crash.when } : {}),
        ...(crash.afterRecords !== undefined ? { afterRecords: crash.afterRecords } : {}),
      }),
    restart: () => dispatch({ type: 'restartConsumer', consumerName }),
    slow: (processingMs) => dispatch({ type: 'slowConsumer', consumerName, processingMs }),
    view,
    group: () => {
      const groupId = view()?.groupId
      return timeline.view().consumerGroups.groups.find((g) => g.groupId === groupId)
    },
  }
}
