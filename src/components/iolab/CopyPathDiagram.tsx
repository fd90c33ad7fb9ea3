/**
 * The copy path drawn as three bands (user space, kernel, hardware): buffers as boxes, each data
 * movement done so far as a numbered arrow (DMA dashed, CPU solid, descriptor dotted, mapping
 * double), the steps still to come as faint outlines, and the calling thread on the left, in user
 * space or inside a system call. Everything is a function of (path, step count): no animation
 * clock, so a paused step is exact and screenshots are stable.
 */
import { useTranslation } from 'react-i18next'
import {
  BUFFER_IDS,
  type BufferId,
  type CopyPathId,
  type CopyPathState,
  type CopyStep,
  type Space,
} from '../../engine'
import {
  BANDS,
  BAND_HEIGHT,
  DIAGRAM_HEIGHT,
  DIAGRAM_WIDTH,
  arrowBetween,
  boxOf,
  threadBoxOf,
} from './copyPathLayout'

const SPACES: readonly Space[] = ['user', 'kernel', 'hardware']
const ARROW_KINDS = ['dma', 'cpu', 'encrypt', 'descriptor', 'map', 'future'] as const

function bufferLabelKey(buffer: BufferId, path: CopyPathId): string {
  if (buffer !== 'userBuffer') return `iolab.copy.buffers.${buffer}`
  const variant = { mmapWrite: 'Mapped', tls: 'Tls', produce: 'Produce' } as Partial<
    Record<CopyPathId, string>
  >
  return `iolab.copy.buffers.userBuffer${variant[path] ?? ''}`
}

export function CopyPathDiagram({
  path,
  steps,
  stepCount,
  state,
  descriptionId,
}: {
  path: CopyPathId
  steps: readonly CopyStep[]
  stepCount: number
  state: CopyPathState
  descriptionId: string
}) {
  const { t } = useTranslation()
  const current = stepCount > 0 ? steps[stepCount - 1] : undefined
  const used = new Set<BufferId>(path === 'produce' ? [] : ['disk'])
  for (const step of steps) {
    if (step.from !== null) used.add(step.from)
    if (step.to !== null) used.add(step.to)
  }
  const holders = new Set(state.holders)
  const crossing = current?.kind === 'syscall' || current?.kind === 'return' ? current : null
  return (
    <svg
      className="copy-diagram"
      viewBox={`0 0 ${DIAGRAM_WIDTH} ${DIAGRAM_HEIGHT}`}
      role="img"
      aria-label={t('iolab.copy.diagramLabel', { path: t(`iolab.copy.paths.${path}`) })}
      aria-describedby={descriptionId}
      data-testid="copy-diagram"
    >
      <defs>
        {ARROW_KINDS.map((kind) => (
          <marker
            key={kind}
            id={`arrowhead-${kind}`}
            className={`arrowhead arrowhead--${kind}`}
            viewBox="0 0 10 10"
            refX={8}
            refY={5}
            markerWidth={5}
            markerHeight={5}
            orient="auto-start-reverse"
          >
            <path d="M0,0L10,5L0,10z" />
          </marker>
        ))}
        <pattern
          id="data-hatch"
          width={10}
          height={10}
          patternUnits="userSpaceOnUse"
          patternTransform="rotate(45)"
        >
          <rect width={10} height={10} className="data-hatch-bg" />
          <line x1={0} y1={0} x2={0} y2={10} className="data-hatch-line" />
        </pattern>
      </defs>
      {SPACES.map((space) => (
        <g key={space} className={`band band--${space}`}>
          <rect x={0} y={BANDS[space].y} width={DIAGRAM_WIDTH} height={BAND_HEIGHT} rx={10} />
          <text x={14} y={BANDS[space].y + 30} className="band-label">
            {t(`iolab.copy.space.${space}`)}
          </text>
        </g>
      ))}
      <ThreadToken
        threadIn={state.threadIn}
        label={t('iolab.copy.thread')}
        call={
          state.inSyscall === null ? null : t('iolab.copy.inCall', { call: `${state.inSyscall}()` })
        }
        crossing={crossing}
      />
      {BUFFER_IDS.filter((id) => used.has(id)).map((id) => {
        const box = boxOf(id, path)
        const highlighted =
          current !== undefined && (current.from === id || current.to === id) ? ' is-current' : ''
        return (
          <g
            key={id}
            className={`buffer${holders.has(id) ? ' buffer--holds' : ''}${highlighted}`}
            data-buffer={id}
            data-holds={holders.has(id)}
          >
            <rect
              x={box.x}
              y={box.y}
              width={box.width}
              height={box.height}
              rx={8}
              className="buffer-box"
            />
            {holders.has(id) && (
              <rect
                x={box.x + box.width - 24}
                y={box.y + 10}
                width={16}
                height={box.height - 20}
                className="buffer-data"
              />
            )}
            <text
              x={box.x + (holders.has(id) ? (box.width - 26) / 2 : box.width / 2)}
              y={box.y + box.height / 2}
              dy="0.35em"
              textAnchor="middle"
              className="buffer-label"
            >
              {t(bufferLabelKey(id, path))}
            </text>
          </g>
        )
      })}
      {steps.map((step, index) => {
        if (step.from === null || step.to === null) return null
        const done = index < stepCount
        const kind = done ? step.kind : 'future'
        const arrow = arrowBetween(boxOf(step.from, path), boxOf(step.to, path))
        const isCurrent = index === stepCount - 1
        return (
          <g
            key={`${step.id}-${index}`}
            className={`move move--${kind}${isCurrent ? ' is-current' : ''}`}
            data-step={index + 1}
            data-kind={done ? step.kind : undefined}
          >
            {isCurrent && (
              <line className="move-halo" x1={arrow.x1} y1={arrow.y1} x2={arrow.x2} y2={arrow.y2} />
            )}
            <line
              className="move-line"
              x1={arrow.x1}
              y1={arrow.y1}
              x2={arrow.x2}
              y2={arrow.y2}
              markerEnd={`url(#arrowhead-${kind})`}
            />
            {step.kind === 'map' && done && (
              <line
                className="move-line move-line--second"
                x1={arrow.x1 + 6}
                y1={arrow.y1 + 6}
                x2={arrow.x2 + 6}
                y2={arrow.y2 + 6}
              />
            )}
            {done && (
              <g className="move-label" transform={`translate(${arrow.labelX},${arrow.labelY})`}>
                <circle r={15} />
                <text dy="0.35em" textAnchor="middle" className="move-number">
                  {index + 1}
                </text>
                <text x={20} dy="0.35em" className="move-kind">
                  {t(`iolab.copy.kinds.${step.kind}`)}
                </text>
              </g>
            )}
          </g>
        )
      })}
      {current?.kind === 'cacheHit' && (
        <Badge buffer="pageCache" path={path} text={t('iolab.copy.badges.hit')} />
      )}
      {current?.kind === 'validate' && (
        <Badge buffer="userBuffer" path={path} text={t('iolab.copy.badges.validate')} />
      )}
      {path !== 'produce' && (
        <text
          className="diagram-note"
          x={boxOf('nic').x + boxOf('nic').width / 2}
          y={boxOf('nic').y + boxOf('nic').height + 26}
          textAnchor="middle"
        >
          {t('iolab.copy.toConsumer')}
        </text>
      )}
      {path === 'produce' && (
        <text
          className="diagram-note"
          x={boxOf('nic').x + boxOf('nic').width / 2}
          y={boxOf('nic').y + boxOf('nic').height + 26}
          textAnchor="middle"
        >
          {t('iolab.copy.fromProducer')}
        </text>
      )}
    </svg>
  )
}

