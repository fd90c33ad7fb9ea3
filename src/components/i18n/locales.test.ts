/**
 * Goal: every UI string exists in both languages, with the same interpolation placeholders.
 * Method: flatten both locale files and compare key sets and {{placeholders}} per key.
 */
import { expect, test } from 'vitest'
import { resources, toSupportedLanguage } from './i18n'

// Shell strings and every feature's strings, as the app loads them.
const en = resources.en.translation
const zhCN = resources['zh-CN'].translation

function flatten(value: unknown, prefix = ''): Record<string, string> {
  if (typeof value === 'string') return { [prefix]: value }
  return Object.entries(value as Record<string, unknown>).reduce<Record<string, string>>(
    (out, [key, child]) => ({ ...out, ...flatten(child, prefix ? `${prefix}.${key}` : key) }),
    {},
  )
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort()

test('zh-CN and en have exactly the same keys', () => {
  expect(Object.keys(flatten(zhCN)).sort()).toEqual(Object.keys(flatten(en)).sort())
})

test('each translation keeps the placeholders of the English text', () => {
  const zh = flatten(zhCN)
  for (const [key, text] of Object.entries(flatten(en))) {
    expect(placeholders(zh[key] ?? ''), key).toEqual(placeholders(text))
  }
})

test('no translation is empty', () => {
  for (const [key, text] of Object.entries({ ...flatten(en), ...flatten(zhCN) })) {
    expect(text.trim(), key).not.toBe('')
  }
})

test('browser languages map to a supported language', () => {
  expect(toSupportedLanguage('zh-TW')).toBe('zh-CN')
  expect(toSupportedLanguage('zh')).toBe('zh-CN')
  expect(toSupportedLanguage('en-GB')).toBe('en')
  expect(toSupportedLanguage('fr')).toBe('en')
})
