/**
 * Consumer commands (KafkaConsumer's verbs, the application's processing model, and consumer
 * faults), validated with zod like every cluster command, then checked against the state: a
 * command that does not fit is refused with Kafka's error (or exception) name and changes nothing.
 */
import { z } from 'zod'
import { emit } from '../../emit'
import type { Env } from '../../env'
import { clientError, kafkaError, simError, type KafkaError } from '../../errors'
import type { SimEvent } from '../../events'
import { maybeIncrementLogStartOffset } from '../../log'
import { logContextFor } from '../../replication/brokerStorage'
import type { ClusterState } from '../../types'
import { commitRefusal, allConsumed, type OffsetToCommit } from './consumerCommits'
import { commitWithPlan, stopConsumer } from './consumerApp'
import { driveConsumer, manualPoll } from './consumerDriver'
import { setPosition } from './consumerFetcher'
import type { ConsumerState, RunSettings } from './consumerTypes'
import { leaveGroup } from './groupMembership'
import { newConsumerState, restartConsumerState } from './consumerLifecycle'

const consumerName = z
  .string()
  .regex(/^consumer-[1-9][0-9]{0,2}$/, 'a consumer is named consumer-1, consumer-2, ...')
const topic = z.string().min(1).max(249)
const partition = z.number().int().min(0).max(11)
const configValue = z.union([
  z.string().max(1000),
  z.number(),
  z.boolean(),
  z.array(z.string().max(200)).max(10),
  z.null(),
])
const offsets = z
  .array(z.object({ topic, partition, offset: z.number().int().min(0) }).strict())
  .min(1)
  .max(100)

export const consumerCommandSchemas = [
  /** `new KafkaConsumer(configs)` on a new node; `groupId` is `group.id`. */
  z
    .object({
      type: z.literal('createConsumer'),
      consumerName,
      groupId: z.string().min(1).max(249).optional(),
      configs: z.record(z.string().max(100), configValue).optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('subscribe'),
      consumerName,
      topics: z.array(topic).min(1).max(12),
    })
    .strict(),
  /** One `poll()` by the application; the records are processed at once. */
  z.object({ type: z.literal('poll'), consumerName }).strict(),
  /** The application's poll loop, with a modelled processing time per record. */
  z
    .object({
      type: z.literal('runConsumer'),
      consumerName,
      processingMs: z.number().int().min(0).max(600_000),
      commit: z.enum(['auto', 'afterProcessing', 'beforeProcessing', 'none']).optional(),
      commitMode: z.enum(['sync', 'async']).optional(),
      dedupe: z.boolean().optional(),
      retry: z
        .object({
          failMarker: z.string().min(1).max(100),
          nextTopic: topic,
          delayMs: z.number().int().min(0).max(86_400_000),
        })
        .strict()
        .optional(),
    })
    .strict(),
  z.object({ type: z.literal('commitSync'), consumerName, offsets: offsets.optional() }).strict(),
  z.object({ type: z.literal('commitAsync'), consumerName, offsets: offsets.optional() }).strict(),
  z
    .object({
      type: z.literal('seek'),
      consumerName,
      topic,
      partition,
      offset: z.number().int().min(0),
    })
    .strict(),
  /** `close()`: auto-commit, LeaveGroup (dynamic members), stop. */
  z.object({ type: z.literal('closeConsumer'), consumerName }).strict(),
  /**
   * The process dies (no LeaveGroup: the session times out): now, just before its next commit,
   * just after its next commit is answered, or after processing `afterRecords` more records.
   */
  z
    .object({
      type: z.literal('crashConsumer'),
      consumerName,
      when: z.enum(['now', 'beforeCommit', 'afterCommit']).optional(),
      afterRecords: z.number().int().min(0).max(1_000_000).optional(),
    })
    .strict(),
  z.object({ type: z.literal('restartConsumer'), consumerName }).strict(),
  /** Processing slows to this many ms per record (beyond `max.poll.interval.ms`, the member leaves). */
  z
    .object({
      type: z.literal('slowConsumer'),
      consumerName,
      processingMs: z.number().int().min(0).max(600_000),
    })
    .strict(),
  /** Admin `deleteRecords`: moves a partition's log start offset forward (up to the HW). */
  z
    .object({
      type: z.literal('deleteRecords'),
      topic,
      partition,
      beforeOffset: z.number().int().min(0),
    })
    .strict(),
] as const

