/**
 * Presenter mode (large type, high contrast, for a projector) and the keyboard shortcuts
 * overlay: two bits of page state outside React, so the global keyboard handler and the header's
 * buttons share them. Presenter mode is an attribute on <html> (styled by presenter.css) and the
 * `present=1` address parameter, so a link opens a lesson straight in presenter mode.
 */
import { useSyncExternalStore } from 'react'
import './presenter.css'

const listeners = new Set<() => void>()
let shortcutsOpen = false

const notify = () => listeners.forEach((l) => l())

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

export function isPresenter(): boolean {
  return document.documentElement.dataset.presenter === 'on'
}

export function setPresenter(on: boolean): void {
  if (on) document.documentElement.dataset.presenter = 'on'
  else delete document.documentElement.dataset.presenter
  const url = new URL(window.location.href)
  if (on) url.searchParams.set('present', '1')
  else url.searchParams.delete('present')
  window.history.replaceState(window.history.state, '', url)
  notify()
}

export function togglePresenter(): void {
  setPresenter(!isPresenter())
}

export function usePresenter(): boolean {
  return useSyncExternalStore(subscribe, isPresenter, () => false)
}

export function setShortcutsOpen(open: boolean): void {
  shortcutsOpen = open
  notify()
}

export function toggleShortcuts(): void {
  setShortcutsOpen(!shortcutsOpen)
}

export function useShortcutsOpen(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => shortcutsOpen,
    () => false,
  )
}
