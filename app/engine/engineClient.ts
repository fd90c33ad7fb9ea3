/**
 * The main thread's side of the protocol: numbered requests, one reply each, matched by id.
 * Works over any Endpoint, so the worker and the in-process fallback share this code path.
 */
import {
  PROTOCOL_VERSION,
  type Endpoint,
  type EngineReply,
  type EngineReplyBody,
  type EngineRequestBody,
} from '../../src/engine'

export interface EngineClient {
  readonly kind: 'worker' | 'in-process'
  request(body: EngineRequestBody): Promise<EngineReplyBody>
  dispose(): void
}

export function createEngineClient(
  endpoint: Endpoint,
  kind: EngineClient['kind'],
  dispose: () => void,
): EngineClient {
  let nextId = 1
  const pending = new Map<number, (reply: EngineReplyBody) => void>()
  const onMessage = (event: MessageEvent) => {
    const { replyTo, ...body } = event.data as EngineReply
    const resolve = pending.get(replyTo)
    if (resolve === undefined) return
    pending.delete(replyTo)
    resolve(body as EngineReplyBody)
  }
  endpoint.addEventListener('message', onMessage)
  endpoint.start?.()
  return {
    kind,
    request: (body) =>
      new Promise((resolve) => {
        const id = nextId++
        pending.set(id, resolve)
        endpoint.postMessage({ ...body, id })
      }),
    dispose: () => {
      endpoint.removeEventListener('message', onMessage)
      dispose()
    },
  }
}

/** Sends the version handshake; resolves false on a mismatch or when nothing answers in time. */
export async function handshake(client: EngineClient, timeoutMs: number): Promise<boolean> {
  const reply = await Promise.race([
    client.request({ type: 'hello', protocolVersion: PROTOCOL_VERSION }),
    new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs)),
  ])
  return reply !== null && reply.type === 'ready'
}
