/**
 * The simulated clock's timer queue: a binary min-heap ordered by (dueAtMs, seq). The `seq`
 * tie-break fixes the order of equal deadlines, so a run never depends on insertion accidents.
 * Timers are plain data (no closures) so the whole queue survives structuredClone and JSON.
 */
import { assert } from './assert'
import type { TimerAction } from './types'

export interface Timer {
  dueAtMs: number
  seq: number
  action: TimerAction
}

export interface TimerQueue {
  heap: Timer[]
  nextSeq: number
}

export function createTimerQueue(): TimerQueue {
  return { heap: [], nextSeq: 0 }
}

function before(a: Timer, b: Timer): boolean {
  return a.dueAtMs < b.dueAtMs || (a.dueAtMs === b.dueAtMs && a.seq < b.seq)
}

/**
 * Schedules `action` at `dueAtMs`, which must lie strictly in the future: a timer due "now" would
 * fire at a different point of a live run than of its replay, where commands issued at the same
 * millisecond are applied back to back.
 */
export function schedule(queue: TimerQueue, nowMs: number, dueAtMs: number, action: TimerAction) {
  // Checked without building a message on the hot path; the message is built only on failure.
  if (!Number.isInteger(dueAtMs) || dueAtMs <= nowMs) {
    assert(false, `timers are due strictly after now, in whole ms (${dueAtMs} <= ${nowMs})`)
  }
  const heap = queue.heap
  const timer: Timer = { dueAtMs, seq: queue.nextSeq++, action }
  heap.push(timer)
  let i = heap.length - 1
  while (i > 0) {
    const parent = (i - 1) >> 1
    const p = heap[parent]!
    if (!before(timer, p)) break
    heap[i] = p
    i = parent
  }
  heap[i] = timer
}

export function peekDue(queue: TimerQueue): Timer | null {
  return queue.heap[0] ?? null
}

export function popDue(queue: TimerQueue): Timer {
  const heap = queue.heap
  const top = heap[0]
  assert(top !== undefined, 'popDue on an empty timer queue')
  const last = heap.pop()!
  if (heap.length > 0) {
    let i = 0
    const n = heap.length
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let smallest = i
      let candidate = last
      if (l < n && before(heap[l]!, candidate)) {
        smallest = l
        candidate = heap[l]!
      }
      if (r < n && before(heap[r]!, candidate)) smallest = r
      if (smallest === i) break
      heap[i] = heap[smallest]!
      i = smallest
    }
    heap[i] = last
  }
  return top
}
