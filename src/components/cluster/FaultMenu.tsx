/**
 * The canvas's context menu (WAI-ARIA menu pattern): opened by a right click, Enter, the
 * ContextMenu key or Shift+F10 on a broker, a replica or a link; arrows move, Home/End jump,
 * Escape or Tab closes and gives focus back to what opened it.
 */
import { useEffect, useRef, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { MenuItem } from './faultItems'

export interface OpenMenu {
  items: MenuItem[]
  x: number
  y: number
  title: string
  /** Gets focus back when the menu closes. */
  returnFocus: Element | null
}

export function FaultMenu({
  menu,
  bounds,
  onChoose,
  onClose,
}: {
  menu: OpenMenu
  bounds: { width: number; height: number }
  onChoose: (item: MenuItem) => void
  onClose: () => void
}) {
  const { t } = useTranslation()
  const ref = useRef<HTMLDivElement>(null)
  // Focus the first item when the menu opens (not when a frame refreshes its items).
  const { returnFocus, x, y } = menu
  useEffect(() => {
    ref.current?.querySelector<HTMLButtonElement>('[role="menuitem"]')?.focus()
  }, [returnFocus, x, y])
  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onClose()
    }
    window.addEventListener('pointerdown', onPointerDown)
    return () => window.removeEventListener('pointerdown', onPointerDown)
  }, [onClose])
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = [...(ref.current?.querySelectorAll<HTMLButtonElement>('[role="menuitem"]') ?? [])]
    const at = items.indexOf(document.activeElement as HTMLButtonElement)
    const move = (to: number) => items[(to + items.length) % items.length]?.focus()
    if (event.key === 'ArrowDown') move(at + 1)
    else if (event.key === 'ArrowUp') move(at - 1)
    else if (event.key === 'Home') move(0)
    else if (event.key === 'End') move(items.length - 1)
    else if (event.key === 'Escape' || event.key === 'Tab') onClose()
    else return
    event.preventDefault()
    event.stopPropagation()
  }
  // Keep the menu inside the canvas: about 34 px per item, 280 px wide.
  const height = 40 + menu.items.length * 34
  const left = Math.max(4, Math.min(menu.x, bounds.width - 284))
  const top = Math.max(4, Math.min(menu.y, bounds.height - height - 4))
  return (
    <div
      ref={ref}
      className="fault-menu"
      role="menu"
      aria-label={menu.title}
      style={{ left, top }}
      onKeyDown={onKeyDown}
      data-testid="fault-menu"
    >
      <p className="fault-menu-title" aria-hidden="true">
        {menu.title}
      </p>
      {menu.items.map((item) => (
        <button
          key={item.id}
          type="button"
          role="menuitem"
          tabIndex={-1}
          data-item={item.id}
          onClick={() => onChoose(item)}
        >
          {t(`inspector.menu.${item.label}`, item.values ?? {})}
        </button>
      ))}
    </div>
  )
}
