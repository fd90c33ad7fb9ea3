/**
 * Which partition a produced record goes to, in `KafkaProducer#partition`'s order of precedence
 * (clients/producer/KafkaProducer.java):
 *
 * 1. the record's explicit partition;
 * 2. a custom `partitioner.class`, if configured;
 * 3. the murmur2 hash of the serialized key, if the key is not null and
 *    `partitioner.ignore.keys=false`;
 * 4. otherwise "unknown partition": the accumulator's uniform sticky partitioner decides at append
 *    time (see stickyPartitioner.ts). Kafka 4.0 has no DefaultPartitioner any more (KAFKA-18262).
 */
import { clientError } from '../errors'
import type { KafkaError } from '../errors'
import { partitionForKey } from './murmur2'
import { utf8Bytes } from './utf8'

/** Arguments of `Partitioner#partition` that a simulated custom partitioner may use. */
export interface CustomPartitionerInput {
  readonly topic: string
  readonly keyBytes: Uint8Array | null
  readonly valueBytes: Uint8Array | null
  readonly partitionCount: number
  readonly availablePartitions: readonly number[]
}

/** A custom `partitioner.class`: returns the partition for a record. Must be deterministic. */
export type CustomPartitioner = (input: CustomPartitionerInput) => number

/** The record fields that partitioning looks at. A string key/value is serialized as UTF-8. */
export interface RecordToPartition {
  readonly topic: string
  /** `ProducerRecord#partition()`; null when the application did not choose one. */
  readonly partition: number | null
  readonly key: Uint8Array | string | null
  readonly value: Uint8Array | string | null
}

export interface PartitioningOptions {
  /** Partitions of the topic in the producer's metadata. */
  readonly partitionCount: number
  /** Partitions with a known leader (only passed on to a custom partitioner). */
  readonly availablePartitions: readonly number[]
  /** `partitioner.ignore.keys` (default false). */
  readonly partitionerIgnoreKeys: boolean
  /** `partitioner.class` (default null: built-in partitioning). */
  readonly customPartitioner: CustomPartitioner | null
  /** `max.block.ms`, quoted in the error for an explicit partition the metadata does not have. */
  readonly maxBlockMs: number
}

/** How the partition was chosen. `sticky` = `RecordMetadata.UNKNOWN_PARTITION`. */
export type PartitionChoice =
  | { readonly kind: 'explicit'; readonly partition: number }
  | { readonly kind: 'custom'; readonly partition: number }
  | { readonly kind: 'keyHash'; readonly partition: number }
  | { readonly kind: 'sticky' }

function serialize(data: Uint8Array | string | null): Uint8Array | null {
  if (data === null) return null
  return typeof data === 'string' ? utf8Bytes(data) : data
}

/**
 * Chooses the partition of `record`, or answers the client-side exception Kafka would throw:
 * a negative explicit partition (`ProducerRecord` constructor), an explicit partition the topic
 * does not have (`send` blocks for `max.block.ms` waiting for metadata, then times out), or a
 * negative partition from a custom partitioner.
 */
export function choosePartition(
  record: RecordToPartition,
  options: PartitioningOptions,
): PartitionChoice | KafkaError {
  if (record.partition !== null) {
    if (record.partition < 0) {
      return clientError(
        'IllegalArgumentException',
        `Invalid partition: ${record.partition}. Partition number should always be non-negative or null.`,
      )
    }
    if (record.partition >= options.partitionCount) {
      return clientError(
        'TimeoutException',
        `Partition ${record.partition} of topic ${record.topic} with partition count ` +
          `${options.partitionCount} is not present in metadata after ${options.maxBlockMs} ms.`,
      )
    }
    return { kind: 'explicit', partition: record.partition }
  }

  const keyBytes = serialize(record.key)
  if (options.customPartitioner !== null) {
    const partition = options.customPartitioner({
      topic: record.topic,
      keyBytes,
      valueBytes: serialize(record.value),
      partitionCount: options.partitionCount,
      availablePartitions: options.availablePartitions,
    })
    if (partition < 0) {
      return clientError(
        'IllegalArgumentException',
        `The partitioner generated an invalid partition number: ${partition}. ` +
          'Partition number should always be non-negative.',
      )
    }
    // A partition beyond the topic's count is passed through as Kafka does: its batches find no
    // leader and expire after delivery.timeout.ms.
    return { kind: 'custom', partition }
  }

  if (keyBytes !== null && !options.partitionerIgnoreKeys) {
    return { kind: 'keyHash', partition: partitionForKey(keyBytes, options.partitionCount) }
  }
  return { kind: 'sticky' }
}
