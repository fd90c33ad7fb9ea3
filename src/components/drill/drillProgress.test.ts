/**
 * Goal: drill progress survives what browsers do to storage: garbage, unknown ids, a storage that
 * throws; and it records each proved card once.
 */
import { expect, test } from 'vitest'
import { DRILL_PROGRESS_KEY, loadProvedCards, markCardProved } from './drillProgress'

function memoryStorage() {
  const entries = new Map<string, string>()
  return {
    entries,
    getItem: (key: string) => entries.get(key) ?? null,
    setItem: (key: string, value: string) => void entries.set(key, value),
  }
}

test('records each proved card once and reads it back', () => {
  const storage = memoryStorage()
  markCardProved(storage, 'why-fast')
  markCardProved(storage, 'why-fast')
  markCardProved(storage, 'mmap')
  expect([...loadProvedCards(storage)].sort()).toEqual(['mmap', 'why-fast'])
})

test('garbage, unknown ids and a throwing storage remember nothing, never throw', () => {
  const storage = memoryStorage()
  storage.entries.set(DRILL_PROGRESS_KEY, '{not json')
  expect(loadProvedCards(storage).size).toBe(0)
  storage.entries.set(DRILL_PROGRESS_KEY, JSON.stringify(['mmap', 'no-such-card', 7]))
  expect(loadProvedCards(storage).size).toBe(0) // not an array of strings: dropped whole
  storage.entries.set(DRILL_PROGRESS_KEY, JSON.stringify(['mmap', 'no-such-card']))
  expect([...loadProvedCards(storage)]).toEqual(['mmap'])
  const throwing = {
    getItem: () => {
      throw new Error('blocked')
    },
    setItem: () => {
      throw new Error('blocked')
    },
  }
  expect(loadProvedCards(throwing).size).toBe(0)
  expect(() => markCardProved(throwing, 'mmap')).not.toThrow()
  expect(loadProvedCards(null).size).toBe(0)
})
