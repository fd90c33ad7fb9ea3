/**
 * Goal: a run survives the trip through the address bar exactly, links stay short for small logs,
 * and a tampered or hostile `log` is refused with a reason instead of breaking the page.
 * Method: encode real command logs (and a non-sandbox scenario), decode them, compare; then feed
 * truncated, re-encoded, oversized and out-of-order payloads.
 */
import { deflateSync, strToU8 } from 'fflate'
import { expect, test } from 'vitest'
import { createEngine } from '../../src/engine/headless'
import { importReplay } from '../../src/engine/core/replay'
import { sandboxScenario } from '../url'
import { decodeRunLink, encodeRunLink, replayOfRunLink, RUN_LINK_CHARS_MAX } from './runLink'

const base64url = (text: string) => Buffer.from(deflateSync(strToU8(text))).toString('base64url')

function sampleRun() {
  const engine = createEngine({ seed: 7, scenario: sandboxScenario(3) })
  engine.advanceTo(4_500)
  engine.dispatch({ type: 'crashBroker', brokerId: 2, mode: 'process' })
  engine.advanceTo(9_000)
  engine.dispatch({ type: 'restartBroker', brokerId: 2 })
  engine.advanceTo(12_000)
  return engine.exportReplay()
}

test('a command log round-trips and rebuilds the same run', () => {
  const replay = sampleRun()
  const text = encodeRunLink({ endMs: replay.endMs, commands: replay.commands, scenario: null })
  expect(text).toMatch(/^[A-Za-z0-9_-]+$/)
  const decoded = decodeRunLink(text)
  if (!decoded.ok) throw new Error(decoded.detail)
  expect(decoded.run).toEqual({ endMs: 12_000, commands: replay.commands, scenario: null })
  const rebuilt = importReplay(replayOfRunLink(7, sandboxScenario(3), decoded.run))
  const original = importReplay(replay)
  if (!rebuilt.ok || !original.ok) throw new Error('import refused')
  expect(rebuilt.timeline.view()).toEqual(original.timeline.view())
})

test('a small log makes a short link', () => {
  const replay = sampleRun()
  const text = encodeRunLink({ endMs: replay.endMs, commands: replay.commands, scenario: null })
  expect(text.length).toBeLessThan(160)
})

test('a scenario other than the sandbox travels with the run', () => {
  const scenario = { ...sandboxScenario(5), topics: [] }
  const decoded = decodeRunLink(encodeRunLink({ endMs: 100, commands: [], scenario }))
  expect(decoded).toEqual({ ok: true, run: { endMs: 100, commands: [], scenario } })
})

test('tampered links are refused with the reason', () => {
  const good = encodeRunLink({ endMs: 100, commands: [], scenario: null })
  expect(decodeRunLink('not base64!')).toMatchObject({ ok: false, problem: 'notBase64' })
  expect(decodeRunLink(good.slice(0, good.length - 4))).toMatchObject({
    ok: false,
    problem: 'notCompressed',
  })
  expect(decodeRunLink(base64url('{"v":1'))).toMatchObject({ ok: false, problem: 'notJson' })
  expect(decodeRunLink(base64url('{"v":1,"e":10,"c":[[0,{"type":"crashBroker"}]]}'))).toMatchObject(
    { ok: false, problem: 'schema', detail: expect.stringContaining('c.0.1') },
  )
  expect(decodeRunLink(base64url('{"v":2,"e":10,"c":[]}'))).toMatchObject({ problem: 'schema' })
  const backwards = '{"v":1,"e":10,"c":[[5,{"type":"healNetwork"}],[4,{"type":"healNetwork"}]]}'
  expect(decodeRunLink(base64url(backwards))).toEqual({ ok: false, problem: 'order', detail: '1' })
  expect(decodeRunLink('A'.repeat(RUN_LINK_CHARS_MAX + 1))).toMatchObject({ problem: 'tooLong' })
})

test('a zip bomb is refused before it fills memory', () => {
  const bomb = Buffer.from(deflateSync(new Uint8Array(20_000_000))).toString('base64url')
  expect(bomb.length).toBeLessThan(RUN_LINK_CHARS_MAX)
  expect(decodeRunLink(bomb)).toMatchObject({ ok: false, problem: 'notCompressed' })
})
