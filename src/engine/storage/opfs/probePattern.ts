/**
 * Deterministic test bytes: byte `i` of a stream depends only on (seed, i), so data written in any
 * chunking reads back comparable, and a test in Node can compute the expected hash on its own.
 */
export function patternBytes(seed: number, offset: number, length: number): Uint8Array {
  const bytes = new Uint8Array(length)
  for (let i = 0; i < length; i += 1) {
    // A 32-bit integer hash (murmur3 finaliser) of the absolute offset mixed with the seed.
    let x = Math.imul((offset + i) ^ Math.imul(seed, 0x9e3779b1), 0x85ebca6b)
    x ^= x >>> 13
    x = Math.imul(x, 0xc2b2ae35)
    x ^= x >>> 16
    bytes[i] = x & 0xff
  }
  return bytes
}
