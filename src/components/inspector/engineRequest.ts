/**
 * Requests outside playback (describe, dispatch with its reply, init), provided by app/. The
 * inspector, the config panel, the sandbox builder and the script console use it; every frame
 * they cause still reaches the store the usual way.
 */
import { createContext, useContext } from 'react'
import type { EngineReplyBody, EngineRequestBody } from '../../engine'

export type EngineRequest = (body: EngineRequestBody) => Promise<EngineReplyBody>

export const EngineRequestContext = createContext<EngineRequest | null>(null)

export function useEngineRequest(): EngineRequest {
  const request = useContext(EngineRequestContext)
  if (request === null) throw new Error('useEngineRequest needs an <EngineRequestContext.Provider>')
  return request
}
