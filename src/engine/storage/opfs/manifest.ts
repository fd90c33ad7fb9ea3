import type { FileIo } from './fileIo'

/**
 * The manifest maps segment paths to data files. It is the only metadata on disk: sizes come
 * from the data files themselves. Two slots are written alternately, each stamped with a
 * sequence number, so a write torn by a crash or a closed tab leaves the previous one readable.
 */
export interface Manifest {
  /** Increases by one with every write; the valid slot with the greatest one wins. */
  readonly sequence: number
  /** `[path, data file name]`, sorted by path. */
  readonly files: readonly (readonly [string, string])[]
}

const FORMAT = 'kafkascope-opfs-manifest'
const VERSION = 1

export function encodeManifest(manifest: Manifest): Uint8Array {
  return new TextEncoder().encode(JSON.stringify({ format: FORMAT, version: VERSION, ...manifest }))
}

/** Parses a slot's bytes; null when empty, torn or not ours. */
export function decodeManifest(bytes: Uint8Array): Manifest | null {
  if (bytes.length === 0) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes))
  } catch {
    return null
  }
  if (typeof parsed !== 'object' || parsed === null) return null
  const value = parsed as Record<string, unknown>
  if (value.format !== FORMAT || value.version !== VERSION) return null
  if (typeof value.sequence !== 'number' || !Array.isArray(value.files)) return null
  const files: (readonly [string, string])[] = []
  for (const entry of value.files as unknown[]) {
    if (!Array.isArray(entry) || entry.length !== 2) return null
    const [path, name] = entry as unknown[]
    if (typeof path !== 'string' || typeof name !== 'string') return null
    files.push([path, name])
  }
  return { sequence: value.sequence, files }
}

function readAll(io: FileIo): Uint8Array {
  const bytes = new Uint8Array(io.getSize())
  io.read(bytes, { at: 0 })
  return bytes
}

/** The newest valid manifest of the two slots, or null for a new (or unreadable) directory. */
export function readManifest(slots: readonly [FileIo, FileIo]): Manifest | null {
  const candidates = slots.map((slot) => decodeManifest(readAll(slot)))
  let newest: Manifest | null = null
  for (const candidate of candidates) {
    if (candidate !== null && (newest === null || candidate.sequence > newest.sequence)) {
      newest = candidate
    }
  }
  return newest
}

/** Writes `manifest` into the slot its sequence selects; returns that slot so it can be flushed. */
export function writeManifest(slots: readonly [FileIo, FileIo], manifest: Manifest): FileIo {
  const slot = slots[manifest.sequence % 2 === 0 ? 0 : 1]
  const bytes = encodeManifest(manifest)
  // Write first, then cut: a shorter manifest must not keep the old one's tail.
  slot.write(bytes, { at: 0 })
  slot.truncate(bytes.length)
  return slot
}
