/**
 * Goal: brokers register, get unfenced on their first heartbeat, and are fenced exactly when the
 * controller has heard nothing for more than broker.session.timeout.ms (KAFKA_SPEC §2.4).
 * Method: drive the headless engine with a fixed latency of 1 ms so every time is exact.
 */
import { describe, expect, test } from 'vitest'
import { createEngine } from '../../headless'
import { debug } from '../advanceTo'
import type { SimEvent } from '../events'

debug.checkInvariants = true

const fixedLatency = { latencyMsMin: 1, latencyMsMax: 1, lossPerMille: 0 }
const engineWith = (brokers = 3) =>
  createEngine({ seed: 1, scenario: { brokers, network: fixedLatency } })
const ofType = (events: SimEvent[], type: SimEvent['type']) => events.filter((e) => e.type === type)

describe('broker lifecycle', () => {
  test('brokers register at start and are unfenced by their first heartbeat', () => {
    const engine = engineWith()
    expect(engine.view().brokers.map((b) => b.status)).toEqual(['starting', 'starting', 'starting'])
    const events = engine.advanceTo(1)
    expect(ofType(events, 'brokerRegistered').map((e) => e.atMs)).toEqual([1, 1, 1])
    engine.advanceTo(2) // registered: the first heartbeat is on its way
    expect(engine.view().brokers.map((b) => b.status)).toEqual(['fenced', 'fenced', 'fenced'])
    const later = engine.advanceTo(3) // sent at 2 on the registration response, arrives at 3
    expect(ofType(later, 'brokerUnfenced').map((e) => e.atMs)).toEqual([3, 3, 3])
    expect(engine.view().brokers.map((b) => b.status)).toEqual(['online', 'online', 'online'])
    expect(engine.view().brokers.map((b) => b.brokerEpoch)).toEqual([1, 2, 3])
  })

  test('a crashed broker is fenced once more than 9000 ms passed since its last heartbeat', () => {
    const engine = engineWith()
    engine.advanceTo(4500) // heartbeats at 2000 and 4000 arrived at 2001 and 4001
    expect(engine.crashBroker(1).ok).toBe(true)
    expect(engine.view().brokers[0]).toMatchObject({
      status: 'offline',
      controllerSees: 'unfenced',
      lastContactMs: 4001,
    })
    expect(ofType(engine.advanceTo(13_001), 'brokerFenced')).toHaveLength(0) // 9000 ms is not > 9000
    const fenced = ofType(engine.advanceTo(13_002), 'brokerFenced')
    expect(fenced).toEqual([
      expect.objectContaining({ brokerId: 1, brokerEpoch: 1, lastContactMs: 4001, atMs: 13_002 }),
    ])
    expect(engine.view().brokers[0]!.controllerSees).toBe('fenced')
  })

  test('a restarted broker registers again with a new broker epoch', () => {
    const engine = engineWith()
    engine.advanceTo(3000)
    engine.crashBroker(2, 'powerLoss')
    engine.advanceTo(20_000)
    expect(engine.restartBroker(2).ok).toBe(true)
    const events = engine.advanceTo(23_000)
    expect(ofType(events, 'brokerRegistered')).toEqual([
      expect.objectContaining({ brokerId: 2, brokerEpoch: 4 }),
    ])
    expect(ofType(events, 'brokerUnfenced')).toEqual([
      expect.objectContaining({ brokerId: 2, brokerEpoch: 4 }),
    ])
    expect(engine.view().brokers[1]).toMatchObject({
      status: 'online',
      incarnation: 2,
      lastCrashMode: 'powerLoss',
    })
  })

  test('an isolated broker is fenced, and unfenced again after the network heals', () => {
    const engine = engineWith()
    engine.advanceTo(2500)
    expect(engine.isolateBroker(3).ok).toBe(true)
    const events = engine.advanceTo(12_000)
    expect(
      ofType(events, 'messageDropped').every(
        (e) => e.type === 'messageDropped' && e.reason === 'linkDown',
      ),
    ).toBe(true)
    expect(ofType(events, 'brokerFenced')).toEqual([
      expect.objectContaining({ brokerId: 3, lastContactMs: 2001 }),
    ])
    expect(engine.view().brokers[2]).toMatchObject({ status: 'fenced', isolated: true })
    engine.healNetwork()
    const healed = engine.advanceTo(14_500)
    expect(ofType(healed, 'brokerUnfenced')).toEqual([
      expect.objectContaining({ brokerId: 3, brokerEpoch: 3 }),
    ])
    expect(engine.view().brokers[2]).toMatchObject({ status: 'online', isolated: false })
  })

  test('commands that do not fit the cluster are refused and change nothing', () => {
    const engine = engineWith()
    engine.advanceTo(100)
    const before = structuredClone(engine.timeline.state())
    expect(engine.restartBroker(1)).toMatchObject({
      ok: false,
      error: { error: 'BROKER_ALREADY_RUNNING' },
    })
    expect(engine.crashBroker(9)).toMatchObject({ ok: false, error: { error: 'INVALID_COMMAND' } })
    expect(engine.timeline.dispatch({ type: 'crashBroker', brokerId: 1 })).toMatchObject({
      ok: false,
    })
    expect(engine.timeline.dispatch({ type: 'explode' })).toMatchObject({
      ok: false,
      error: { error: 'INVALID_COMMAND' },
    })
    expect(engine.timeline.state()).toEqual(before)
    expect(engine.timeline.commands()).toHaveLength(0)
  })
})
