/**
 * The saved run: what a reload needs to bring the sandbox back. It is the replay file (seed,
 * scenario, command log, end time) plus where the learner was (`nowMs`), kept as small JSON in two
 * slots next to the segment files, written alternately with a sequence number like the store's
 * manifest, so a write torn by a closing tab leaves the previous record readable.
 *
 * Written after every request that changes the run, so it is cheap: the command log's JSON is
 * cached and re-encoded only when the log changes.
 */
import type { RecordedCommand } from '../core/commands'
import { REPLAY_FORMAT, type ReplayFile } from '../core/replay'
import type { ScenarioConfig } from '../core/scenario'
import { ENGINE_VERSION, REPLAY_FORMAT_VERSION } from '../core/version'
import type { FileIo } from './opfs/fileIo'

export const RUN_SLOT_NAMES = ['run-a.json', 'run-b.json'] as const
const FORMAT = 'kafkascope-run'
const VERSION = 1

export interface SavedRun {
  /** The simulated time the learner was looking at. */
  readonly nowMs: number
  /** Seed, scenario, commands and `endMs` (the furthest time reached): a plain replay file. */
  readonly replay: ReplayFile
}

/** What a run is made of, as the timeline exposes it. */
export interface RunSource {
  readonly seed: number
  readonly scenario: ScenarioConfig
  commands(): readonly RecordedCommand[]
  nowMs(): number
  maxMs(): number
}

/** Parses a slot's bytes; null when empty, torn or not ours. The replay is checked on import. */
export function decodeRunRecord(bytes: Uint8Array): { sequence: number; run: SavedRun } | null {
  if (bytes.length === 0) return null
  let parsed: unknown
  try {
    parsed = JSON.parse(new TextDecoder().decode(bytes))
  } catch {
    return null
  }
  if (typeof parsed !== 'object' || parsed === null) return null
  const value = parsed as Record<string, unknown>
  if (value.format !== FORMAT || value.version !== VERSION) return null
  const { sequence, nowMs, replay } = value
  if (typeof sequence !== 'number' || !Number.isSafeInteger(sequence)) return null
  if (typeof nowMs !== 'number' || !Number.isSafeInteger(nowMs) || nowMs < 0) return null
  if (typeof replay !== 'object' || replay === null) return null
  return { sequence, run: { nowMs, replay: replay as ReplayFile } }
}

/** The two slots of a simulation's saved run, open for the run's whole life. */
export class RunSlots {
  private sequence: number
  private commandsCache: { length: number; last: RecordedCommand | undefined; json: string } = {
    length: 0,
    last: undefined,
    json: '[]',
  }
  private readonly encoder = new TextEncoder()
  private slotToFlush: FileIo | null = null

  constructor(private readonly slots: readonly [FileIo, FileIo]) {
    this.sequence = this.newest()?.sequence ?? 0
  }

  /** The newest valid record, or null. */
  read(): SavedRun | null {
    return this.newest()?.run ?? null
  }

  /** Saves `run` now (no fsync: `flush()` does that). */
  write(run: RunSource): void {
    this.save(run.nowMs(), this.replayJson(run))
  }

  /** Saves an already decoded record again (after the directory was emptied for a rebuild). */
  writeSaved(saved: SavedRun): void {
    this.save(saved.nowMs, JSON.stringify(saved.replay))
  }

  flush(): void {
    this.slotToFlush?.flush()
    this.slotToFlush = null
  }

  close(): void {
    for (const slot of this.slots) slot.close()
  }

  private save(nowMs: number, replayJson: string): void {
    this.sequence += 1
    const slot = this.slots[this.sequence % 2 === 0 ? 0 : 1]
    const text = `{"format":"${FORMAT}","version":${VERSION},"sequence":${this.sequence},"nowMs":${nowMs},"replay":${replayJson}}`
    const bytes = this.encoder.encode(text)
    // Write first, then cut: a shorter record must not keep the old one's tail.
    slot.write(bytes, { at: 0 })
    slot.truncate(bytes.length)
    this.slotToFlush = slot
  }

  private replayJson(run: RunSource): string {
    const commands = run.commands()
    const last = commands[commands.length - 1]
    const cache = this.commandsCache
    // The log only grows, or forks (splice + push of a new object), so length and last entry
    // identify it.
    if (cache.length !== commands.length || cache.last !== last) {
      this.commandsCache = { length: commands.length, last, json: JSON.stringify(commands) }
    }
    const head = JSON.stringify({
      format: REPLAY_FORMAT,
      formatVersion: REPLAY_FORMAT_VERSION,
      engineVersion: ENGINE_VERSION,
      seed: run.seed,
      scenario: run.scenario,
      endMs: run.maxMs(),
    } satisfies Omit<ReplayFile, 'commands'>)
    return `${head.slice(0, -1)},"commands":${this.commandsCache.json}}`
  }

  private newest(): { sequence: number; run: SavedRun } | null {
    let newest: { sequence: number; run: SavedRun } | null = null
    for (const slot of this.slots) {
      const bytes = new Uint8Array(slot.getSize())
      slot.read(bytes, { at: 0 })
      const candidate = decodeRunRecord(bytes)
      if (candidate !== null && (newest === null || candidate.sequence > newest.sequence)) {
        newest = candidate
      }
    }
    return newest
  }
}
