/**
 * What a script sees: `producer`, `consumer` and `sim`, shaped like KafkaJS where Kafka has an
 * equivalent. Runs in the script worker; every action is a `call` to the page.
 *
 * `kafka.producer(configs)` is the engine's KafkaProducer (`producer.send` resolves with each
 * record's partition and offset once answered); `kafka.consumer({ groupId })` is a KafkaConsumer
 * in that group: `subscribe` joins it, `run` starts its poll loop (offsets auto-committed), and
 * the handler gets every record the group assigned to it and it processed, each time
 * `sim.advance` moves time. The record values are read back with a raw fetch of those offsets.
 */
import type { ScriptVerb } from './scriptProtocol'

type Call = (verb: ScriptVerb, args: unknown) => Promise<unknown>

export interface FetchedRecord {
  partitionKey: string
  topic: string
  partition: number
  completedAtMs: number
  offsets: number[]
  values: string[]
}

interface EachMessagePayload {
  topic: string
  partition: number
  message: { offset: string; value: string }
}

/** Time moves in steps this long during `sim.advance`, so consumers fetch as it goes. */
const ADVANCE_STEP_MS = 100

interface ProcessedBatch {
  partitionKey: string
  fromOffset: number
  toOffset: number
  atMs: number
  incarnation: number
}

export function createScriptApi(call: Call) {
  const consumers: ReturnType<typeof createConsumer>[] = []
  let nextHandle = 0

  function createConsumer(groupId: string | undefined) {
    const handle = nextHandle++
    let eachMessage: ((payload: EachMessagePayload) => unknown) | null = null
    const seen = new Set<string>()
    /** Offsets processed by the group member and not yet handed to the handler, per partition. */
    const pending = new Map<string, number[]>()
    /** When the value fetch of a partition went out. */
    const inFlight = new Map<string, number>()
    const split = (key: string) => {
      const at = key.lastIndexOf('-')
      return { topic: key.slice(0, at), partition: Number(key.slice(at + 1)) }
    }
    return {
      groupId,
      running: () => eachMessage !== null,
      async connect() {},
      async disconnect() {
        eachMessage = null
        await call('disconnect', { handle })
      },
      async subscribe(options: { topic?: string; topics?: string[]; fromBeginning?: boolean }) {
        const topics = options.topics ?? (options.topic ? [options.topic] : [])
        await call('subscribe', { handle, groupId, topics, fromBeginning: options.fromBeginning })
      },
      async run(options: {
        eachMessage: (payload: EachMessagePayload) => unknown
        processingMs?: number
      }) {
        eachMessage = options.eachMessage
        await call('run', { handle, groupId, processingMs: options.processingMs ?? 0 })
      },
      /** One round: note what the member processed, hand over values that arrived, fetch more. */
      async poll() {
        if (eachMessage === null) return
        for (const b of (await call('processed', { handle })) as ProcessedBatch[]) {
          const id = `${b.incarnation}:${b.atMs}:${b.partitionKey}:${b.fromOffset}`
          if (seen.has(id)) continue
          seen.add(id)
          const offsets = pending.get(b.partitionKey) ?? []
          for (let o = b.fromOffset; o <= b.toOffset; o++) offsets.push(o)
          pending.set(b.partitionKey, offsets)
        }
        const results = (await call('fetchResults', null)) as FetchedRecord[]
        for (const [key, sentAt] of inFlight) {
          const result = results.find((r) => r.partitionKey === key && r.completedAtMs >= sentAt)
          if (result === undefined) continue
          inFlight.delete(key)
          const left: number[] = []
          for (const offset of pending.get(key) ?? []) {
            const i = result.offsets.indexOf(offset)
            if (i < 0) {
              left.push(offset)
              continue
            }
            await eachMessage({
              topic: result.topic,
              partition: result.partition,
              message: { offset: String(offset), value: result.values[i] ?? '' },
            })
          }
          pending.set(key, left)
        }
        const nowMs = (await call('now', null)) as number
        for (const [key, offsets] of pending) {
          if (offsets.length === 0 || inFlight.has(key)) continue
          await call('fetch', { ...split(key), fetchOffset: Math.min(...offsets) })
          inFlight.set(key, nowMs)
        }
      },
    }
  }

  const command = (type: string, fields: Record<string, unknown> = {}) =>
    call('command', { type, ...fields })

  const sim = {
    now: () => call('now', null),
    async advance(ms: number) {
      let left = Math.max(0, Math.floor(Number(ms)))
      while (left > 0) {
        const step = consumers.some((c) => c.running()) ? Math.min(ADVANCE_STEP_MS, left) : left
        await call('advance', step)
        left -= step
        for (const consumer of consumers) await consumer.poll()
      }
    },
    describe: () => call('describe', null),
    crashBroker: (brokerId: number, mode: 'process' | 'powerLoss' = 'process') =>
      command('crashBroker', { brokerId, mode }),
    restartBroker: (brokerId: number) => command('restartBroker', { brokerId }),
    isolateBroker: (brokerId: number) => command('isolateBroker', { brokerId }),
    cutLink: (a: string, b: string) => command('cutLink', { a, b }),
    healNetwork: () => command('healNetwork'),
    slowBroker: (brokerId: number, extraLatencyMs: number) =>
      command('slowNode', { nodeId: `broker-${brokerId}`, extraLatencyMs }),
    pauseFetcher: (brokerId: number) => command('pauseFetcher', { brokerId }),
    resumeFetcher: (brokerId: number) => command('resumeFetcher', { brokerId }),
    dropResponses: (brokerId: number, count: number) =>
      command('dropResponses', { brokerId, count }),
    alterConfigs: (resourceType: 'broker' | 'topic', resourceName: string, configs: object) =>
      command('alterConfigs', { resourceType, resourceName, configs }),
  }

  function createProducer(configs: Record<string, unknown> = {}) {
    const handle = nextHandle++
    return {
      async connect() {},
      async disconnect() {},
      send: (record: {
        topic: string
        messages: { key?: string | null; value: string | null; partition?: number }[]
        acks?: number
      }) => call('send', { ...record, handle, configs }),
    }
  }

  const producer = createProducer()
  const kafka = {
    producer: (configs?: Record<string, unknown>) => createProducer(configs),
    consumer: (options: { groupId?: string } = {}) => {
      const consumer = createConsumer(options.groupId)
      consumers.push(consumer)
      return consumer
    },
  }

  return { kafka, producer, consumer: kafka.consumer(), sim }
}
