import type { PageCacheState, PageEvent } from './pageCacheTypes'

/** Hands the events gathered since the last call to the caller (the UI) and forgets them. */
export function takePageEvents(state: PageCacheState): PageEvent[] {
  const events = state.events
  state.events = []
  return events
}
