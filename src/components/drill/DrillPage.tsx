/**
 * The interview drill: the classic questions as cards, each answer short and sourced, and "prove
 * it" buttons that open the lesson step whose checked goal shows the claim. A proof is a link to
 * `?page=lessons&lesson=<id>&step=<n>` (shareable); a plain click records that step as the
 * lesson's progress and switches page in place, so the engine keeps running.
 */
import { useState, type MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { catalog, findLesson } from '../../lessons/catalog'
import { createWebStorageProgress } from '../../lessons/progress'
import { proseKey } from '../../lessons/schema'
import { lessonsSearch } from '../lessons/lessonServices'
import { DRILL_CARDS, type DrillProof } from './drillCards'
import { browserStorage, loadProvedCards, markCardProved } from './drillProgress'
import './drill.css'

/** The step a proof opens: the one after the proving step, whose start is the proven state. */
export function proofStepIndex(proof: DrillProof): number | null {
  const lesson = findLesson(proof.lessonId, catalog)
  const index = lesson?.steps.findIndex((s) => s.id === proof.stepId) ?? -1
  return lesson === null || index < 0 ? null : index + 1
}

export function proofHref(proof: DrillProof, search: string): string | null {
  const stepIndex = proofStepIndex(proof)
  if (stepIndex === null) return null
  const params = new URLSearchParams(lessonsSearch(search, proof.lessonId))
  params.set('step', String(stepIndex))
  return `?${params.toString()}`
}

function openProof(
  event: MouseEvent<HTMLAnchorElement>,
  cardId: string,
  proof: DrillProof,
  href: string,
) {
  markCardProved(browserStorage(), cardId)
  if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
    return
  }
  event.preventDefault()
  try {
    createWebStorageProgress(window.localStorage).save(proof.lessonId, {
      stepIndex: proofStepIndex(proof) ?? 0,
      completedStepIds: [],
      finished: false,
    })
  } catch {
    // No storage: the lesson opens at its start instead.
  }
  window.history.pushState(null, '', href)
  window.dispatchEvent(new PopStateEvent('popstate'))
}

export function DrillPage() {
  const { t } = useTranslation()
  const search = window.location.search
  const [proved] = useState(() => loadProvedCards(browserStorage()))
  const provable = DRILL_CARDS.filter((c) => c.proofs.length > 0).length
  return (
    <main className="drill" data-testid="drill" aria-labelledby="drill-title">
      <h2 id="drill-title">{t('drill.title')}</h2>
      <p className="drill-intro">{t('drill.intro')}</p>
      <p className="drill-progress" data-testid="drill-progress">
        {t('drill.progress', { proved: proved.size, total: provable })}
      </p>
      <ol className="drill-cards">
        {DRILL_CARDS.map((card) => (
          <li key={card.id} className="drill-card" data-card-id={card.id}>
            <h3>
              {t(`drill.cards.${card.id}.question`)}
              {proved.has(card.id) && <span className="drill-proved"> ✓ {t('drill.proved')}</span>}
            </h3>
            <p className="drill-answer">{t(`drill.cards.${card.id}.answer`)}</p>
            <p className="drill-source">
              <strong>{t('drill.sourceLabel')}</strong> {t(`drill.cards.${card.id}.source`)}
            </p>
            {card.proofs.length > 0 && (
              <div className="drill-proofs">
                {card.proofs.map((proof) => {
                  const href = proofHref(proof, search)
                  if (href === null) return null
                  return (
                    <a
                      key={`${proof.lessonId}/${proof.stepId}`}
                      className="drill-prove"
                      href={href}
                      data-proof={`${proof.lessonId}/${proof.stepId}`}
                      onClick={(event) => openProof(event, card.id, proof, href)}
                    >
                      {t('drill.proveIt', { lesson: t(proseKey(proof.lessonId, 'title')) })}
                    </a>
                  )
                })}
              </div>
            )}
          </li>
        ))}
      </ol>
    </main>
  )
}
