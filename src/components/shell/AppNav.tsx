/**
 * Links to every page. Plain links with real URLs (open in a new tab, copy, bookmark) that switch
 * pages in place on a normal click, so the engine and its run stay alive.
 */
import type { MouseEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { PAGES, hrefFor, navigate, usePage, type PageId } from './router'

export function AppNav() {
  const { t } = useTranslation()
  const current = usePage()
  const onClick = (page: PageId) => (event: MouseEvent<HTMLAnchorElement>) => {
    // Modified clicks keep the browser's meaning (new tab, new window, download).
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return
    }
    event.preventDefault()
    navigate(page)
  }
  return (
    <nav className="app-nav" aria-label={t('nav.label')}>
      {PAGES.map((page) => (
        <a
          key={page}
          href={hrefFor(page)}
          aria-current={page === current ? 'page' : undefined}
          onClick={onClick(page)}
        >
          {t(`nav.pages.${page}`)}
        </a>
      ))}
    </nav>
  )
}
