/**
 * The broker's record scan in one tight loop: what `LogValidator` needs from the records of a v2
 * batch (the range of timestamp deltas, whether offset deltas count 0, 1, 2, …) without a
 * callback, a cursor object or any allocation per record. It walks the same structure as
 * `scanRecord` (`DefaultRecord.readFrom` with key and value skipped) and applies the same bounds.
 *
 * It only says "fine" or "look closer": for anything it does not accept — a malformed record, a
 * varlong of five bytes or more, a count that does not match — it returns false and the caller
 * runs the full scan (`forEachRecord`), which finds the problem and words Kafka's error. So when it
 * returns true, the full scan would have succeeded with the same figures.
 */

/** What `summarizeRecords` learns; one object reused by the caller. */
export interface RecordsSummary {
  minTimestampDelta: number
  maxTimestampDelta: number
  /** Every record's offset delta equals its index in the batch. */
  offsetDeltasInOrder: boolean
}

export function createRecordsSummary(): RecordsSummary {
  return { minTimestampDelta: 0, maxTimestampDelta: 0, offsetDeltasInOrder: true }
}

/** Read position of the varint readers below; −1 after a varint they do not accept. */
let at = 0

/**
 * A zig-zag varint of at most `maxBytes` bytes within `limit`, decoded exactly as `readVarint`
 * (five bytes, int32) and `readVarlong` (values of up to four bytes, |value| < 2^27) do; anything
 * longer or cut short sets `at` to −1.
 */
function zigZagVarint(bytes: Uint8Array, limit: number, maxBytes: number): number {
  let raw = 0
  for (let shift = 0; shift < maxBytes * 7; shift += 7) {
    if (at >= limit) break
    const b = bytes[at++]!
    raw |= (b & 0x7f) << shift
    if ((b & 0x80) === 0) return (raw >>> 1) ^ -(raw & 1)
  }
  at = -1
  return 0
}

/** An int32 varint, as `readVarint`. */
function varint(bytes: Uint8Array, limit: number): number {
  return zigZagVarint(bytes, limit, 5)
}

/** A timestamp delta under 37 hours (four bytes); longer varlongs go to the full scan. */
function shortVarlong(bytes: Uint8Array, limit: number): number {
  return zigZagVarint(bytes, limit, 4)
}

/** Skips a length-prefixed field (−1 = null) ending by `recordEnd`; false when it does not fit. */
function skipField(bytes: Uint8Array, recordEnd: number): boolean {
  const length = varint(bytes, recordEnd)
  if (at < 0) return false
  if (length < 0) return true
  if (at + length > recordEnd) return false
  at += length
  return true
}

/**
 * Scans the `recordsCount` records in `bytes[start, end)` into `out`. True when every record is
 * well formed and they fill the range exactly; false means "run the full scan".
 */
export function summarizeRecords(
  bytes: Uint8Array,
  start: number,
  end: number,
  recordsCount: number,
  out: RecordsSummary,
): boolean {
  // No records (or a negative count) is rare and has its own rules: the full scan handles it.
  if (recordsCount <= 0) return false
  let minDelta = Infinity
  let maxDelta = -Infinity
  let inOrder = true
  at = start
  for (let index = 0; index < recordsCount; index++) {
    const bodySize = varint(bytes, end)
    if (at < 0 || bodySize < 0 || at + bodySize > end) return false
    const recordEnd = at + bodySize
    at++ // attributes: unused
    const timestampDelta = shortVarlong(bytes, recordEnd)
    if (at < 0) return false
    const offsetDelta = varint(bytes, recordEnd)
    if (at < 0) return false
    if (!skipField(bytes, recordEnd) || !skipField(bytes, recordEnd)) return false
    const headersCount = varint(bytes, recordEnd)
    if (at < 0 || headersCount < 0) return false
    for (let h = 0; h < headersCount; h++) {
      const keyLength = varint(bytes, recordEnd)
      if (at < 0 || keyLength < 0 || at + keyLength > recordEnd) return false
      at += keyLength
      if (!skipField(bytes, recordEnd)) return false
    }
    if (at !== recordEnd) return false
    if (timestampDelta < minDelta) minDelta = timestampDelta
    if (timestampDelta > maxDelta) maxDelta = timestampDelta
    if (offsetDelta !== index) inOrder = false
  }
  if (at !== end) return false
  out.minTimestampDelta = minDelta
  out.maxTimestampDelta = maxDelta
  out.offsetDeltasInOrder = inOrder
  return true
}
