/**
 * The compression codecs of record batch v2 (attribute bits 0–2). The whole records blob after
 * `recordsCount` is compressed as one unit, like Kafka's `MemoryRecordsBuilder`. See CODECS.md for
 * the package behind each codec and where its bytes differ from the Java client's.
 */
import { assertNever } from '../assert'
import type { Codec } from './codecs/codec'
import { gzipCodec } from './codecs/gzipCodec'
import { lz4Codec } from './codecs/lz4Codec'
import { snappyCodec } from './codecs/snappyCodec'
import { isZstdLoaded, loadZstd, zstdCodec } from './codecs/zstdCodec'
import { loadCrc32c } from './crc32c'
import type { CompressionType } from './recordBatch'

/**
 * Prepares the codecs that need asynchronous setup (zstd's WebAssembly, and the WebAssembly
 * CRC-32C, which is only faster: a pure-JS CRC-32C gives the same values until it is ready). Call
 * and await it once, in the host or test setup, before the synchronous engine compresses or
 * decompresses zstd.
 */
export async function initCodecs(): Promise<void> {
  await Promise.all([loadZstd(), loadCrc32c()])
}

/** True once `initCodecs()` has completed. */
export function codecsReady(): boolean {
  return isZstdLoaded()
}

function codecFor(type: Exclude<CompressionType, 'none'>): Codec {
  switch (type) {
    case 'gzip':
      return gzipCodec
    case 'snappy':
      return snappyCodec
    case 'lz4':
      return lz4Codec
    case 'zstd':
      return zstdCodec
    default:
      return assertNever(type, 'compression type')
  }
}

/** Compresses `data` with `type`; 'none' returns the input unchanged. */
export function compress(type: CompressionType, data: Uint8Array): Uint8Array {
  return type === 'none' ? data : codecFor(type).compress(data)
}

/** Decompresses `data`; throws `RecordFormatError` when the codec cannot decode it. */
export function decompress(type: CompressionType, data: Uint8Array): Uint8Array {
  return type === 'none' ? data : codecFor(type).decompress(data)
}
