/**
 * The script console: a script in a KafkaJS-like API plus simulation verbs, run in a worker by an
 * interpreter (no eval). Output, errors with their line (syntax and runtime, see
 * instrumentScript.ts), and a runaway script stopped. The output sits right under Run, so it shows
 * on a 1280×720 screen; the API summary comes last.
 */
import { useEffect, useId, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useAppServices } from '../AppServices'
import { useEngineRequest } from '../inspector/engineRequest'
import { createScriptHost } from './scriptApi'
import { runScript, RUNAWAY_MS, type RunningScript, type ScriptOutcome } from './runScript'

export const EXAMPLE_SCRIPT = `// KafkaJS-style: producer, consumer; plus sim.*
await producer.send({
  topic: 'orders',
  messages: [{ key: 'alice', value: 'pizza' }, { key: 'bob', value: 'tea' }],
})
await consumer.subscribe({ topics: ['orders'], fromBeginning: true })
await consumer.run({
  eachMessage: async ({ partition, message }) =>
    console.log('got', partition, message.offset, message.value),
})
await sim.advance(5000) // the group waits group.initial.rebalance.delay.ms (3 s)
console.log(await sim.describe())`

interface OutputLine {
  kind: 'log' | 'error' | 'info'
  text: string
}

export function ScriptConsole() {
  const { t } = useTranslation()
  const { simStore, playback } = useAppServices()
  const request = useEngineRequest()
  const id = useId()
  const [code, setCode] = useState(EXAMPLE_SCRIPT)
  const [output, setOutput] = useState<OutputLine[]>([])
  const [running, setRunning] = useState<RunningScript | null>(null)
  const runningRef = useRef<RunningScript | null>(null)
  useEffect(() => () => runningRef.current?.stop(), [])
  const describeOutcome = (outcome: ScriptOutcome): OutputLine => {
    switch (outcome.kind) {
      case 'done':
        return { kind: 'info', text: t('console.done') }
      case 'error':
        return {
          kind: 'error',
          text:
            outcome.line === null
              ? outcome.message
              : t('console.errorAtLine', { line: outcome.line, message: outcome.message }),
        }
      case 'stopped':
        return {
          kind: 'error',
          text: t(`console.stopped.${outcome.reason}`, { seconds: RUNAWAY_MS / 1000 }),
        }
    }
  }
  const run = () => {
    playback.send({ type: 'PAUSE' })
    setOutput([{ kind: 'info', text: t('console.started') }])
    const script = runScript(code, createScriptHost(request, simStore), (text) =>
      setOutput((lines) => [...lines.slice(-199), { kind: 'log', text }]),
    )
    runningRef.current = script
    setRunning(script)
    void script.finished.then((outcome) => {
      setOutput((lines) => [...lines, describeOutcome(outcome)])
      runningRef.current = null
      setRunning(null)
    })
  }
  return (
    <section
      className="script-console"
      aria-label={t('console.title')}
      data-testid="script-console"
    >
      <label htmlFor={`${id}-code`}>{t('console.codeLabel')}</label>
      <textarea
        id={`${id}-code`}
        className="script-code"
        value={code}
        spellCheck={false}
        wrap="off"
        rows={8}
        onChange={(event) => setCode(event.target.value)}
      />
      <div className="script-actions">
        <button type="button" onClick={run} disabled={running !== null}>
          {t('console.run')}
        </button>
        <button type="button" onClick={() => running?.stop()} disabled={running === null}>
          {t('console.stop')}
        </button>
        <button type="button" onClick={() => setCode(EXAMPLE_SCRIPT)}>
          {t('console.example')}
        </button>
      </div>
      {/* A live region around the list (role="log" on the list itself would hide its items). */}
      <div className="script-output" role="log" aria-live="polite" data-testid="script-output">
        <ol className="script-lines">
          {output.map((line, i) => (
            <li key={i} className={`script-line script-line--${line.kind}`}>
              {line.text}
            </li>
          ))}
        </ol>
      </div>
      <p className="script-help">{t('console.help')}</p>
    </section>
  )
}
