/**
 * How bytes travel from a file to a socket (and, for a produce, from a socket to a file), copy by
 * copy: the classic read()+write(), mmap()+write(), sendfile() before and after scatter-gather DMA,
 * Kafka's TLS fetch path, and its produce path. Pure data plus folds over it, after KAFKA_SPEC §5:
 *
 * - read()+write(): 4 copies (2 DMA, 2 CPU), 4 context switches, 2 system calls ("four copies and
 *   two system calls", Kafka docs `design.html#maximizingefficiency`).
 * - mmap()+write(): the user buffer is the page cache itself; 3 copies (2 DMA, 1 CPU), 4 switches.
 * - sendfile() (Linux 2.1): page cache → socket buffer by the CPU; 3 copies (1 CPU), 2 switches.
 * - sendfile() with SG-DMA (Linux 2.4+): only descriptors go to the socket buffer and the NIC
 *   gathers from the page cache; 2 DMA copies, 0 CPU copies, 2 switches.
 * - TLS (`SslTransportLayer#transferFrom`): per 32 KiB chunk, FileChannel.read into a direct
 *   buffer, SSLEngine encryption in user space, write to the socket: no sendfile.
 * - Produce: read into a heap buffer, validate, `FileChannel.write` into the page cache; the disk
 *   write comes later from the kernel's flusher (no fsync). Never zero-copy.
 *
 * When the pages are already cached (a tailing consumer), the disk → page cache DMA does not
 * happen: the step becomes a page cache hit.
 */
import { assert } from '../assert'

export const COPY_PATH_IDS = [
  'readWrite',
  'mmapWrite',
  'sendfile',
  'sendfileGather',
  'tls',
  'produce',
] as const
export type CopyPathId = (typeof COPY_PATH_IDS)[number]

/** Where bytes can be: two user-space buffers, two kernel buffers and two devices. */
export const BUFFER_IDS = [
  'disk',
  'pageCache',
  'userBuffer',
  'encryptedBuffer',
  'socketBuffer',
  'nic',
] as const
export type BufferId = (typeof BUFFER_IDS)[number]

export type Space = 'user' | 'kernel' | 'hardware'

export const SPACE_OF_BUFFER: Readonly<Record<BufferId, Space>> = {
  disk: 'hardware',
  pageCache: 'kernel',
  userBuffer: 'user',
  encryptedBuffer: 'user',
  socketBuffer: 'kernel',
  nic: 'hardware',
}

export type Syscall = 'read' | 'write' | 'mmap' | 'sendfile'

/**
 * What a step does. Copies: `dma` (a device moves the bytes, the CPU is free), `cpu` (the CPU
 * moves them), `encrypt` (the CPU reads plaintext and writes ciphertext: a CPU copy that also
 * transforms). Not copies: `syscall` / `return` (the thread crosses into / out of the kernel),
 * `descriptor` (only position and length are appended to the socket buffer), `map` (user space
 * gets a view of the page cache), `cacheHit` (the pages are already cached, no disk read),
 * `validate` (the broker checks the batch in place).
 */
export type StepKind =
  'syscall' | 'return' | 'dma' | 'cpu' | 'encrypt' | 'descriptor' | 'map' | 'cacheHit' | 'validate'

export interface CopyStep {
  /** Names the step's narration (`iolab.copy.steps.<id>`); several paths share some steps. */
  readonly id: string
  readonly kind: StepKind
  readonly from: BufferId | null
  readonly to: BufferId | null
  /** The call entered or left by a `syscall` / `return` step. */
  readonly syscall: Syscall | null
}

export interface CopyCounters {
  /** Copies of the data, by DMA or CPU. */
  copies: number
  cpuCopies: number
  dmaCopies: number
  /** User → kernel and kernel → user mode switches of the calling thread. */
  contextSwitches: number
  syscalls: number
  /** DMA transfers disk → page cache. */
  diskReads: number
  /** DMA transfers page cache → disk. */
  diskWrites: number
  /** Copies that read or write a user-space buffer. */
  userSpaceCopies: number
}

/** The state after some steps: counters, where the thread is, which buffers hold the bytes. */
export interface CopyPathState {
  readonly counters: CopyCounters
  readonly threadIn: 'user' | 'kernel'
  /** The call the thread is inside, when in the kernel. */
  readonly inSyscall: Syscall | null
  readonly holders: readonly BufferId[]
}

export interface CopyPathOptions {
  /** The requested pages are already in the page cache (a tailing consumer). Ignored for produce. */
  readonly cached: boolean
}

