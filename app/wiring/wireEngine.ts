/**
 * Connects the three parts that must not know each other: the engine client (commands in, frames
 * out), the store that mirrors frames, and the playback machine that asks for time to move.
 */
import type { Actor } from 'xstate'
import type {
  ClusterCommand,
  EngineReplyBody,
  EngineRequestBody,
  Frame,
  ScenarioConfig,
} from '../../src/engine'
import type { playbackMachine } from '../../src/lessons/playbackMachine'
import {
  applyFrame,
  markEngineReady,
  markFailed,
  markRejected,
  type SimStore,
} from '../../src/components/store/simStore'
import { connectEngine } from '../engine/connectEngine'
import type { EngineClient } from '../engine/engineClient'

export interface WiredEngine {
  client: EngineClient
  dispatch: (command: ClusterCommand) => Promise<EngineReplyBody>
  /** Any request outside playback; its frame updates the mirror like every other frame. */
  request: (body: EngineRequestBody) => Promise<EngineReplyBody>
}

export async function wireEngine(options: {
  simStore: SimStore
  playback: Actor<typeof playbackMachine>
  seed: number
  scenario: ScenarioConfig
  preferInProcess: boolean
  /** The OPFS simulation this page runs (default 'sandbox'); its saved run comes back on reload. */
  simulationId?: string
  /** 'memory' skips OPFS (`?storage=memory`, a test and diagnostic switch). */
  storage?: 'auto' | 'memory'
}): Promise<WiredEngine> {
  const { simStore, playback } = options
  const client = await connectEngine(options.preferInProcess)
  markEngineReady(simStore, client.kind)

  const position = (frame: Frame) => ({
    nowMs: frame.nowMs,
    maxMs: frame.maxMs,
    nextDueMs: frame.view.nextDueMs,
  })

  /** `credit`: this reply answers the playback machine's one request in flight. */
  const handleReply = (reply: EngineReplyBody, credit: boolean) => {
    switch (reply.type) {
      case 'frame':
        applyFrame(simStore, reply)
        playback.send(
          credit ? { type: 'FRAME', ...position(reply) } : { type: 'SYNC', ...position(reply) },
        )
        return
      case 'rejected':
        markRejected(simStore, reply.error)
        if (credit) playback.send({ type: 'REJECTED' })
        return
      case 'failed':
        markFailed(simStore, reply.message)
        playback.send({ type: 'PAUSE' })
        if (credit) playback.send({ type: 'REJECTED' })
        return
      default:
        if (credit) playback.send({ type: 'REJECTED' })
    }
  }

  playback.on('request', ({ request }) => {
    void client.request(request).then((reply) => handleReply(reply, true))
  })

  const init = await client.request({
    type: 'init',
    seed: options.seed,
    scenario: options.scenario,
    simulationId: options.simulationId ?? 'sandbox',
    // A reload brings back the run saved for this seed and scenario.
    resume: true,
    storage: options.storage ?? 'auto',
  })
  handleReply(init, false)
  if (init.type === 'rejected') markFailed(simStore, `${init.error.error}: ${init.error.message}`)

  const request = async (body: EngineRequestBody) => {
    const reply = await client.request(body)
    handleReply(reply, false)
    return reply
  }
  return { client, request, dispatch: (command) => request({ type: 'dispatch', command }) }
}
