/**
 * Goal: a run lives in its simulation's store, is saved after every change, and comes back
 * exactly after a "reload"; a second tab gets memory and the 'opfs-locked' notice and writes
 * nothing; a new run starts from empty files; no disk means memory with 'opfs-unavailable'.
 * Method: the real host over a MessageChannel with `RunStorage` on `memorySimulationDisk` (the
 * OPFS store's own logic on an in-memory directory). The browser path is e2e/storage.spec.ts.
 */
import { afterEach, describe, expect, test } from 'vitest'
import { createEngineHost } from '../host'
import type { EngineReply, EngineRequestBody, Endpoint, Frame } from '../protocol'
import type { SimEvent } from '../core/events'
import {
  createMemorySimulationDisks,
  memorySimulationDisk,
  type MemorySimulationDisks,
} from './memorySimulationDisk'
import { RUN_SLOT_NAMES, RunSlots, decodeRunRecord } from './runRecord'
import { createRunStorage } from './runStorage'
import { MemoryFileIo, createMemoryDisk } from './opfs/memoryFileIo'

const channels: MessageChannel[] = []
afterEach(() => channels.splice(0).forEach((c) => (c.port1.close(), c.port2.close())))

/** One "tab": a host whose storage sees the shared disks, and a mirror of its frames' events. */
function openTab(shared: MemorySimulationDisks, flushIntervalMs = 1_000) {
  const channel = new MessageChannel()
  channels.push(channel)
  const storage = createRunStorage({
    disk: memorySimulationDisk(shared),
    lockWaitMs: 0,
    flushIntervalMs,
  })
  createEngineHost(channel.port2 as unknown as Endpoint, { storage })
  const waiting = new Map<number, (reply: EngineReply) => void>()
  channel.port1.addEventListener('message', (event: MessageEvent) => {
    const reply = event.data as EngineReply
    waiting.get(reply.replyTo)?.(reply)
  })
  channel.port1.start()
  let nextId = 1
  let events: SimEvent[] = []
  let last: Frame | null = null
  const request = (body: EngineRequestBody) =>
    new Promise<EngineReply>((resolve) => {
      const id = nextId++
      waiting.set(id, resolve)
      channel.port1.postMessage({ ...body, id })
    }).then((reply) => {
      if (reply.type === 'frame') {
        // What simStore.applyFrame does with events.
        if (reply.eventsSinceSeq !== null) {
          events = events.filter((e) => e.seq < reply.eventsSinceSeq!)
        }
        events = [...events, ...reply.events]
        last = reply
      }
      return reply
    })
  /** The page's worker goes away: its locks with it. */
  const close = () => shared.sessionLocks.clear()
  return { request, close, events: () => events, last: () => last! }
}

const INIT = { type: 'init', seed: 7, scenario: { brokers: 3 }, resume: true } as const

async function makeHistory(tab: ReturnType<typeof openTab>) {
  await tab.request({ type: 'advanceTo', targetMs: 3_000 })
  await tab.request({
    type: 'dispatch',
    command: {
      type: 'createTopic',
      topic: { name: 'orders', partitions: 1, replicationFactor: 3 },
    },
  })
  await tab.request({ type: 'advanceTo', targetMs: 5_000 })
  const produce = await tab.request({
    type: 'dispatch',
    command: {
      type: 'produce',
      topic: 'orders',
      partition: 0,
      records: [{ key: null, value: 'x'.repeat(500) }],
      acks: -1,
    },
  })
  expect(produce.type).toBe('frame')
  await tab.request({ type: 'advanceTo', targetMs: 8_000 })
  await tab.request({
    type: 'dispatch',
    command: { type: 'crashBroker', brokerId: 2, mode: 'process' },
  })
  await tab.request({ type: 'advanceTo', targetMs: 20_000 })
  await tab.request({ type: 'seek', targetMs: 12_345 })
}

