/**
 * i18n with i18next: Simplified Chinese and English, both complete (a test fails on a missing
 * key). The language comes from `?lang=`, then the learner's last choice, then the browser; the
 * choice is remembered in localStorage.
 */
import i18next, { type i18n as I18n } from 'i18next'
import LanguageDetector from 'i18next-browser-languagedetector'
import { initReactI18next } from 'react-i18next'
import en from './locales/en.json'
import zhCN from './locales/zh-CN.json'

export const LANGUAGES = [
  { code: 'zh-CN', label: '中文' },
  { code: 'en', label: 'English' },
] as const

export type LanguageCode = (typeof LANGUAGES)[number]['code']

export const LANGUAGE_STORAGE_KEY = 'kafkascope.lang'

/**
 * Features keep their strings beside them in `src/components/<feature>/locales/{en,zh-CN}.json`;
 * each file's content is merged under the feature's name (e.g. `iolab.title`).
 */
const featureLocales = import.meta.glob<{ default: Record<string, unknown> }>(
  '../*/locales/*.json',
  { eager: true },
)

export function featureStrings(language: 'en' | 'zh-CN'): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [path, module] of Object.entries(featureLocales)) {
    const match = /\.\.\/([^/]+)\/locales\/([^/]+)\.json$/.exec(path)
    if (match && match[2] === language) out[match[1]!] = module.default
  }
  return out
}

export const resources = {
  en: { translation: { ...en, ...featureStrings('en') } },
  'zh-CN': { translation: { ...zhCN, ...featureStrings('zh-CN') } },
}

/** Any Chinese browser language gets Simplified Chinese; everything else English. */
export function toSupportedLanguage(detected: string): LanguageCode {
  return detected.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en'
}

export async function createI18n(): Promise<I18n> {
  const instance = i18next.createInstance()
  await instance
    .use(LanguageDetector)
    .use(initReactI18next)
    .init({
      resources,
      supportedLngs: ['en', 'zh-CN'],
      fallbackLng: 'en',
      interpolation: { escapeValue: false }, // React escapes
      detection: {
        order: ['querystring', 'localStorage', 'navigator'],
        lookupQuerystring: 'lang',
        lookupLocalStorage: LANGUAGE_STORAGE_KEY,
        caches: ['localStorage'],
        convertDetectedLanguage: toSupportedLanguage,
      },
    })
  return instance
}
