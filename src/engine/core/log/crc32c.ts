/**
 * CRC-32C (Castagnoli), the checksum of record batch v2 (Kafka's `Crc32C.java`, which delegates to
 * `java.util.zip.CRC32C`). The `crc-32` package's CRC-32C module is pure JavaScript (slicing-by-16,
 * no Node Buffer), so the same code runs in Node and in the browser worker.
 */
import CRC32C from 'crc-32/crc32c.js'

/** CRC-32C of `bytes[start, end)` as an unsigned 32-bit integer. */
export function crc32c(bytes: Uint8Array, start: number, end: number): number {
  return CRC32C.buf(bytes.subarray(start, end), 0) >>> 0
}
