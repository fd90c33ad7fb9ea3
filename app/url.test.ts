/**
 * Goal: the address bar can never break the app: bad values fall back to defaults and are reported.
 * Method: parse representative good, missing and tampered query strings.
 */
import { expect, test } from 'vitest'
import { scenarioSchema } from '../src/engine/core/scenario'
import { DEFAULT_BROKERS, DEFAULT_SEED, parseAppUrl, sandboxScenario } from './url'

test('reads seed, brokers and flags', () => {
  expect(parseAppUrl('?seed=7&brokers=5&engine=inprocess&e2e=1')).toEqual({
    seed: 7,
    brokers: 5,
    preferInProcess: true,
    e2e: true,
    atMs: null,
    run: null,
    runProblem: null,
    lessonStep: null,
    presenter: false,
    problems: [],
  })
})

test('reads the shared moment, lesson step and presenter mode', () => {
  expect(parseAppUrl('?at=5000&step=3&present=1')).toMatchObject({
    atMs: 5_000,
    lessonStep: 3,
    presenter: true,
    problems: [],
  })
})

test('missing values take defaults silently', () => {
  expect(parseAppUrl('')).toMatchObject({
    seed: DEFAULT_SEED,
    brokers: DEFAULT_BROKERS,
    problems: [],
  })
})

test('tampered values take defaults and are reported', () => {
  const url = parseAppUrl('?seed=-1&brokers=99')
  expect(url).toMatchObject({ seed: DEFAULT_SEED, brokers: DEFAULT_BROKERS })
  expect(url.problems).toEqual(['seed=-1', 'brokers=99'])
  expect(parseAppUrl('?seed=<script>').problems).toEqual(['seed=<script>'])
  const tampered = parseAppUrl('?at=soon&step=-2&log=%%%')
  expect(tampered).toMatchObject({ atMs: null, lessonStep: null, run: null })
  expect(tampered.problems).toEqual(['at=soon', 'step=-2', 'log'])
  expect(tampered.runProblem).toMatchObject({ problem: 'notBase64' })
})

test('the sandbox scenario is valid for 1 to 6 brokers, with the orders topic', () => {
  for (let brokers = 1; brokers <= 6; brokers++) {
    const scenario = sandboxScenario(brokers)
    expect(scenarioSchema.safeParse(scenario).success, `brokers=${brokers}`).toBe(true)
    expect(scenario.topics).toMatchObject([
      { name: 'orders', partitions: 3, replicationFactor: Math.min(3, brokers) },
    ])
  }
})
