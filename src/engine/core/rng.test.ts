/**
 * Goal: the PRNG is a pure function of its seed, streams are independent, and draws stay in range.
 * Method: compare sequences from equal and different seeds and streams; fast-check the bounds.
 */
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { createRng, forkRng, nextInt, nextIntBetween } from './rng'

const draw = (rng: ReturnType<typeof createRng>, n: number) =>
  Array.from({ length: n }, () => nextInt(rng, 1000))

test('same seed, same sequence; state survives structuredClone', () => {
  const a = createRng(42)
  const b = createRng(42)
  draw(a, 5)
  draw(b, 5)
  const clone = structuredClone(a)
  expect(draw(a, 20)).toEqual(draw(clone, 20))
  expect(draw(b, 20)).toEqual(draw(createRng(42), 40).slice(5, 25))
})

test('forked streams differ from each other and from the root', () => {
  const network = draw(forkRng(7, 'network'), 20)
  const faults = draw(forkRng(7, 'faults'), 20)
  expect(network).not.toEqual(faults)
  expect(draw(forkRng(7, 'network'), 20)).toEqual(network)
  expect(draw(forkRng(8, 'network'), 20)).not.toEqual(network)
})

test('draws stay within bounds', () => {
  fc.assert(
    fc.property(
      fc.nat(),
      fc.integer({ min: 0, max: 100 }),
      fc.integer({ min: 0, max: 100 }),
      (seed, a, b) => {
        const [min, max] = a <= b ? [a, b] : [b, a]
        const value = nextIntBetween(createRng(seed), min, max)
        expect(value).toBeGreaterThanOrEqual(min)
        expect(value).toBeLessThanOrEqual(max)
        expect(Number.isInteger(value)).toBe(true)
      },
    ),
  )
})
