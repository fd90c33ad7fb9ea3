/**
 * Goal: the OPFS store's logic — write coalescing, the manifest, spare data files, snapshots with
 * undo records — is right, independently of the browser.
 * Method: the store runs on `MemoryDisk` (an in-memory OPFS directory with the same sync-handle
 * interface); examples pin the intended behaviour and call counts, and a property test runs
 * random operation sequences against `ReferenceSegmentStore` (whole-file copies) and compares every
 * file after every step. The real OPFS path is covered by e2e/opfsStore.spec.ts.
 */
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { createMemoryDisk, type MemoryDisk } from './memoryFileIo'
import { openMemoryVolume } from './memoryVolume'
import { OpfsSegmentStore, type OpfsStoreOptions } from './opfsSegmentStore'
import { ReferenceSegmentStore } from './referenceSegmentStore'
import { MANIFEST_SLOT_NAMES } from './volume'

const KiB = 1024

function bytesOf(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length)
  for (let i = 0; i < length; i += 1) bytes[i] = (seed * 31 + i * 7) & 0xff
  return bytes
}

function mount(disk: MemoryDisk, options: OpfsStoreOptions = {}): Promise<OpfsSegmentStore> {
  return OpfsSegmentStore.mount(openMemoryVolume(disk), options)
}

function contentOf(store: { read(path: string, p: number, l: number): Uint8Array }, path: string) {
  return Array.from(store.read(path, 0, Number.MAX_SAFE_INTEGER))
}

describe('writes', () => {
  test('small appends reach the data file as few large writes, and reads see buffered bytes', async () => {
    const disk = createMemoryDisk()
    const store = await mount(disk, { writeBatchBytes: 64 * KiB })
    let expected = 0
    for (let i = 0; i < 1000; i += 1) {
      expect(store.append('broker-1/t-0/0.log', bytesOf(100, i))).toBe(expected)
      expected += 100
    }
    expect(store.size('broker-1/t-0/0.log')).toBe(100_000)
    // 100 000 bytes in 64 KiB batches: one write-out so far, the rest still buffered.
    expect(dataWrites(disk)).toBe(1)
    expect(store.read('broker-1/t-0/0.log', 99_900, 200)).toEqual(bytesOf(100, 999))
    store.flush()
    expect(dataWrites(disk)).toBe(2)
    expect(store.stats().bufferedBytes).toBe(0)
  })

  test('a chunk as large as the batch goes straight to the file', async () => {
    const disk = createMemoryDisk()
    const store = await mount(disk, { writeBatchBytes: 4 * KiB })
    store.append('a.log', bytesOf(8 * KiB, 1))
    expect(dataWrites(disk)).toBe(1)
    expect(store.stats().bufferedBytes).toBe(0)
  })

  test('flushed files, renames and removals survive a reopen; unnamed data files are reused', async () => {
    const disk = createMemoryDisk()
    const first = await mount(disk, { spareFilesTarget: 4 })
    first.append('broker-1/t-0/00.log', bytesOf(5000, 1))
    first.append('broker-1/t-0/00.index', bytesOf(12, 2))
    first.append('broker-1/t-1/00.log', bytesOf(10, 3))
    first.rename('broker-1/t-1/00.log', 'broker-1/t-1/00.log.deleted')
    first.append('gone.log', bytesOf(10, 4))
    first.remove('gone.log')
    first.flush()
    await first.close()

    const second = await mount(disk, { spareFilesTarget: 4 })
    expect(second.list('')).toEqual([])
    expect(second.list('broker-1/t-0')).toEqual(['00.index', '00.log'])
    expect(second.list('broker-1/t-1')).toEqual(['00.log.deleted'])
    expect(second.exists('gone.log')).toBe(false)
    expect(contentOf(second, 'broker-1/t-0/00.log')).toEqual(Array.from(bytesOf(5000, 1)))
    expect(contentOf(second, 'broker-1/t-1/00.log.deleted')).toEqual(Array.from(bytesOf(10, 3)))
    // 3 named files + 4 spares; the removed file's data file became a spare, not garbage.
    expect(second.stats()).toMatchObject({ files: 3, spareFiles: 4 })
    await second.close()
  })

  test('a manifest torn mid-write falls back to the other slot', async () => {
    const disk = createMemoryDisk()
    const store = await mount(disk)
    store.append('a.log', bytesOf(10, 1))
    store.flush()
    store.append('b.log', bytesOf(10, 2))
    store.flush()
    await store.close()
    // The newest manifest (with b.log) is in one slot; tear it.
    const slots = MANIFEST_SLOT_NAMES.map((name) => disk.files.get(name))
    const newest = slots.find((slot) => slot !== undefined && slot.size > 0 && hasB(slot))
    expect(newest).toBeDefined()
    if (newest !== undefined) newest.size = Math.floor(newest.size / 2)
    const reopened = await mount(disk)
    expect(reopened.list('')).toEqual(['a.log'])
    await reopened.close()
  })

  test('files created faster than spares arrive live in memory until a data file is ready', async () => {
    const disk = createMemoryDisk()
    const store = await mount(disk, { spareFilesTarget: 2, writeBatchBytes: 64 })
    for (let i = 0; i < 6; i += 1) store.append(`p-${i}.log`, bytesOf(100 + i, i))
    expect(store.stats().pendingFiles).toBe(4)
    expect(contentOf(store, 'p-5.log')).toEqual(Array.from(bytesOf(105, 5)))
    await store.settled()
    expect(store.stats()).toMatchObject({ pendingFiles: 0, spareFiles: 2 })
    store.flush()
    await store.close()
    const reopened = await mount(disk, { spareFilesTarget: 2 })
    for (let i = 0; i < 6; i += 1) {
      expect(contentOf(reopened, `p-${i}.log`)).toEqual(Array.from(bytesOf(100 + i, i)))
    }
    await reopened.close()
  })
})

