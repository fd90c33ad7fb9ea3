/**
 * UTF-8 encoding as Kafka's `StringSerializer` does it (`String.getBytes(StandardCharsets.UTF_8)`).
 *
 * Key hashing works on the serialized key bytes, so the partition of a keyed record depends on this
 * encoding. We do not use `TextEncoder` because it replaces a lone UTF-16 surrogate with U+FFFD
 * (3 bytes), while Java's encoder replaces it with '?' (one byte, 0x3f): the hashes would differ.
 */

const REPLACEMENT_BYTE = 0x3f // '?', the UTF-8 charset's replacement in java.lang.String#getBytes

const SURROGATE = /[\uD800-\uDFFF]/
const textEncoder = new TextEncoder()

/** True when `TextEncoder` gives exactly Java's bytes for `text` (it has no surrogate at all). */
export function encodesLikeJava(text: string): boolean {
  return !SURROGATE.test(text)
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
