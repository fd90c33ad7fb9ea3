import { assert } from '../../core/assert'

/**
 * Paths are '/'-separated and relative to the simulation root (segmentStore.ts). Checking them
 * here turns an engine bug (`broker-1//x`, `../x`) into an assertion instead of a stray file.
 */
export function assertStorePath(path: string): void {
  assert(path.length > 0, 'empty store path')
  for (const part of path.split('/')) {
    assert(part !== '' && part !== '.' && part !== '..', `bad store path "${path}"`)
  }
}

/**
 * Names of the files directly inside `dir` among `paths` (not deeper ones, and no implied
 * subdirectories), sorted: the same answer as `MemorySegmentStore.list`. `''` is the root.
 */
export function listChildren(paths: Iterable<string>, dir: string): string[] {
  const prefix = dir === '' || dir.endsWith('/') ? dir : `${dir}/`
  const names: string[] = []
  for (const path of paths) {
    if (!path.startsWith(prefix)) continue
    const name = path.slice(prefix.length)
    if (name.length > 0 && !name.includes('/')) names.push(name)
  }
  return names.sort()
}
