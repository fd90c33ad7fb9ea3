/**
 * Geometry of the copy-path diagram: three bands (user space, kernel, hardware), the thread lane
 * on the left, one box per buffer, and arrows clipped to the boxes' edges. Pure numbers in the
 * SVG's own units, so the diagram is the same at every size.
 */
import type { BufferId, CopyPathId, Space } from '../../engine'

export const DIAGRAM_WIDTH = 760
export const DIAGRAM_HEIGHT = 436

export const BAND_HEIGHT = 140
export const BANDS: Readonly<Record<Space, { y: number }>> = {
  user: { y: 0 },
  kernel: { y: 148 },
  hardware: { y: 296 },
}

export const LANE = { x: 10, width: 140 }
export const THREAD_BOX = { width: 136, height: 62, offsetY: 50 }

export const BOX = { width: 180, height: 62 }
const COLUMNS = [166, 372, 576] as const

const PLACEMENT: Readonly<Record<BufferId, { column: 0 | 1 | 2; space: Space }>> = {
  disk: { column: 0, space: 'hardware' },
  pageCache: { column: 0, space: 'kernel' },
  userBuffer: { column: 1, space: 'user' },
  encryptedBuffer: { column: 2, space: 'user' },
  socketBuffer: { column: 2, space: 'kernel' },
  nic: { column: 2, space: 'hardware' },
}

export interface Rect {
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
}

/**
 * The box of a buffer. With mmap the user-space view sits right above the page cache it maps; on
 * the TLS path the plaintext buffer does too, so the encryption (plaintext → ciphertext) gets a
 * long horizontal arrow of its own.
 */
export function boxOf(buffer: BufferId, path?: CopyPathId): Rect {
  const placement = PLACEMENT[buffer]
  const aboveCache = buffer === 'userBuffer' && (path === 'tls' || path === 'mmapWrite')
  const column = aboveCache ? 0 : placement.column
  const space = placement.space
  return {
    x: COLUMNS[column],
    y: BANDS[space].y + (BAND_HEIGHT - BOX.height) / 2 + 6,
    width: BOX.width,
    height: BOX.height,
  }
}

export function threadBoxOf(space: 'user' | 'kernel'): Rect {
  return {
    x: LANE.x,
    y: BANDS[space].y + THREAD_BOX.offsetY,
    width: THREAD_BOX.width,
    height: THREAD_BOX.height,
  }
}

function centre(rect: Rect): { x: number; y: number } {
  return { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 }
}

/** Where the segment from the rectangle's centre towards (dx, dy) leaves the rectangle. */
function exitPoint(rect: Rect, dx: number, dy: number, gap: number): { x: number; y: number } {
  const c = centre(rect)
  const halfW = rect.width / 2 + gap
  const halfH = rect.height / 2 + gap
  const t = Math.min(
    dx === 0 ? Number.POSITIVE_INFINITY : halfW / Math.abs(dx),
    dy === 0 ? Number.POSITIVE_INFINITY : halfH / Math.abs(dy),
  )
  return { x: c.x + dx * t, y: c.y + dy * t }
}

export interface ArrowGeometry {
  readonly x1: number
  readonly y1: number
  readonly x2: number
  readonly y2: number
  /** Where the step's number goes: the middle, nudged off the line. */
  readonly labelX: number
  readonly labelY: number
}

/** An arrow between two boxes, from edge to edge, with room for the arrowhead. */
export function arrowBetween(from: Rect, to: Rect): ArrowGeometry {
  const a = centre(from)
  const b = centre(to)
  const dx = b.x - a.x
  const dy = b.y - a.y
  const start = exitPoint(from, dx, dy, 4)
  const end = exitPoint(to, -dx, -dy, 8)
  const length = Math.hypot(dx, dy) || 1
  const midX = (start.x + end.x) / 2
  const midY = (start.y + end.y) / 2
  const line = { x1: start.x, y1: start.y, x2: end.x, y2: end.y }
  // The label is a numbered circle with the kind written to its right (up to ~150 units).
  if (Math.abs(dy) < 1) {
    // Horizontal: above the boxes' top edge (below it the gather arrow leaves the page cache),
    // shifted left so the text ends before the next box.
    return { ...line, labelX: midX - 60, labelY: midY - 46 }
  }
  // Vertical: to the right, a little high, clear of a horizontal label in the band below.
  if (Math.abs(dx) < 1) return { ...line, labelX: midX + 24, labelY: midY - 8 }
  // Diagonal: beside the line, on the side towards +x, so the text (written rightwards from the
  // circle) runs away from the line instead of across it.
  const nudge = 26
  const side = dy / length > 0 ? 1 : -1
  return {
    ...line,
    labelX: midX + side * (dy / length) * nudge,
    labelY: midY - side * (dx / length) * nudge,
  }
}
