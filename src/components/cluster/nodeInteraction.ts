/**
 * How a node on the canvas (a broker, a client) answers the pointer and the keyboard: a click or
 * Space selects it for the inspector; a right click, Enter, the ContextMenu key or Shift+F10 opens
 * its menu (under the pointer, or under the node from the keyboard).
 */
import type { KeyboardEvent, MouseEvent } from 'react'
import type { Point } from './layout'

/** Keys that open the context menu on a focused node (Enter, the menu key, Shift+F10). */
export function opensMenu(event: KeyboardEvent): boolean {
  return (
    event.key === 'Enter' || event.key === 'ContextMenu' || (event.shiftKey && event.key === 'F10')
  )
}

export type OnNodeMenu<Id> = (id: Id, element: Element, at: { x: number; y: number } | null) => void

/** What every node box on the canvas is given: where, how wide, selected, and its handlers. */
export interface NodeBoxProps<Id> {
  at: Point
  width: number
  selected: boolean
  onSelect: (id: Id) => void
  onMenu: OnNodeMenu<Id>
}

/** The props that make an SVG group a focusable button with a menu. */
export function nodeInteraction<Id>(id: Id, onSelect: (id: Id) => void, onMenu: OnNodeMenu<Id>) {
  return {
    role: 'button',
    tabIndex: 0,
    'aria-haspopup': 'menu' as const,
    onClick: () => onSelect(id),
    onContextMenu: (event: MouseEvent<SVGGElement>) => {
      event.preventDefault()
      const box = event.currentTarget.ownerSVGElement!.getBoundingClientRect()
      onMenu(id, event.currentTarget, {
        x: event.clientX - box.left,
        y: event.clientY - box.top,
      })
    },
    onKeyDown: (event: KeyboardEvent<SVGGElement>) => {
      if (event.key === ' ') onSelect(id)
      else if (opensMenu(event)) onMenu(id, event.currentTarget, null)
      else return
      event.preventDefault()
      event.stopPropagation()
    },
  }
}
