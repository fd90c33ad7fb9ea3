/**
 * snappy as the Java client writes it: snappy-java's `SnappyOutputStream` ("xerial" framing), i.e.
 * a 16-byte header (magic `\x82SNAPPY\0`, version 1, minimum compatible version 1) followed by
 * chunks of `int32 compressedLength` + one raw snappy block per 32 KiB of input. The raw snappy
 * blocks come from snappyjs (pure JavaScript, synchronous). Like `SnappyInputStream`, decompression
 * also accepts a bare snappy block without the framing.
 */
import { compress as snappyCompress, uncompress as snappyUncompress } from 'snappyjs'
import { RecordFormatError } from '../byteUtils'
import type { Codec } from './codec'

const XERIAL_MAGIC = [0x82, 0x53, 0x4e, 0x41, 0x50, 0x50, 0x59, 0x00] as const
const XERIAL_HEADER_BYTES = 16
const XERIAL_VERSION = 1
const XERIAL_MIN_COMPATIBLE_VERSION = 1
/** snappy-java's `SnappyOutputStream.DEFAULT_BLOCK_SIZE`, used by Kafka's producer. */
const XERIAL_BLOCK_BYTES = 32 * 1024

function hasXerialHeader(data: Uint8Array): boolean {
  if (data.length < XERIAL_HEADER_BYTES) return false
  return XERIAL_MAGIC.every((b, i) => data[i] === b)
}

function uncompressBlock(block: Uint8Array): Uint8Array {
  try {
    return snappyUncompress(block)
  } catch (error) {
    throw new RecordFormatError(`snappy: ${String(error)}`)
  }
}

export const snappyCodec: Codec = {
  compress(data) {
    const chunks: Uint8Array[] = []
    let total = XERIAL_HEADER_BYTES
    for (let start = 0; start < data.length; start += XERIAL_BLOCK_BYTES) {
      const chunk = snappyCompress(data.subarray(start, start + XERIAL_BLOCK_BYTES))
      chunks.push(chunk)
      total += 4 + chunk.length
    }
    const out = new Uint8Array(total)
    const view = new DataView(out.buffer)
    out.set(XERIAL_MAGIC, 0)
    view.setInt32(8, XERIAL_VERSION)
    view.setInt32(12, XERIAL_MIN_COMPATIBLE_VERSION)
    let position = XERIAL_HEADER_BYTES
    for (const chunk of chunks) {
      view.setInt32(position, chunk.length)
      out.set(chunk, position + 4)
      position += 4 + chunk.length
    }
    return out
  },
  decompress(data) {
    if (!hasXerialHeader(data)) return uncompressBlock(data)
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
    const blocks: Uint8Array[] = []
    let total = 0
    let position = XERIAL_HEADER_BYTES
    while (position < data.length) {
      if (position + 4 > data.length) throw new RecordFormatError('snappy: torn chunk length')
      const length = view.getInt32(position)
      if (length < 0 || position + 4 + length > data.length) {
        throw new RecordFormatError('snappy: chunk extends past the data')
      }
      const block = uncompressBlock(data.subarray(position + 4, position + 4 + length))
      blocks.push(block)
      total += block.length
      position += 4 + length
    }
    const out = new Uint8Array(total)
    let offset = 0
    for (const block of blocks) {
      out.set(block, offset)
      offset += block.length
    }
    return out
  },
}
