/**
 * Which drill cards a learner has seen proved (opened a "prove it" of), kept in this browser like
 * lesson progress. What is read back is untrusted: validated, unknown ids dropped, and a storage
 * that throws (private mode, quota) simply remembers nothing.
 */
import { z } from 'zod'
import type { KeyValueStorage } from '../../lessons/progress'
import { DRILL_CARDS } from './drillCards'

export const DRILL_PROGRESS_KEY = 'kafkascope.drill.proved.v1'

const storedSchema = z.array(z.string().max(100)).max(200)

export function loadProvedCards(storage: KeyValueStorage | null): Set<string> {
  try {
    const text = storage?.getItem(DRILL_PROGRESS_KEY)
    if (text === null || text === undefined) return new Set()
    const parsed = storedSchema.safeParse(JSON.parse(text))
    const known = new Set(DRILL_CARDS.map((c) => c.id))
    return new Set(parsed.success ? parsed.data.filter((id) => known.has(id)) : [])
  } catch {
    return new Set()
  }
}

export function markCardProved(storage: KeyValueStorage | null, cardId: string): void {
  try {
    const proved = loadProvedCards(storage)
    proved.add(cardId)
    storage?.setItem(DRILL_PROGRESS_KEY, JSON.stringify([...proved]))
  } catch {
    // Progress is a convenience: carry on without it.
  }
}

/** The browser's localStorage, or null where reading it throws. */
export function browserStorage(): KeyValueStorage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage
  } catch {
    return null
  }
}
