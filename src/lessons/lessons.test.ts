/**
 * Goal: every lesson in the catalog is valid and true to the engine: each task is solved by its
 * own solution within its budget, no task or watch is already done when it starts, a task is not
 * done by waiting the same budget without its solution, every watch is reached by waiting, every
 * command is accepted by the engine, and every prose key exists (and is used) in both languages.
 * Method: LGB's levels.spec.js on the real engine (src/lessons/headless.ts): replay the lesson's
 * canonical path up to each step, then branch once with the solution and once without.
 */
import { describe, expect, test } from 'vitest'
import { importReplay } from '../engine/core/replay'
import en from '../components/lessons/locales/en.json'
import zhCN from '../components/lessons/locales/zh-CN.json'
import { catalog, loadCatalog, LESSONS_BY_TRACK } from './catalog'
import { heartbeatsAndFencing } from './content/heartbeatsAndFencing'
import { lessonReplayAtStep, startLessonHeadless } from './headless'
import { goalOf, lessonProseKeys, parseLesson, type Lesson, type TaskStep } from './schema'

const lookup = (strings: unknown, key: string): unknown =>
  key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], strings)

function leafKeys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([k, v]) => leafKeys(v, prefix ? `${prefix}.${k}` : k))
}

describe('catalog', () => {
  test('every lesson loads; ids are unique; every lesson has a demo and a task', () => {
    expect(catalog.problems).toEqual([])
    expect(catalog.all.length).toBeGreaterThanOrEqual(2)
    for (const lesson of catalog.all) {
      expect(
        lesson.steps.some((s) => s.kind === 'demo'),
        lesson.id,
      ).toBe(true)
      expect(
        lesson.steps.some((s) => s.kind === 'task'),
        lesson.id,
      ).toBe(true)
    }
  })

  test('a malformed lesson is refused with the fields named, never thrown', () => {
    const broken = {
      ...heartbeatsAndFencing,
      id: 'Not Kebab',
      steps: [
        {
          kind: 'task',
          id: 'crash',
          prompt: 'p',
          goal: { type: 'brokerStatus', brokerId: 0, status: 'asleep' },
          solution: [{ type: 'powerCycle', brokerId: 1 }],
          hint: 'h',
          simBudgetMs: -5,
        },
      ],
    }
    const result = parseLesson(broken)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.error).toContain('id: use kebab-case')
    expect(result.error).toContain('steps.0.goal.brokerId')
    expect(result.error).toContain('steps.0.goal.status')
    expect(result.error).toContain('steps.0.simBudgetMs')
    // Cross-field rules run once the shape is right: commands must be on the allow-list.
    const disallowed = parseLesson({ ...heartbeatsAndFencing, allowedCommands: ['healNetwork'] })
    expect(disallowed).toEqual({
      ok: false,
      error: expect.stringContaining('steps.3.commands.0.type: "crashBroker" is not in'),
    })
    expect(parseLesson(null)).toMatchObject({ ok: false })
    expect(
      parseLesson({ ...heartbeatsAndFencing, steps: [heartbeatsAndFencing.steps[0]] }),
    ).toEqual({ ok: false, error: expect.stringContaining('at least one task') })
  })

  test('the catalog leaves out bad, misfiled and duplicate lessons and says why', () => {
    const empty = Object.fromEntries(Object.keys(LESSONS_BY_TRACK).map((t) => [t, []]))
    const loaded = loadCatalog({
      ...(empty as unknown as typeof LESSONS_BY_TRACK),
      producer: [heartbeatsAndFencing, { id: 'x' }],
      replication: [heartbeatsAndFencing, heartbeatsAndFencing],
    })
    expect(loaded.all.map((l) => l.id)).toEqual(['heartbeats-and-fencing'])
    expect(loaded.problems).toEqual([
      'lesson heartbeats-and-fencing: the id is used twice',
      'lesson heartbeats-and-fencing: listed under producer but its track is replication',
      expect.stringContaining('lesson x:'),
    ])
  })
})

const tasksOf = (lesson: Lesson) =>
  lesson.steps.flatMap((step, index) => (step.kind === 'task' ? [{ step, index }] : []))

for (const lesson of catalog.all) {
  describe(`lesson ${lesson.id}`, () => {
    test('the canonical path reaches the end: every demo applies, every watch is reached', () => {
      const run = startLessonHeadless(lesson).playUntilStep(lesson.steps.length)
      expect(run.stepIndex()).toBe(lesson.steps.length)
    })

    for (const { step, index } of tasksOf(lesson)) {
      test(`${step.id} is solved by its own solution within ${step.simBudgetMs} ms`, () => {
        const run = startLessonHeadless(lesson).playUntilStep(index)
        expect(run.isMet(step.goal), 'already solved before the learner acts').toBe(false)
        run.apply(step.solution)
        expect(run.advanceUntil(step.goal, step.simBudgetMs).reached).toBe(true)
      })

      test(`${step.id} is not solved by waiting ${step.simBudgetMs} ms without acting`, () => {
        const run = startLessonHeadless(lesson).playUntilStep(index)
        expect(run.advanceWatching(step.goal, step.simBudgetMs)).toEqual({
          reached: false,
          reachedAtMs: null,
        })
      })
    }

    test('no task or watch goal holds at the moment its step starts', () => {
      const run = startLessonHeadless(lesson)
      for (const step of lesson.steps) {
        const goal = goalOf(step)
        if (goal !== null) expect(run.isMet(goal), step.id).toBe(false)
        run.playStep()
      }
    })

    test('every prose key exists in both languages, and every prose string is used', () => {
      const used = lessonProseKeys(lesson)
      for (const [language, strings] of [
        ['en', en],
        ['zh-CN', zhCN],
      ] as const) {
        const content = lookup(strings, `content.${lesson.id}`)
        for (const key of used) {
          const text = lookup(content, key)
          expect(typeof text === 'string' && text.trim() !== '', `${language}: ${key}`).toBe(true)
        }
        expect(leafKeys(content).sort(), language).toEqual([...new Set(used)].sort())
      }
    })

    test('resuming at a step rebuilds the same cluster the canonical path has there', () => {
      const middle = tasksOf(lesson)[0]!.index
      const replay = lessonReplayAtStep(lesson, middle)
      const imported = importReplay(JSON.parse(JSON.stringify(replay)))
      expect(imported.ok).toBe(true)
      if (!imported.ok) return
      const run = startLessonHeadless(lesson).playUntilStep(middle)
      expect(imported.timeline.view()).toEqual(run.view())
    })
  })
}

test('the locale files describe no lesson the catalog lacks', () => {
  const ids = catalog.all.map((l) => l.id).sort()
  expect(Object.keys(en.content).sort()).toEqual(ids)
  expect(Object.keys(zhCN.content).sort()).toEqual(ids)
})

test('a task whose goal already holds is caught', () => {
  // A guard on the test itself: a lesson whose task is done before the learner acts must fail.
  const lazy: TaskStep = {
    kind: 'task',
    id: 'nothing-to-do',
    prompt: 'restartPrompt',
    goal: { type: 'brokerCount', status: 'offline', atMost: 3 },
    solution: [{ type: 'healNetwork' }],
    hint: 'restartHint',
    simBudgetMs: 1_000,
  }
  const run = startLessonHeadless({ ...heartbeatsAndFencing, steps: [lazy] })
  expect(run.isMet(lazy.goal)).toBe(true)
})
