/**
 * Seeded PRNG (mulberry32). Its state is a plain number inside the cluster state, so checkpoints
 * capture it and a replay can never diverge. Each subsystem draws from its own stream, forked from
 * the root seed, so that adding a draw in one subsystem never shifts another's sequence.
 */
import { assert } from './assert'

export interface RngState {
  s: number
}

export function createRng(seed: number): RngState {
  return { s: seed >>> 0 }
}

function nextUint32(rng: RngState): number {
  let t = (rng.s = (rng.s + 0x6d2b79f5) >>> 0)
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return (t ^ (t >>> 14)) >>> 0
}

/** An integer in [0, boundExclusive). Integer API: no floats leak into simulation decisions. */
export function nextInt(rng: RngState, boundExclusive: number): number {
  assert(
    Number.isInteger(boundExclusive) && boundExclusive > 0 && boundExclusive <= 0x1_0000_0000,
    'bound must be a positive integer up to 2^32',
  )
  return nextUint32(rng) % boundExclusive
}

/** An integer in [min, max], both inclusive. */
export function nextIntBetween(rng: RngState, min: number, max: number): number {
  assert(min <= max, 'min must not exceed max')
  return min + nextInt(rng, max - min + 1)
}

/** True with probability perMille / 1000. */
export function chancePerMille(rng: RngState, perMille: number): boolean {
  if (perMille <= 0) return false
  if (perMille >= 1000) return true
  return nextInt(rng, 1000) < perMille
}

/** Derives an independent stream for a named subsystem from the root seed (FNV-1a of the name). */
export function forkRng(seed: number, stream: string): RngState {
  let h = 0x811c9dc5
  for (let i = 0; i < stream.length; i++) {
    h ^= stream.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  const mixer = createRng((seed ^ h) >>> 0)
  return createRng(nextUint32(mixer))
}
