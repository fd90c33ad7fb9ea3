/**
 * Goal: the host answers every request with exactly one reply over a real MessageChannel, checks
 * the protocol version, refuses bad input with a named error, and keeps running afterwards.
 * Method: an in-process client on port1 and the host on port2, as the app's fallback does.
 */
import { afterEach, describe, expect, test } from 'vitest'
import { createEngineHost } from './host'
import {
  PROTOCOL_VERSION,
  type EngineReply,
  type EngineRequestBody,
  type Endpoint,
} from './protocol'

const channels: MessageChannel[] = []
afterEach(() => channels.splice(0).forEach((c) => (c.port1.close(), c.port2.close())))

function connect() {
  const channel = new MessageChannel()
  channels.push(channel)
  createEngineHost(channel.port2 as unknown as Endpoint)
  const replies: EngineReply[] = []
  const waiting = new Map<number, (reply: EngineReply) => void>()
  channel.port1.addEventListener('message', (event: MessageEvent) => {
    const reply = event.data as EngineReply
    replies.push(reply)
    waiting.get(reply.replyTo)?.(reply)
  })
  channel.port1.start()
  let nextId = 1
  const request = (body: EngineRequestBody | Record<string, unknown>) =>
    new Promise<EngineReply>((resolve) => {
      const id = nextId++
      waiting.set(id, resolve)
      channel.port1.postMessage({ ...body, id })
    })
  return { request, replies }
}

describe('engine host over a MessageChannel', () => {
  test('handshake, init, advance, seek, dispatch: one reply each', async () => {
    const { request, replies } = connect()
    expect(await request({ type: 'hello', protocolVersion: PROTOCOL_VERSION })).toMatchObject({
      type: 'ready',
      protocolVersion: PROTOCOL_VERSION,
    })
    const init = await request({ type: 'init', seed: 11, scenario: { brokers: 3 } })
    expect(init).toMatchObject({ type: 'frame', nowMs: 0, maxMs: 0, eventsSinceSeq: 0 })
    expect(init.type === 'frame' && init.events.map((e) => e.type)).toEqual([
      'brokerStarted',
      'brokerStarted',
      'brokerStarted',
    ])
    const advanced = await request({ type: 'advanceTo', targetMs: 3_000 })
    expect(advanced).toMatchObject({
      type: 'frame',
      nowMs: 3_000,
      maxMs: 3_000,
      eventsSinceSeq: null,
    })
    const crashed = await request({
      type: 'dispatch',
      command: { type: 'crashBroker', brokerId: 2, mode: 'process' },
    })
    expect(crashed.type === 'frame' && crashed.view.brokers[1]!.status).toBe('offline')
    const seeked = await request({ type: 'seek', targetMs: 1_000 })
    expect(seeked).toMatchObject({ type: 'frame', nowMs: 1_000, maxMs: 3_000 })
    expect(seeked.type === 'frame' && seeked.eventsSinceSeq).toBeGreaterThan(0)
    expect(replies.map((r) => r.replyTo)).toEqual([1, 2, 3, 4, 5])
  })

  test('a client of another protocol version is refused', async () => {
    const { request } = connect()
    expect(await request({ type: 'hello', protocolVersion: PROTOCOL_VERSION + 1 })).toMatchObject({
      type: 'rejected',
      error: { error: 'INVALID_COMMAND' },
    })
  })

  test('bad input is refused with a named error and the run goes on', async () => {
    const { request } = connect()
    expect(await request({ type: 'advanceTo', targetMs: 5 })).toMatchObject({
      type: 'rejected',
      error: { error: 'NOT_INITIALIZED' },
    })
    expect(await request({ type: 'init', seed: 1, scenario: { brokers: 0 } })).toMatchObject({
      type: 'rejected',
      error: { error: 'INVALID_CONFIG', code: 40 },
    })
    await request({ type: 'init', seed: 1, scenario: { brokers: 2 } })
    await request({ type: 'advanceTo', targetMs: 100 })
    expect(await request({ type: 'advanceTo', targetMs: 50 })).toMatchObject({ type: 'rejected' })
    expect(await request({ type: 'advanceTo', targetMs: 1.5 })).toMatchObject({ type: 'rejected' })
    expect(
      await request({ type: 'dispatch', command: { type: 'restartBroker', brokerId: 1 } }),
    ).toMatchObject({ type: 'rejected', error: { error: 'BROKER_ALREADY_RUNNING' } })
    expect(await request({ type: 'importReplay', replay: '{"format":"nope"}' })).toMatchObject({
      type: 'rejected',
      error: { error: 'INVALID_REPLAY' },
    })
    expect(await request({ type: 'advanceTo', targetMs: 200 })).toMatchObject({
      type: 'frame',
      nowMs: 200,
    })
  })

  test('export then import over the protocol reproduces the view', async () => {
    const { request } = connect()
    await request({ type: 'init', seed: 4, scenario: { brokers: 3 } })
    await request({ type: 'advanceTo', targetMs: 2_000 })
    await request({ type: 'dispatch', command: { type: 'isolateBroker', brokerId: 3 } })
    const end = await request({ type: 'advanceTo', targetMs: 15_000 })
    const exported = await request({ type: 'exportReplay' })
    expect(exported.type).toBe('replayExported')
    const other = connect()
    const imported = await other.request({
      type: 'importReplay',
      replay: exported.type === 'replayExported' ? JSON.stringify(exported.replay) : null,
    })
    expect(imported.type === 'frame' && imported.view).toEqual(end.type === 'frame' && end.view)
  })

  test('traceHash runs a separate simulation and is stable', async () => {
    const { request } = connect()
    const a = await request({
      type: 'traceHash',
      seed: 7,
      scenario: { brokers: 3 },
      untilMs: 30_000,
      stepMs: 16,
    })
    const b = await request({
      type: 'traceHash',
      seed: 7,
      scenario: { brokers: 3 },
      untilMs: 30_000,
      stepMs: 1_000,
    })
    const c = await request({
      type: 'traceHash',
      seed: 8,
      scenario: { brokers: 3, network: { latencyMsMin: 1, latencyMsMax: 50, lossPerMille: 0 } },
      untilMs: 30_000,
      stepMs: 16,
    })
    expect(a.type === 'traceHashed' && a.hash).toBe(b.type === 'traceHashed' && b.hash)
    expect(a.type === 'traceHashed' && a.hash).not.toBe(c.type === 'traceHashed' && c.hash)
  })
})
