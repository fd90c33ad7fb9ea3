/**
 * Goal: unchanged parts of a new frame keep the previous objects' identity; changed parts do not.
 * Method: fast-check random JSON values compared with themselves after a clone and a single edit.
 */
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { shareUnchanged } from './shareUnchanged'

test('a deep-equal clone collapses to the previous object', () => {
  fc.assert(
    fc.property(fc.jsonValue(), (value) => {
      expect(shareUnchanged(value, structuredClone(value))).toBe(value)
    }),
  )
})

test('only the changed branch gets a new identity', () => {
  const prev = {
    brokers: [
      { id: 1, status: 'online' },
      { id: 2, status: 'online' },
    ],
    nowMs: 10,
  }
  const next = structuredClone(prev)
  next.brokers[1]!.status = 'offline'
  next.nowMs = 20
  const shared = shareUnchanged(prev, next)
  expect(shared).toEqual(next)
  expect(shared).not.toBe(prev)
  expect(shared.brokers[0]).toBe(prev.brokers[0])
  expect(shared.brokers[1]).not.toBe(prev.brokers[1])
})
