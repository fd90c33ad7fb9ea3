/**
 * Goal: playback keeps at most one request in flight, converts wall time to simulated time at the
 * chosen speed, skips wall-clock gaps, steps to the next scheduled event, and lets the newest seek
 * win while a request is in flight.
 * Method: the rAF ticker is replaced by a silent actor and TICK events are sent by hand; emitted
 * requests are recorded and answered with FRAME events like the wiring does.
 */
import { describe, expect, test } from 'vitest'
import { createActor, fromCallback } from 'xstate'
import { playbackMachine, type PlaybackRequest } from './playbackMachine'

function start() {
  const actor = createActor(
    playbackMachine.provide({ actors: { ticker: fromCallback(() => () => {}) } }),
  )
  const requests: PlaybackRequest[] = []
  actor.on('request', (e) => requests.push(e.request))
  actor.start()
  const answer = (nowMs: number, nextDueMs: number | null = null) =>
    actor.send({ type: 'FRAME', nowMs, maxMs: nowMs, nextDueMs })
  return { actor, requests, answer }
}

describe('playback machine', () => {
  test('plays at 1x: wall milliseconds become simulated milliseconds, one request at a time', () => {
    const { actor, requests, answer } = start()
    actor.send({ type: 'PLAY' })
    expect(actor.getSnapshot().value).toBe('playing')
    actor.send({ type: 'TICK', wallMs: 1000 }) // first tick only sets the reference
    actor.send({ type: 'TICK', wallMs: 1016 })
    expect(requests).toEqual([{ type: 'advanceTo', targetMs: 16 }])
    actor.send({ type: 'TICK', wallMs: 1032 }) // still in flight: owed time accumulates
    expect(requests).toHaveLength(1)
    answer(16)
    actor.send({ type: 'TICK', wallMs: 1048 })
    expect(requests[1]).toEqual({ type: 'advanceTo', targetMs: 48 })
  })

  test('speed scales simulated time; a wall gap of 500 ms or more is skipped', () => {
    const { actor, requests, answer } = start()
    actor.send({ type: 'SET_SPEED', speed: 10 })
    actor.send({ type: 'PLAY' })
    actor.send({ type: 'TICK', wallMs: 0 })
    actor.send({ type: 'TICK', wallMs: 20 })
    expect(requests).toEqual([{ type: 'advanceTo', targetMs: 200 }])
    answer(200)
    actor.send({ type: 'TICK', wallMs: 5_000 }) // tab was hidden
    expect(requests).toHaveLength(1)
    actor.send({ type: 'TICK', wallMs: 5_010 })
    expect(requests[1]).toEqual({ type: 'advanceTo', targetMs: 300 })
  })

  test('pause stops requests; step forward goes to the next scheduled event', () => {
    const { actor, requests, answer } = start()
    answer(0, 2_000)
    actor.send({ type: 'STEP_FORWARD' })
    expect(requests).toEqual([{ type: 'advanceTo', targetMs: 2_000 }])
    answer(2_000, null)
    actor.send({ type: 'STEP_FORWARD' })
    expect(requests[1]).toEqual({ type: 'advanceTo', targetMs: 2_100 })
  })

  test('step back seeks; pressing step while playing pauses first', () => {
    const { actor, requests } = start()
    actor.send({ type: 'PLAY' })
    actor.send({ type: 'STEP_BACK', targetMs: 500 })
    expect(actor.getSnapshot().value).toBe('paused')
    expect(requests).toEqual([])
    actor.send({ type: 'STEP_BACK', targetMs: 500 })
    expect(requests).toEqual([{ type: 'seek', targetMs: 500 }])
  })

  test('while a request is in flight, only the newest scrub is sent afterwards', () => {
    const { actor, requests, answer } = start()
    actor.send({ type: 'SCRUB', targetMs: 100 })
    actor.send({ type: 'SCRUB', targetMs: 200 })
    actor.send({ type: 'SCRUB', targetMs: 300 })
    expect(requests).toEqual([{ type: 'seek', targetMs: 100 }])
    answer(100)
    expect(requests).toEqual([
      { type: 'seek', targetMs: 100 },
      { type: 'seek', targetMs: 300 },
    ])
    answer(300)
    expect(actor.getSnapshot().context.inFlight).toBe(false)
  })
})
