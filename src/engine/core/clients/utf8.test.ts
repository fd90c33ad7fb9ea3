/** Java's UTF-8 as the producer counts and writes it (`String.getBytes(UTF_8)`). */
import { describe, expect, test } from 'vitest'
import { isAscii, serializedField, serializedLength, utf8Bytes, utf8Length } from './utf8'

const SAMPLES = ['', 'ascii', 'é 中 😀', 'lone \uD800', '\uDC00 first', 'pair 😀 then \uD83D']

describe('utf8Length', () => {
  test.each(SAMPLES)("is the length of Java's bytes for %j", (text) => {
    expect(utf8Length(text)).toBe(utf8Bytes(text).length)
  })
})

describe('serializedField', () => {
  test('keeps a string TextEncoder encodes like Java, and gives Java bytes for lone surrogates', () => {
    expect(serializedField(null)).toBeNull()
    expect(serializedField('ascii')).toBe('ascii')
    expect(serializedField('é 中')).toBe('é 中')
    // Any surrogate takes the Java encoder; a valid pair gives TextEncoder's bytes anyway.
    expect(serializedField('😀')).toEqual(new TextEncoder().encode('😀'))
    expect(serializedField('a\uD800b')).toEqual(new Uint8Array([0x61, 0x3f, 0x62]))
    expect(serializedLength(null)).toBe(-1)
    expect(serializedLength('a\uD800b')).toBe(3)
    expect(serializedLength('é')).toBe(2)
    expect(serializedLength('x'.repeat(9))).toBe(9)
  })

  test('isAscii: a lone surrogate is not ASCII even where Java counts it as one byte', () => {
    expect(isAscii('plain')).toBe(true)
    expect(isAscii('a\uD800b')).toBe(false)
    expect(isAscii('é')).toBe(false)
  })
})
