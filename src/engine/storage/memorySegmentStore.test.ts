/**
 * Goal: MemorySegmentStore behaves like a plain map of byte arrays, and its cheap page-sharing
 * snapshots restore every file exactly — including after truncations in the middle of a shared
 * page followed by appends, renames and removals — and never change once taken.
 * Method: targeted cases on tiny pages (16 bytes) so every operation crosses page boundaries,
 * then a fast-check model test: random operation sequences run against the store and against a
 * naive model (a Map of copied arrays, snapshots as deep copies), compared after every step.
 */
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { MemorySegmentStore } from './memorySegmentStore'
import type { StoreSnapshot } from './segmentStore'

const bytes = (...values: number[]) => new Uint8Array(values)
const range = (from: number, count: number) =>
  new Uint8Array(Array.from({ length: count }, (_, i) => (from + i) & 0xff))

test('append returns the position written at; reads cross pages and stop at end of file', () => {
  const store = new MemorySegmentStore({ pageBytes: 16 })
  expect(store.append('b/t-0/a.log', range(0, 10))).toBe(0)
  expect(store.append('b/t-0/a.log', range(10, 30))).toBe(10)
  expect(store.size('b/t-0/a.log')).toBe(40)
  expect(store.read('b/t-0/a.log', 5, 20)).toEqual(range(5, 20))
  expect(store.read('b/t-0/a.log', 35, 100)).toEqual(range(35, 5))
  expect(store.read('b/t-0/a.log', 50, 10)).toEqual(new Uint8Array(0))
  expect(store.read('missing', 0, 10)).toEqual(new Uint8Array(0))
  expect(store.size('missing')).toBe(0)
  expect(store.exists('missing')).toBe(false)
  // An empty append creates the file.
  store.append('b/t-0/empty.index', new Uint8Array(0))
  expect(store.exists('b/t-0/empty.index')).toBe(true)
})

test('list gives sorted file names directly inside a directory', () => {
  const store = new MemorySegmentStore()
  store.append('broker-1/t-0/00000000000000000010.log', bytes(1))
  store.append('broker-1/t-0/00000000000000000000.log', bytes(1))
  store.append('broker-1/t-0/sub/x', bytes(1))
  store.append('broker-1/t-1/00000000000000000000.log', bytes(1))
  expect(store.list('broker-1/t-0')).toEqual([
    '00000000000000000000.log',
    '00000000000000000010.log',
  ])
  expect(store.list('broker-1/t-0/')).toEqual(store.list('broker-1/t-0'))
  expect(store.list('nowhere')).toEqual([])
})

test('truncate, remove and rename', () => {
  const store = new MemorySegmentStore({ pageBytes: 16 })
  store.append('f', range(0, 40))
  store.truncate('f', 50) // no-op: already shorter
  store.truncate('f', 17)
  expect(store.read('f', 0, 100)).toEqual(range(0, 17))
  store.append('f', bytes(200, 201))
  expect(store.read('f', 15, 10)).toEqual(bytes(15, 16, 200, 201))
  store.rename('f', 'g')
  expect(store.exists('f')).toBe(false)
  expect(store.read('g', 0, 3)).toEqual(range(0, 3))
  store.append('h', bytes(9))
  store.rename('g', 'h') // replaces, like POSIX rename
  expect(store.size('h')).toBe(19)
  store.remove('h')
  store.remove('h')
  expect(store.exists('h')).toBe(false)
})

test('restore after truncating into a shared full page and appending gives the old bytes back', () => {
  const store = new MemorySegmentStore({ pageBytes: 16 })
  store.append('f', range(0, 32)) // two full pages
  const before = store.snapshot()
  store.truncate('f', 20) // the second page becomes the partial last page again
  store.append('f', range(100, 30))
  expect(store.read('f', 16, 8)).toEqual(bytes(16, 17, 18, 19, 100, 101, 102, 103))
  store.restore(before)
  expect(store.read('f', 0, 100)).toEqual(range(0, 32))
  // Writing after a restore must not leak into the snapshot either.
  store.truncate('f', 3)
  store.append('f', range(50, 40))
  store.restore(before)
  expect(store.read('f', 0, 100)).toEqual(range(0, 32))
})

test('after a restore, appends into the shared partial last page copy it first', () => {
  const store = new MemorySegmentStore({ pageBytes: 16 })
  store.append('f', range(0, 5))
  const snap = store.snapshot()
  store.append('f', range(5, 5))
  store.restore(snap)
  expect(store.read('f', 0, 100)).toEqual(range(0, 5))
  store.append('f', bytes(99))
  expect(store.read('f', 0, 100)).toEqual(bytes(0, 1, 2, 3, 4, 99))
})

