/**
 * Goal: "Copy link" writes what the page shows and nothing else; opening the link parses back to
 * the same run. Method: build links for the sandbox and a lesson step and parse them with the
 * app's own URL parser.
 */
import { expect, test } from 'vitest'
import { createEngine } from '../../src/engine/headless'
import { parseAppUrl, sandboxScenario } from '../url'
import { shareUrl } from './shareUrl'

const options = {
  base: 'https://example.test/',
  search: '?e2e=1&seed=1&log=old&storage=memory',
  language: 'zh-CN',
  presenter: false,
}

test('a sandbox link carries seed, brokers, moment and run; diagnostics stay', () => {
  const engine = createEngine({ seed: 9, scenario: sandboxScenario(4) })
  engine.advanceTo(3_000)
  engine.dispatch({ type: 'isolateBroker', brokerId: 3 })
  engine.advanceTo(8_000)
  const link = shareUrl({ page: 'cluster', replay: engine.exportReplay(), nowMs: 6_000 }, options)
  const search = new URL(link).search
  expect(search).toMatch(/^\?e2e=1&storage=memory&seed=9&brokers=4&at=6000&log=[\w-]+&lang=zh-CN$/)
  const parsed = parseAppUrl(search)
  expect(parsed).toMatchObject({ seed: 9, brokers: 4, atMs: 6_000, problems: [] })
  expect(parsed.run?.commands).toEqual(engine.exportReplay().commands)
  expect(parsed.run?.endMs).toBe(8_000)
})

test('a run without commands, shown at its end, needs no log', () => {
  const engine = createEngine({ seed: 5, scenario: sandboxScenario(3) })
  engine.advanceTo(2_000)
  const link = shareUrl(
    { page: 'cluster', replay: engine.exportReplay(), nowMs: 2_000 },
    { ...options, search: '', presenter: true },
  )
  expect(link).toBe('https://example.test/?seed=5&brokers=3&at=2000&lang=zh-CN&present=1')
})

test('a lesson link names the lesson and the step', () => {
  const link = shareUrl(
    { page: 'lessons', lessonId: 'heartbeats-and-fencing', stepIndex: 2 },
    { ...options, search: '?lesson=other&step=9', language: 'en' },
  )
  expect(link).toBe(
    'https://example.test/?page=lessons&lesson=heartbeats-and-fencing&step=2&lang=en',
  )
  expect(parseAppUrl(new URL(link).search)).toMatchObject({ lessonStep: 2, problems: [] })
})

test('a cluster built on the sandbox page stays in its own parameter, not in the log', () => {
  const built = { ...sandboxScenario(2), topics: [] }
  const engine = createEngine({ seed: 3, scenario: built })
  engine.advanceTo(1_000)
  const search = `?sandbox=${encodeURIComponent(JSON.stringify(built))}`
  const link = shareUrl(
    { page: 'cluster', replay: engine.exportReplay(), nowMs: 1_000 },
    { ...options, search },
  )
  const params = new URL(link).searchParams
  expect(JSON.parse(params.get('sandbox')!)).toEqual(built)
  expect(params.has('log')).toBe(false)
  // Another scenario than the one built: it travels in the log, the stale parameter goes.
  const other = createEngine({ seed: 3, scenario: { ...built, brokers: 3 } })
  const otherLink = shareUrl(
    { page: 'cluster', replay: other.exportReplay(), nowMs: 0 },
    { ...options, search },
  )
  const otherParams = new URL(otherLink).searchParams
  expect(otherParams.has('sandbox')).toBe(false)
  expect(parseAppUrl(new URL(otherLink).search).run?.scenario).toEqual({ ...built, brokers: 3 })
})
