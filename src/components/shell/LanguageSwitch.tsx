import { useTranslation } from 'react-i18next'
import { LANGUAGES } from '../i18n/i18n'

/** Language names are written in their own language, so they stay the same in both. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation()
  return (
    <div className="language-switch" role="group" aria-label={t('language.label')}>
      {LANGUAGES.map(({ code, label }) => (
        <button
          key={code}
          type="button"
          lang={code}
          aria-pressed={i18n.resolvedLanguage === code}
          onClick={() => void i18n.changeLanguage(code)}
        >
          {label}
        </button>
      ))}
    </div>
  )
}
