/**
 * The OPFS probe's worker (module worker, started by app/probes/opfsProbe.ts). It answers each
 * `ProbeRequestMessage` with exactly one `ProbeReplyMessage`, in order. Stores opened here hold
 * their simulation's lock until closed or until the page goes away.
 *
 * To add measurements (e.g. engine-level appends), register them next to `registerIoMeasurements()`.
 */
import { assertNever } from '../../core/assert'
import type { StoreSnapshot } from '../segmentStore'
import './engineMeasurements'
import { registerIoMeasurements } from './ioMeasurements'
import { openOpfsSegmentStore } from './openOpfsSegmentStore'
import type { OpfsSegmentStore } from './opfsSegmentStore'
import { measurementNames, runMeasurement } from './probeMeasurements'
import { patternBytes } from './probePattern'
import type {
  ProbeCommand,
  ProbeReplyMessage,
  ProbeRequestMessage,
  ProbeResults,
} from './probeProtocol'
import { deleteSimulation, listSimulations } from './simulations'

registerIoMeasurements()

const storesBySimId = new Map<string, OpfsSegmentStore>()

function storeOf(simId: string): OpfsSegmentStore {
  const store = storesBySimId.get(simId)
  if (store === undefined) throw new Error(`simulation ${simId} is not open in this probe`)
  return store
}

function snapshotOf(snapshotId: number): StoreSnapshot {
  return { storeKind: 'opfs', id: snapshotId }
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // Copy into a plain ArrayBuffer: digest() does not take views of shared buffers.
  const digest = await crypto.subtle.digest('SHA-256', new Uint8Array(bytes).buffer)
  return Array.from(new Uint8Array(digest), (byte) => byte.toString(16).padStart(2, '0')).join('')
}

async function handle(command: ProbeCommand): Promise<ProbeResults[ProbeCommand['type']]> {
  switch (command.type) {
    case 'open': {
      if (storesBySimId.has(command.simId)) throw new Error(`${command.simId} is already open`)
      const store = await openOpfsSegmentStore(command.simId, {
        ...(command.waitForLockMs === undefined ? {} : { waitForLockMs: command.waitForLockMs }),
        ...(command.writeBatchBytes === undefined
          ? {}
          : { writeBatchBytes: command.writeBatchBytes }),
      })
      storesBySimId.set(command.simId, store)
      let sizeBytesTotal = 0
      for (const [, bytes] of store.files()) sizeBytesTotal += bytes.length
      return { files: store.stats().files, sizeBytesTotal } satisfies ProbeResults['open']
    }
    case 'close': {
      const store = storeOf(command.simId)
      storesBySimId.delete(command.simId)
      await store.close(command.flush ?? true)
      return null
    }
    case 'append': {
      const store = storeOf(command.simId)
      const all = patternBytes(command.seed, 0, command.totalBytes)
      const firstPosition = store.size(command.path)
      for (let at = 0; at < all.length; at += command.chunkBytes) {
        store.append(command.path, all.subarray(at, Math.min(all.length, at + command.chunkBytes)))
      }
      const result: ProbeResults['append'] = {
        firstPosition,
        sizeBytes: store.size(command.path),
        sha256: await sha256Hex(all),
      }
      return result
    }
    case 'flush':
      storeOf(command.simId).flush()
      return null
    case 'read': {
      const store = storeOf(command.simId)
      const sizeBytes = store.size(command.path)
      const position = command.position ?? 0
      const bytes = store.read(command.path, position, command.length ?? sizeBytes - position)
      const result: ProbeResults['read'] = {
        sizeBytes,
        length: bytes.length,
        sha256: await sha256Hex(bytes),
        bytes: command.includeBytes === true ? Array.from(bytes) : null,
      }
      return result
    }
    case 'truncate': {
      const store = storeOf(command.simId)
      store.truncate(command.path, command.size)
      return { sizeBytes: store.size(command.path) } satisfies ProbeResults['truncate']
    }
    case 'remove':
      storeOf(command.simId).remove(command.path)
      return null
    case 'list':
      return storeOf(command.simId).list(command.dir)
    case 'snapshot':
      return { snapshotId: storeOf(command.simId).snapshot().id } satisfies ProbeResults['snapshot']
    case 'restore':
      storeOf(command.simId).restore(snapshotOf(command.snapshotId))
      return null
    case 'release':
      storeOf(command.simId).release(snapshotOf(command.snapshotId))
      return null
    case 'stats':
      return { ...storeOf(command.simId).stats() } satisfies ProbeResults['stats']
    case 'listSimulations':
      return listSimulations()
    case 'deleteSimulation':
      await deleteSimulation(command.simId, command.waitForLockMs ?? 0)
      return null
    case 'measure':
      return runMeasurement(command.name, command.params ?? {})
    case 'listMeasurements':
      return measurementNames()
    default:
      return assertNever(command, 'probe command')
  }
}

// Commands run one at a time, in arrival order, like the engine's worker: a measurement never
// overlaps another command.
let queue: Promise<void> = Promise.resolve()

addEventListener('message', (event: MessageEvent<ProbeRequestMessage>) => {
  const { id, command } = event.data
  queue = queue.then(async () => {
    let reply: ProbeReplyMessage
    try {
      reply = { id, response: { ok: true, result: await handle(command) } }
    } catch (error) {
      const { name, message } =
        error instanceof Error ? error : { name: 'Error', message: String(error) }
      reply = { id, response: { ok: false, error: { name, message } } }
    }
    postMessage(reply)
  })
})
