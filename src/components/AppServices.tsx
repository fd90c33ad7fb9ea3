/**
 * What components need from the app, provided by app/ through context: the engine mirror, a way
 * to send cluster commands, and the playback actor. Components never reach the engine directly.
 */
import { createContext, useContext } from 'react'
import { useStore } from 'zustand'
import type { ActorRefFrom } from 'xstate'
import type { ClusterCommand } from '../engine'
import type { playbackMachine } from '../lessons/playbackMachine'
import type { SimState, SimStore } from './store/simStore'

export interface AppServices {
  simStore: SimStore
  dispatch: (command: ClusterCommand) => void
  playback: ActorRefFrom<typeof playbackMachine>
}

export const AppServicesContext = createContext<AppServices | null>(null)

export function useAppServices(): AppServices {
  const services = useContext(AppServicesContext)
  if (services === null) throw new Error('useAppServices needs an <AppServicesContext.Provider>')
  return services
}

/**
 * Subscribes to the engine mirror. Re-renders when the selected value changes by identity;
 * frames keep unchanged entities' identity, so selecting one broker re-renders only for it.
 */
export function useSim<T>(selector: (state: SimState) => T): T {
  return useStore(useAppServices().simStore, selector)
}
