import { describe, expect, it } from 'vitest'
import { createEngine } from '../../engine/headless'
import type { Frame, SimEvent } from '../../engine'
import { applyFrame, createSimStore } from './simStore'

function frameWith(events: SimEvent[], eventsSinceSeq: number | null): Frame {
  const engine = createEngine({ seed: 7 })
  return {
    type: 'frame',
    nowMs: 0,
    maxMs: 0,
    seed: 7,
    view: engine.view(),
    events,
    eventsSinceSeq,
    notice: null,
  }
}

describe('applyFrame', () => {
  const engine = createEngine({ seed: 7 })
  const events = engine.advanceTo(2_000)

  it('appends new events and keeps the same array when a frame brings none', () => {
    const store = createSimStore()
    applyFrame(store, frameWith(events, null))
    const before = store.getState().events
    expect(before).toHaveLength(events.length)
    applyFrame(store, frameWith([], null))
    expect(store.getState().events).toBe(before)
  })

  it('a frame that restarts the numbering at 0 empties the log (a new or imported run)', () => {
    expect(events.length).toBeGreaterThan(0)
    const store = createSimStore()
    applyFrame(store, frameWith(events, null))
    applyFrame(store, frameWith([], 0))
    expect(store.getState().events).toEqual([])
  })
})
