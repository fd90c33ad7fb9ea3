/** Says why a shared link's run was not opened (the page shows a fresh run instead). */
import { useTranslation } from 'react-i18next'
import { useLinkProblem } from './classroom'

export function LinkNotice() {
  const { t } = useTranslation()
  const problem = useLinkProblem()
  if (problem === null) return null
  const reason = t(`shell.link.reasons.${problem.problem}`, { detail: problem.detail })
  return (
    <p className="notice notice--warning" role="alert" data-testid="link-problem">
      {t('shell.link.refused', { reason })}
    </p>
  )
}