describe('run storage through the host', () => {
  test('a reload restores the run: same time, view and events, segment bytes verified', async () => {
    const shared = createMemorySimulationDisks()
    const first = openTab(shared)
    const init = await first.request(INIT)
    expect(init.type === 'frame' && init.storage).toMatchObject({
      simulationId: 'sandbox',
      kind: 'opfs',
      notice: null,
      restored: null,
    })
    await makeHistory(first)
    const before = first.last()
    expect(before.nowMs).toBe(12_345)
    expect(before.maxMs).toBe(20_000)
    first.close()

    const second = openTab(shared)
    const restored = await second.request(INIT)
    expect(restored.type).toBe('frame')
    const after = second.last()
    expect(after.nowMs).toBe(before.nowMs)
    expect(after.maxMs).toBe(before.maxMs)
    expect(after.view).toEqual(before.view)
    expect(second.events()).toEqual(first.events())
    const report = after.storage?.restored
    expect(report).toMatchObject({ nowMs: 12_345, maxMs: 20_000, commands: 3, filesDiffering: 0 })
    expect(report!.filesCompared).toBeGreaterThan(0)
    expect(report!.bytesVerified).toBeGreaterThan(500)
    // The restored run goes on like the original.
    const next = await second.request({ type: 'advanceTo', targetMs: 15_000 })
    expect(next.type === 'frame' && next.storage?.restored).toBeTruthy()
  })

  test('another seed or scenario starts a new run instead of restoring', async () => {
    const shared = createMemorySimulationDisks()
    const first = openTab(shared)
    await first.request(INIT)
    await first.request({ type: 'advanceTo', targetMs: 4_000 })
    first.close()
    const second = openTab(shared)
    const init = await second.request({ ...INIT, scenario: { brokers: 4 } })
    expect(init).toMatchObject({ type: 'frame', nowMs: 0, maxMs: 0 })
    expect(init.type === 'frame' && init.storage?.restored).toBeNull()
  })

  test('a saved run that no longer applies is replaced by a new run, with a notice', async () => {
    const shared = createMemorySimulationDisks()
    const first = openTab(shared)
    await first.request(INIT)
    await first.request({ type: 'advanceTo', targetMs: 2_000 })
    first.close()
    // Tamper with the record: a command the cluster refuses (broker 1 is running).
    const disk = shared.disks.get('sandbox')!
    const slots = new RunSlots([
      new MemoryFileIo(disk, RUN_SLOT_NAMES[0]),
      new MemoryFileIo(disk, RUN_SLOT_NAMES[1]),
    ])
    const commands = [
      { seq: 0, atMs: 1_000, command: { type: 'restartBroker' as const, brokerId: 1 } },
    ]
    slots.write({
      seed: 7,
      scenario: { brokers: 3 },
      commands: () => commands,
      nowMs: () => 1_500,
      maxMs: () => 2_000,
    })
    slots.close()

    const second = openTab(shared)
    const init = await second.request(INIT)
    expect(init).toMatchObject({ type: 'frame', nowMs: 0, maxMs: 0 })
    expect(init.type === 'frame' && init.notice).toContain('could not be restored')
    expect(init.type === 'frame' && init.storage).toMatchObject({ kind: 'opfs', restored: null })
  })

  test('a second tab runs in memory with opfs-locked, writes nothing; the first goes on', async () => {
    const shared = createMemorySimulationDisks()
    const first = openTab(shared)
    await first.request(INIT)
    await makeHistory(first)
    const disk = shared.disks.get('sandbox')!
    const snapshot = new Map(
      [...disk.files].map(([name, file]) => [name, file.bytes.slice(0, file.size)]),
    )

    const second = openTab(shared)
    const init = await second.request(INIT)
    expect(init.type === 'frame' && init.storage).toMatchObject({
      kind: 'memory',
      notice: 'opfs-locked',
    })
    expect(init).toMatchObject({ nowMs: 0 })
    await second.request({ type: 'advanceTo', targetMs: 9_000 })
    await second.request({
      type: 'dispatch',
      command: { type: 'crashBroker', brokerId: 1, mode: 'process' },
    })
    const after = new Map(
      [...disk.files].map(([name, file]) => [name, file.bytes.slice(0, file.size)]),
    )
    expect(after).toEqual(snapshot)

    const goesOn = await first.request({ type: 'advanceTo', targetMs: 21_000 })
    expect(goesOn).toMatchObject({ type: 'frame', nowMs: 21_000 })
    expect(goesOn.type === 'frame' && goesOn.storage?.kind).toBe('opfs')
  })

  test('a new run on the same worker starts from empty files', async () => {
    const shared = createMemorySimulationDisks()
    const tab = openTab(shared)
    await tab.request(INIT)
    await makeHistory(tab)
    const disk = shared.disks.get('sandbox')!
    const usedBytes = () => [...disk.files.values()].reduce((sum, f) => sum + f.size, 0)
    const busy = usedBytes()
    const again = await tab.request({ type: 'init', seed: 8, scenario: { brokers: 3 } })
    expect(again).toMatchObject({ type: 'frame', nowMs: 0 })
    expect(again.type === 'frame' && again.storage).toMatchObject({ kind: 'opfs', notice: null })
    expect(usedBytes()).toBeLessThan(busy)
    // Nothing of the first run is left to restore: the saved run is the new one.
    tab.close()
    const reloaded = openTab(shared)
    const restored = await reloaded.request({ ...INIT, seed: 8 })
    expect(restored.type === 'frame' && restored.storage?.restored).toMatchObject({
      nowMs: 0,
      commands: 0,
    })
  })

  test('without OPFS, or with storage: memory, runs are in memory with opfs-unavailable', async () => {
    const shared = createMemorySimulationDisks()
    const tab = openTab(shared)
    const skipped = await tab.request({ ...INIT, storage: 'memory' })
    expect(skipped.type === 'frame' && skipped.storage).toMatchObject({
      kind: 'memory',
      notice: 'opfs-unavailable',
    })
    expect(shared.disks.size).toBe(0)
    shared.unavailable = true
    const none = await openTab(shared).request(INIT)
    expect(none.type === 'frame' && none.storage).toMatchObject({
      kind: 'memory',
      notice: 'opfs-unavailable',
    })
  })

  test('a full disk moves the run to memory with quota-exceeded, and nothing is lost', async () => {
    const shared = createMemorySimulationDisks()
    // Room for the saved run (which holds the produced value too) but not for three replicas.
    shared.quotaBytes = 60_000
    // Every frame writes its bytes out, so the disk fills during playback.
    const tab = openTab(shared, 0)
    const init = await tab.request(INIT)
    expect(init.type === 'frame' && init.storage?.kind).toBe('opfs')
    await makeHistory(tab)
    const bigProduce = await tab.request({
      type: 'dispatch',
      command: {
        type: 'produce',
        topic: 'orders',
        partition: 0,
        records: [{ key: null, value: 'y'.repeat(20_000) }],
        acks: 1,
      },
    })
    expect(bigProduce.type).toBe('frame')
    const later = await tab.request({ type: 'advanceTo', targetMs: 30_000 })
    expect(later.type === 'frame' && later.storage).toMatchObject({
      kind: 'memory',
      notice: 'quota-exceeded',
    })
    // The saved run on disk is an earlier, whole one (a reload restores that point).
    const disk = shared.disks.get('sandbox')!
    const records = RUN_SLOT_NAMES.map((name) => {
      const file = disk.files.get(name)!
      return decodeRunRecord(file.bytes.slice(0, file.size))
    })
    expect(records.some((record) => record !== null)).toBe(true)
    // Time travel still works over the moved bytes.
    const back = await tab.request({ type: 'seek', targetMs: 6_000 })
    expect(back).toMatchObject({ type: 'frame', nowMs: 6_000 })
  })
})

