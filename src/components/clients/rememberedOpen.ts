/**
 * Whether a collapsible section of the Client tab is open, remembered in this browser (a
 * classroom keeps its layout across reloads). Where storage is blocked the default is used.
 */
import { useCallback, useState } from 'react'

const KEY_PREFIX = 'kafkascope.section.'

function read(id: string): boolean | null {
  try {
    const stored = window.localStorage.getItem(KEY_PREFIX + id)
    return stored === null ? null : stored === 'open'
  } catch {
    return null
  }
}

function write(id: string, open: boolean): void {
  try {
    window.localStorage.setItem(KEY_PREFIX + id, open ? 'open' : 'closed')
  } catch {
    // Storage blocked: the section still opens and closes, it is just not remembered.
  }
}

/** `[open, toggle]` for the section `id`, `openByDefault` until the learner chooses. */
export function useRememberedOpen(id: string, openByDefault: boolean): [boolean, () => void] {
  const [chosen, setChosen] = useState<boolean | null>(() => read(id))
  const open = chosen ?? openByDefault
  const toggle = useCallback(() => {
    write(id, !open)
    setChosen(!open)
  }, [id, open])
  return [open, toggle]
}
