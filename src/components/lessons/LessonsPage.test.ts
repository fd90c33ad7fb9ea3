/**
 * Goal: the lessons UI shows the right things: the catalog lists every track in order with each
 * lesson's progress and the fitting buttons; the player panel shows the step's text in the
 * learner's language, the goal status, the hint, and enables Back / Restart / Next exactly when
 * the player machine accepts them; an unknown lesson id gets a message, not a crash.
 * Method: server-side rendering to static markup in Node (no DOM needed: clicks and focus are
 * covered by e2e/lessons.spec.ts), with a real i18next instance and real player actors.
 */
import i18next, { type i18n as I18n } from 'i18next'
import { createElement, type ReactElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider, initReactI18next } from 'react-i18next'
import { beforeAll, describe, expect, test } from 'vitest'
import { createActor } from 'xstate'
import type { ClusterView, ReplayFile } from '../../engine'
import { catalog, findLesson } from '../../lessons/catalog'
import { startLessonHeadless } from '../../lessons/headless'
import { lessonPlayerMachine } from '../../lessons/lessonPlayerMachine'
import { createMemoryProgress } from '../../lessons/progress'
import { resources } from '../i18n/i18n'
import { LessonPlayerPanel } from './LessonPlayerPanel'
import { LessonsCatalogPage } from './LessonsCatalogPage'
import { LessonsPage } from './LessonsPage'
import type { LessonEngine } from './lessonServices'

const languages: Record<string, I18n> = {}

beforeAll(async () => {
  for (const lng of ['en', 'zh-CN']) {
    const instance = i18next.createInstance()
    await instance.use(initReactI18next).init({
      resources,
      lng,
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
    })
    languages[lng] = instance
  }
})

const render = (element: ReactElement, lng = 'en') =>
  renderToStaticMarkup(createElement(I18nextProvider, { i18n: languages[lng]! }, element))

const lesson = findLesson('heartbeats-and-fencing')!
const neverCalled: LessonEngine = {
  start: () => Promise.reject(new Error('unused')),
  restore: (_replay: ReplayFile) => Promise.reject(new Error('unused')),
  dispatch: () => Promise.resolve(),
  seek: () => Promise.resolve(),
}

describe('catalog', () => {
  test('lists every track in order, lessons with their progress and buttons', () => {
    const storage = createMemoryProgress()
    storage.save(lesson.id, { stepIndex: 3, completedStepIds: ['brokers-join'], finished: false })
    storage.save('isolation-and-healing', { stepIndex: 0, completedStepIds: [], finished: true })
    const html = render(createElement(LessonsCatalogPage, { catalog, storage, onOpen: () => {} }))
    const trackOrder = [...html.matchAll(/data-track="([^"]+)"/g)].map((m) => m[1])
    expect(trackOrder).toEqual([
      'storage-io',
      'replication',
      'producer',
      'consumer',
      'delivery',
      'interview',
    ])
    expect(html).toContain('Heartbeats and fencing: how the controller learns a broker died')
    expect(html).toContain(`3 of ${lesson.steps.length} steps done`)
    expect(html).toContain('>Continue</button>')
    expect(html).toContain('>Start over</button>')
    expect(html).toContain('>Start again</button>')
    // Every track has lessons now; the interview track opens the drill instead.
    expect(html).not.toContain('Lessons for this track are coming.')
    expect(html).toContain('Consumer groups and assignment')
    expect(html).toContain('href="?page=drill"')
    expect(html).toContain('Open the interview drill')
    expect(html).toMatch(/You have opened the proof of 0 of \d+ answers\./)
  })

  test('in Chinese, with nothing stored yet', () => {
    const html = render(
      createElement(LessonsCatalogPage, {
        catalog,
        storage: createMemoryProgress(),
        onOpen: () => {},
      }),
      'zh-CN',
    )
    expect(html).toContain('心跳与屏蔽（fencing）')
    expect(html).toContain('尚未开始')
    expect(html).toContain('>开始</button>')
  })

  test('shows lessons that failed to load instead of crashing', () => {
    const html = render(
      createElement(LessonsCatalogPage, {
        catalog: { ...catalog, problems: ['lesson x: steps: Required'] },
        storage: createMemoryProgress(),
        onOpen: () => {},
      }),
    )
    expect(html).toContain('Some lessons could not be loaded: lesson x: steps: Required')
  })
})

describe('lessons page', () => {
  test('an unknown lesson id gets a message and a way back', () => {
    const html = render(
      createElement(LessonsPage, {
        lessonId: 'no-such-lesson',
        lessonEngine: neverCalled,
        progressStorage: createMemoryProgress(),
      }),
    )
    expect(html).toContain('There is no lesson called “no-such-lesson”.')
    expect(html).toContain('>All lessons</button>')
  })

  test('no lesson id shows the catalog', () => {
    const html = render(
      createElement(LessonsPage, {
        lessonId: null,
        lessonEngine: neverCalled,
        progressStorage: createMemoryProgress(),
      }),
    )
    expect(html).toContain('data-testid="lessons-catalog"')
  })
})

