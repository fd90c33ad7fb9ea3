/**
 * Structural sharing for frames: every worker message is a fresh structured clone, so without this
 * every entity would get a new identity on every frame and every component would re-render.
 * Returns `next`, except that any part deep-equal to the same part of `prev` is `prev`'s object.
 */
export function shareUnchanged<T>(prev: T, next: T): T {
  if (Object.is(prev, next)) return prev
  if (typeof prev !== 'object' || typeof next !== 'object' || prev === null || next === null)
    return next
  if (Array.isArray(prev) !== Array.isArray(next)) return next
  if (Array.isArray(prev) && Array.isArray(next)) {
    let same = prev.length === next.length
    const out = next.map((item, i) => {
      const shared = i < prev.length ? shareUnchanged(prev[i], item) : item
      if (shared !== prev[i]) same = false
      return shared
    })
    return (same ? prev : out) as T
  }
  const prevRecord = prev as Record<string, unknown>
  const nextRecord = next as Record<string, unknown>
  const prevKeys = Object.keys(prevRecord)
  const nextKeys = Object.keys(nextRecord)
  let same = prevKeys.length === nextKeys.length
  const out: Record<string, unknown> = {}
  for (const key of nextKeys) {
    const shared = shareUnchanged(prevRecord[key], nextRecord[key])
    out[key] = shared
    if (shared !== prevRecord[key] || !(key in prevRecord)) same = false
  }
  return (same ? prev : out) as T
}
