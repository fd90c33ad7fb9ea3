/**
 * Producer commands: the KafkaProducer calls an application makes (`new KafkaProducer(configs)`,
 * `send`, `flush`, `close`, the transaction verbs), a producer process crash, and a broker fault
 * for lessons on retries. They join the cluster command union in commands.ts.
 */
import { z } from 'zod'

export const PRODUCER_NAME_PATTERN = /^producer-[1-9][0-9]{0,2}$/
/** Producers one simulation can hold. */
export const PRODUCERS_MAX = 50

const producerName = z
  .string()
  .regex(PRODUCER_NAME_PATTERN, 'a producer is named producer-1, producer-2, ...')
const topic = z.string().min(1).max(249)
const configValue = z.union([z.number(), z.string().max(1000), z.boolean(), z.null()])

const simple = <T extends string>(type: T) =>
  z.object({ type: z.literal(type), producerName }).strict()

/** Messages one `sendMessages` command carries (KafkaJS's `send({ topic, messages })`). */
export const SEND_MESSAGES_MAX = 10_000

/** A `ProducerRecord`'s fields besides its topic. */
const recordFields = {
  key: z.string().max(1000).nullable(),
  value: z.string().max(2_000_000).nullable(),
  /** `ProducerRecord.partition`: chosen by the application (or a custom partitioner). */
  partition: z.number().int().min(-1).max(1000).optional(),
  headers: z
    .array(z.object({ key: z.string().max(100), value: z.string().max(1000).nullable() }))
    .max(20)
    .optional(),
  /** CreateTime of the record; defaults to the producer's clock. */
  timestamp: z.number().int().min(0).optional(),
}
const sentRecord = z.object(recordFields).strict()

/** One message of a `sendMessages` command (a `send` command's record fields). */
export type SentRecord = z.infer<typeof sentRecord>

const sentRecords = z.array(sentRecord).min(1).max(SEND_MESSAGES_MAX)

function isStringOrNull(value: unknown, maxLength: number): boolean {
  return value === null || (typeof value === 'string' && value.length <= maxLength)
}

function isIntegerIn(value: unknown, min: number, max: number): value is number {
  return Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max
}

/**
 * The message as `sentRecord` parses it, when it is of the common kind (a key and a value, maybe
 * a partition and a timestamp, no headers) and valid; null for anything else, which then goes
 * through the schema. Cheaper than the schema for thousands of messages per second, and it
 * accepts only what the schema accepts, with the same output (a copy, fields in schema order).
 */
function plainMessage(message: unknown): SentRecord | null {
  if (typeof message !== 'object' || message === null) return null
  if (Object.getPrototypeOf(message) !== Object.prototype) return null
  const { key, value, partition, timestamp } = message as Record<string, unknown>
  if (!isStringOrNull(key, 1000) || !isStringOrNull(value, 2_000_000)) return null
  let fields = 2
  const parsed: SentRecord = { key: key as string | null, value: value as string | null }
  if (partition !== undefined) {
    if (!isIntegerIn(partition, -1, 1000)) return null
    parsed.partition = partition
    fields++
  }
  if (timestamp !== undefined) {
    if (!isIntegerIn(timestamp, 0, Number.MAX_SAFE_INTEGER)) return null
    parsed.timestamp = timestamp
    fields++
  }
  // No other key (the prototype is Object's: the destructured ones are own). Inherited
  // enumerable keys, which the schema ignores, only make the count differ: the schema decides.
  let keys = 0
  for (const _name in message) keys++
  return keys === fields ? parsed : null
}

/**
 * The messages of a `sendMessages` command: `sentRecords`, checked message by message with
 * `plainMessage` first; the schema (and its issues) only when some message is not plain.
 */
const sendMessagesMessages = z.unknown().transform((input, ctx): SentRecord[] => {
  if (Array.isArray(input) && input.length >= 1 && input.length <= SEND_MESSAGES_MAX) {
    const plain: SentRecord[] = []
    for (const message of input as unknown[]) {
      const parsed = plainMessage(message)
      if (parsed === null) break
      plain.push(parsed)
    }
    if (plain.length === input.length) return plain
  }
  const result = sentRecords.safeParse(input)
  if (result.success) return result.data
  for (const issue of result.error.issues) ctx.addIssue(issue as Parameters<typeof ctx.addIssue>[0])
  return z.NEVER
})

export const producerCommandSchemas = [
  z
    .object({
      type: z.literal('createProducer'),
      producerName,
      /** Producer configs with Kafka's names (`acks`, `enable.idempotence`, `linger.ms`...). */
      configs: z.record(z.string().max(100), configValue),
    })
    .strict(),
  /** One `producer.send(record)`. */
  z.object({ type: z.literal('send'), producerName, topic, ...recordFields }).strict(),
  /**
   * `producer.send()` of each message in turn, as one recorded command (KafkaJS's
   * `send({ topic, messages })`): exactly what as many `send` commands at this moment would do.
   */
  z
    .object({
      type: z.literal('sendMessages'),
      producerName,
      topic,
      messages: sendMessagesMessages,
    })
    .strict(),
  simple('flush'),
  simple('closeProducer'),
  simple('crashProducer'),
  simple('initTransactions'),
  simple('beginTransaction'),
  simple('commitTransaction'),
  simple('abortTransaction'),
  /** Fault: the broker answers its next `count` produce requests with `error`, appending nothing. */
  z
    .object({
      type: z.literal('failProduceRequests'),
      brokerId: z.number().int().min(1).max(6),
      error: z.enum(['NOT_LEADER_OR_FOLLOWER', 'NOT_ENOUGH_REPLICAS']),
      count: z.number().int().min(1).max(100),
    })
    .strict(),
] as const

export type ProducerCommand = z.infer<(typeof producerCommandSchemas)[number]>
export type ProducerCommandType = ProducerCommand['type']

export const PRODUCER_COMMAND_TYPES: readonly ProducerCommandType[] = producerCommandSchemas.map(
  (schema) => schema.shape.type.value,
)

export function isProducerCommand(command: { type: string }): command is ProducerCommand {
  return (PRODUCER_COMMAND_TYPES as readonly string[]).includes(command.type)
}
