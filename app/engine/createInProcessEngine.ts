import type { Endpoint } from '../../src/engine'
import { createEngineHost } from '../../src/engine/host'
import { createEngineClient, type EngineClient } from './engineClient'

/**
 * The same host on the main thread over a MessageChannel, for when Workers fail (old browsers,
 * locked-down pages). Same protocol, same code path; only the thread differs.
 */
export function createInProcessEngine(): EngineClient {
  const channel = new MessageChannel()
  const host = createEngineHost(channel.port2 as unknown as Endpoint)
  return createEngineClient(channel.port1 as unknown as Endpoint, 'in-process', () => {
    host.dispose()
    channel.port1.close()
    channel.port2.close()
  })
}
