import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import type { MessageView } from '../../engine'
import { select } from '../inspector/selection'
import { messagePath, messagePosition, type ClusterLayout } from './layout'

/** Client-protocol families get their own colour (see styles.css); the rest keep their kind's. */
const FAMILIES: [RegExp, string][] = [
  [/^(findCoordinator|joinGroup|syncGroup|heartbeat|leaveGroup)/, 'group'],
  [/^(offsetCommit|offsetFetch|listOffsets)/, 'offsets'],
  [/^(initProducerId|findTxnCoordinator|addPartitionsToTxn|endTxn|writeTxnMarkers)/, 'txn'],
  [/^metadata(Request|Response)$/, 'metadata'],
]

/** Responses are drawn hollow, a ring in the request's colour: shape, not colour alone. */
function isHollow(kind: string): boolean {
  return (
    kind === 'produceResponse' ||
    kind === 'fetchResponse' ||
    kind === 'alterPartitionResponse' ||
    (kind.endsWith('Response') && FAMILIES.some(([pattern]) => pattern.test(kind)))
  )
}

/** Class names per kind, worked out once (a frame may hold hundreds of messages). */
const classNames = new Map<string, string>()
function classNameOf(kind: string): string {
  let name = classNames.get(kind)
  if (name === undefined) {
    const family = FAMILIES.find(([pattern]) => pattern.test(kind))?.[1]
    name = `message message--${kind}${family ? ` message--family-${family}` : ''}${isHollow(kind) ? ' message--hollow' : ''}`
    classNames.set(kind, name)
  }
  return name
}

/** Accessible names per kind and route, kept while the language stays. */
function labelCache(t: TFunction): (m: MessageView) => string {
  const labels = new Map<string, string>()
  return (m) => {
    const key = `${m.kind} ${m.from} ${m.to}`
    let label = labels.get(key)
    if (label === undefined) {
      label = t('inspector.messages.label', {
        kind: t(`messageKinds.${m.kind}`),
        from: m.from,
        to: m.to,
      })
      labels.set(key, label)
    }
    return label
  }
}

/**
 * The messages in flight, each placed by simulated time (no CSS transition), so a paused frame is
 * exact and scrubbing works. One tab stop for all of them (roving tabindex): arrows move between
 * messages, Enter or Space opens one in the inspector; a click does the same.
 */
export function MessageLayer({
  messages,
  layout,
  nowMs,
  selectedId,
}: {
  messages: readonly MessageView[]
  layout: ClusterLayout
  nowMs: number
  selectedId: number | null
}) {
  const { t } = useTranslation()
  const groupRef = useRef<SVGGElement>(null)
  /** The message that had focus: when it is delivered (gone from the page), the tab stop takes it. */
  const focusedRef = useRef<Element | null>(null)
  const [activeId, setActiveId] = useState<number | null>(null)
  const labelOf = useMemo(() => labelCache(t), [t])
  const drawn: { message: MessageView; x: number; y: number }[] = []
  for (const message of messages) {
    const path = messagePath(layout, message.from, message.to)
    if (path === null) continue
    const at = messagePosition(path.from, path.to, message.sentAtMs, message.deliverAtMs, nowMs)
    drawn.push({ message, x: at.x, y: at.y })
  }
  const tabStop = drawn.some((d) => d.message.id === activeId)
    ? activeId
    : (drawn[0]?.message.id ?? null)
  useEffect(() => {
    const lost = focusedRef.current
    if (lost === null || lost.isConnected || document.activeElement !== document.body) return
    focusedRef.current = null
    groupRef.current?.querySelector<SVGElement>('[tabindex="0"]')?.focus()
  })
  const count = drawn.length
  const groupLabel = useMemo(() => t('inspector.messages.group', { count }), [t, count])
  const onKeyDown = (event: KeyboardEvent<SVGGElement>) => {
    const at = drawn.findIndex((d) => d.message.id === tabStop)
    const to =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? at + 1
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? at - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? drawn.length - 1
              : null
    if (event.key === 'Enter' || event.key === ' ') {
      if (tabStop !== null) select({ kind: 'message', id: tabStop })
    } else if (to !== null && drawn.length > 0) {
      const id = drawn[Math.min(drawn.length - 1, Math.max(0, to))]!.message.id
      setActiveId(id)
      groupRef.current?.querySelector<SVGElement>(`[data-message-id="${id}"]`)?.focus()
    } else return
    event.preventDefault()
    event.stopPropagation()
  }
  return (
    <g
      ref={groupRef}
      onFocus={(event) => (focusedRef.current = event.target)}
      onBlur={(event) => {
        // Focus moved on (a Tab, a click elsewhere), not lost with a delivered message.
        if (event.relatedTarget !== null || event.target.isConnected) focusedRef.current = null
      }}
      className="messages"
      role="group"
      aria-label={groupLabel}
      onKeyDown={onKeyDown}
    >
      {drawn.map(({ message, x, y }) => {
        const label = labelOf(message)
        return (
          <circle
            key={message.id}
            className={
              classNameOf(message.kind) + (message.id === selectedId ? ' is-selected' : '')
            }
            cx={x}
            cy={y}
            r={8}
            role="button"
            tabIndex={message.id === tabStop ? 0 : -1}
            aria-label={label}
            data-message-kind={message.kind}
            data-message-id={message.id}
            onClick={() => select({ kind: 'message', id: message.id })}
            onFocus={() => setActiveId(message.id)}
          >
            <title>{label}</title>
          </circle>
        )
      })}
    </g>
  )
}
