/**
 * Goal: timers fire in (dueAtMs, seq) order whatever order they were scheduled in.
 * Method: fast-check schedules random due times and pops them all; the output must be sorted by
 * due time, with equal due times in scheduling order.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { createTimerQueue, peekDue, popDue, schedule } from './clock'

describe('timer queue', () => {
  test('pops in (dueAtMs, seq) order', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 200 }), (dues) => {
        const queue = createTimerQueue()
        dues.forEach((due, i) => schedule(queue, 0, due, { kind: 'deliver', messageId: i }))
        const popped: { due: number; id: number }[] = []
        while (peekDue(queue) !== null) {
          const timer = popDue(queue)
          popped.push({ due: timer.dueAtMs, id: (timer.action as { messageId: number }).messageId })
        }
        const expected = dues
          .map((due, id) => ({ due, id }))
          .sort((a, b) => a.due - b.due || a.id - b.id)
        expect(popped).toEqual(expected)
      }),
    )
  })

  test('refuses a timer due now or in the past', () => {
    const queue = createTimerQueue()
    expect(() => schedule(queue, 10, 10, { kind: 'deliver', messageId: 1 })).toThrow(
      /strictly after now/,
    )
    expect(() => schedule(queue, 10, 9, { kind: 'deliver', messageId: 1 })).toThrow()
  })
})