describe('saved run record', () => {
  test('two slots, newest valid wins; a torn slot falls back to the other', () => {
    const disk = createMemoryDisk()
    const open = () =>
      [
        new MemoryFileIo(disk, RUN_SLOT_NAMES[0]),
        new MemoryFileIo(disk, RUN_SLOT_NAMES[1]),
      ] as const
    const slots = new RunSlots(open())
    const commands = [{ seq: 0, atMs: 5, command: { type: 'healNetwork' as const } }]
    const run = (nowMs: number) => ({
      seed: 3,
      scenario: { brokers: 2 },
      commands: () => commands,
      nowMs: () => nowMs,
      maxMs: () => 100,
    })
    slots.write(run(10))
    slots.write(run(20))
    expect(slots.read()).toMatchObject({ nowMs: 20, replay: { seed: 3, endMs: 100, commands } })
    slots.close()
    // Tear the newer slot (sequence 2 went to slot a).
    const newer = disk.files.get(RUN_SLOT_NAMES[0])!
    newer.size = Math.floor(newer.size / 2)
    const reopened = new RunSlots(open())
    expect(reopened.read()?.nowMs).toBe(10)
    reopened.write(run(30))
    expect(reopened.read()?.nowMs).toBe(30)
    expect(decodeRunRecord(new Uint8Array(0))).toBeNull()
    expect(decodeRunRecord(new TextEncoder().encode('{"format":"other"}'))).toBeNull()
  })
})
