/**
 * Goal: a lesson link opens its step once, "Copy link" knows the step the learner is on, and once
 * the learner moves on the link's step leaves the address, so a reload resumes from their own
 * progress. Method: drive the storage as the lesson player does, with a fake address bar.
 */
import { afterEach, expect, test, vi } from 'vitest'
import { createMemoryProgress } from '../../src/lessons/progress'
import { linkedLessonProgress } from './lessonStepLink'

function fakeAddressBar(search: string) {
  const bar = {
    location: { href: `https://example.test/${search}` },
    history: {
      state: null,
      replaceState: (_state: unknown, _title: string, url: URL) => {
        bar.location.href = String(url)
      },
    },
  }
  vi.stubGlobal('window', bar)
  return bar
}

afterEach(() => vi.unstubAllGlobals())

test('the linked step opens once, then the learner’s own progress counts', () => {
  const search = '?page=lessons&lesson=fencing&step=3'
  const bar = fakeAddressBar(search)
  const base = createMemoryProgress()
  base.save('fencing', { stepIndex: 7, completedStepIds: ['a'], finished: false })
  const progress = linkedLessonProgress(base, search, 3)
  expect(progress.load('other')).toBeNull()
  expect(progress.load('fencing')).toEqual({
    stepIndex: 3,
    completedStepIds: [],
    finished: false,
  })
  progress.save('fencing', { stepIndex: 3, completedStepIds: [], finished: false })
  expect(bar.location.href).toContain('step=3') // still the linked step
  expect(progress.currentStep('fencing')).toBe(3)
  progress.save('fencing', { stepIndex: 4, completedStepIds: ['s3'], finished: false })
  expect(bar.location.href).toBe('https://example.test/?page=lessons&lesson=fencing')
  expect(progress.currentStep('fencing')).toBe(4)
  expect(progress.load('fencing')).toMatchObject({ stepIndex: 4 })
})

test('without a step in the link, progress passes straight through', () => {
  fakeAddressBar('?page=lessons&lesson=fencing')
  const base = createMemoryProgress()
  base.save('fencing', { stepIndex: 2, completedStepIds: [], finished: false })
  const progress = linkedLessonProgress(base, '?page=lessons&lesson=fencing', null)
  expect(progress.load('fencing')).toMatchObject({ stepIndex: 2 })
  expect(progress.currentStep('fencing')).toBe(2)
  expect(progress.currentStep('unknown')).toBeNull()
})
