/**
 * The binary search shared by the offset and time indexes (`AbstractIndex.indexSlotRangeFor`).
 * Kafka first searches the "warm" tail of the index (the last 8 KiB of entries) because recent
 * lookups (followers, caught-up consumers) land there and those pages stay in memory; only lookups
 * older than that search from the start. Keeping the same order keeps the same pages touched.
 */

/** Index bytes Kafka treats as warm (`AbstractIndex._warmEntries = 8192 / entrySize`). */
const WARM_SECTION_BYTES = 8192

/**
 * Slot of the largest entry whose key is ≤ `target`, or −1 when every key is greater (or the
 * index is empty). `keyAt(slot)` reads one entry's key.
 */
export function largestLowerBoundSlot(
  entries: number,
  entryBytes: number,
  target: number,
  keyAt: (slot: number) => number,
): number {
  if (entries === 0) return -1
  const warmEntries = Math.floor(WARM_SECTION_BYTES / entryBytes)
  const binarySearch = (begin: number, end: number): number => {
    let lo = begin
    let hi = end
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1
      const key = keyAt(mid)
      if (key > target) hi = mid - 1
      else if (key < target) lo = mid
      else return mid
    }
    return lo
  }
  const firstHotEntry = Math.max(0, entries - 1 - warmEntries)
  if (keyAt(firstHotEntry) < target) return binarySearch(firstHotEntry, entries - 1)
  if (keyAt(0) > target) return -1
  return binarySearch(0, firstHotEntry)
}
