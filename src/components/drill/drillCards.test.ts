/**
 * Goal: every drill card is complete in both languages, and every "prove it" opens a real state:
 * the lesson and step exist, the step is a task or watch (so the claim is a goal the simulator
 * checked), and replaying the lesson's canonical path through that step reaches its goal.
 */
import { describe, expect, test } from 'vitest'
import { catalog, findLesson } from '../../lessons/catalog'
import { startLessonHeadless } from '../../lessons/headless'
import { goalOf } from '../../lessons/schema'
import en from './locales/en.json'
import zhCN from './locales/zh-CN.json'
import { DRILL_CARDS } from './drillCards'
import { proofHref, proofStepIndex } from './DrillPage'

describe('drill cards', () => {
  test('ids are unique and each has a question, an answer and a source in both languages', () => {
    expect(new Set(DRILL_CARDS.map((c) => c.id)).size).toBe(DRILL_CARDS.length)
    for (const strings of [en, zhCN]) {
      expect(Object.keys(strings.cards).sort()).toEqual(DRILL_CARDS.map((c) => c.id).sort())
      for (const card of Object.values(strings.cards)) {
        expect(card.question.trim()).not.toBe('')
        expect(card.answer.trim()).not.toBe('')
        expect(card.source.trim()).not.toBe('')
      }
    }
  })

  const proofs = DRILL_CARDS.flatMap((card) => card.proofs.map((proof) => ({ card, proof })))
  test('most cards have a proof; the rest say in their answer that the simulation is pending', () => {
    expect(proofs.length).toBeGreaterThanOrEqual(12)
    for (const card of DRILL_CARDS.filter((c) => c.proofs.length === 0)) {
      expect(en.cards[card.id as keyof typeof en.cards].answer).toContain('Simulation pending')
    }
  })

  for (const { card, proof } of proofs) {
    test(`${card.id}: ${proof.lessonId} › ${proof.stepId} is a checked state`, () => {
      const lesson = findLesson(proof.lessonId, catalog)
      expect(lesson, proof.lessonId).not.toBeNull()
      const index = lesson!.steps.findIndex((s) => s.id === proof.stepId)
      const step = lesson!.steps[index]!
      expect(goalOf(step), 'a task or watch step').not.toBeNull()
      expect(proofStepIndex(proof)).toBe(index + 1)
      const run = startLessonHeadless(lesson!).playUntilStep(index)
      expect(run.isMet(goalOf(step)!)).toBe(false)
      run.playStep() // throws unless the goal is reached within the step's budget
      expect(run.stepIndex()).toBe(index + 1)
      expect(proofHref(proof, '?lang=zh-CN')).toBe(
        `?lang=zh-CN&page=lessons&lesson=${proof.lessonId}&step=${index + 1}`,
      )
    })
  }
})