function Badge({ buffer, path, text }: { buffer: BufferId; path: CopyPathId; text: string }) {
  // Above the box: below it run the arrows into the next band.
  const box = boxOf(buffer, path)
  const y = box.y - 20
  return (
    <g className="diagram-badge">
      <rect x={box.x - 22} y={y - 18} width={box.width + 44} height={28} rx={14} />
      <text x={box.x + box.width / 2} y={y} dy="-0.1em" textAnchor="middle">
        {text}
      </text>
    </g>
  )
}

function ThreadToken({
  threadIn,
  label,
  call,
  crossing,
}: {
  threadIn: 'user' | 'kernel'
  label: string
  call: string | null
  crossing: CopyStep | null
}) {
  const box = threadBoxOf(threadIn)
  const user = threadBoxOf('user')
  const kernel = threadBoxOf('kernel')
  // Right of centre, clear of the band labels on the left.
  const x = user.x + user.width - 28
  return (
    <g className="thread" data-thread-in={threadIn}>
      {crossing !== null && (
        <line
          className="thread-crossing"
          x1={x}
          x2={x}
          y1={crossing.kind === 'syscall' ? user.y + user.height + 2 : kernel.y - 4}
          y2={crossing.kind === 'syscall' ? kernel.y - 8 : user.y + user.height + 6}
          markerEnd="url(#arrowhead-cpu)"
        />
      )}
      <rect
        className={`thread-box${crossing !== null ? ' is-current' : ''}`}
        x={box.x}
        y={box.y}
        width={box.width}
        height={box.height}
        rx={31}
      />
      <text
        x={box.x + box.width / 2}
        y={box.y + (call === null ? box.height / 2 : 24)}
        dy="0.35em"
        textAnchor="middle"
        className="thread-label"
      >
        {label}
      </text>
      {call !== null && (
        <text
          x={box.x + box.width / 2}
          y={box.y + 46}
          dy="0.35em"
          textAnchor="middle"
          className="thread-call"
        >
          {call}
        </text>
      )}
    </g>
  )
}