describe('player panel', () => {
  function playerAt(stepId: string) {
    const run = startLessonHeadless(lesson)
    const index = lesson.steps.findIndex((s) => s.id === stepId)
    run.playUntilStep(index)
    const actor = createActor(lessonPlayerMachine, {
      input: { lesson, startStepIndex: index },
    }).start()
    const frame = (view: ClusterView = run.view()) =>
      actor.send({ type: 'ENGINE_FRAME', view, events: [...run.events()] })
    frame()
    return { actor, run, frame }
  }
  const panel = (actor: ReturnType<typeof playerAt>['actor'], lng = 'en') =>
    render(createElement(LessonPlayerPanel, { lesson, actor, onExit: () => {} }), lng)

  test('narration: the text with code marked, Back and Next enabled', () => {
    const { actor } = playerAt('session')
    const html = panel(actor)
    expect(html).toContain('<code>broker.session.timeout.ms</code>')
    expect(html).toMatch(/<button type="button">Back<\/button>/)
    expect(html).toMatch(/<button type="button" class="lesson-primary">Next<\/button>/)
    expect(html).toContain(`Step 3 of ${lesson.steps.length}`)
  })

  test('a task: pending status, a hint button, Next disabled; then goal reached', () => {
    const { actor, run, frame } = playerAt('restart-broker-2')
    let html = panel(actor)
    expect(html).toContain('data-reached="false"')
    expect(html).toContain('>Show a hint</button>')
    expect(html).toMatch(/<button type="button" class="lesson-primary" disabled="">Next<\/button>/)
    actor.send({ type: 'SHOW_HINT' })
    expect(panel(actor)).toContain('data-testid="hint"')
    const task = lesson.steps.find((s) => s.id === 'restart-broker-2')!
    if (task.kind !== 'task') throw new Error('not a task')
    run.apply(task.solution)
    run.advanceUntil(task.goal, task.simBudgetMs)
    frame()
    html = panel(actor)
    expect(html).toContain('data-reached="true"')
    expect(html).toContain('Done! Goal reached.')
    expect(html).toMatch(/<button type="button" class="lesson-primary">Next<\/button>/)
  })

  test('a demo offers its button, and the Chinese text is Chinese', () => {
    const { actor } = playerAt('crash-broker-2')
    const html = panel(actor, 'zh-CN')
    expect(html).toContain('>运行演示</button>')
    expect(html).toContain('kill -9')
    expect(html).toContain('演示')
  })

  test('the end of the lesson', () => {
    const { actor } = playerAt('summary')
    actor.send({ type: 'NEXT' })
    const html = panel(actor)
    expect(html).toContain('Lesson complete')
    expect(html).toContain('data-step-kind="finished"')
  })
})

describe('lesson actions and the goal readout', () => {
  const appendLesson = findLesson('sequential-append')!
  const index = appendLesson.steps.findIndex((s) => s.id === 'reach-offset-5')

  function panelAtTask(lng: string) {
    const run = startLessonHeadless(appendLesson).playUntilStep(index)
    const actor = createActor(lessonPlayerMachine, {
      input: { lesson: appendLesson, startStepIndex: index },
    }).start()
    actor.send({ type: 'ENGINE_FRAME', view: run.view(), events: [...run.events()] })
    const element = createElement(LessonPlayerPanel, {
      lesson: appendLesson,
      actor,
      onExit: () => {},
      view: run.view(),
    })
    return render(element, lng)
  }

  test('the lesson buttons are listed, and the number the goal reads is shown', () => {
    const html = panelAtTask('en')
    expect(html).toContain('Lesson actions')
    expect(html).toContain('data-action-id="send-two"')
    expect(html).toContain('>Send 2 records</button>')
    expect(html).toContain('What the simulator checks')
    // orders-0 on broker 1 has offsets 0–2 after the demo: its log end offset is 3.
    expect(html).toMatch(/orders-0 on broker 1 <code>logEndOffset<\/code><\/dt><dd>3<\/dd>/)
  })

  test('in Chinese, with the field names Kafka uses', () => {
    const html = panelAtTask('zh-CN')
    expect(html).toContain('课程操作')
    expect(html).toContain('>发送 2 条消息</button>')
    expect(html).toContain('模拟器检查的数值')
    expect(html).toMatch(/broker 1 上的 orders-0 <code>logEndOffset<\/code><\/dt><dd>3<\/dd>/)
  })

  test('a measure counted since the step began shows the change too', () => {
    const pageCache = findLesson('page-cache-relay')!
    const tail = pageCache.steps.findIndex((s) => s.id === 'tail-read')
    const run = startLessonHeadless(pageCache).playUntilStep(tail)
    const start = run.view()
    const step = pageCache.steps[tail]!
    if (step.kind !== 'task') throw new Error('not a task')
    run.apply(step.solution)
    run.advanceUntil(step.goal, step.simBudgetMs)
    const actor = createActor(lessonPlayerMachine, {
      input: { lesson: pageCache, startStepIndex: tail },
    }).start()
    actor.send({ type: 'ENGINE_FRAME', view: start, events: [] })
    const html = render(
      createElement(LessonPlayerPanel, {
        lesson: pageCache,
        actor,
        onExit: () => {},
        view: run.view(),
      }),
    )
    expect(html).toMatch(
      /Page cache of broker 1 <code>misses<\/code><\/dt><dd>0 \(0 since this step began\)/,
    )
    expect(html).toMatch(/<code>hits<\/code><\/dt><dd>\d+ \([1-9]\d* since this step began\)/)
  })
})
