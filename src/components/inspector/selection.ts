/**
 * What the learner picked on the canvas: a broker, a replica, a batch (a cell of a replica's
 * strip), a message in flight or a client (producer, consumer, the stand-in `client-1`). UI state only, never engine state: the inspector reads it.
 */
import { createStore } from 'zustand/vanilla'
import { useStore } from 'zustand'

export type Selection =
  | { kind: 'broker'; brokerId: number }
  | { kind: 'replica'; brokerId: number; partitionKey: string }
  | { kind: 'batch'; brokerId: number; partitionKey: string; offset: number }
  | { kind: 'message'; id: number }
  | { kind: 'client'; node: string }

export const selectionStore = createStore<{ selected: Selection | null }>()(() => ({
  selected: null,
}))

export function select(selected: Selection | null): void {
  selectionStore.setState({ selected })
}

export function useSelection(): Selection | null {
  return useStore(selectionStore, (s) => s.selected)
}
