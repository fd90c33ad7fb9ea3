/**
 * Worker entry. DON'T import from app/ or components/: this file is its own chunk.
 *
 * The host awaits `initCodecs()` (zstd's WebAssembly) before answering anything, and keeps each
 * run in its simulation's OPFS directory (memory with a notice when OPFS is missing or taken).
 */
import { createEngineHost } from './host'
import type { Endpoint } from './protocol'
import { createOpfsSimulationDisk } from './storage/opfs/opfsSimulationDisk'
import { createRunStorage } from './storage/runStorage'

createEngineHost(self as unknown as Endpoint, {
  storage: createRunStorage({ disk: createOpfsSimulationDisk() }),
})