describe('snapshots', () => {
  test('snapshot, truncate mid-file, append, restore gives the original bytes', async () => {
    const store = await mount(createMemoryDisk(), { writeBatchBytes: 1 * KiB })
    store.append('s.log', bytesOf(10 * KiB, 1))
    const original = contentOf(store, 's.log')
    const snapshot = store.snapshot()
    expect(store.stats().undoBytes).toBe(0) // appends-only so far: nothing saved
    store.truncate('s.log', 3000)
    expect(store.stats().undoBytes).toBe(10 * KiB - 3000) // the cut bytes, once
    store.append('s.log', bytesOf(5000, 2))
    store.restore(snapshot)
    expect(contentOf(store, 's.log')).toEqual(original)
    store.release(snapshot)
    expect(store.stats().undoBytes).toBe(0)
  })

  test('two truncations after a snapshot restore in file order', async () => {
    const store = await mount(createMemoryDisk())
    store.append('log', bytesOf(100, 1))
    const original = contentOf(store, 'log')
    const snapshot = store.snapshot()
    store.truncate('log', 60)
    store.append('log', bytesOf(20, 2))
    store.truncate('log', 30)
    store.restore(snapshot)
    expect(contentOf(store, 'log')).toEqual(original)
  })

  test('restore removes later files, brings back removed ones and undoes renames', async () => {
    const store = await mount(createMemoryDisk())
    store.append('keep.log', bytesOf(10, 1))
    store.append('old.log', bytesOf(20, 2))
    store.append('moved.log', bytesOf(30, 3))
    const snapshot = store.snapshot()
    store.remove('old.log')
    store.rename('moved.log', 'moved.log.deleted')
    store.append('new.log', bytesOf(40, 4))
    store.restore(snapshot)
    expect(store.list('')).toEqual(['keep.log', 'moved.log', 'old.log'])
    expect(contentOf(store, 'old.log')).toEqual(Array.from(bytesOf(20, 2)))
    expect(contentOf(store, 'moved.log')).toEqual(Array.from(bytesOf(30, 3)))
    store.release(snapshot)
    expect(store.stats()).toMatchObject({ unnamedFiles: 0, undoBytes: 0 })
  })

  test('after restoring an early snapshot, a later one still restores (scrub back, then forward)', async () => {
    const store = await mount(createMemoryDisk(), { writeBatchBytes: 256 })
    store.append('log', bytesOf(1000, 1))
    const early = store.snapshot()
    store.append('log', bytesOf(1000, 2))
    store.append('later.log', bytesOf(10, 3))
    const late = store.snapshot()
    const lateContent = contentOf(store, 'log')
    store.restore(early)
    expect(store.size('log')).toBe(1000)
    expect(store.exists('later.log')).toBe(false)
    // The 1000 bytes appended after `early` were saved once, for `late`.
    expect(store.stats().undoBytes).toBe(1000)
    store.append('log', bytesOf(500, 4)) // a fork writes different bytes
    store.restore(late)
    expect(contentOf(store, 'log')).toEqual(lateContent)
    expect(contentOf(store, 'later.log')).toEqual(Array.from(bytesOf(10, 3)))
    store.release(early)
    store.release(late)
    expect(store.stats().undoBytes).toBe(0)
  })

  test('cut bytes needed by several snapshots are stored once', async () => {
    const store = await mount(createMemoryDisk())
    const snapshots = []
    for (let i = 0; i < 5; i += 1) {
      store.append('log', bytesOf(1000, i))
      snapshots.push(store.snapshot())
    }
    store.truncate('log', 0)
    expect(store.stats().undoBytes).toBe(5000)
    for (const snapshot of snapshots.slice(0, 4)) store.release(snapshot)
    // The survivor still pins the shared buffer: freeing is per buffer, not per byte.
    expect(store.stats().undoBytes).toBe(5000)
    const last = snapshots[4]
    expect(last).toBeDefined()
    if (last !== undefined) store.release(last)
    expect(store.stats().undoBytes).toBe(0)
  })
})

// ---- Property test ----------------------------------------------------------------------------

