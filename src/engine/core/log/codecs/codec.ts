/** What every compression codec offers: synchronous, whole-buffer compress and decompress. */
export interface Codec {
  /** Compresses the records blob of one batch. */
  compress(data: Uint8Array): Uint8Array
  /** Inverse of `compress`; throws `RecordFormatError` on data it cannot decode. */
  decompress(data: Uint8Array): Uint8Array
}
