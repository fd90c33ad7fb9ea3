/**
 * lz4 as Kafka writes it (`Lz4BlockOutputStream`): an LZ4 frame with magic 0x184D2204, FLG 0x60
 * (version 1, independent blocks, no checksums, no content size), BD 0x40 (64 KiB blocks), the
 * header checksum byte `(xxh32(FLG, BD) >> 8) & 0xFF`, blocks prefixed by a little-endian length
 * (high bit = stored uncompressed) and a zero end mark. The block compressor is lz4js's (pure
 * JavaScript, synchronous); lz4js's own frame writer is not used because it declares dependent
 * 4 MiB blocks, which Kafka's reader refuses ("Dependent block stream is unsupported").
 */
import { compressBlock, decompressBlock } from 'lz4js'
import { RecordFormatError } from '../byteUtils'
import type { Codec } from './codec'
import { xxh32 } from './xxh32'

const LZ4_MAGIC = 0x184d2204
const FLG_KAFKA = 0x60
const BD_64KB = 0x40
const FLG_VERSION_MASK = 0xc0
const FLG_VERSION_1 = 0x40
const FLG_BLOCK_CHECKSUM = 0x10
const FLG_CONTENT_SIZE = 0x08
const FLG_DICT_ID = 0x01
const BLOCK_UNCOMPRESSED = 0x80000000
const KAFKA_BLOCK_BYTES = 64 * 1024
/** lz4js hashes 4-byte sequences into 2^16 slots. */
const HASH_TABLE_SLOTS = 1 << 16

function maxBlockBytes(bd: number): number {
  const code = (bd >> 4) & 0x07
  if (code < 4 || code > 7) throw new RecordFormatError(`lz4: invalid block size code ${code}`)
  return 1 << (2 * code + 8)
}

export const lz4Codec: Codec = {
  compress(data) {
    const blockCount = Math.ceil(data.length / KAFKA_BLOCK_BYTES)
    // Header (7) + per block (length word + worst case) + end mark (4).
    const out = new Uint8Array(7 + blockCount * (4 + KAFKA_BLOCK_BYTES + 512) + 4)
    const view = new DataView(out.buffer)
    view.setUint32(0, LZ4_MAGIC, true)
    out[4] = FLG_KAFKA
    out[5] = BD_64KB
    out[6] = (xxh32(out, 4, 6) >>> 8) & 0xff
    let position = 7
    const hashTable = new Uint32Array(HASH_TABLE_SLOTS)
    const scratch = new Uint8Array(KAFKA_BLOCK_BYTES + 512)
    for (let start = 0; start < data.length; start += KAFKA_BLOCK_BYTES) {
      const length = Math.min(KAFKA_BLOCK_BYTES, data.length - start)
      // A fresh table per block keeps blocks independent, as FLG declares.
      hashTable.fill(0)
      const compressed = compressBlock(data, scratch, start, length, hashTable)
      if (compressed === 0 || compressed >= length) {
        view.setUint32(position, (length | BLOCK_UNCOMPRESSED) >>> 0, true)
        out.set(data.subarray(start, start + length), position + 4)
        position += 4 + length
      } else {
        view.setUint32(position, compressed, true)
        out.set(scratch.subarray(0, compressed), position + 4)
        position += 4 + compressed
      }
    }
    view.setUint32(position, 0, true)
    return out.slice(0, position + 4)
  },
  decompress(data) {
    const view = new DataView(data.buffer, data.byteOffset, data.byteLength)
    if (data.length < 7 || view.getUint32(0, true) !== LZ4_MAGIC) {
      throw new RecordFormatError('lz4: invalid frame magic')
    }
    const flg = data[4]!
    const bd = data[5]!
    if ((flg & FLG_VERSION_MASK) !== FLG_VERSION_1) {
      throw new RecordFormatError('lz4: unsupported frame version')
    }
    let position = 6
    if ((flg & FLG_CONTENT_SIZE) !== 0) position += 8
    if ((flg & FLG_DICT_ID) !== 0) position += 4
    if (position >= data.length) throw new RecordFormatError('lz4: torn frame descriptor')
    const headerChecksum = (xxh32(data, 4, position) >>> 8) & 0xff
    if (data[position] !== headerChecksum) {
      throw new RecordFormatError('lz4: frame descriptor checksum mismatch')
    }
    position++
    const blockLimit = maxBlockBytes(bd)
    let out = new Uint8Array(Math.max(blockLimit, 1024))
    let outLength = 0
    for (;;) {
      if (position + 4 > data.length) throw new RecordFormatError('lz4: missing end mark')
      const word = view.getUint32(position, true)
      position += 4
      if (word === 0) break
      const stored = (word & BLOCK_UNCOMPRESSED) !== 0
      const length = word & 0x7fffffff
      if (length > blockLimit || position + length > data.length) {
        throw new RecordFormatError('lz4: block extends past the data')
      }
      if (outLength + blockLimit > out.length) {
        const grown = new Uint8Array(Math.max(out.length * 2, outLength + blockLimit))
        grown.set(out.subarray(0, outLength))
        out = grown
      }
      if (stored) {
        out.set(data.subarray(position, position + length), outLength)
        outLength += length
      } else {
        const end = decompressBlock(data, out, position, length, outLength)
        if (!(end >= outLength && end - outLength <= blockLimit)) {
          throw new RecordFormatError('lz4: malformed block')
        }
        outLength = end
      }
      position += length
      if ((flg & FLG_BLOCK_CHECKSUM) !== 0) position += 4
    }
    // A content checksum (FLG bit 2) would follow the end mark; Kafka never writes one.
    return out.slice(0, outLength)
  },
}