export type ConsumerCommand = z.infer<(typeof consumerCommandSchemas)[number]>

const CONSUMER_COMMAND_TYPES: ReadonlySet<string> = new Set(
  consumerCommandSchemas.map((schema) => schema.shape.type.value),
)

export function isConsumerCommand(command: { type: string }): command is ConsumerCommand {
  return CONSUMER_COMMAND_TYPES.has(command.type)
}

function consumerOf(state: ClusterState, name: string): ConsumerState | undefined {
  return state.consumerGroups.consumersByName[name]
}

function requireRunning(state: ClusterState, name: string): KafkaError | ConsumerState {
  const c = consumerOf(state, name)
  if (c === undefined) return simError('INVALID_COMMAND', `There is no ${name}; create it first.`)
  if (c.status !== 'running') return simError('INVALID_COMMAND', `${name} is ${c.status}.`)
  return c
}

function isError(value: KafkaError | ConsumerState): value is KafkaError {
  return 'error' in value
}

export function checkConsumerCommand(
  state: ClusterState,
  command: ConsumerCommand,
): KafkaError | null {
  switch (command.type) {
    case 'createConsumer': {
      if (consumerOf(state, command.consumerName) !== undefined)
        return simError(
          'INVALID_COMMAND',
          `${command.consumerName} already exists; restart it or pick another name.`,
        )
      const created = newConsumerState(
        command.consumerName,
        command.groupId ?? null,
        command.configs ?? {},
      )
      return 'error' in created ? created : null
    }
    case 'subscribe': {
      const c = requireRunning(state, command.consumerName)
      if (isError(c)) return c
      return c.groupId === null
        ? clientError(
            'IllegalArgumentException',
            'To use the group management or offset commit APIs, you must provide a valid group.id in the consumer configuration.',
          )
        : null
    }
    case 'poll': {
      const c = requireRunning(state, command.consumerName)
      if (isError(c)) return c
      if (c.failed && c.lastError !== null) return c.lastError
      return c.run !== null
        ? simError('INVALID_COMMAND', `${c.name} runs its own poll loop.`)
        : null
    }
    case 'commitSync':
    case 'commitAsync': {
      const c = requireRunning(state, command.consumerName)
      if (isError(c)) return c
      return (
        commitRefusal(c) ??
        (c.coordinatorId === null
          ? clientError('CommitFailedException', 'The group coordinator is not known yet.')
          : null)
      )
    }
    case 'seek': {
      const c = requireRunning(state, command.consumerName)
      if (isError(c)) return c
      return c.owned.some((p) => p.topic === command.topic && p.partition === command.partition)
        ? null
        : clientError(
            'IllegalStateException',
            `No current assignment for partition ${command.topic}-${command.partition}`,
          )
    }
    case 'runConsumer':
    case 'closeConsumer':
    case 'crashConsumer':
    case 'slowConsumer': {
      const c = requireRunning(state, command.consumerName)
      return isError(c) ? c : null
    }
    case 'restartConsumer': {
      const c = consumerOf(state, command.consumerName)
      if (c === undefined)
        return simError('INVALID_COMMAND', `There is no ${command.consumerName}.`)
      return c.status === 'running' ? simError('INVALID_COMMAND', `${c.name} is running.`) : null
    }
    case 'deleteRecords': {
      const leader =
        state.controller.partitionsByKey[`${command.topic}-${command.partition}`]?.leader
      const replica =
        leader === undefined
          ? undefined
          : state.brokersById[leader]?.replicasByKey[`${command.topic}-${command.partition}`]
      if (
        replica === undefined ||
        replica.role !== 'leader' ||
        state.brokersById[leader!]!.process !== 'running'
      )
        return kafkaError(
          'NOT_LEADER_OR_FOLLOWER',
          `${command.topic}-${command.partition} has no running leader.`,
        )
      if (command.beforeOffset > replica.highWatermark)
        return kafkaError(
          'OFFSET_OUT_OF_RANGE',
          `Cannot delete records before ${command.beforeOffset}: the high watermark is ${replica.highWatermark}.`,
        )
      return null
    }
  }
}

