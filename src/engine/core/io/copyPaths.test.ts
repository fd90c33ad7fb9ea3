/**
 * Goal: the copy-path model counts exactly what KAFKA_SPEC §5 and scenario Z-1 say: read()+write()
 * makes 4 copies (2 by CPU) and 4 context switches; sendfile 3 copies (1 CPU) and 2 switches;
 * sendfile with SG-DMA 2 DMA copies and no CPU copy; a page cache hit skips the disk read; TLS
 * reads 32 KiB chunks into user space and encrypts there; the produce path is never zero-copy.
 * Method: fold each path's steps and compare the counters with the spec's numbers; walk every
 * prefix to check that stepping forward and back is consistent (counters only grow, the thread
 * alternates between user and kernel space).
 */
import { describe, expect, test } from 'vitest'
import {
  COPY_PATH_IDS,
  copyPathStateAt,
  copyPathSteps,
  copyPathTotals,
  fetchTotals,
  isZeroCopy,
  type CopyCounters,
} from './copyPaths'

const COLD = { cached: false }
const WARM = { cached: true }
const MiB = 1024 * 1024

describe('the four classic paths (KAFKA_SPEC §5, Kafka docs "four copies and two system calls")', () => {
  test('read()+write(): 4 copies, 2 by CPU, 4 context switches, 2 system calls', () => {
    expect(copyPathTotals('readWrite', COLD)).toEqual<CopyCounters>({
      copies: 4,
      cpuCopies: 2,
      dmaCopies: 2,
      contextSwitches: 4,
      syscalls: 2,
      diskReads: 1,
      diskWrites: 0,
      userSpaceCopies: 2,
    })
  })

  test('mmap()+write(): the mapping replaces one CPU copy; still 4 context switches', () => {
    expect(copyPathTotals('mmapWrite', COLD)).toMatchObject({
      copies: 3,
      cpuCopies: 1,
      dmaCopies: 2,
      contextSwitches: 4,
      syscalls: 2,
      userSpaceCopies: 0,
    })
  })

  test('sendfile() (Linux 2.1): 3 copies, 1 by CPU (page cache → socket buffer), 2 switches', () => {
    expect(copyPathTotals('sendfile', COLD)).toMatchObject({
      copies: 3,
      cpuCopies: 1,
      dmaCopies: 2,
      contextSwitches: 2,
      syscalls: 1,
      userSpaceCopies: 0,
    })
    const cpuStep = copyPathSteps('sendfile', COLD).find((s) => s.kind === 'cpu')
    expect(cpuStep).toMatchObject({ from: 'pageCache', to: 'socketBuffer' })
  })

  test('sendfile() with SG-DMA (Linux 2.4+): 2 DMA copies, 0 CPU copies, 2 switches', () => {
    expect(copyPathTotals('sendfileGather', COLD)).toMatchObject({
      copies: 2,
      cpuCopies: 0,
      dmaCopies: 2,
      contextSwitches: 2,
      syscalls: 1,
      userSpaceCopies: 0,
    })
    const steps = copyPathSteps('sendfileGather', COLD)
    // Only descriptors reach the socket buffer; the NIC gathers straight from the page cache.
    expect(steps.find((s) => s.kind === 'descriptor')).toMatchObject({ to: 'socketBuffer' })
    expect(steps.find((s) => s.to === 'nic')).toMatchObject({ kind: 'dma', from: 'pageCache' })
    expect(isZeroCopy('sendfileGather', COLD)).toBe(true)
  })
})

