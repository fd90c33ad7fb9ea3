/**
 * CRC-32C: the standard check value, and the WebAssembly and pure-JS implementations agreeing on
 * every length and offset (a batch's CRC must not depend on which one ran).
 */
import fc from 'fast-check'
import { beforeAll, expect, test } from 'vitest'
import { crc32c, crc32cJs, isCrc32cWasmLoaded, loadCrc32c } from './crc32c'

const ascii = (text: string) => new TextEncoder().encode(text)

beforeAll(async () => {
  await loadCrc32c()
})

test('the WebAssembly CRC-32C is loaded by loadCrc32c', () => {
  expect(isCrc32cWasmLoaded()).toBe(true)
})

test('CRC-32C check values (RFC 3720 B.4 and the "123456789" check)', () => {
  const digits = ascii('123456789')
  expect(crc32c(digits, 0, digits.length)).toBe(0xe3069283)
  expect(crc32cJs(digits)).toBe(0xe3069283)
  // RFC 3720 B.4: 32 bytes of zeros, 32 bytes of 0xff.
  expect(crc32c(new Uint8Array(32), 0, 32)).toBe(0x8a9136aa)
  expect(crc32c(new Uint8Array(32).fill(0xff), 0, 32)).toBe(0x62a8ab43)
  // Long enough for the WebAssembly path (and several of its 16 KiB chunks).
  const zeros = new Uint8Array(65_536)
  expect(crc32c(zeros, 0, zeros.length)).toBe(crc32cJs(zeros))
})

test('WebAssembly and JS agree on any range of any buffer', () => {
  fc.assert(
    fc.property(
      fc.uint8Array({ minLength: 0, maxLength: 40_000 }),
      fc.nat(),
      fc.nat(),
      (bytes, a, b) => {
        const start = bytes.length === 0 ? 0 : a % (bytes.length + 1)
        const end = start + (bytes.length === 0 ? 0 : b % (bytes.length - start + 1))
        expect(crc32c(bytes, start, end)).toBe(crc32cJs(bytes.subarray(start, end)))
      },
    ),
    { numRuns: 200 },
  )
})
