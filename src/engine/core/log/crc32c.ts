/**
 * CRC-32C (Castagnoli), the checksum of record batch v2 (Kafka's `Crc32C.java`, which delegates to
 * `java.util.zip.CRC32C`).
 *
 * Two implementations give the same values: hash-wasm's CRC-32 with the Castagnoli polynomial
 * (WebAssembly slicing-by-8, about 1.5x the speed of the best pure-JS code here), loaded by
 * `loadCrc32c()` from the asynchronous codec init (`initCodecs`), and the `crc-32` package's
 * pure-JS slicing-by-16, which answers synchronously until the WebAssembly is ready and for ranges
 * too short to be worth a call into it. Both run in Node and in the browser worker; which one ran
 * never shows in a result, so traces are the same either way.
 */
import CRC32C from 'crc-32/crc32c.js'
import { createCRC32, type IHasher } from 'hash-wasm'

/** The reversed Castagnoli polynomial (`java.util.zip.CRC32C`). */
const CASTAGNOLI_REVERSED = 0x82f63b78
/** Below this many bytes the call into WebAssembly costs more than it saves. */
const WASM_MIN_BYTES = 256

let wasmHasher: IHasher | null = null
let loading: Promise<void> | null = null

/**
 * Loads the WebAssembly CRC-32C; resolves once, later calls are free. Until it resolves (or if it
 * fails, e.g. WebAssembly forbidden), `crc32c` uses the pure-JS implementation.
 */
export function loadCrc32c(): Promise<void> {
  loading ??= createCRC32(CASTAGNOLI_REVERSED).then(
    (hasher) => {
      wasmHasher = hasher
    },
    () => {
      // Same values from the JS implementation; only slower.
    },
  )
  return loading
}

/** True once the WebAssembly implementation answers (for tests and benchmarks). */
export function isCrc32cWasmLoaded(): boolean {
  return wasmHasher !== null
}

/** CRC-32C of `bytes[start, end)` as an unsigned 32-bit integer. */
export function crc32c(bytes: Uint8Array, start: number, end: number): number {
  const data = bytes.subarray(start, end)
  if (wasmHasher === null || data.length < WASM_MIN_BYTES) return crc32cJs(data)
  wasmHasher.init()
  wasmHasher.update(data)
  const digest = wasmHasher.digest('binary')
  return ((digest[0]! << 24) | (digest[1]! << 16) | (digest[2]! << 8) | digest[3]!) >>> 0
}

/** The pure-JS CRC-32C, whatever is loaded (tests compare both implementations with it). */
export function crc32cJs(data: Uint8Array): number {
  return CRC32C.buf(data, 0) >>> 0
}
