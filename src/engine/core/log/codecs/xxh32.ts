/**
 * xxHash32, used by the LZ4 frame format for its header checksum byte (and optional block and
 * content checksums). Small enough to keep here rather than reach into a codec package's internals.
 */
const PRIME1 = 0x9e3779b1
const PRIME2 = 0x85ebca77
const PRIME3 = 0xc2b2ae3d
const PRIME4 = 0x27d4eb2f
const PRIME5 = 0x165667b1

function rotl(x: number, r: number): number {
  return (x << r) | (x >>> (32 - r))
}

function readUint32LE(bytes: Uint8Array, p: number): number {
  return bytes[p]! | (bytes[p + 1]! << 8) | (bytes[p + 2]! << 16) | (bytes[p + 3]! << 24)
}

function round(acc: number, input: number): number {
  return Math.imul(rotl((acc + Math.imul(input, PRIME2)) | 0, 13), PRIME1)
}

/** xxHash32 of `bytes[start, end)` with `seed`, as an unsigned 32-bit integer. */
export function xxh32(bytes: Uint8Array, start: number, end: number, seed = 0): number {
  let p = start
  let h: number
  if (end - start >= 16) {
    let v1 = (seed + PRIME1 + PRIME2) | 0
    let v2 = (seed + PRIME2) | 0
    let v3 = seed | 0
    let v4 = (seed - PRIME1) | 0
    const limit = end - 16
    while (p <= limit) {
      v1 = round(v1, readUint32LE(bytes, p))
      v2 = round(v2, readUint32LE(bytes, p + 4))
      v3 = round(v3, readUint32LE(bytes, p + 8))
      v4 = round(v4, readUint32LE(bytes, p + 12))
      p += 16
    }
    h = (rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18)) | 0
  } else {
    h = (seed + PRIME5) | 0
  }
  h = (h + (end - start)) | 0
  while (p + 4 <= end) {
    h = Math.imul(rotl((h + Math.imul(readUint32LE(bytes, p), PRIME3)) | 0, 17), PRIME4)
    p += 4
  }
  while (p < end) {
    h = Math.imul(rotl((h + Math.imul(bytes[p]!, PRIME5)) | 0, 11), PRIME1)
    p++
  }
  h ^= h >>> 15
  h = Math.imul(h, PRIME2)
  h ^= h >>> 13
  h = Math.imul(h, PRIME3)
  h ^= h >>> 16
  return h >>> 0
}