const call = (id: string, syscall: Syscall): CopyStep => ({
  id,
  kind: 'syscall',
  from: null,
  to: null,
  syscall,
})
const ret = (id: string, syscall: Syscall): CopyStep => ({
  id,
  kind: 'return',
  from: null,
  to: null,
  syscall,
})
const move = (id: string, kind: StepKind, from: BufferId, to: BufferId): CopyStep => ({
  id,
  kind,
  from,
  to,
  syscall: null,
})

/** Disk → page cache by DMA, or a page cache hit when the pages are cached. */
function fillPageCache(cached: boolean): CopyStep {
  return cached
    ? { id: 'pageCacheHit', kind: 'cacheHit', from: null, to: 'pageCache', syscall: null }
    : move('diskToPageCache', 'dma', 'disk', 'pageCache')
}

/** The steps of one pass of `path` (for TLS: one 32 KiB chunk). */
export function copyPathSteps(path: CopyPathId, options: CopyPathOptions): readonly CopyStep[] {
  const { cached } = options
  switch (path) {
    case 'readWrite':
      return [
        call('readCall', 'read'),
        fillPageCache(cached),
        move('pageCacheToUser', 'cpu', 'pageCache', 'userBuffer'),
        ret('readReturn', 'read'),
        call('writeCall', 'write'),
        move('userToSocket', 'cpu', 'userBuffer', 'socketBuffer'),
        ret('writeReturn', 'write'),
        move('socketToNic', 'dma', 'socketBuffer', 'nic'),
      ]
    case 'mmapWrite':
      return [
        call('mmapCall', 'mmap'),
        fillPageCache(cached),
        move('mapPageCache', 'map', 'pageCache', 'userBuffer'),
        ret('mmapReturn', 'mmap'),
        call('writeMappedCall', 'write'),
        move('pageCacheToSocket', 'cpu', 'pageCache', 'socketBuffer'),
        ret('writeReturn', 'write'),
        move('socketToNic', 'dma', 'socketBuffer', 'nic'),
      ]
    case 'sendfile':
      return [
        call('sendfileCall', 'sendfile'),
        fillPageCache(cached),
        move('pageCacheToSocket', 'cpu', 'pageCache', 'socketBuffer'),
        move('socketToNic', 'dma', 'socketBuffer', 'nic'),
        ret('sendfileReturn', 'sendfile'),
      ]
    case 'sendfileGather':
      return [
        call('sendfileCall', 'sendfile'),
        fillPageCache(cached),
        move('descriptorToSocket', 'descriptor', 'pageCache', 'socketBuffer'),
        move('gatherToNic', 'dma', 'pageCache', 'nic'),
        ret('sendfileReturn', 'sendfile'),
      ]
    case 'tls':
      return [
        call('tlsReadCall', 'read'),
        fillPageCache(cached),
        move('pageCacheToDirectBuffer', 'cpu', 'pageCache', 'userBuffer'),
        ret('readReturn', 'read'),
        move('encrypt', 'encrypt', 'userBuffer', 'encryptedBuffer'),
        call('tlsWriteCall', 'write'),
        move('encryptedToSocket', 'cpu', 'encryptedBuffer', 'socketBuffer'),
        ret('writeReturn', 'write'),
        move('socketToNic', 'dma', 'socketBuffer', 'nic'),
      ]
    case 'produce':
      return [
        move('nicToSocket', 'dma', 'nic', 'socketBuffer'),
        call('produceReadCall', 'read'),
        move('socketToHeap', 'cpu', 'socketBuffer', 'userBuffer'),
        ret('readReturn', 'read'),
        { id: 'validate', kind: 'validate', from: null, to: 'userBuffer', syscall: null },
        call('produceWriteCall', 'write'),
        move('heapToPageCache', 'cpu', 'userBuffer', 'pageCache'),
        ret('produceWriteReturn', 'write'),
        move('flusherToDisk', 'dma', 'pageCache', 'disk'),
      ]
  }
}

export function zeroCounters(): CopyCounters {
  return {
    copies: 0,
    cpuCopies: 0,
    dmaCopies: 0,
    contextSwitches: 0,
    syscalls: 0,
    diskReads: 0,
    diskWrites: 0,
    userSpaceCopies: 0,
  }
}

function isCopy(kind: StepKind): boolean {
  return kind === 'dma' || kind === 'cpu' || kind === 'encrypt'
}

function touchesUserSpace(step: CopyStep): boolean {
  return (
    (step.from !== null && SPACE_OF_BUFFER[step.from] === 'user') ||
    (step.to !== null && SPACE_OF_BUFFER[step.to] === 'user')
  )
}