describe('scenario Z-1: a consumer fetch of 1 MiB', () => {
  test('caught up, PLAINTEXT: sendfile, 0 CPU and 0 user-space copies, 1 DMA copy, 0 disk reads', () => {
    const fetch = fetchTotals('sendfileGather', MiB, WARM)
    expect(fetch.counters).toMatchObject({
      cpuCopies: 0,
      userSpaceCopies: 0,
      dmaCopies: 1,
      diskReads: 0,
    })
    expect(fetch.callsBySyscall).toEqual({ read: 0, write: 0, mmap: 0, sendfile: 1 })
    expect(fetch.userSpaceBytes).toBe(0)
    const steps = copyPathSteps('sendfileGather', WARM)
    expect(steps.some((s) => s.kind === 'cacheHit')).toBe(true)
    expect(steps.some((s) => s.from === 'disk')).toBe(false)
  })

  test('lagging, PLAINTEXT: additionally one disk → page cache DMA read', () => {
    const warm = fetchTotals('sendfileGather', MiB, WARM).counters
    const cold = fetchTotals('sendfileGather', MiB, COLD).counters
    expect(cold.diskReads - warm.diskReads).toBe(1)
    expect(cold.dmaCopies - warm.dmaCopies).toBe(1)
    expect(cold.cpuCopies).toBe(0)
  })

  test('SSL: no sendfile; 32 reads of 32 KiB into a user-space buffer, encrypted there, written', () => {
    const fetch = fetchTotals('tls', MiB, WARM)
    expect(fetch.passes).toBe(32)
    expect(fetch.callsBySyscall).toEqual({ read: 32, write: 32, mmap: 0, sendfile: 0 })
    expect(fetch.userSpaceBytes).toBe(MiB)
    const steps = copyPathSteps('tls', WARM)
    expect(steps.some((s) => s.syscall === 'sendfile')).toBe(false)
    expect(steps.find((s) => s.kind === 'encrypt')).toMatchObject({
      from: 'userBuffer',
      to: 'encryptedBuffer',
    })
    // Per chunk: page cache → direct buffer, encryption, ciphertext → socket buffer.
    expect(copyPathTotals('tls', WARM)).toMatchObject({ cpuCopies: 3, userSpaceCopies: 3 })
    expect(isZeroCopy('tls', WARM)).toBe(false)
  })

  test('a fetch that is not TLS is one pass whatever its size', () => {
    for (const path of ['readWrite', 'mmapWrite', 'sendfile', 'sendfileGather'] as const) {
      expect(fetchTotals(path, 10 * MiB, COLD).passes).toBe(1)
    }
  })

  test('the produce path is never zero-copy: read into a heap buffer, validated, written', () => {
    for (const options of [COLD, WARM]) {
      expect(isZeroCopy('produce', options)).toBe(false)
      const steps = copyPathSteps('produce', options)
      expect(steps.map((s) => s.syscall).filter((s) => s !== null)).not.toContain('sendfile')
      expect(steps.find((s) => s.kind === 'validate')).toMatchObject({ to: 'userBuffer' })
      expect(steps.find((s) => s.to === 'pageCache')).toMatchObject({
        kind: 'cpu',
        from: 'userBuffer',
      })
    }
    // The disk write is the kernel flusher's, later: Kafka does not fsync per append.
    expect(copyPathTotals('produce', COLD)).toMatchObject({ diskWrites: 1, diskReads: 0 })
  })
})

describe('stepping', () => {
  test.each(COPY_PATH_IDS)('%s: every prefix folds consistently, forward and back', (path) => {
    for (const options of [COLD, WARM]) {
      const steps = copyPathSteps(path, options)
      let previous = copyPathStateAt(steps, 0)
      expect(previous.counters.copies).toBe(0)
      expect(previous.threadIn).toBe('user')
      for (let count = 1; count <= steps.length; count += 1) {
        const state = copyPathStateAt(steps, count)
        for (const key of Object.keys(state.counters) as (keyof CopyCounters)[]) {
          expect(state.counters[key]).toBeGreaterThanOrEqual(previous.counters[key])
        }
        expect(state.counters.copies).toBe(state.counters.cpuCopies + state.counters.dmaCopies)
        // Stepping back is the same fold with one step fewer.
        expect(copyPathStateAt(steps, count - 1)).toEqual(previous)
        previous = state
      }
      // Every call returns: the thread ends in user space, switches come in pairs.
      expect(previous.threadIn).toBe('user')
      expect(previous.counters.contextSwitches).toBe(2 * previous.counters.syscalls)
      expect(previous.holders).toContain(path === 'produce' ? 'disk' : 'nic')
    }
  })

  test('a step count outside the path is a bug', () => {
    const steps = copyPathSteps('readWrite', COLD)
    expect(() => copyPathStateAt(steps, -1)).toThrow()
    expect(() => copyPathStateAt(steps, steps.length + 1)).toThrow()
  })

  test('after mmap() returns, user space holds a view of the page cache without a copy', () => {
    const steps = copyPathSteps('mmapWrite', COLD)
    const mapped = steps.findIndex((s) => s.kind === 'map') + 1
    const state = copyPathStateAt(steps, mapped)
    expect(state.holders).toContain('userBuffer')
    expect(state.counters).toMatchObject({ copies: 1, cpuCopies: 0, dmaCopies: 1 })
  })
})
