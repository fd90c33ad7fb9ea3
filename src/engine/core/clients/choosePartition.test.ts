/**
 * Goal: the producer picks a record's partition in KafkaProducer#partition's order of precedence
 * (explicit → custom partitioner → key hash → sticky) and answers Kafka's client exceptions.
 * Method: one record shape per rule, with the options that switch each rule on or off.
 */
import { describe, expect, test } from 'vitest'
import { choosePartition, type PartitioningOptions } from './choosePartition'
import { partitionForKey } from './murmur2'

const DEFAULTS: PartitioningOptions = {
  partitionCount: 3,
  availablePartitions: [0, 1, 2],
  partitionerIgnoreKeys: false,
  customPartitioner: null,
  maxBlockMs: 60000,
}

describe('P-3 partition precedence', () => {
  test('P-3 an explicit partition wins over key, custom partitioner and stickiness', () => {
    const choice = choosePartition(
      { topic: 't', partition: 2, key: 'key1', value: 'v' },
      { ...DEFAULTS, customPartitioner: () => 0 },
    )
    expect(choice).toEqual({ kind: 'explicit', partition: 2 })
  })

  test('P-3 a custom partitioner wins over the key hash and sees serialized bytes', () => {
    const seen: { keyLength: number | null; partitionCount: number }[] = []
    const choice = choosePartition(
      { topic: 't', partition: null, key: '测试', value: null },
      {
        ...DEFAULTS,
        customPartitioner: ({ keyBytes, partitionCount }) => {
          seen.push({ keyLength: keyBytes?.length ?? null, partitionCount })
          return 1
        },
      },
    )
    expect(choice).toEqual({ kind: 'custom', partition: 1 })
    expect(seen).toEqual([{ keyLength: 6, partitionCount: 3 }])
  })

  test('P-1 a keyed record uses murmur2 over all partitions', () => {
    const choice = choosePartition(
      { topic: 't', partition: null, key: 'bob', value: 'v' },
      { ...DEFAULTS, availablePartitions: [1, 2] },
    )
    expect(choice).toEqual({ kind: 'keyHash', partition: partitionForKey('bob', 3) })
    expect(choice).toEqual({ kind: 'keyHash', partition: 0 })
  })

  test('P-3 null keys and partitioner.ignore.keys=true go to the sticky partitioner', () => {
    expect(
      choosePartition({ topic: 't', partition: null, key: null, value: 'v' }, DEFAULTS),
    ).toEqual({ kind: 'sticky' })
    expect(
      choosePartition(
        { topic: 't', partition: null, key: 'key1', value: 'v' },
        { ...DEFAULTS, partitionerIgnoreKeys: true },
      ),
    ).toEqual({ kind: 'sticky' })
  })

  test('P-3 an empty key is a key: "" → partition 0 of 3, bytes or string alike', () => {
    const options = DEFAULTS
    expect(choosePartition({ topic: 't', partition: null, key: '', value: 'v' }, options)).toEqual({
      kind: 'keyHash',
      partition: 0,
    })
    expect(
      choosePartition({ topic: 't', partition: null, key: new Uint8Array(0), value: 'v' }, options),
    ).toEqual({ kind: 'keyHash', partition: 0 })
  })
})

describe('client-side exceptions', () => {
  test('P-3 a negative explicit partition: IllegalArgumentException from ProducerRecord', () => {
    expect(choosePartition({ topic: 't', partition: -1, key: null, value: 'v' }, DEFAULTS)).toEqual(
      {
        error: 'IllegalArgumentException',
        code: null,
        message: 'Invalid partition: -1. Partition number should always be non-negative or null.',
      },
    )
  })

  test('P-3 an explicit partition the topic lacks: TimeoutException after max.block.ms', () => {
    expect(
      choosePartition({ topic: 'orders', partition: 5, key: null, value: 'v' }, DEFAULTS),
    ).toEqual({
      error: 'TimeoutException',
      code: null,
      message:
        'Partition 5 of topic orders with partition count 3 is not present in metadata after 60000 ms.',
    })
  })

  test('P-3 a custom partitioner returning a negative partition: IllegalArgumentException', () => {
    const choice = choosePartition(
      { topic: 't', partition: null, key: 'k', value: 'v' },
      { ...DEFAULTS, customPartitioner: () => -3 },
    )
    expect(choice).toMatchObject({
      error: 'IllegalArgumentException',
      message:
        'The partitioner generated an invalid partition number: -3. Partition number should always be non-negative.',
    })
  })
})
