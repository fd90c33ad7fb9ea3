/**
 * Goal: lesson prose shows its code, strong and emphasised words as such, and never loses or
 * invents text. Method: proseSpans on the markup the locale files use, including unpaired stars.
 */
import { describe, expect, test } from 'vitest'
import en from './locales/en.json'
import zhCN from './locales/zh-CN.json'
import { proseParagraphs, proseSpans } from './proseSpans'

describe('proseSpans', () => {
  test('backticks are code, double stars strong, single stars emphasis', () => {
    expect(proseSpans('A **segment** holds offset *n*, see `segment.ms`.')).toEqual([
      { kind: 'text', text: 'A ' },
      { kind: 'strong', text: 'segment' },
      { kind: 'text', text: ' holds offset ' },
      { kind: 'em', text: 'n' },
      { kind: 'text', text: ', see ' },
      { kind: 'code', text: 'segment.ms' },
      { kind: 'text', text: '.' },
    ])
  })

  test('stars inside code stay literal, and an unpaired star is kept', () => {
    expect(proseSpans('`a*b*c` costs 2 * 3')).toEqual([
      { kind: 'code', text: 'a*b*c' },
      { kind: 'text', text: ' costs 2 * 3' },
    ])
  })

  test('works next to Chinese punctuation', () => {
    expect(proseSpans('**“活跃段永远不会被删除”**不准确')).toEqual([
      { kind: 'strong', text: '“活跃段永远不会被删除”' },
      { kind: 'text', text: '不准确' },
    ])
  })

  test('no lesson string shows a stray double star once rendered', () => {
    const strings = (node: unknown): string[] =>
      typeof node === 'string'
        ? [node]
        : Object.values(node as Record<string, unknown>).flatMap(strings)
    for (const text of [...strings(en), ...strings(zhCN)]) {
      for (const paragraph of proseParagraphs(text)) {
        const shown = proseSpans(paragraph).filter((s) => s.kind !== 'code')
        expect(shown.map((s) => s.text).join(''), text).not.toContain('**')
      }
    }
  })
})
