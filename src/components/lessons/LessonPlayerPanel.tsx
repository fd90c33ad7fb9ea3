/**
 * The lesson's side of the player: the current step's text, the goal's status, the hint and the
 * step buttons. It reads the lesson player actor and sends it the learner's buttons; the actor
 * does everything else. Focus moves to the step's heading when the step changes, so keyboard and
 * screen-reader users land on the new text.
 */
import { useSelector } from '@xstate/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { currentStep } from '../../lessons/lessonPlayerMachine'
import { goalOf, proseKey, type Lesson, type Step } from '../../lessons/schema'
import type { ClusterCommand, ClusterView } from '../../engine'
import { GoalReadout } from './GoalReadout'
import { LessonActions } from './LessonActions'
import type { LessonActor } from './useLessonSession'
import { Prose } from './Prose'

type StepPhase = 'reading' | 'demoReady' | 'demoDone' | 'awaitingGoal' | 'goalReached' | 'waiting'

export function LessonPlayerPanel({
  lesson,
  actor,
  onExit,
  onRunActions = () => {},
  view = null,
}: {
  lesson: Lesson
  actor: LessonActor
  onExit: () => void
  /** Sends a lesson action's commands to the lesson's engine. */
  onRunActions?: (commands: readonly ClusterCommand[]) => void | Promise<void>
  /** The cluster now, for the goal's readout. */
  view?: ClusterView | null
}) {
  const { t } = useTranslation()
  const stepStartView = useSelector(actor, (s) => s.context.stepStart?.view ?? null)
  const finished = useSelector(actor, (s) => s.matches('finished'))
  const stepIndex = useSelector(actor, (s) => s.context.stepIndex)
  const phase = useSelector(actor, (s): StepPhase => {
    for (const name of [
      'reading',
      'demoReady',
      'demoDone',
      'awaitingGoal',
      'goalReached',
    ] as const) {
      if (s.matches({ running: name })) return name
    }
    return 'waiting'
  })
  const hintVisible = useSelector(actor, (s) => s.context.hintVisible)
  const canNext = useSelector(actor, (s) => s.can({ type: 'NEXT' }))
  const canBack = useSelector(actor, (s) => s.can({ type: 'BACK' }))
  const canRestart = useSelector(actor, (s) => s.can({ type: 'RESTART_STEP' }))
  const step = currentStep({ lesson, stepIndex })
  const prose = (key: string) => t(proseKey(lesson.id, key))
  const title = prose('title')

  const headingRef = useRef<HTMLHeadingElement>(null)
  const firstRender = useRef(true)
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false
      return
    }
    headingRef.current?.focus()
  }, [stepIndex, finished])

  if (finished) {
    return (
      <section className="lesson-panel" aria-labelledby="lesson-title" data-testid="lesson-panel">
        <h2 id="lesson-title" className="lesson-title">
          {title}
        </h2>
        <div className="lesson-step lesson-step--finished" data-step-kind="finished">
          <h3 ref={headingRef} tabIndex={-1}>
            {t('lessons.player.finishedTitle')}
          </h3>
          <p>{t('lessons.player.finishedBody', { title })}</p>
        </div>
        <div className="lesson-nav">
          <button type="button" onClick={() => actor.send({ type: 'BACK' })}>
            {t('lessons.player.back')}
          </button>
          <button type="button" className="lesson-primary" onClick={onExit}>
            {t('lessons.player.toCatalog')}
          </button>
        </div>
      </section>
    )
  }

  const total = lesson.steps.length
  const goal = goalOf(step)
  const isLast = stepIndex === total - 1
  return (
    <section className="lesson-panel" aria-labelledby="lesson-title" data-testid="lesson-panel">
      <div className="lesson-top">
        <button type="button" className="lesson-link" onClick={onExit}>
          {t('lessons.player.toCatalog')}
        </button>
        <span className="lesson-step-count">
          {t('lessons.player.stepOf', { current: stepIndex + 1, total })}
        </span>
      </div>
      <h2 id="lesson-title" className="lesson-title">
        {title}
      </h2>
      <progress className="lesson-progress" max={total} value={stepIndex + 1} aria-hidden="true" />
      <div
        className={`lesson-step lesson-step--${step.kind}`}
        data-step-id={step.id}
        data-step-kind={step.kind}
        data-phase={phase}
      >
        <h3 ref={headingRef} tabIndex={-1}>
          {t(`lessons.player.kinds.${step.kind}`)}
        </h3>
        <StepBody step={step} phase={phase} prose={prose} hintVisible={hintVisible} actor={actor} />
      </div>
      {goal !== null && <GoalReadout goal={goal} view={view} stepStartView={stepStartView} />}
      <LessonActions lesson={lesson} onRun={onRunActions} />
      <div className="lesson-nav">
        <button type="button" onClick={() => actor.send({ type: 'BACK' })} disabled={!canBack}>
          {t('lessons.player.back')}
        </button>
        {(step.kind === 'task' || step.kind === 'watch') && (
          <button
            type="button"
            onClick={() => actor.send({ type: 'RESTART_STEP' })}
            disabled={!canRestart}
            title={t('lessons.player.restartStepDescription')}
          >
            {t('lessons.player.restartStep')}
          </button>
        )}
        <button
          type="button"
          className="lesson-primary"
          onClick={() => actor.send({ type: 'NEXT' })}
          disabled={!canNext}
        >
          {isLast ? t('lessons.player.finish') : t('lessons.player.next')}
        </button>
      </div>
    </section>
  )
}

function StepBody({
  step,
  phase,
  prose,
  hintVisible,
  actor,
}: {
  step: Step
  phase: StepPhase
  prose: (key: string) => string
  hintVisible: boolean
  actor: LessonActor
}) {
  const { t } = useTranslation()
  switch (step.kind) {
    case 'narrate':
      return <Prose text={prose(step.prose)} />
    case 'demo':
      return phase === 'demoDone' ? (
        <>
          <Prose text={prose(step.before)} />
          <p className="lesson-status lesson-status--done" role="status">
            <span aria-hidden="true">✓ </span>
            {t('lessons.player.demoDone')}
          </p>
          <Prose text={prose(step.after)} />
        </>
      ) : (
        <>
          <Prose text={prose(step.before)} />
          <button
            type="button"
            className="lesson-primary lesson-run-demo"
            onClick={() => actor.send({ type: 'RUN_DEMO' })}
          >
            {t('lessons.player.runDemo')}
          </button>
        </>
      )
    case 'task':
    case 'watch': {
      const reached = phase === 'goalReached'
      return (
        <>
          <Prose text={prose(step.kind === 'task' ? step.prompt : step.caption)} />
          <p
            className={`lesson-status lesson-status--${reached ? 'done' : 'pending'}`}
            role="status"
            data-testid="goal-status"
            data-reached={reached}
          >
            <span aria-hidden="true">{reached ? '✓ ' : '… '}</span>
            {reached ? t('lessons.player.goalReached') : t('lessons.player.goalPending')}
          </p>
          {!reached && <p className="lesson-aside">{t('lessons.player.playToContinue')}</p>}
          {step.kind === 'task' &&
            (hintVisible ? (
              <div className="lesson-hint" data-testid="hint">
                <strong>{t('lessons.player.hintLabel')}</strong>
                <Prose text={prose(step.hint)} />
              </div>
            ) : (
              !reached && (
                <button
                  type="button"
                  className="lesson-link"
                  onClick={() => actor.send({ type: 'SHOW_HINT' })}
                >
                  {t('lessons.player.showHint')}
                </button>
              )
            ))}
        </>
      )
    }
  }
}
