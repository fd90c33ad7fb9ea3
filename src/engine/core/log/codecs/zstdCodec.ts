/**
 * zstd through @hpcc-js/wasm-zstd: the reference C library compiled to WebAssembly, with the wasm
 * embedded in the module (no extra file to fetch from a worker). Instantiating WebAssembly is
 * asynchronous, so hosts and tests call `initCodecs()` once; after that compress and decompress
 * are synchronous. Kafka's producer writes a standard zstd frame at level 3 (zstd-jni streaming).
 */
import { Zstd } from '@hpcc-js/wasm-zstd'
import { assert } from '../../assert'
import { RecordFormatError } from '../byteUtils'
import type { Codec } from './codec'

/** Kafka's default `compression.zstd.level` (ZSTD_CLEVEL_DEFAULT). */
const ZSTD_LEVEL_DEFAULT = 3

let zstd: Zstd | null = null

/** Loads the wasm module; resolves once, later calls are free. */
export async function loadZstd(): Promise<void> {
  zstd ??= await Zstd.load()
}

export function isZstdLoaded(): boolean {
  return zstd !== null
}

function loaded(): Zstd {
  assert(
    zstd !== null,
    'zstd is not initialized: await initCodecs() once before running the engine',
  )
  return zstd
}

export const zstdCodec: Codec = {
  compress(data) {
    return loaded().compress(data, ZSTD_LEVEL_DEFAULT)
  },
  decompress(data) {
    const codec = loaded()
    try {
      return codec.decompress(data)
    } catch (error) {
      throw new RecordFormatError(`zstd: ${String(error)}`)
    }
  },
}
