/**
 * Big-endian int64 helpers and protobuf zig-zag varints, as in Kafka's `ByteUtils.java`.
 *
 * Kafka's int64 fields (offsets, timestamps, producer ids) are JavaScript numbers here. Every value
 * the engine produces is a safe integer (|v| < 2^53), which covers epoch-millisecond timestamps and
 * any offset a simulation can reach; a stored value outside that range is treated as corrupt.
 */

/** Thrown while parsing bytes that do not follow the record format; callers turn it into a Kafka error. */
export class RecordFormatError extends Error {
  override name = 'RecordFormatError'
}

const TWO_POW_32 = 4294967296

export function readInt64(view: DataView, position: number): number {
  return view.getInt32(position) * TWO_POW_32 + view.getUint32(position + 4)
}

export function writeInt64(view: DataView, position: number, value: number): void {
  const high = Math.floor(value / TWO_POW_32)
  view.setInt32(position, high)
  view.setUint32(position + 4, value - high * TWO_POW_32)
}

/**
 * A read position over a byte range; parsing functions advance `position` and never pass `limit`.
 * Record parsing narrows `limit` to the record being read and restores it afterwards.
 */
export interface ByteCursor {
  readonly bytes: Uint8Array
  position: number
  limit: number
}

export function cursorOver(bytes: Uint8Array, position = 0, limit = bytes.length): ByteCursor {
  return { bytes, position, limit }
}

function nextByte(cursor: ByteCursor): number {
  if (cursor.position >= cursor.limit) throw new RecordFormatError('unexpected end of record data')
  return cursor.bytes[cursor.position++]!
}

/** Reads a zig-zag varint (int32); at most 5 bytes like `ByteUtils.readVarint`. */
export function readVarint(cursor: ByteCursor): number {
  let raw = 0
  for (let shift = 0; shift < 35; shift += 7) {
    const b = nextByte(cursor)
    raw |= (b & 0x7f) << shift
    if ((b & 0x80) === 0) return (raw >>> 1) ^ -(raw & 1)
  }
  throw new RecordFormatError('varint is longer than 5 bytes')
}

/** Reads a zig-zag varlong (int64); at most 10 bytes like `ByteUtils.readVarlong`. */
export function readVarlong(cursor: ByteCursor): number {
  const start = cursor.position
  const first = nextByte(cursor)
  // Fast path: timestamp and offset deltas are almost always small.
  if ((first & 0x80) === 0) return (first >>> 1) ^ -(first & 1)
  let raw = first & 0x7f
  let scale = 128
  // Up to 7 bytes (49 bits) the sum stays exact in a double.
  for (let i = 1; i < 7; i++) {
    const b = nextByte(cursor)
    raw += (b & 0x7f) * scale
    if ((b & 0x80) === 0) return raw % 2 === 0 ? raw / 2 : -(raw + 1) / 2
    scale *= 128
  }
  cursor.position = start
  return readLongVarlong(cursor)
}

/** The rare 8–10 byte varlong, decoded exactly with BigInt. */
function readLongVarlong(cursor: ByteCursor): number {
  let raw = 0n
  for (let shift = 0n; shift < 70n; shift += 7n) {
    const b = nextByte(cursor)
    raw |= BigInt(b & 0x7f) << shift
    if ((b & 0x80) === 0) {
      const value = (raw & 1n) === 0n ? raw >> 1n : -((raw + 1n) >> 1n)
      if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
        throw new RecordFormatError('varlong outside the safe integer range')
      }
      return Number(value)
    }
  }
  throw new RecordFormatError('varlong is longer than 10 bytes')
}

/** Writes a zig-zag varint at `position`; returns the position after it. */
export function writeVarint(bytes: Uint8Array, position: number, value: number): number {
  let zz = ((value << 1) ^ (value >> 31)) >>> 0
  while (zz > 0x7f) {
    bytes[position++] = (zz & 0x7f) | 0x80
    zz >>>= 7
  }
  bytes[position++] = zz
  return position
}

const VARINT_FAST_MIN = -0x40000000
const VARINT_FAST_MAX = 0x3fffffff

/** Writes a zig-zag varlong at `position`; returns the position after it. */
export function writeVarlong(bytes: Uint8Array, position: number, value: number): number {
  if (value >= VARINT_FAST_MIN && value <= VARINT_FAST_MAX)
    return writeVarint(bytes, position, value)
  // Rare (deltas beyond ±2^30): BigInt keeps the 64-bit zig-zag exact.
  const big = BigInt(value)
  let zz = big >= 0n ? big << 1n : (-big << 1n) - 1n
  while (zz > 0x7fn) {
    bytes[position++] = Number(zz & 0x7fn) | 0x80
    zz >>= 7n
  }
  bytes[position++] = Number(zz)
  return position
}

export function sizeOfVarint(value: number): number {
  const zz = ((value << 1) ^ (value >> 31)) >>> 0
  if (zz < 0x80) return 1
  if (zz < 0x4000) return 2
  if (zz < 0x200000) return 3
  if (zz < 0x10000000) return 4
  return 5
}

export function sizeOfVarlong(value: number): number {
  if (value >= VARINT_FAST_MIN && value <= VARINT_FAST_MAX) return sizeOfVarint(value)
  const big = BigInt(value)
  let zz = big >= 0n ? big << 1n : (-big << 1n) - 1n
  let size = 1
  while (zz > 0x7fn) {
    size++
    zz >>= 7n
  }
  return size
}
