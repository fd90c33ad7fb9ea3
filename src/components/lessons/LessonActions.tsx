/**
 * The lesson's own buttons (`lesson.actions`): each sends its commands, in order, at the current
 * simulated moment. The learner chooses among them; which one solves a task is for them to find.
 */
import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ClusterCommand } from '../../engine'
import { proseKey, type Lesson } from '../../lessons/schema'

export function LessonActions({
  lesson,
  onRun,
}: {
  lesson: Lesson
  onRun: (commands: readonly ClusterCommand[]) => void | Promise<void>
}) {
  const { t } = useTranslation()
  // Commands in flight to the engine: the section says it is busy until the engine has them all.
  const [pending, setPending] = useState(0)
  const actions = lesson.actions ?? []
  if (actions.length === 0) return null
  const run = (commands: readonly ClusterCommand[]) => {
    setPending((n) => n + 1)
    void Promise.resolve(onRun(commands)).finally(() => setPending((n) => n - 1))
  }
  return (
    <section
      className="lesson-actions"
      aria-labelledby="lesson-actions-title"
      aria-busy={pending > 0}
      data-busy={pending > 0}
    >
      <h3 id="lesson-actions-title">{t('lessons.player.actionsTitle')}</h3>
      <div className="lesson-actions-buttons">
        {actions.map((action) => (
          <button
            key={action.id}
            type="button"
            data-action-id={action.id}
            onClick={() => run(action.commands)}
          >
            {t(proseKey(lesson.id, action.label), action.params ?? {})}
          </button>
        ))}
      </div>
    </section>
  )
}
