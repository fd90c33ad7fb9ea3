/**
 * Replay files: a run as JSON (seed + scenario + command log + where it ended). Importing validates
 * everything and re-runs the log on a fresh timeline; a malformed file, another format version or
 * a command that no longer applies is refused with a reason, and nothing already open changes.
 */
import { z } from 'zod'
import { clusterCommandSchema } from './commands'
import { simError, type KafkaError } from './errors'
import { describeZodError, scenarioSchema } from './scenario'
import { createTimeline, type Timeline } from './timeline'
import { ENGINE_VERSION, REPLAY_FORMAT_VERSION } from './version'
import type { SegmentStore } from '../storage/segmentStore'

export const REPLAY_FORMAT = 'kafkascope-replay'

/** Longest run a replay may ask for: 24 simulated hours. */
export const REPLAY_END_MS_MAX = 24 * 3_600_000

const replaySchema = z
  .object({
    format: z.literal(REPLAY_FORMAT),
    formatVersion: z.number().int(),
    engineVersion: z.string().max(64),
    seed: z.number().int().min(0).max(0xffff_ffff),
    scenario: scenarioSchema,
    commands: z
      .array(
        z
          .object({
            seq: z.number().int().min(0),
            atMs: z.number().int().min(0).max(REPLAY_END_MS_MAX),
            command: clusterCommandSchema,
          })
          .strict(),
      )
      .max(100_000),
    endMs: z.number().int().min(0).max(REPLAY_END_MS_MAX),
  })
  .strict()

export type ReplayFile = z.infer<typeof replaySchema>

export function exportReplay(timeline: Timeline): ReplayFile {
  return {
    format: REPLAY_FORMAT,
    formatVersion: REPLAY_FORMAT_VERSION,
    engineVersion: ENGINE_VERSION,
    seed: timeline.seed,
    scenario: structuredClone(timeline.scenario),
    commands: structuredClone([...timeline.commands()]),
    endMs: timeline.maxMs(),
  }
}

export type ImportResult =
  { ok: true; timeline: Timeline; warning: string | null } | { ok: false; error: KafkaError }

const refuse = (message: string): ImportResult => ({
  ok: false,
  error: simError('INVALID_REPLAY', message),
})

/** Parses JSON text or an already-parsed object into a timeline positioned at the replay's end. */
export function importReplay(input: unknown, store: SegmentStore | null = null): ImportResult {
  let data = input
  if (typeof input === 'string') {
    try {
      data = JSON.parse(input)
    } catch {
      return refuse('The file is not valid JSON.')
    }
  }
  const format = (data as { format?: unknown } | null)?.format
  if (typeof data !== 'object' || data === null || format !== REPLAY_FORMAT) {
    return refuse(`This is not a KafkaScope replay (expected "format": "${REPLAY_FORMAT}").`)
  }
  const version = (data as { formatVersion?: unknown }).formatVersion
  if (version !== REPLAY_FORMAT_VERSION) {
    return refuse(
      `Replay format version ${String(version)} is not supported; this app reads version ${REPLAY_FORMAT_VERSION}.`,
    )
  }
  const parsed = replaySchema.safeParse(data)
  if (!parsed.success) return refuse(`The replay is malformed: ${describeZodError(parsed.error)}`)
  const replay = parsed.data
  let previousAtMs = 0
  for (const [i, recorded] of replay.commands.entries()) {
    if (recorded.seq !== i)
      return refuse(`Command ${i} has sequence number ${recorded.seq}; expected ${i}.`)
    if (recorded.atMs < previousAtMs)
      return refuse(`Command ${i} goes back in time (${recorded.atMs} ms).`)
    if (recorded.atMs > replay.endMs) return refuse(`Command ${i} lies after the end of the run.`)
    previousAtMs = recorded.atMs
  }
  const timeline = createTimeline({ seed: replay.seed, scenario: replay.scenario, store })
  for (const recorded of replay.commands) {
    timeline.advanceTo(recorded.atMs)
    const result = timeline.dispatch(recorded.command)
    if (!result.ok) {
      return refuse(
        `Command ${recorded.seq} (${recorded.command.type} at ${recorded.atMs} ms) does not apply: ${result.error.message}`,
      )
    }
  }
  timeline.advanceTo(replay.endMs)
  const warning =
    replay.engineVersion === ENGINE_VERSION
      ? null
      : `Recorded by engine ${replay.engineVersion}; this is engine ${ENGINE_VERSION}, so the run may differ.`
  return { ok: true, timeline, warning }
}
