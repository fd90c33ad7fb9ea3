/**
 * A run in the address bar: the command log (with the simulated time of each command), the end of
 * the run and, when it is not the sandbox's, the scenario, as JSON deflated with fflate and
 * written in base64url. Seed, brokers and the moment shown stay plain parameters (`seed`,
 * `brokers`, `at`), so a link with no commands is short and readable: `?seed=7&at=5000`.
 *
 * Decoding treats the text as hostile: bounded length, bounded inflated size (no zip bombs),
 * schema-validated commands. The engine validates the rebuilt replay once more when it imports it.
 */
import { Inflate, deflateSync, strToU8, strFromU8 } from 'fflate'
import { z } from 'zod'
import type { ReplayFile, ScenarioConfig } from '../../src/engine'
import { clusterCommandSchema } from '../../src/engine/core/commands'
import { REPLAY_END_MS_MAX, REPLAY_FORMAT } from '../../src/engine/core/replay'
import { describeZodError, scenarioSchema } from '../../src/engine/core/scenario'
import { ENGINE_VERSION, REPLAY_FORMAT_VERSION } from '../../src/engine/core/version'

/** Version of the link payload; bumped when its shape changes. */
export const RUN_LINK_VERSION = 1
/** Longest `log` parameter accepted (characters); browsers and chat apps cut longer URLs anyway. */
export const RUN_LINK_CHARS_MAX = 64_000
/** Largest inflated payload accepted (bytes). */
const INFLATED_BYTES_MAX = 4_000_000

const timeMs = z.number().int().min(0).max(REPLAY_END_MS_MAX)

const payloadSchema = z
  .object({
    v: z.literal(RUN_LINK_VERSION),
    /** End of the run (ms); the view may be scrubbed back from it. */
    e: timeMs,
    /** Commands as `[atMs, command]`, in the order they were issued. */
    c: z.array(z.tuple([timeMs, clusterCommandSchema])).max(100_000),
    /** The scenario, only when it is not the sandbox's. */
    s: scenarioSchema.optional(),
  })
  .strict()

type Payload = z.infer<typeof payloadSchema>

export interface RunLink {
  endMs: number
  commands: ReplayFile['commands']
  /** Null: the sandbox scenario for the link's `brokers`. */
  scenario: ScenarioConfig | null
}

/** Why a link's run was refused (shown translated; `detail` names the field for `schema`). */
export type RunLinkProblem =
  'tooLong' | 'notBase64' | 'notCompressed' | 'notJson' | 'schema' | 'order'

export type DecodedRunLink =
  { ok: true; run: RunLink } | { ok: false; problem: RunLinkProblem; detail: string }

function toBase64Url(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

function inflateBounded(bytes: Uint8Array): Uint8Array | null {
  const chunks: Uint8Array[] = []
  let total = 0
  let tooBig = false
  const inflater = new Inflate((chunk) => {
    total += chunk.length
    if (total > INFLATED_BYTES_MAX) tooBig = true
    else chunks.push(chunk)
  })
  try {
    inflater.push(bytes, true)
  } catch {
    return null
  }
  if (tooBig) return null
  const out = new Uint8Array(total)
  let at = 0
  for (const chunk of chunks) {
    out.set(chunk, at)
    at += chunk.length
  }
  return out
}

/** The `log` parameter for a run: its commands, its end and (if not the sandbox's) its scenario. */
export function encodeRunLink(run: RunLink): string {
  const payload: Payload = {
    v: RUN_LINK_VERSION,
    e: run.endMs,
    c: run.commands.map((r) => [r.atMs, r.command]),
    ...(run.scenario === null ? {} : { s: run.scenario }),
  }
  return toBase64Url(deflateSync(strToU8(JSON.stringify(payload)), { level: 9 }))
}

const refuse = (problem: RunLinkProblem, detail = ''): DecodedRunLink => ({
  ok: false,
  problem,
  detail,
})

/** Reads a `log` parameter back; every failure says why. */
export function decodeRunLink(text: string): DecodedRunLink {
  if (text.length > RUN_LINK_CHARS_MAX) return refuse('tooLong', String(RUN_LINK_CHARS_MAX))
  const bytes = fromBase64Url(text)
  if (bytes === null) return refuse('notBase64')
  const inflated = inflateBounded(bytes)
  if (inflated === null) return refuse('notCompressed')
  let json: unknown
  try {
    json = JSON.parse(strFromU8(inflated))
  } catch {
    return refuse('notJson')
  }
  const parsed = payloadSchema.safeParse(json)
  if (!parsed.success) return refuse('schema', describeZodError(parsed.error))
  const { e: endMs, c, s } = parsed.data
  let previousMs = 0
  for (const [i, [atMs]] of c.entries()) {
    if (atMs < previousMs || atMs > endMs) return refuse('order', String(i))
    previousMs = atMs
  }
  return {
    ok: true,
    run: {
      endMs,
      commands: c.map(([atMs, command], seq) => ({ seq, atMs, command })),
      scenario: s ?? null,
    },
  }
}

/** The replay file the engine imports for a link. */
export function replayOfRunLink(seed: number, scenario: ScenarioConfig, run: RunLink): ReplayFile {
  return {
    format: REPLAY_FORMAT,
    formatVersion: REPLAY_FORMAT_VERSION,
    engineVersion: ENGINE_VERSION,
    seed,
    scenario,
    commands: run.commands,
    endMs: run.endMs,
  }
}
