/**
 * UTF-8 encoding as Kafka's `StringSerializer` does it (`String.getBytes(StandardCharsets.UTF_8)`).
 *
 * Key hashing works on the serialized key bytes, so the partition of a keyed record depends on this
 * encoding. We do not use `TextEncoder` because it replaces a lone UTF-16 surrogate with U+FFFD
 * (3 bytes), while Java's encoder replaces it with '?' (one byte, 0x3f): the hashes would differ.
 */
import { utf8EncodedLength, type RecordHeaderInput } from '../log'

const REPLACEMENT_BYTE = 0x3f // '?', the UTF-8 charset's replacement in java.lang.String#getBytes
const REPLACEMENT_BYTES = 1

const SURROGATE = /[\uD800-\uDFFF]/
const textEncoder = new TextEncoder()

/** True when `TextEncoder` gives exactly Java's bytes for `text` (it has no surrogate at all). */
export function encodesLikeJava(text: string): boolean {
  return !SURROGATE.test(text)
}

/** The length of Java's `String.getBytes(UTF_8)` for `text`, counted without encoding it. */
export function utf8Length(text: string): number {
  return utf8EncodedLength(text, REPLACEMENT_BYTES)
}

/** The bytes Java's `String.getBytes(UTF_8)` produces for `text`. */
export function utf8Bytes(text: string): Uint8Array {
  if (encodesLikeJava(text)) return textEncoder.encode(text)
  const bytes: number[] = []
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i)
    if (unit < 0x80) {
      bytes.push(unit)
    } else if (unit < 0x800) {
      bytes.push(0xc0 | (unit >>> 6), 0x80 | (unit & 0x3f))
    } else if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = i + 1 < text.length ? text.charCodeAt(i + 1) : -1
      if (next >= 0xdc00 && next <= 0xdfff) {
        const codePoint = 0x10000 + ((unit - 0xd800) << 10) + (next - 0xdc00)
        bytes.push(
          0xf0 | (codePoint >>> 18),
          0x80 | ((codePoint >>> 12) & 0x3f),
          0x80 | ((codePoint >>> 6) & 0x3f),
          0x80 | (codePoint & 0x3f),
        )
        i++
      } else {
        bytes.push(REPLACEMENT_BYTE)
      }
    } else if (unit >= 0xdc00 && unit <= 0xdfff) {
      bytes.push(REPLACEMENT_BYTE)
    } else {
      bytes.push(0xe0 | (unit >>> 12), 0x80 | ((unit >>> 6) & 0x3f), 0x80 | (unit & 0x3f))
    }
  }
  return Uint8Array.from(bytes)
}

/** True when `text` is all ASCII: one byte per unit for every encoder (one native scan). */
export function isAscii(text: string): boolean {
  return utf8EncodedLength(text) === text.length
}

/**
 * A key or value as `StringSerializer` writes it into a record: the string itself when the log's
 * UTF-8 encoder gives Java's bytes for it (no copy), else Java's bytes.
 */
export function serializedField(text: string | null): string | Uint8Array | null {
  return text === null || encodesLikeJava(text) ? text : utf8Bytes(text)
}

/** The length of a serialized key or value (−1 for null), counted without encoding it. */
export function serializedLength(text: string | null): number {
  if (text === null) return -1
  return isAscii(text) ? text.length : utf8Length(text)
}

const NO_HEADERS: readonly RecordHeaderInput[] = []

/** Record headers as the producer serializes them (values as Java's UTF-8 bytes). */
export function serializedHeaders(
  headers: readonly { key: string; value: string | null }[],
): readonly RecordHeaderInput[] {
  if (headers.length === 0) return NO_HEADERS
  return headers.map((h) => ({ key: h.key, value: h.value === null ? null : utf8Bytes(h.value) }))
}
