/**
 * What the classroom controls need from the app, provided by app/ through context: the link for
 * the current view, replay files out and in. Plus a small store for what the address bar's shared
 * run came to (refused links are explained, never a blank page). Components never reach the
 * engine directly; app/share implements these over the engine protocol.
 */
import { createContext, useContext } from 'react'
import { useStore } from 'zustand'
import { createStore } from 'zustand/vanilla'
import type { ReplayFile } from '../../engine'

export type ReplayImportResult =
  { ok: true; warning: string | null } | { ok: false; reason: string }

export interface ClassroomServices {
  /** The link that reopens what the page shows now (same run, same simulated moment). */
  shareUrl(): Promise<string>
  /** The run as a replay file (seed, scenario, command log, end). */
  exportReplay(): Promise<ReplayFile>
  /** Replaces the sandbox run with a replay file's; a refused file changes nothing. */
  importReplay(text: string): Promise<ReplayImportResult>
}

export const ClassroomContext = createContext<ClassroomServices | null>(null)

export function useClassroom(): ClassroomServices | null {
  return useContext(ClassroomContext)
}

/**
 * Why a shared link's run was not opened: the address was malformed (`notBase64`, ...), or the
 * engine refused the run it describes (`refused`, with the engine's reason in `detail`).
 */
export interface LinkProblem {
  problem: 'tooLong' | 'notBase64' | 'notCompressed' | 'notJson' | 'schema' | 'order' | 'refused'
  detail: string
}

export const linkStatus = createStore<{ problem: LinkProblem | null }>()(() => ({
  problem: null,
}))

export function useLinkProblem(): LinkProblem | null {
  return useStore(linkStatus, (s) => s.problem)
}