/** Where the bytes start: on disk for a fetch, arriving at the NIC for a produce. */
function initialHolders(steps: readonly CopyStep[]): BufferId[] {
  const first = steps.find((s) => s.from !== null || s.kind === 'cacheHit')
  if (first === undefined) return []
  if (first.kind === 'cacheHit') return ['disk', 'pageCache']
  return first.from === null ? [] : [first.from]
}

/**
 * The state after the first `stepCount` steps (0 = before the first step). Counters are a fold of
 * the steps, so stepping back is computing the fold again with a smaller count.
 */
export function copyPathStateAt(steps: readonly CopyStep[], stepCount: number): CopyPathState {
  assert(
    Number.isInteger(stepCount) && stepCount >= 0 && stepCount <= steps.length,
    `stepCount ${stepCount} outside 0..${steps.length}`,
  )
  const counters = zeroCounters()
  let threadIn: 'user' | 'kernel' = 'user'
  let inSyscall: Syscall | null = null
  const holders = new Set<BufferId>(initialHolders(steps))
  for (const step of steps.slice(0, stepCount)) {
    switch (step.kind) {
      case 'syscall':
        assert(threadIn === 'user', `${step.id}: a system call starts in user space`)
        threadIn = 'kernel'
        inSyscall = step.syscall
        counters.syscalls += 1
        counters.contextSwitches += 1
        break
      case 'return':
        assert(threadIn === 'kernel', `${step.id}: only a thread in the kernel returns`)
        threadIn = 'user'
        inSyscall = null
        counters.contextSwitches += 1
        break
      case 'dma':
        if (step.from === 'disk') counters.diskReads += 1
        if (step.to === 'disk') counters.diskWrites += 1
        counters.dmaCopies += 1
        break
      case 'cpu':
      case 'encrypt':
        counters.cpuCopies += 1
        break
      case 'descriptor':
      case 'map':
      case 'cacheHit':
      case 'validate':
        break
    }
    if (isCopy(step.kind)) {
      counters.copies += 1
      if (touchesUserSpace(step)) counters.userSpaceCopies += 1
    }
    // A descriptor carries no data; a mapping shows the page cache's bytes in user space.
    if (step.to !== null && step.kind !== 'descriptor') holders.add(step.to)
  }
  return {
    counters,
    threadIn,
    inSyscall,
    holders: BUFFER_IDS.filter((id) => holders.has(id)),
  }
}

/** The counters of one whole pass. */
export function copyPathTotals(path: CopyPathId, options: CopyPathOptions): CopyCounters {
  const steps = copyPathSteps(path, options)
  return copyPathStateAt(steps, steps.length).counters
}

/** `SslTransportLayer` reads the file through a direct buffer of this size. */
export const TLS_CHUNK_BYTES = 32 * 1024

export interface FetchTotals {
  /** How many times the path's steps run: one sendfile for the slice, one TLS pass per chunk. */
  readonly passes: number
  readonly counters: CopyCounters
  readonly callsBySyscall: Readonly<Record<Syscall, number>>
  /** Bytes that pass through user-space buffers. */
  readonly userSpaceBytes: number
}

/**
 * A consumer fetch of `fetchBytes` served through `path` (Z-1): the zero-copy paths hand the
 * whole slice to one call; TLS loops over 32 KiB chunks; read()+write() and mmap()+write() are
 * counted with a buffer as large as the fetch (one pass), the most favourable case for them.
 */
export function fetchTotals(
  path: CopyPathId,
  fetchBytes: number,
  options: CopyPathOptions,
): FetchTotals {
  assert(Number.isInteger(fetchBytes) && fetchBytes > 0, 'fetchBytes > 0')
  const passes = path === 'tls' ? Math.ceil(fetchBytes / TLS_CHUNK_BYTES) : 1
  const steps = copyPathSteps(path, options)
  const perPass = copyPathStateAt(steps, steps.length).counters
  const counters = zeroCounters()
  for (const key of Object.keys(counters) as (keyof CopyCounters)[]) {
    counters[key] = perPass[key] * passes
  }
  const callsBySyscall: Record<Syscall, number> = { read: 0, write: 0, mmap: 0, sendfile: 0 }
  for (const step of steps) {
    if (step.kind === 'syscall' && step.syscall !== null) callsBySyscall[step.syscall] += passes
  }
  const userSpaceBytes = steps.filter((s) => isCopy(s.kind) && touchesUserSpace(s)).length
  return { passes, counters, callsBySyscall, userSpaceBytes: userSpaceBytes > 0 ? fetchBytes : 0 }
}

/** True when the path moves no byte with the CPU and none through user space. */
export function isZeroCopy(path: CopyPathId, options: CopyPathOptions): boolean {
  const totals = copyPathTotals(path, options)
  return totals.cpuCopies === 0 && totals.userSpaceCopies === 0
}
