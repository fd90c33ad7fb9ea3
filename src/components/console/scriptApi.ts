/**
 * The page side of the script API: answers the script worker's calls with engine requests. Every
 * change goes through the engine as a command (so it is recorded and replays); reads come from
 * the store's latest frame. A script's producers and consumers are the engine's real clients
 * (`producer-N`, `consumer-N` in a group), created on first use.
 */
import type { ClusterCommand, EngineReplyBody } from '../../engine'
import { clusterCommandSchema } from '../../engine/core/commands'
import type { EngineRequest } from '../inspector/engineRequest'
import type { SimStore } from '../store/simStore'
import { nextClientName } from '../clients/clientsModel'
import { scriptCallError, type ScriptVerb } from './scriptProtocol'

/** Longest single `sim.advance`: ten simulated minutes. */
const ADVANCE_MAX_MS = 600_000
/** `await producer.send` waits for the answers in steps this long, at most `SEND_WAIT_MS`. */
const SEND_STEP_MS = 10
const SEND_WAIT_MS = 30_000
/** The group of a script consumer created without `groupId`. */
const DEFAULT_GROUP_ID = 'script-group'

export interface SendInput {
  /** Which of the script's producers (`kafka.producer()` handles). */
  handle?: number
  configs?: Record<string, string | number | boolean | null>
  topic: string
  messages: { key?: string | null; value: string | null; partition?: number }[]
  acks?: number
}

interface ConsumerInput {
  handle?: number
  groupId?: string
  topics?: string[]
  fromBeginning?: boolean
  processingMs?: number
}

const acksConfig = (acks: number | undefined) =>
  acks === undefined ? {} : { acks: acks === -1 ? 'all' : String(acks) }

export interface ScriptHost {
  call(verb: ScriptVerb, args: unknown): Promise<unknown>
}

