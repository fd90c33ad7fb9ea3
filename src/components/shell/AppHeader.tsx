import { useTranslation } from 'react-i18next'
import { useSim } from '../AppServices'
import { AppNav } from './AppNav'
import { ClassroomBar } from './ClassroomBar'
import { LanguageSwitch } from './LanguageSwitch'

export function AppHeader() {
  const { t } = useTranslation()
  const seed = useSim((s) => s.seed)
  const engineKind = useSim((s) => s.engineKind)
  return (
    <header className="app-header">
      <h1>
        {t('app.title')} <span className="tagline">{t('app.tagline')}</span>
      </h1>
      <AppNav />
      <div className="header-meta">
        {seed !== null && <span>{t('app.seed', { seed })}</span>}
        {engineKind !== null && (
          <span className="header-engine">
            {engineKind === 'worker' ? t('app.engineWorker') : t('app.engineInProcess')}
          </span>
        )}
      </div>
      <LanguageSwitch />
      <ClassroomBar />
    </header>
  )
}
