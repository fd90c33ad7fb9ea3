/**
 * A tiny client-side router over the `page` query parameter: switching pages keeps the engine and
 * its run alive (no reload), and every page has a URL that can be shared or bookmarked.
 */
import { useSyncExternalStore } from 'react'

export const PAGES = ['cluster', 'lessons', 'drill', 'io-lab'] as const
export type PageId = (typeof PAGES)[number]

const listeners = new Set<() => void>()

export function currentPage(search = window.location.search): PageId {
  const page = new URLSearchParams(search).get('page')
  return (PAGES as readonly string[]).includes(page ?? '') ? (page as PageId) : 'cluster'
}

/** Keeps the other query parameters (seed, lang, e2e, ...) and replaces only `page`. */
export function hrefFor(page: PageId, search = window.location.search): string {
  const params = new URLSearchParams(search)
  if (page === 'cluster') params.delete('page')
  else params.set('page', page)
  const query = params.toString()
  return query ? `?${query}` : window.location.pathname
}

export function navigate(page: PageId): void {
  window.history.pushState(null, '', hrefFor(page))
  listeners.forEach((l) => l())
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  window.addEventListener('popstate', listener)
  return () => {
    listeners.delete(listener)
    window.removeEventListener('popstate', listener)
  }
}

/** The current page; re-renders on navigation and on the browser's back/forward. */
export function usePage(): PageId {
  return useSyncExternalStore(subscribe, () => currentPage())
}
