/**
 * Goal: keyed records land on exactly the partition a Java producer would choose.
 * Method: the whole SCENARIOS P-1 table (computed with Kafka's own method body) for every key and
 * modulus, Kafka's `UtilsTest#testMurmur2` vectors, and the negative tests of P-1: each typical
 * porting bug (Math.abs, plain `*`, UTF-16 code units, modulus over available partitions) is
 * implemented here and shown to give a different, wrong answer.
 */
import { describe, expect, test } from 'vitest'
import { murmur2, partitionForKey, toPositive } from './murmur2'
import { utf8Bytes } from './utf8'

const MODULI = [2, 3, 4, 5, 6, 8, 10, 12] as const

/** key, murmur2 (int32), toPositive, then the partitions for MODULI. */
const P1_TABLE: readonly (readonly [string, number, number, readonly number[]])[] = [
  ['', 275646681, 275646681, [1, 0, 1, 1, 3, 1, 1, 9]],
  ['a', -1563381124, 584102524, [0, 1, 0, 4, 4, 4, 4, 4]],
  ['key', -1079937367, 1067546281, [1, 1, 1, 1, 1, 1, 1, 1]],
  ['key1', 28543940, 28543940, [0, 2, 0, 0, 2, 4, 0, 8]],
  ['key2', 1674751211, 1674751211, [1, 2, 3, 1, 5, 3, 1, 11]],
  ['key3', -1745673403, 401810245, [1, 1, 1, 0, 1, 5, 5, 1]],
  ['key4', -1069414199, 1078069449, [1, 0, 1, 4, 3, 1, 9, 9]],
  ['key5', 20834383, 20834383, [1, 1, 3, 3, 1, 7, 3, 7]],
  ['user-1', 1404122828, 1404122828, [0, 2, 0, 3, 2, 4, 8, 8]],
  ['user-2', -324981792, 1822501856, [0, 2, 0, 1, 2, 0, 6, 8]],
  ['user-3', 1141442267, 1141442267, [1, 2, 3, 2, 5, 3, 7, 11]],
  ['user-42', 1459644460, 1459644460, [0, 1, 0, 0, 4, 4, 0, 4]],
  ['order-1', 1221710326, 1221710326, [0, 1, 2, 1, 4, 6, 6, 10]],
  ['order-2', -1055499005, 1091984643, [1, 0, 3, 3, 3, 3, 3, 3]],
  ['order-1001', 297523878, 297523878, [0, 0, 2, 3, 0, 6, 8, 6]],
  ['foo', 597841616, 597841616, [0, 2, 0, 1, 2, 0, 6, 8]],
  ['bar', 988958145, 988958145, [1, 0, 1, 0, 3, 1, 5, 9]],
  ['hello', 2132663229, 2132663229, [1, 0, 1, 4, 3, 5, 9, 9]],
  ['kafka', -798503068, 1348980580, [0, 1, 0, 0, 4, 4, 0, 4]],
  ['alice', 1951417749, 1951417749, [1, 0, 1, 4, 3, 5, 9, 9]],
  ['bob', -2048144690, 99338958, [0, 0, 2, 3, 0, 6, 8, 6]],
  ['carol', 271431602, 271431602, [0, 2, 2, 2, 2, 2, 2, 2]],
  ['dave', 1727131798, 1727131798, [0, 1, 2, 3, 4, 6, 8, 10]],
  ['0', 971027396, 971027396, [0, 2, 0, 1, 2, 4, 6, 8]],
  ['1', -1993445489, 154038159, [1, 0, 3, 4, 3, 7, 9, 3]],
  ['2', 648968168, 648968168, [0, 2, 0, 3, 2, 0, 8, 8]],
  ['3', -1148165505, 999318143, [1, 2, 3, 3, 5, 7, 3, 11]],
  ['10', 1164287326, 1164287326, [0, 1, 2, 1, 4, 6, 6, 10]],
  ['100', 627947253, 627947253, [1, 0, 1, 3, 3, 5, 3, 9]],
  ['21', -973932308, 1173551340, [0, 0, 0, 0, 0, 4, 0, 0]],
  ['foobar', -790332482, 1357151166, [0, 0, 2, 1, 0, 6, 6, 6]],
  ['abc', 479470107, 479470107, [1, 0, 3, 2, 3, 3, 7, 3]],
  ['测试', 519651819, 519651819, [1, 0, 3, 4, 3, 3, 9, 3]],
]

describe('P-1 murmur2 table', () => {
  for (const [key, hash, positive, partitions] of P1_TABLE) {
    test(`P-1 key ${JSON.stringify(key)}: murmur2, toPositive and every modulus`, () => {
      expect(murmur2(utf8Bytes(key))).toBe(hash)
      expect(toPositive(hash)).toBe(positive)
      MODULI.forEach((modulus, index) => {
        expect(partitionForKey(key, modulus), `%${modulus}`).toBe(partitions[index])
        expect(partitionForKey(utf8Bytes(key), modulus), `bytes %${modulus}`).toBe(
          partitions[index],
        )
      })
    })
  }
})

