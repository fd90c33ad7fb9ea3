/**
 * The clients' places beside the controller: producers (and the engine's stand-in `client-1`) on
 * the left, consumers on the right (grouped by their group), each side in as many rows as its
 * boxes need. Pure math: the drawing, the message paths and the tests use the same numbers.
 */
import type { NodeId } from '../../engine'
import type { Point } from './layout'

/** A client box: name on top, one detail line under it. */
export const CLIENT_BOX = { height: 44, minWidth: 104, maxWidth: 168, gap: 8 }
/** Space kept free between the controller and the clients beside it. */
const CONTROLLER_MARGIN = 12
const SIDE = 8

export interface ClientNodes {
  /** Left of the controller, in this order. */
  producers: readonly NodeId[]
  /** Right of the controller, in this order. */
  consumers: readonly NodeId[]
}

export const NO_CLIENTS: ClientNodes = { producers: [], consumers: [] }

export interface ClientBand {
  clientsById: Map<NodeId, Point>
  clientWidth: number
  /** Bottom of the lowest client row (`top` when there are no clients). */
  bottom: number
}

export function layoutClientBand(
  clients: ClientNodes,
  width: number,
  top: number,
  controllerWidth: number,
): ClientBand {
  const clientsById = new Map<NodeId, Point>()
  const most = Math.max(clients.producers.length, clients.consumers.length)
  if (most === 0) return { clientsById, clientWidth: 0, bottom: top }
  const { gap } = CLIENT_BOX
  // Each side: from the canvas edge to the controller.
  const region = Math.max(
    CLIENT_BOX.minWidth,
    width / 2 - controllerWidth / 2 - CONTROLLER_MARGIN - SIDE,
  )
  const perRow = Math.max(1, Math.floor((region + gap) / (CLIENT_BOX.minWidth + gap)))
  const inRow = Math.min(most, perRow)
  const clientWidth = Math.min(CLIENT_BOX.maxWidth, (region - (inRow - 1) * gap) / inRow)
  const step = clientWidth + gap
  const rowY = (row: number) => top + row * (CLIENT_BOX.height + gap) + CLIENT_BOX.height / 2
  clients.producers.forEach((node, i) => {
    const column = i % perRow
    clientsById.set(node, {
      x: SIDE + clientWidth / 2 + column * step,
      y: rowY(Math.floor(i / perRow)),
    })
  })
  // Consumers keep their reading order, each row pushed against the right edge.
  clients.consumers.forEach((node, i) => {
    const row = Math.floor(i / perRow)
    const inThisRow = Math.min(perRow, clients.consumers.length - row * perRow)
    const left = width - SIDE - inThisRow * step + gap
    clientsById.set(node, { x: left + clientWidth / 2 + (i % perRow) * step, y: rowY(row) })
  })
  const rows = Math.ceil(most / perRow)
  return { clientsById, clientWidth, bottom: top + rows * CLIENT_BOX.height + (rows - 1) * gap }
}
