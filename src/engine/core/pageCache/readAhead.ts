/**
 * Read-ahead window sizes, after Linux `mm/readahead.c` (`get_init_ra_size`, `get_next_ra_size`):
 * a sequential reader's first window is 2-4x its request (capped at the maximum, 32 pages =
 * 128 KiB by default), and each following window is 2-4x the previous one, up to the maximum.
 */
export function initialWindowPages(requestPages: number, maxPages: number): number {
  let rounded = 1
  while (rounded < requestPages) rounded *= 2
  if (rounded <= maxPages / 32) return Math.min(4 * rounded, maxPages)
  if (rounded <= maxPages / 4) return Math.min(2 * rounded, maxPages)
  return maxPages
}

export function nextWindowPages(currentPages: number, maxPages: number): number {
  if (currentPages < maxPages / 16) return Math.min(4 * currentPages, maxPages)
  if (currentPages <= maxPages / 2) return Math.min(2 * currentPages, maxPages)
  return maxPages
}
