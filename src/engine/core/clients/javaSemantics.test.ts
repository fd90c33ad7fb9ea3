/**
 * Goal: the Java behaviours the assignors rely on are reproduced exactly.
 * Method: orders printed by a JVM iterating `new HashMap<>()` filled with the same keys (including
 * a resize past 12 keys), `String#compareTo` sign cases, and the HashSet helpers against those.
 */
import { describe, expect, test } from 'vitest'
import {
  compareJavaStrings,
  emptyJavaHashSet,
  javaHashMapCapacity,
  javaHashMapOrder,
  javaHashSetAdd,
  javaHashSetFirst,
  javaHashSetRemove,
  javaStringHashCode,
} from './javaSemantics'

const order = (keys: readonly string[]): string[] => javaHashMapOrder(keys, javaStringHashCode)

describe('HashMap iteration order (values printed by a JVM)', () => {
  test('C-7 protocol names (the group protocol vote)', () => {
    expect(order(['range', 'cooperative-sticky'])).toEqual(['range', 'cooperative-sticky'])
    expect(order(['cooperative-sticky', 'range'])).toEqual(['range', 'cooperative-sticky'])
    expect(order(['range', 'roundrobin', 'sticky', 'cooperative-sticky'])).toEqual([
      'sticky',
      'range',
      'roundrobin',
      'cooperative-sticky',
    ])
  })

  test('C-7 15 member ids: the table grows from 16 to 32 buckets', () => {
    const keys = Array.from({ length: 15 }, (_, i) => `C${i}`)
    expect(javaHashMapCapacity(keys.map(javaStringHashCode))).toBe(32)
    expect(order(keys)).toEqual('C11,C10,C13,C12,C14,C0,C1,C2,C3,C4,C5,C6,C7,C8,C9'.split(','))
  })

  test('C-7 colliding hash codes keep insertion order within a bucket', () => {
    // "Aa" and "BB" have the same String#hashCode.
    expect(
      order([
        'consumer-1-aaa',
        'consumer-2-bbb',
        'consumer-3-ccc',
        'Aa',
        'BB',
        'C#',
        'zzz-1',
        'aaa-2',
      ]),
    ).toEqual('Aa,BB,C#,aaa-2,consumer-1-aaa,consumer-2-bbb,consumer-3-ccc,zzz-1'.split(','))
  })
})

describe('String#compareTo', () => {
  test('C-5 UTF-16 code unit order, not locale order (member sorting)', () => {
    expect(compareJavaStrings('B', 'a')).toBe(-1) // 'B' (66) < 'a' (97)
    expect(compareJavaStrings('a', 'B')).toBe(1)
    expect(compareJavaStrings('C10', 'C2')).toBe(-1)
    expect(compareJavaStrings('same', 'same')).toBe(0)
    expect(compareJavaStrings('ab', 'abc')).toBe(-1)
  })
})

describe('HashSet helpers', () => {
  const hash = javaStringHashCode
  const eq = (a: string, b: string): boolean => a === b

  test('C-7 first() follows bucket order; add is idempotent; remove keeps capacity', () => {
    let set = emptyJavaHashSet<string>()
    for (const key of ['cooperative-sticky', 'range', 'range'])
      set = javaHashSetAdd(set, key, hash, eq)
    expect(set.members).toEqual(['cooperative-sticky', 'range'])
    expect(javaHashSetFirst(set, hash)).toBe('range')
    set = javaHashSetRemove(set, 'range', eq)
    expect(javaHashSetFirst(set, hash)).toBe('cooperative-sticky')
    expect(javaHashSetFirst(emptyJavaHashSet<string>(), hash)).toBeNull()
  })

  test('C-7 the table grows past 12 members and never shrinks', () => {
    let set = emptyJavaHashSet<string>()
    for (let i = 0; i < 13; i++) set = javaHashSetAdd(set, `k${i}`, hash, eq)
    expect(set.capacity).toBe(32)
    for (let i = 0; i < 13; i++) set = javaHashSetRemove(set, `k${i}`, eq)
    expect(set.capacity).toBe(32)
  })
})
