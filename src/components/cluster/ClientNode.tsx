import { memo } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { NodeId } from '../../engine'
import { CLIENT_BOX } from './clientBand'
import { sameClient, type ClientNodeView } from './clientNodes'
import { nodeInteraction, type NodeBoxProps } from './nodeInteraction'
import { ellipsize, textWidth } from './textFit'

/**
 * One client beside the controller: its name and one line (a producer's acks, a consumer's group
 * and the partitions it owns). A crashed or closed client says so in words, with a dashed or
 * dotted border (never colour alone). Focusable: a click or Space inspects it, a right click or
 * Enter opens its menu.
 */
export const ClientNode = memo(
  function ClientNode({
    client,
    at,
    width,
    selected,
    onSelect,
    onMenu,
  }: NodeBoxProps<NodeId> & { client: ClientNodeView }) {
    const { t } = useTranslation()
    const { node, kind, status } = client
    const name = kind === 'client' ? t('nodes.client') : t(`nodes.${kind}`, { n: client.n })
    const detail =
      status !== 'running'
        ? t(`inspector.clients.status.${status}`)
        : kind === 'producer'
          ? client.detail
          : kind === 'consumer'
            ? consumerLine(t, client.groupId, client.detail)
            : ''
    const badge = client.slow ? t('inspector.badges.slow') : null
    const left = at.x - width / 2
    const top = at.y - CLIENT_BOX.height / 2
    const label = [name, detail, badge].filter(Boolean).join(', ')
    return (
      <g
        className={`client client--${kind} client--${status}${selected ? ' is-selected' : ''}`}
        data-node={node}
        data-status={status}
        aria-label={`${label}. ${t('inspector.menu.hint')}`}
        {...nodeInteraction(node, onSelect, onMenu)}
      >
        <rect
          className="client-box"
          x={left}
          y={top}
          width={width}
          height={CLIENT_BOX.height}
          rx={8}
        />
        <text
          className="client-name"
          x={at.x}
          y={detail === '' ? at.y + 6 : top + 19}
          textAnchor="middle"
        >
          {ellipsize(name, width - 12, 16)}
        </text>
        {detail !== '' && (
          <text className="client-detail" x={at.x} y={top + 37} textAnchor="middle">
            {shortest(
              detail,
              kind === 'consumer' && status === 'running' ? client.detail : '',
              width - 10,
            )}
          </text>
        )}
        {badge !== null && (
          <text
            className="client-badge"
            x={at.x}
            y={top + CLIENT_BOX.height + 16}
            textAnchor="middle"
          >
            {badge}
          </text>
        )}
      </g>
    )
  },
  (prev, next) =>
    sameClient(prev.client, next.client) &&
    prev.at === next.at &&
    prev.width === next.width &&
    prev.selected === next.selected &&
    prev.onSelect === next.onSelect &&
    prev.onMenu === next.onMenu,
)

/**
 * The detail as it fits the box: in full, else a consumer's partitions alone (its group is in the
 * box's accessible name and the inspector), else cut with an ellipsis.
 */
function shortest(full: string, partitionsOnly: string, width: number): string {
  if (textWidth(full) <= width || partitionsOnly === '') return ellipsize(full, width)
  return ellipsize(partitionsOnly, width)
}

function consumerLine(t: TFunction, groupId: string | null, partitions: string): string {
  const owned = partitions === '' ? t('inspector.clients.noPartitions') : partitions
  return groupId === null
    ? owned
    : t('inspector.clients.consumerLine', { groupId, partitions: owned })
}
