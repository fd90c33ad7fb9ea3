/**
 * "Play" for the IO lab's step-by-step views: while `playing`, calls `step()` every `intervalMs`
 * of wall-clock time. It only advances the step counter; what is drawn is a pure function of the
 * step, so pausing always shows an exact, repeatable frame.
 */
import { useEffect, useRef } from 'react'

export function useAutoStep(playing: boolean, step: () => void, intervalMs: number): void {
  const latest = useRef(step)
  useEffect(() => {
    latest.current = step
  }, [step])
  useEffect(() => {
    if (!playing) return undefined
    const timer = window.setInterval(() => latest.current(), intervalMs)
    return () => window.clearInterval(timer)
  }, [playing, intervalMs])
}
