/**
 * gzip with fflate (pure JavaScript, synchronous, Node and browser). Kafka wraps the records in a
 * `GZIPOutputStream` at `Deflater.DEFAULT_COMPRESSION` (zlib level 6): one gzip member.
 */
import { gunzipSync, gzipSync } from 'fflate'
import { RecordFormatError } from '../byteUtils'
import type { Codec } from './codec'

/** zlib's level for `Deflater.DEFAULT_COMPRESSION`, Kafka's default `compression.gzip.level`. */
const GZIP_LEVEL_DEFAULT = 6

export const gzipCodec: Codec = {
  compress(data) {
    // mtime 0 like java.util.zip.GZIPOutputStream; fflate would otherwise stamp the wall clock,
    // which would make the bytes (and the batch CRC) differ between runs.
    return gzipSync(data, { level: GZIP_LEVEL_DEFAULT, mtime: 0 })
  },
  decompress(data) {
    try {
      return gunzipSync(data)
    } catch (error) {
      throw new RecordFormatError(`gzip: ${String(error)}`)
    }
  },
}