export function createScriptHost(request: EngineRequest, simStore: SimStore): ScriptHost {
  const producers = new Map<number, string>()
  const consumers = new Map<number, string>()
  const view = () => {
    const current = simStore.getState().view
    if (current === null) throw new Error('The engine has not started yet.')
    return current
  }
  const expectFrame = (reply: EngineReplyBody) => {
    if (reply.type === 'rejected') throw scriptCallError(reply.error.message, reply.error.error)
    if (reply.type === 'failed') throw new Error(`The engine stopped: ${reply.message}`)
    return simStore.getState().nowMs
  }
  const dispatch = async (command: ClusterCommand) =>
    expectFrame(await request({ type: 'dispatch', command }))
  const producerFor = async (input: SendInput) => {
    const handle = input.handle ?? 0
    const known = producers.get(handle)
    if (known !== undefined) return known
    const name = nextClientName(
      'producer',
      view().producers.map((p) => p.nodeId),
    )
    const configs = { ...input.configs, ...acksConfig(input.acks) }
    await dispatch({ type: 'createProducer', producerName: name, configs })
    producers.set(handle, name)
    return name
  }
  const consumerFor = async (input: ConsumerInput) => {
    const handle = input.handle ?? 0
    const known = consumers.get(handle)
    if (known !== undefined) return known
    const name = nextClientName(
      'consumer',
      view().consumerGroups.consumers.map((c) => c.name),
    )
    const configs = { 'auto.offset.reset': input.fromBeginning === true ? 'earliest' : 'latest' }
    const groupId = input.groupId ?? DEFAULT_GROUP_ID
    await dispatch({ type: 'createConsumer', consumerName: name, groupId, configs })
    consumers.set(handle, name)
    return name
  }
  /** KafkaJS's `send`: resolves once every record is answered (simulated time moves meanwhile). */
  const send = async (input: SendInput) => {
    if (!Array.isArray(input?.messages))
      throw new TypeError('producer.send needs { topic, messages: [{ key, value }] }')
    const producerName = await producerFor(input)
    const live = () => view().producers.find((p) => p.nodeId === producerName)
    const firstId = (live()?.recordsSent ?? 0) + 1
    for (const m of input.messages) {
      await dispatch({
        type: 'send',
        producerName,
        topic: input.topic,
        key: m.key ?? null,
        value: m.value,
        ...(m.partition === undefined ? {} : { partition: m.partition }),
      })
    }
    const ids = input.messages.map((_, i) => firstId + i)
    const answered = () => {
      const results = live()?.results ?? []
      const oldest = results.reduce((min, r) => Math.min(min, r.recordId), Infinity)
      // Results keep the latest 20: an id older than all of them was answered long ago.
      return ids.every((id) => id < oldest || results.some((r) => r.recordId === id))
    }
    const until = simStore.getState().nowMs + SEND_WAIT_MS
    while (!answered() && simStore.getState().nowMs < until)
      expectFrame(
        await request({ type: 'advanceTo', targetMs: simStore.getState().nowMs + SEND_STEP_MS }),
      )
    const results = live()?.results ?? []
    // KafkaJS's send rejects when a record failed: with the Kafka error of the first one.
    const failed = results.find((r) => ids.includes(r.recordId) && r.error !== null)
    if (failed?.error != null)
      throw scriptCallError(
        `record ${failed.recordId - firstId + 1} of ${ids.length} to ${failed.partitionKey} failed`,
        failed.error,
      )
    return ids.map((id) => {
      const r = results.find((x) => x.recordId === id)
      if (r === undefined) return { topicName: input.topic, partition: -1, error: 'pending' }
      const partition = Number(r.partitionKey.slice(r.partitionKey.lastIndexOf('-') + 1))
      return { topicName: input.topic, partition, baseOffset: String(r.offset), error: null }
    })
  }
  const describe = () => {
    const v = view()
    return {
      nowMs: v.nowMs,
      brokers: v.brokers.map((b) => ({ brokerId: b.brokerId, status: b.status })),
      partitions: v.partitions.map((p) => {
        const leader = p.replicaViews.find((r) => r.brokerId === p.leader)
        return {
          key: p.key,
          topic: p.topic,
          partition: p.partition,
          leader: p.leader,
          leaderEpoch: p.leaderEpoch,
          isr: p.isr,
          highWatermark: leader?.highWatermark ?? 0,
          logEndOffset: leader?.logEndOffset ?? 0,
        }
      }),
    }
  }
  return {
    async call(verb, args) {
      switch (verb) {
        case 'now':
          return simStore.getState().nowMs
        case 'describe':
          return describe()
        case 'advance': {
          const ms = Number(args)
          if (!Number.isFinite(ms) || ms < 0 || ms > ADVANCE_MAX_MS)
            throw new RangeError(`sim.advance takes 0 to ${ADVANCE_MAX_MS} ms`)
          const targetMs = simStore.getState().nowMs + Math.floor(ms)
          return expectFrame(await request({ type: 'advanceTo', targetMs }))
        }
        case 'send':
          return send(args as SendInput)
        case 'subscribe': {
          const input = args as ConsumerInput
          const consumerName = await consumerFor(input)
          await dispatch({ type: 'subscribe', consumerName, topics: input.topics ?? [] })
          return consumerName
        }
        case 'run': {
          const input = args as ConsumerInput
          const consumerName = await consumerFor(input)
          const processingMs = Math.max(0, Math.floor(Number(input.processingMs ?? 0)))
          return dispatch({ type: 'runConsumer', consumerName, processingMs })
        }
        case 'processed': {
          const name = consumers.get((args as ConsumerInput).handle ?? 0)
          const consumer = view().consumerGroups.consumers.find((c) => c.name === name)
          return consumer?.stats.recent ?? []
        }
        case 'disconnect': {
          const name = consumers.get((args as ConsumerInput).handle ?? 0)
          const consumer = view().consumerGroups.consumers.find((c) => c.name === name)
          if (name === undefined || consumer?.status !== 'running') return null
          return dispatch({ type: 'closeConsumer', consumerName: name })
        }
        case 'fetch': {
          const { topic, partition, fetchOffset } = args as {
            topic: string
            partition: number
            fetchOffset: number
          }
          return dispatch({ type: 'consumerFetch', topic, partition, fetchOffset })
        }
        case 'fetchResults':
          return view()
            .clientResults.filter((r) => r.kind === 'fetch' && r.error === null)
            .map((r) => {
              const at = r.partitionKey.lastIndexOf('-')
              return {
                partitionKey: r.partitionKey,
                topic: r.partitionKey.slice(0, at),
                partition: Number(r.partitionKey.slice(at + 1)),
                completedAtMs: r.completedAtMs,
                offsets: r.offsets,
                values: r.values,
              }
            })
        case 'command': {
          const parsed = clusterCommandSchema.safeParse(args)
          if (!parsed.success)
            throw scriptCallError(parsed.error.issues[0]?.message ?? 'invalid', 'INVALID_COMMAND')
          return dispatch(parsed.data)
        }
      }
    },
  }
}