function runSettings(
  c: ConsumerState,
  command: Extract<ConsumerCommand, { type: 'runConsumer' }>,
): RunSettings {
  return {
    processingMs: command.processingMs,
    commit: command.commit ?? (c.configs['enable.auto.commit'] ? 'auto' : 'afterProcessing'),
    commitMode: command.commitMode ?? 'sync',
    dedupe: command.dedupe ?? false,
    retry: command.retry ?? null,
  }
}

export function applyConsumerCommand(
  state: ClusterState,
  env: Env,
  out: SimEvent[],
  command: ConsumerCommand,
): void {
  if (command.type === 'createConsumer') {
    const created = newConsumerState(
      command.consumerName,
      command.groupId ?? null,
      command.configs ?? {},
    )
    if ('error' in created) return
    state.consumerGroups.consumersByName[created.name] = created
    emit(state, out, {
      type: 'consumerStarted',
      consumer: created.name,
      groupId: created.groupId,
      incarnation: 1,
    })
    return
  }
  if (command.type === 'deleteRecords') {
    const key = `${command.topic}-${command.partition}`
    const broker = state.brokersById[state.controller.partitionsByKey[key]!.leader]!
    const replica = broker.replicasByKey[key]!
    maybeIncrementLogStartOffset(
      logContextFor(state, env, broker),
      replica.log,
      command.beforeOffset,
      replica.highWatermark,
    )
    return
  }
  const c = consumerOf(state, command.consumerName)!
  switch (command.type) {
    case 'subscribe': {
      const topics = [...new Set(command.topics)]
      if (JSON.stringify(topics) !== JSON.stringify(c.subscription) && c.memberState !== 'UNJOINED')
        c.rejoinNeeded = true
      c.subscription = topics
      break
    }
    case 'poll':
      return manualPoll(state, out, c)
    case 'runConsumer':
      c.run = runSettings(c, command)
      break
    case 'commitSync':
    case 'commitAsync': {
      const given: OffsetToCommit[] | undefined = command.offsets
      commitWithPlan(
        state,
        out,
        c,
        given ?? allConsumed(c),
        command.type === 'commitSync' ? 'sync' : 'async',
      )
      break
    }
    case 'seek':
      setPosition(
        c.owned.find((p) => p.topic === command.topic && p.partition === command.partition)!,
        command.offset,
      )
      break
    case 'closeConsumer':
      if (c.configs['enable.auto.commit'] && c.memberState === 'STABLE')
        commitWithPlan(state, out, c, allConsumed(c), 'close')
      leaveGroup(state, out, c)
      return stopConsumer(state, out, c, 'closed')
    case 'crashConsumer':
      if (command.afterRecords !== undefined) {
        c.crashPlan = { when: 'afterRecords', records: command.afterRecords }
        break
      }
      if (command.when === 'beforeCommit' || command.when === 'afterCommit') {
        c.crashPlan = { when: command.when, records: 0 }
        break
      }
      return stopConsumer(state, out, c, 'crashed')
    case 'restartConsumer':
      restartConsumerState(c)
      emit(state, out, {
        type: 'consumerStarted',
        consumer: c.name,
        groupId: c.groupId,
        incarnation: c.incarnation,
      })
      break
    case 'slowConsumer':
      if (c.run === null)
        c.run = {
          processingMs: command.processingMs,
          commit: c.configs['enable.auto.commit'] ? 'auto' : 'afterProcessing',
          commitMode: 'sync',
          dedupe: false,
          retry: null,
        }
      else c.run.processingMs = command.processingMs
      break
  }
  driveConsumer(state, out, c)
}
