/**
 * Goal: when OPFS fills up mid-run, the simulation moves to memory with nothing lost — current
 * files, the write that hit the quota, and every live snapshot — and the host hears about it once;
 * and where OPFS is missing, `openSegmentStore` hands back memory with the reason.
 * Method: the OPFS store runs on a `MemoryDisk` with a quota; `ReferenceSegmentStore` plays the
 * memory store. The same operations go to a second reference store, the expected state.
 */
import { expect, test } from 'vitest'
import { FallbackSegmentStore } from './fallbackSegmentStore'
import { createMemoryDisk } from './memoryFileIo'
import { openMemoryVolume } from './memoryVolume'
import { openSegmentStore } from './openSegmentStore'
import { OpfsSegmentStore } from './opfsSegmentStore'
import { ReferenceSegmentStore } from './referenceSegmentStore'

function bytesOf(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (seed * 13 + i) & 0xff)
}

function all(store: { read(path: string, p: number, l: number): Uint8Array }, path: string) {
  return Array.from(store.read(path, 0, Number.MAX_SAFE_INTEGER))
}

test('a quota failure moves every file and snapshot to memory, and the run carries on', async () => {
  const disk = createMemoryDisk(40_000)
  const opfs = await OpfsSegmentStore.mount(openMemoryVolume(disk), { writeBatchBytes: 4096 })
  const notices: string[] = []
  const store = new FallbackSegmentStore(
    opfs,
    () => new ReferenceSegmentStore(),
    (notice) => notices.push(notice),
  )
  const expected = new ReferenceSegmentStore()
  const both = (action: (s: FallbackSegmentStore | ReferenceSegmentStore) => void) => {
    action(store)
    action(expected)
  }

  both((s) => s.append('a.log', bytesOf(10_000, 1)))
  both((s) => s.append('b.log', bytesOf(5_000, 2)))
  const early = [store.snapshot(), expected.snapshot()] as const
  both((s) => s.truncate('a.log', 2_000))
  both((s) => s.append('a.log', bytesOf(3_000, 3)))
  both((s) => s.remove('b.log'))
  const late = [store.snapshot(), expected.snapshot()] as const
  expect(store.kind).toBe('opfs')

  // Past 40 000 bytes the disk refuses writes.
  for (let i = 0; i < 10; i += 1) {
    const position = store.append('c.log', bytesOf(5_000, 10 + i))
    expect(position).toBe(expected.append('c.log', bytesOf(5_000, 10 + i)))
  }
  expect(store.kind).toBe('memory')
  expect(store.hasFallenBack()).toBe(true)
  expect(notices).toEqual(['quota-exceeded'])
  for (const path of ['a.log', 'c.log']) expect(all(store, path)).toEqual(all(expected, path))
  expect(store.exists('b.log')).toBe(false)

  // Snapshots taken on OPFS restore from memory.
  store.restore(early[0])
  expected.restore(early[1])
  for (const path of ['a.log', 'b.log']) expect(all(store, path)).toEqual(all(expected, path))
  expect(store.exists('c.log')).toBe(false)
  store.restore(late[0])
  expected.restore(late[1])
  expect(all(store, 'a.log')).toEqual(all(expected, 'a.log'))
  expect(store.exists('b.log')).toBe(false)
  store.release(early[0])
  store.release(late[0])
  store.flush()
  expect(notices).toEqual(['quota-exceeded'])
})

test('a quota failure while a restore rewrites cut bytes still lands in memory intact', async () => {
  const disk = createMemoryDisk(30_000)
  const opfs = await OpfsSegmentStore.mount(openMemoryVolume(disk), { writeBatchBytes: 1024 })
  const store = new FallbackSegmentStore(
    opfs,
    () => new ReferenceSegmentStore(),
    () => undefined,
  )
  store.append('a.log', bytesOf(12_000, 1))
  const before = all(store, 'a.log')
  const first = store.snapshot()
  store.truncate('a.log', 0)
  store.append('x.log', bytesOf(20_000, 2))
  const second = store.snapshot()
  // x.log's data file stays on disk for `second`; rewriting a.log's 12 000 bytes overflows.
  store.restore(first)
  expect(store.kind).toBe('memory')
  expect(all(store, 'a.log')).toEqual(before)
  expect(store.exists('x.log')).toBe(false)
  store.restore(second)
  expect(store.size('a.log')).toBe(0)
  expect(all(store, 'x.log')).toEqual(Array.from(bytesOf(20_000, 2)))
})

test('without OPFS (here: Node), openSegmentStore runs in memory and says why', async () => {
  const opened = await openSegmentStore('sim-1', {
    createMemoryStore: () => new ReferenceSegmentStore(),
  })
  expect(opened.notice).toBe('opfs-unavailable')
  expect(opened.store.kind).toBe('memory')
})