test('restore brings back removed and renamed files and drops files created later', () => {
  const store = new MemorySegmentStore()
  store.append('a', bytes(1, 2))
  store.append('b', bytes(3))
  const snap = store.snapshot()
  store.remove('a')
  store.rename('b', 'b.deleted')
  store.append('c', bytes(4))
  store.restore(snap)
  expect(store.list('')).toEqual(['a', 'b'])
  expect(store.read('a', 0, 2)).toEqual(bytes(1, 2))
  expect(store.read('b', 0, 1)).toEqual(bytes(3))
})

test('release frees a snapshot; restoring it afterwards is an engine bug', () => {
  const store = new MemorySegmentStore()
  store.append('a', bytes(1))
  const s1 = store.snapshot()
  const s2 = store.snapshot()
  expect(store.liveSnapshotCount()).toBe(2)
  store.release(s1)
  expect(store.liveSnapshotCount()).toBe(1)
  expect(() => store.restore(s1)).toThrow(/released/)
  store.restore(s2)
  expect(store.read('a', 0, 1)).toEqual(bytes(1))
})

type Op =
  | { kind: 'append'; file: number; data: Uint8Array }
  | { kind: 'truncate'; file: number; size: number }
  | { kind: 'remove'; file: number }
  | { kind: 'rename'; from: number; to: number }
  | { kind: 'snapshot' }
  | { kind: 'restore'; pick: number }
  | { kind: 'release'; pick: number }

const arbOp: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('append' as const),
      file: fc.nat(3),
      data: fc.uint8Array({ maxLength: 40 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('truncate' as const),
      file: fc.nat(3),
      size: fc.nat(80),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), file: fc.nat(3) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('rename' as const), from: fc.nat(3), to: fc.nat(3) }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('snapshot' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('restore' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }) },
)

test('random operation sequences match a naive model, snapshots included', () => {
  fc.assert(
    fc.property(fc.array(arbOp, { maxLength: 60 }), (ops) => {
      const store = new MemorySegmentStore({ pageBytes: 16 })
      let model = new Map<string, Uint8Array>()
      const snapshots: { handle: StoreSnapshot; files: Map<string, Uint8Array> }[] = []
      const name = (i: number) => `d/f${i}`
      for (const op of ops) {
        switch (op.kind) {
          case 'append': {
            const old = model.get(name(op.file)) ?? new Uint8Array(0)
            expect(store.append(name(op.file), op.data)).toBe(old.length)
            model.set(name(op.file), new Uint8Array([...old, ...op.data]))
            break
          }
          case 'truncate': {
            store.truncate(name(op.file), op.size)
            const old = model.get(name(op.file))
            if (old !== undefined) model.set(name(op.file), old.slice(0, op.size))
            break
          }
          case 'remove':
            store.remove(name(op.file))
            model.delete(name(op.file))
            break
          case 'rename': {
            const data = model.get(name(op.from))
            if (data === undefined || op.from === op.to) break
            store.rename(name(op.from), name(op.to))
            model.delete(name(op.from))
            model.set(name(op.to), data)
            break
          }
          case 'snapshot':
            snapshots.push({ handle: store.snapshot(), files: new Map(model) })
            break
          case 'restore': {
            const snap = snapshots[op.pick % Math.max(1, snapshots.length)]
            if (snap === undefined) break
            store.restore(snap.handle)
            model = new Map(snap.files)
            break
          }
          case 'release': {
            const index = op.pick % Math.max(1, snapshots.length)
            const snap = snapshots[index]
            if (snap === undefined) break
            store.release(snap.handle)
            snapshots.splice(index, 1)
            break
          }
        }
        expect(store.list('d')).toEqual([...model.keys()].map((p) => p.slice(2)).sort())
        for (const [path, data] of model) {
          expect(store.size(path)).toBe(data.length)
          expect(store.read(path, 0, data.length + 5)).toEqual(data)
        }
      }
      // Every snapshot still restores exactly what it captured.
      for (const snap of snapshots) {
        store.restore(snap.handle)
        for (const [path, data] of snap.files) expect(store.read(path, 0, 1000)).toEqual(data)
        expect(store.list('d').length).toBe(snap.files.size)
      }
    }),
    { numRuns: 300 },
  )
})

test('readView gives the bytes read gives, and they stay as read after truncate and new appends', () => {
  const store = new MemorySegmentStore({ pageBytes: 64 })
  const bytes = Uint8Array.from({ length: 150 }, (_, i) => i)
  store.append('f', bytes)
  for (const [position, length] of [
    [0, 10],
    [60, 10], // across a page boundary: copied
    [70, 50],
    [140, 40], // past the end
  ] as const) {
    expect(store.readView('f', position, length)).toEqual(store.read('f', position, length))
  }
  const view = store.readView('f', 100, 20)
  const before = Array.from(view)
  store.truncate('f', 105)
  store.append('f', new Uint8Array(40).fill(0xee))
  expect(Array.from(view)).toEqual(before)
  expect(Array.from(store.read('f', 105, 5))).toEqual([0xee, 0xee, 0xee, 0xee, 0xee])
})
