/**
 * Goal: a group (or transactional id) maps to the same `__consumer_offsets` partition, hence the
 * same coordinator broker, as in Kafka.
 * Method: the KAFKA_SPEC §4.2 examples, plus values computed on a JVM with `String#hashCode` and
 * `Utils.abs`, including the one string whose hash is Integer.MIN_VALUE (where `Math.abs` fails).
 */
import { describe, expect, test } from 'vitest'
import { coordinatorPartitionFor } from './coordinator'
import { javaStringHashCode, javaUtilsAbs } from './javaSemantics'

describe('coordinatorPartitionFor', () => {
  test.each([
    ['my-group', 12],
    ['test-group', 12],
    ['orders-service', 17],
    ['group-a', 47],
    ['analytics', 10],
  ])('C-1 §4.2 group %s → __consumer_offsets partition %i of 50', (groupId, partition) => {
    expect(coordinatorPartitionFor(groupId)).toBe(partition)
    expect(coordinatorPartitionFor(groupId, 50)).toBe(partition)
  })

  test('C-1 §4.2 String#hashCode values match the JVM', () => {
    expect(javaStringHashCode('my-group')).toBe(-1906497762)
    expect(javaStringHashCode('test-group')).toBe(627841412)
    expect(javaStringHashCode('orders-service')).toBe(23943117)
    expect(javaStringHashCode('group-a')).toBe(293427347)
    expect(javaStringHashCode('analytics')).toBe(-1693017210)
    expect(javaStringHashCode('')).toBe(0)
    // UTF-16 code units, not UTF-8 bytes and not code points.
    expect(javaStringHashCode('消费组')).toBe(28099635)
    expect(javaStringHashCode('😀')).toBe(1772899)
  })

  test('C-1 §4.2 Utils.abs maps Integer.MIN_VALUE to 0 where Math.abs would give partition -48', () => {
    expect(javaStringHashCode('polygenelubricants')).toBe(-2147483648)
    expect(javaUtilsAbs(-2147483648)).toBe(0)
    expect(coordinatorPartitionFor('polygenelubricants')).toBe(0)
    expect((-2147483648 | 0) % 50).toBe(-48) // what Java's Math.abs(MIN_VALUE) % 50 yields
  })

  test('C-1 §4.2 other partition counts use the same formula', () => {
    expect(coordinatorPartitionFor('消费组')).toBe(35)
    expect(coordinatorPartitionFor('my-group', 1)).toBe(0)
    expect(coordinatorPartitionFor('my-group', 7)).toBe(1906497762 % 7)
  })
})
