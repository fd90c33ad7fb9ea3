/**
 * Goal: the copy-path diagram is legible for every path: no two buffer boxes overlap, every box
 * and every step label stays inside the drawing, arrows run from edge to edge rather than
 * starting or ending inside a box, and no step label covers another label, a box or an arrow.
 * Method: lay out every path (data on disk and cached) and check the geometry numerically; a
 * label is its circle plus the widest text of its kind in either language.
 */
import { expect, test } from 'vitest'
import { BUFFER_IDS, COPY_PATH_IDS, copyPathSteps, type StepKind } from '../../engine'
import {
  DIAGRAM_HEIGHT,
  DIAGRAM_WIDTH,
  arrowBetween,
  boxOf,
  type ArrowGeometry,
  type Rect,
} from './copyPathLayout'

/** Text right of the circle, at 17px bold: "DMA", "CPU encrypts", "descriptor only", … */
const TEXT_WIDTH: Partial<Record<StepKind, number>> = {
  dma: 45,
  cpu: 45,
  encrypt: 115,
  descriptor: 135,
  map: 140,
}

function labelRect(arrow: ArrowGeometry, kind: StepKind): Rect {
  const width = 15 + 20 + (TEXT_WIDTH[kind] ?? 150)
  return { x: arrow.labelX - 15, y: arrow.labelY - 15, width, height: 30 }
}

function crosses(arrow: ArrowGeometry, rect: Rect): boolean {
  // Samples along the segment: enough at these sizes (labels are 30 units tall).
  for (let i = 0; i <= 40; i += 1) {
    const x = arrow.x1 + ((arrow.x2 - arrow.x1) * i) / 40
    const y = arrow.y1 + ((arrow.y2 - arrow.y1) * i) / 40
    if (x > rect.x && x < rect.x + rect.width && y > rect.y && y < rect.y + rect.height) return true
  }
  return false
}

const inside = (x: number, y: number, r: Rect) =>
  x > r.x && x < r.x + r.width && y > r.y && y < r.y + r.height
const overlap = (a: Rect, b: Rect) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height

test.each(COPY_PATH_IDS)('%s: boxes apart, labels and arrows in the clear', (path) => {
  const boxes = BUFFER_IDS.map((id) => boxOf(id, path))
  boxes.forEach((a, i) => {
    expect(a.x).toBeGreaterThanOrEqual(0)
    expect(a.x + a.width).toBeLessThanOrEqual(DIAGRAM_WIDTH)
    expect(a.y + a.height).toBeLessThanOrEqual(DIAGRAM_HEIGHT)
    boxes.slice(i + 1).forEach((b) => expect(overlap(a, b)).toBe(false))
  })
  for (const cached of [false, true]) {
    for (const step of copyPathSteps(path, { cached })) {
      if (step.from === null || step.to === null) continue
      const arrow = arrowBetween(boxOf(step.from, path), boxOf(step.to, path))
      // The label: a circle of radius 15 and the kind to its right: "DMA", "CPU" (~60 units
      // with the gap) or a few words such as "descriptor only" (~170 units).
      const textWidth = step.kind === 'dma' || step.kind === 'cpu' ? 60 : 170
      expect(arrow.labelX - 15).toBeGreaterThan(0)
      expect(arrow.labelX + textWidth).toBeLessThan(DIAGRAM_WIDTH)
      expect(arrow.labelY - 15).toBeGreaterThan(0)
      expect(arrow.labelY + 15).toBeLessThan(DIAGRAM_HEIGHT)
      for (const box of boxes) {
        expect(inside(arrow.x1, arrow.y1, box)).toBe(false)
        expect(inside(arrow.x2, arrow.y2, box)).toBe(false)
        expect(inside(arrow.labelX, arrow.labelY, box)).toBe(false)
      }
    }
    const moves = copyPathSteps(path, { cached }).flatMap((step) =>
      step.from === null || step.to === null
        ? []
        : [{ step, arrow: arrowBetween(boxOf(step.from, path), boxOf(step.to, path)) }],
    )
    moves.forEach(({ step, arrow }, i) => {
      const label = labelRect(arrow, step.kind)
      for (const box of BUFFER_IDS.map((id) => boxOf(id, path))) {
        expect(overlap(label, box), `${step.id} label over a box`).toBe(false)
      }
      moves.forEach((other, j) => {
        if (i === j) return
        expect(
          overlap(label, labelRect(other.arrow, other.step.kind)),
          `${step.id}/${other.step.id}`,
        ).toBe(false)
        expect(crosses(other.arrow, label), `${step.id} label on ${other.step.id}'s arrow`).toBe(
          false,
        )
      })
    })
  }
})
