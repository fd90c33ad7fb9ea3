/**
 * "What the simulator checks": the numbers the current step's goal reads, live from the frame,
 * so a learner sees the same values the goal is decided on (and how far each moved since the
 * step began, where that is what counts).
 */
import { useTranslation } from 'react-i18next'
import type { ClusterView } from '../../engine'
import { measuresOf, readMeasure } from '../../lessons/goals'
import type { Goal, Measure } from '../../lessons/schema'

function subjectOf(measure: Measure): Record<string, string | number> {
  switch (measure.of) {
    case 'replica':
      return { partition: measure.partition, brokerId: measure.brokerId }
    case 'partition':
      return { partition: measure.partition }
    case 'pageCache':
      return { brokerId: measure.brokerId }
    case 'topic':
      return { topic: measure.topic }
    case 'group':
      return { groupId: measure.groupId }
    case 'groupPartition':
      return { groupId: measure.groupId, partition: measure.partition }
    case 'consumer':
      return { consumer: measure.consumerName }
  }
}

export function GoalReadout({
  goal,
  view,
  stepStartView,
}: {
  goal: Goal
  view: ClusterView | null
  stepStartView: ClusterView | null
}) {
  const { t } = useTranslation()
  const measures = measuresOf(goal)
  if (measures.length === 0 || view === null) return null
  return (
    <section className="lesson-readout" aria-labelledby="lesson-readout-title">
      <h3 id="lesson-readout-title">{t('lessons.readout.title')}</h3>
      <dl>
        {measures.map(({ measure, sinceStepStart }, i) => {
          const now = readMeasure(measure, view)
          const before = stepStartView === null ? null : readMeasure(measure, stepStartView)
          const value =
            now === null
              ? t('lessons.readout.missing')
              : sinceStepStart && before !== null
                ? t('lessons.readout.changed', { now, delta: now - before })
                : String(now)
          return (
            <div key={i} className="lesson-readout-row" data-field={measure.field}>
              <dt>
                {t(`lessons.readout.subject.${measure.of}`, subjectOf(measure))}{' '}
                <code>{t(`lessons.readout.fields.${measure.field}`)}</code>
              </dt>
              <dd>{value}</dd>
            </div>
          )
        })}
      </dl>
    </section>
  )
}
