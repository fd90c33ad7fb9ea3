import type { Endpoint } from '../../src/engine'
import { createEngineHost } from '../../src/engine/host'
import { createOpfsSimulationDisk } from '../../src/engine/storage/opfs/opfsSimulationDisk'
import { createRunStorage } from '../../src/engine/storage/runStorage'
import { createEngineClient, type EngineClient } from './engineClient'

/**
 * The same host on the main thread over a MessageChannel, for when Workers fail (old browsers,
 * locked-down pages). Same protocol, same code path; only the thread differs. OPFS sync access
 * handles exist only in workers, so here every run is in memory with the 'opfs-unavailable'
 * notice. Like the worker, the host answers nothing before the codecs are ready.
 */
export function createInProcessEngine(): EngineClient {
  const channel = new MessageChannel()
  const host = createEngineHost(channel.port2 as unknown as Endpoint, {
    storage: createRunStorage({ disk: createOpfsSimulationDisk() }),
  })
  return createEngineClient(channel.port1 as unknown as Endpoint, 'in-process', () => {
    host.dispose()
    channel.port1.close()
    channel.port2.close()
  })
}
