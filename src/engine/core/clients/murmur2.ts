/**
 * Kafka's default partitioning of keyed records: a bit-exact port of `Utils.murmur2`
 * (clients/common/utils/Utils.java) and `BuiltInPartitioner.partitionForKey`
 * (clients/producer/internals/BuiltInPartitioner.java).
 *
 * Java ints wrap at 32 bits, so every multiplication goes through `Math.imul` and every right shift
 * is the unsigned `>>>`, exactly like Java's `>>>`. A plain `*` loses the low bits once the product
 * passes 2^53 and gives a different hash (KAFKA_SPEC §3.2, SCENARIOS P-1 negative tests).
 */
import { assert } from '../assert'
import { utf8Bytes } from './utf8'

const SEED = 0x9747b28c
const M = 0x5bd1e995
const R = 24

/** `Utils.murmur2(byte[])`: the 32-bit MurmurHash2 of `data`, as a signed int32. */
export function murmur2(data: Uint8Array): number {
  const length = data.length
  let h = (SEED ^ length) | 0
  const length4 = length >>> 2

  for (let i = 0; i < length4; i++) {
    const i4 = i * 4
    // Little-endian 4-byte block; `& 0xff` is implicit because Uint8Array holds unsigned bytes.
    let k = data[i4]! | (data[i4 + 1]! << 8) | (data[i4 + 2]! << 16) | (data[i4 + 3]! << 24) | 0
    k = Math.imul(k, M)
    k ^= k >>> R
    k = Math.imul(k, M)
    h = Math.imul(h, M)
    h ^= k
  }

  // Java's `switch (length % 4)` falls through from case 3 to case 1, and only case 1 multiplies.
  // The if-chain below is that fall-through written out (the compiler forbids switch fall-through).
  const tail = length & ~3
  const remaining = length % 4
  if (remaining >= 3) h ^= data[tail + 2]! << 16
  if (remaining >= 2) h ^= data[tail + 1]! << 8
  if (remaining >= 1) {
    h ^= data[tail]!
    h = Math.imul(h, M)
  }

  h ^= h >>> 13
  h = Math.imul(h, M)
  h ^= h >>> 15
  return h | 0
}

/**
 * `Utils.toPositive`: clears the sign bit. Not `Math.abs`, which maps e.g. murmur2("bob") to a
 * different residue and cannot represent `Math.abs(Integer.MIN_VALUE)` in Java at all.
 */
export function toPositive(n: number): number {
  return n & 0x7fffffff
}

/**
 * `BuiltInPartitioner.partitionForKey`: `toPositive(murmur2(keyBytes)) % numPartitions`.
 * A string key is serialized as `StringSerializer` does (UTF-8). `numPartitions` is the count of
 * all partitions of the topic, available or not: keyed records never skip a leaderless partition.
 */
export function partitionForKey(key: Uint8Array | string, numPartitions: number): number {
  assert(
    Number.isInteger(numPartitions) && numPartitions > 0,
    'numPartitions must be a positive integer',
  )
  const bytes = typeof key === 'string' ? utf8Bytes(key) : key
  return toPositive(murmur2(bytes)) % numPartitions
}
