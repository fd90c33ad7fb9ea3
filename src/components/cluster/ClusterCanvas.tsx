/**
 * The live cluster: the KRaft controller, the clients beside it (producers left, consumers right),
 * the brokers, the links between them, the messages in flight and the partitions' replica logs,
 * all drawn from the engine's latest frame and sized to fit the screen. React owns the SVG; d3 only
 * supplies the layout math. Brokers, replicas, clients and links open a menu of faults (right
 * click, or Enter / ContextMenu / Shift+F10 from the keyboard); a click opens the inspector.
 */
import { memo, useCallback, useMemo, useRef, useState, type MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { ClusterView, NodeId } from '../../engine'
import { useAppServices, useSim } from '../AppServices'
import { formatSeconds } from '../format'
import { select, useSelection, type Selection } from '../inspector/selection'
import { usePresenter } from '../presenter/presenterMode'
import { pausedFetchers, selectEvents, selectNowMs, selectView } from '../store/selectors'
import { BrokerNode } from './BrokerNode'
import { brokerLineBudget } from './brokerText'
import { ClientNode } from './ClientNode'
import { clientMenuItems } from './clientItems'
import { clientNodesOf, STAND_IN_CLIENT } from './clientNodes'
import { FaultMenu, type OpenMenu } from './FaultMenu'
import { menuItems, slowNodes, type MenuItem, type MenuTarget } from './faultItems'
import { MessageLayer } from './MessageLayer'
import {
  CompactPartitionRow,
  PartitionKey,
  PartitionRow,
  keyItems,
  type ReplicaHandlers,
} from './PartitionRows'
import {
  brokerWidthFor,
  CONTROLLER_BOX,
  controllerLink,
  fitZoom,
  layoutCluster,
  layoutPartitions,
  PRESENTER_ZOOM,
} from './layout'
import { textWidth } from './textFit'
import { useElementSize } from './useElementSize'

const LEGEND_KINDS = [
  'brokerRegistration',
  'brokerHeartbeat',
  'brokerHeartbeatResponse',
  'metadataUpdate',
  'produceRequest',
  'fetchRequest',
  'alterPartition',
] as const
/** Client-protocol families, one legend entry each (see MessageLayer). */
const LEGEND_FAMILIES = ['group', 'offsets', 'txn'] as const

export function ClusterCanvas() {
  const view = useSim(selectView)
  if (view === null) return null
  return <ClusterDrawing view={view} />
}

/** A space-separated key back into its parts (memo keys are strings, so frames keep them equal). */
const split = (key: string) => (key === '' ? [] : key.split(' '))

function ClusterDrawing({ view }: { view: ClusterView }) {
  const { t } = useTranslation()
  const { dispatch } = useAppServices()
  const nowMs = useSim(selectNowMs)
  const events = useSim(selectEvents)
  const selection = useSelection()
  const paused = useMemo(() => pausedFetchers(events), [events])
  const slow = useMemo(() => slowNodes(events), [events])
  const stageRef = useRef<HTMLDivElement>(null)
  const screen = useElementSize(stageRef)
  const presenter = usePresenter()
  const keyWidths = useMemo(() => keyItems(t).widths, [t])

  const showStandIn =
    view.partitions.length > 0 ||
    view.messages.some((m) => m.from === STAND_IN_CLIENT || m.to === STAND_IN_CLIENT)
  // Producers and consumers keep their identity between frames while unchanged (structural sharing).
  const { producers, consumerGroups } = view
  const clients = useMemo(
    () => clientNodesOf({ producers, consumerGroups }, showStandIn),
    [producers, consumerGroups, showStandIn],
  )
  // The layout depends on shapes only (which brokers, clients and partitions exist), passed as
  // strings: recomputed when those or the screen change, so unchanged parts keep their identity
  // and skip re-rendering.
  const brokerKey = view.brokers.map((b) => b.brokerId).join(' ')
  const producerKey = clients
    .filter((c) => c.kind !== 'consumer')
    .map((c) => c.node)
    .join(' ')
  const consumerKey = clients
    .filter((c) => c.kind === 'consumer')
    .map((c) => c.node)
    .join(' ')
  const shape = view.partitions.map((p) => `${p.key}:${p.replicaViews.length}`).join(' ')
  const maxReplicas = Math.max(0, ...view.partitions.map((p) => p.replicas.length))
  const isrWidth = useMemo(
    () =>
      textWidth(
        t('partitions.isr', {
          isr: `{${Array.from({ length: maxReplicas }, (_, i) => i + 1).join(', ')}}`,
        }),
      ),
    [t, maxReplicas],
  )
  const { zoom, size, layout, partitionLayout } = useMemo(() => {
    const blocks = split(shape).map((entry) => {
      const at = entry.lastIndexOf(':')
      return { key: entry.slice(0, at), replicas: Number(entry.slice(at + 1)) }
    })
    const brokerIds = split(brokerKey).map(Number)
    const sides = { producers: split(producerKey), consumers: split(consumerKey) }
    const clusterAt = (width: number) =>
      layoutCluster(
        brokerIds,
        width,
        sides,
        brokerLineBudget(t, brokerWidthFor(brokerIds.length, width)),
      )
    const options = { keyWidths, isrWidth }
    // Drawn in viewBox units at `zoom` screen pixels each: 1 on small screens, more on big ones,
    // and at least the presenter's larger type in presenter mode (then it may scroll).
    const fitted = fitZoom(blocks, screen, {
      ...options,
      topFor: (width) => clusterAt(width).partitionsTop,
    })
    const zoom = Math.max(presenter ? PRESENTER_ZOOM : 1, fitted)
    const size = { width: screen.width / zoom, height: screen.height / zoom }
    const layout = clusterAt(size.width)
    return {
      zoom,
      size,
      layout,
      partitionLayout: layoutPartitions(blocks, size, { ...options, top: layout.partitionsTop }),
    }
  }, [shape, brokerKey, producerKey, consumerKey, screen, keyWidths, isrWidth, presenter, t])
  // Only where the menu is; its items follow the frame (so they stay true while it is open), and
  // the callbacks stay stable, so rows do not re-render when events arrive.
  const [menu, setMenu] = useState<{
    target: MenuTarget
    x: number
    y: number
    returnFocus: Element
  } | null>(null)
  const openMenuView: OpenMenu | null = menu === null ? null : { ...menu, ...menuOf(menu.target) }
  function menuOf(target: MenuTarget): { items: MenuItem[]; title: string } {
    if (target.kind === 'client') {
      const client = clients.find((c) => c.node === target.node)
      return {
        items: clientMenuItems(target.node, view),
        title:
          client === undefined || client.kind === 'client'
            ? t('nodes.client')
            : t(`nodes.${client.kind}`, { n: client.n }),
      }
    }
    return {
      items: menuItems(target, view.brokers, {
        fetcherPaused: paused.has(target.brokerId),
        slow: slow.has(`broker-${target.brokerId}`),
      }),
      title:
        target.kind === 'link'
          ? t('inspector.menu.linkTitle', { brokerId: target.brokerId })
          : target.partitionKey === undefined
            ? t('nodes.broker', { brokerId: target.brokerId })
            : `${target.partitionKey} @ ${t('nodes.broker', { brokerId: target.brokerId })}`,
    }
  }

  const openMenu = useCallback(
    (target: MenuTarget, element: Element, at: { x: number; y: number } | null) => {
      // From the keyboard, the menu opens under the focused element.
      const svg = element instanceof SVGElement ? element.ownerSVGElement : null
      const box = svg?.getBoundingClientRect()
      const rect = element.getBoundingClientRect()
      const x = at?.x ?? (box ? rect.left - box.left + rect.width / 2 : 0)
      const y = at?.y ?? (box ? rect.bottom - box.top : 0)
      setMenu({ target, x, y, returnFocus: element })
    },
    [],
  )
  const closeMenu = useCallback(() => {
    setMenu((open) => {
      if (open?.returnFocus instanceof SVGElement || open?.returnFocus instanceof HTMLElement)
        open.returnFocus.focus()
      return null
    })
  }, [])
  const choose = (item: MenuItem) => {
    const target = menu?.target
    closeMenu()
    if (target === undefined) return
    if (item.command !== undefined) dispatch(item.command)
    if (item.inspect) select(selectionOf(target))
  }
  const onBrokerMenu = useCallback(
    (brokerId: number, element: Element, at: { x: number; y: number } | null) =>
      openMenu({ kind: 'broker', brokerId }, element, at),
    [openMenu],
  )
  const onBrokerSelect = useCallback((brokerId: number) => select({ kind: 'broker', brokerId }), [])
  const onClientMenu = useCallback(
    (node: NodeId, element: Element, at: { x: number; y: number } | null) =>
      openMenu({ kind: 'client', node }, element, at),
    [openMenu],
  )
  const onClientSelect = useCallback((node: NodeId) => select({ kind: 'client', node }), [])
  const replicaHandlers = useMemo<ReplicaHandlers>(
    () => ({
      onSelect: (s: Selection) => select(s),
      onMenu: (brokerId, partitionKey, element, at) =>
        openMenu({ kind: 'broker', brokerId, partitionKey }, element, at),
    }),
    [openMenu],
  )

  const online = view.brokers.filter((b) => b.status === 'online').length
  const description = t('cluster.description', {
    online,
    total: view.brokers.length,
    time: t('timeline.seconds', { value: formatSeconds(nowMs) }),
  })
  const width = size.width
  const height = partitionLayout.height
  const Row = partitionLayout.compact ? CompactPartitionRow : PartitionRow
  return (
    <section className="cluster" aria-label={t('cluster.label')} data-testid="cluster">
      <p className="visually-hidden" id="cluster-description">
        {description}
      </p>
      <div className="cluster-stage" ref={stageRef}>
        <svg
          className="cluster-svg"
          width={screen.width}
          height={height * zoom}
          viewBox={`0 0 ${width} ${height}`}
          role="group"
          aria-describedby="cluster-description"
        >
          <defs>
            <pattern
              id="hatch-out-of-isr"
              width={8}
              height={8}
              patternUnits="userSpaceOnUse"
              patternTransform="rotate(45)"
            >
              <rect width={8} height={8} fill="#fff7e6" />
              <line x1={0} y1={0} x2={0} y2={8} stroke="#e69f00" strokeWidth={3} />
            </pattern>
          </defs>
          {view.brokers.map((broker) => {
            const link = controllerLink(layout, broker.brokerId)
            if (link === null) return null
            const [from, to] = link
            const onLinkMenu = (event: MouseEvent<SVGGElement>) => {
              event.preventDefault()
              const box = event.currentTarget.ownerSVGElement!.getBoundingClientRect()
              openMenu({ kind: 'link', brokerId: broker.brokerId }, event.currentTarget, {
                x: event.clientX - box.left,
                y: event.clientY - box.top,
              })
            }
            return (
              <g
                key={broker.brokerId}
                className="link-group"
                data-link={`controller-broker-${broker.brokerId}`}
                onContextMenu={onLinkMenu}
                onClick={onLinkMenu}
              >
                <line className="link-hit" x1={from.x} y1={from.y} x2={to.x} y2={to.y} />
                <line
                  className={`link${broker.isolated ? ' link--cut' : ''}`}
                  x1={from.x}
                  y1={from.y}
                  x2={to.x}
                  y2={to.y}
                />
              </g>
            )
          })}
          <g className="controller" data-node="controller">
            <rect
              className="controller-box"
              x={layout.controller.x - layout.controllerWidth / 2}
              y={layout.controller.y - CONTROLLER_BOX.height / 2}
              width={layout.controllerWidth}
              height={CONTROLLER_BOX.height}
              rx={10}
            />
            <text
              className="controller-name"
              x={layout.controller.x}
              y={layout.controller.y - 3}
              textAnchor="middle"
            >
              {t('nodes.controller')}
            </text>
            <text
              className="controller-role"
              x={layout.controller.x}
              y={layout.controller.y + 16}
              textAnchor="middle"
            >
              {t('cluster.controllerRole')}
            </text>
          </g>
          {clients.map((client) => {
            const at = layout.clientsById.get(client.node)
            return at === undefined ? null : (
              <ClientNode
                key={client.node}
                client={client}
                at={at}
                width={layout.clientWidth}
                selected={selection?.kind === 'client' && selection.node === client.node}
                onSelect={onClientSelect}
                onMenu={onClientMenu}
              />
            )
          })}
          {view.partitions.length > 0 && <PartitionKey width={width} top={layout.partitionsTop} />}
          {view.partitions.map((partition, i) => (
            <Row
              key={partition.key}
              partition={partition}
              block={partitionLayout.blocks[i]!}
              selection={selection}
              handlers={replicaHandlers}
              stacked={partitionLayout.stacked}
            />
          ))}
          {view.brokers.map((broker) => (
            <BrokerNode
              key={broker.brokerId}
              broker={broker}
              at={layout.brokersById.get(broker.brokerId)!}
              width={layout.brokerWidth}
              height={layout.brokerHeight}
              fetcherPaused={paused.has(broker.brokerId)}
              slow={slow.has(broker.nodeId)}
              selected={selection?.kind === 'broker' && selection.brokerId === broker.brokerId}
              onSelect={onBrokerSelect}
              onMenu={onBrokerMenu}
            />
          ))}
          <MessageLayer
            messages={view.messages}
            layout={layout}
            nowMs={nowMs}
            selectedId={selection?.kind === 'message' ? selection.id : null}
          />
        </svg>
        {openMenuView !== null && (
          <FaultMenu
            menu={openMenuView}
            bounds={{ width: screen.width, height: height * zoom }}
            onChoose={choose}
            onClose={closeMenu}
          />
        )}
      </div>
      <Legend />
    </section>
  )
}

/** What "inspect" in a target's menu opens. */
function selectionOf(target: MenuTarget): Selection {
  if (target.kind === 'client') return { kind: 'client', node: target.node }
  return target.kind === 'broker' && target.partitionKey !== undefined
    ? { kind: 'replica', brokerId: target.brokerId, partitionKey: target.partitionKey }
    : { kind: 'broker', brokerId: target.brokerId }
}

/** Which message is which: drawn once, not on every frame. */
const Legend = memo(function Legend() {
  const { t } = useTranslation()
  return (
    <details className="cluster-legend">
      <summary>{t('cluster.legend')}</summary>
      <ul>
        {LEGEND_KINDS.map((kind) => (
          <li key={kind}>
            <svg width={18} height={18} aria-hidden="true">
              <circle className={`message message--${kind}`} cx={9} cy={9} r={7} />
            </svg>
            {t(`messageKinds.${kind}`)}
          </li>
        ))}
        {LEGEND_FAMILIES.map((family) => (
          <li key={family}>
            <svg width={18} height={18} aria-hidden="true">
              <circle className={`message message--family-${family}`} cx={9} cy={9} r={7} />
            </svg>
            {t(`inspector.legend.${family}`)}
          </li>
        ))}
        <li>
          <svg width={18} height={18} aria-hidden="true">
            <circle className="message message--legend-hollow" cx={9} cy={9} r={6} />
          </svg>
          {t('cluster.legendResponse')}
        </li>
      </ul>
    </details>
  )
})