describe('P-1 Kafka UtilsTest vectors', () => {
  test('P-1 UtilsTest#testMurmur2: "21", "foobar", "abc"', () => {
    expect(murmur2(utf8Bytes('21'))).toBe(-973932308)
    expect(murmur2(utf8Bytes('foobar'))).toBe(-790332482)
    expect(murmur2(utf8Bytes('abc'))).toBe(479470107)
  })

  test('P-1 bytes ≥ 0x80 are unsigned and every tail length (1..3) is hashed like Java', () => {
    // Values from Kafka's Utils.murmur2 run on a JVM (Java's `data[i] & 0xff` must not sign-extend).
    expect(murmur2(Uint8Array.from([0xff]))).toBe(-311467685)
    expect(murmur2(Uint8Array.from([0xff, 0xfe]))).toBe(1717632651)
    expect(murmur2(Uint8Array.from([0xff, 0xfe, 0x80]))).toBe(-160726397)
    expect(murmur2(Uint8Array.from([0xff, 0xfe, 0x80, 0x81, 0x7f]))).toBe(1178159451)
    expect(murmur2(new Uint8Array(8))).toBe(-522759933)
    // "a\ud800b".getBytes(UTF_8) = [97, 63, 98]: Java's replacement byte for a lone surrogate.
    expect(murmur2(utf8Bytes('a\ud800b'))).toBe(-348781372)
  })

  test('P-1 toPositive clears only the sign bit', () => {
    expect(toPositive(-2147483648)).toBe(0)
    expect(toPositive(-1)).toBe(2147483647)
    expect(toPositive(0)).toBe(0)
    expect(toPositive(2147483647)).toBe(2147483647)
  })
})

// Each function below reproduces one porting bug listed in SCENARIOS P-1.

/** murmur2 with JavaScript `*` instead of `Math.imul` (products lose their low bits past 2^53). */
function murmur2WithoutImul(data: Uint8Array): number {
  const m = 0x5bd1e995
  let h = (0x9747b28c ^ data.length) | 0
  const length4 = data.length >>> 2
  for (let i = 0; i < length4; i++) {
    const i4 = i * 4
    let k = data[i4]! | (data[i4 + 1]! << 8) | (data[i4 + 2]! << 16) | (data[i4 + 3]! << 24) | 0
    k = (k * m) | 0
    k ^= k >>> 24
    k = (k * m) | 0
    h = (h * m) | 0
    h ^= k
  }
  const tail = data.length & ~3
  const remaining = data.length % 4
  if (remaining >= 3) h ^= data[tail + 2]! << 16
  if (remaining >= 2) h ^= data[tail + 1]! << 8
  if (remaining >= 1) {
    h ^= data[tail]!
    h = (h * m) | 0
  }
  h ^= h >>> 13
  h = (h * m) | 0
  h ^= h >>> 15
  return h
}

/** UTF-16 code units as bytes (what `charCodeAt & 0xff` ports do). */
function utf16LowBytes(text: string): Uint8Array {
  return Uint8Array.from(Array.from(text, (char) => char.charCodeAt(0) & 0xff))
}

describe('P-1 negative tests: typical porting bugs give wrong partitions', () => {
  test('P-1 Math.abs instead of & 0x7fffffff: "bob" and "user-2" move (3 partitions)', () => {
    const withAbs = (key: string): number => Math.abs(murmur2(utf8Bytes(key))) % 3
    expect(withAbs('bob')).toBe(2)
    expect(partitionForKey('bob', 3)).toBe(0)
    expect(withAbs('user-2')).toBe(0)
    expect(partitionForKey('user-2', 3)).toBe(2)
  })

  test('P-1 multiplying without Math.imul: murmur2("key1") = 1297210530 instead of 28543940', () => {
    expect(murmur2WithoutImul(utf8Bytes('key1'))).toBe(1297210530)
    expect(murmur2(utf8Bytes('key1'))).toBe(28543940)
  })

  test('P-1 hashing UTF-16 code units instead of UTF-8 bytes breaks "测试"', () => {
    expect(murmur2(utf16LowBytes('测试'))).not.toBe(519651819)
    expect(murmur2(utf8Bytes('测试'))).toBe(519651819)
    expect(Array.from(utf8Bytes('测试'))).toEqual([0xe6, 0xb5, 0x8b, 0xe8, 0xaf, 0x95])
  })

  test('P-1 the modulus is over all partitions, not only available ones', () => {
    // 3 partitions, partition 1 leaderless: a modulus over the 2 available ones would send
    // "key1" (28543940) elsewhere; Kafka keeps partition 2 and the record waits for its leader.
    const available = [0, 2]
    const wrong = available[toPositive(murmur2(utf8Bytes('key1'))) % available.length]
    expect(partitionForKey('key1', 3)).toBe(2)
    expect(wrong).toBe(0)
  })
})

describe('UTF-8 serialization as StringSerializer does it', () => {
  test('P-1 4-byte sequences for astral characters, "?" for lone surrogates (Java, not U+FFFD)', () => {
    expect(Array.from(utf8Bytes('😀'))).toEqual([0xf0, 0x9f, 0x98, 0x80])
    expect(Array.from(utf8Bytes('a\ud800b'))).toEqual([0x61, 0x3f, 0x62])
    expect(Array.from(utf8Bytes('\udc00'))).toEqual([0x3f])
    expect(Array.from(utf8Bytes('é'))).toEqual([0xc3, 0xa9])
  })
})