type Op =
  | { type: 'append'; file: number; length: number; seed: number }
  | { type: 'truncate'; file: number; permille: number }
  | { type: 'remove'; file: number }
  | { type: 'rename'; from: number; to: number }
  | { type: 'snapshot' }
  | { type: 'restore'; pick: number }
  | { type: 'release'; pick: number }
  | { type: 'flush' }
  | { type: 'settle' }
  | { type: 'reopen' }

// Few names, so operations meet on the same file often (truncate twice, then restore, ...).
const FILE_NAMES = ['b1/t-0/0.log', 'b1/t-1/0.log', 'b2/0.log']
const fileArb = fc.nat({ max: FILE_NAMES.length - 1 })
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant('append' as const),
      file: fileArb,
      length: fc.nat({ max: 300 }),
      seed: fc.nat({ max: 255 }),
    }),
  },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('truncate' as const),
      file: fileArb,
      // Integers, not doubles: fast-check's doubles crowd near 0 and 1.
      permille: fc.nat({ max: 1000 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('remove' as const), file: fileArb }) },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('rename' as const), from: fileArb, to: fileArb }),
  },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('snapshot' as const) }) },
  {
    weight: 3,
    arbitrary: fc.record({ type: fc.constant('restore' as const), pick: fc.nat({ max: 9 }) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ type: fc.constant('release' as const), pick: fc.nat({ max: 9 }) }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('flush' as const) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('settle' as const) }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('reopen' as const) }) },
)

function name(index: number): string {
  const path = FILE_NAMES[index]
  if (path === undefined) throw new Error(`no file ${index}`)
  return path
}

test('random operations give the same files as the reference store, after every step', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(opArb, { maxLength: 80, size: 'max' }), async (ops) => {
      const disk = createMemoryDisk()
      // Tiny batches and pool: write-outs, pending files and refills happen all the time.
      const options = { writeBatchBytes: 64, spareFilesTarget: 1 }
      let store = await mount(disk, options)
      let reference = new ReferenceSegmentStore()
      // Pairs of (store snapshot, reference snapshot), live ones only.
      let snapshots: [
        ReturnType<OpfsSegmentStore['snapshot']>,
        ReturnType<ReferenceSegmentStore['snapshot']>,
      ][] = []
      for (const op of ops) {
        switch (op.type) {
          case 'append': {
            const bytes = bytesOf(op.length, op.seed)
            expect(store.append(name(op.file), bytes)).toBe(reference.append(name(op.file), bytes))
            break
          }
          case 'truncate': {
            const size = Math.floor((reference.size(name(op.file)) * op.permille) / 1000)
            store.truncate(name(op.file), size)
            reference.truncate(name(op.file), size)
            break
          }
          case 'remove':
            store.remove(name(op.file))
            reference.remove(name(op.file))
            break
          case 'rename':
            if (!reference.exists(name(op.from))) break
            store.rename(name(op.from), name(op.to))
            reference.rename(name(op.from), name(op.to))
            break
          case 'snapshot':
            snapshots.push([store.snapshot(), reference.snapshot()])
            break
          case 'restore': {
            const pair = snapshots[op.pick % Math.max(1, snapshots.length)]
            if (pair === undefined) break
            store.restore(pair[0])
            reference.restore(pair[1])
            break
          }
          case 'release': {
            const index = op.pick % Math.max(1, snapshots.length)
            const pair = snapshots[index]
            if (pair === undefined) break
            store.release(pair[0])
            reference.release(pair[1])
            snapshots = snapshots.filter((_, i) => i !== index)
            break
          }
          case 'flush':
            store.flush()
            break
          case 'settle':
            await store.settled()
            break
          case 'reopen': {
            // A reload: what was flushed comes back; snapshots do not outlive the page.
            store.flush()
            await store.settled()
            store.flush()
            await store.close()
            store = await mount(disk, options)
            const files = new ReferenceSegmentStore()
            for (const path of FILE_NAMES) {
              if (reference.exists(path)) files.append(path, reference.read(path, 0, 1 << 30))
            }
            reference = files
            snapshots = []
            break
          }
        }
        for (const path of FILE_NAMES) {
          expect(store.exists(path)).toBe(reference.exists(path))
          if (!reference.exists(path)) continue
          expect(store.size(path)).toBe(reference.size(path))
          expect(contentOf(store, path)).toEqual(contentOf(reference, path))
        }
        expect(store.list('b1/t-0')).toEqual(reference.list('b1/t-0'))
        expect(store.list('b2')).toEqual(reference.list('b2'))
        expect(store.list('')).toEqual(reference.list(''))
      }
      for (const [inner] of snapshots) store.release(inner)
      expect(store.stats()).toMatchObject({ snapshots: 0, unnamedFiles: 0, undoBytes: 0 })
      await store.close()
    }),
    { numRuns: 300 },
  )
})

/** Write calls to data files (manifest writes excluded). */
function dataWrites(disk: MemoryDisk): number {
  let total = 0
  for (const [name, count] of disk.writeCallsByName) if (name.startsWith('data-')) total += count
  return total
}

function hasB(slot: { bytes: Uint8Array; size: number }): boolean {
  return new TextDecoder().decode(slot.bytes.subarray(0, slot.size)).includes('b.log')
}
