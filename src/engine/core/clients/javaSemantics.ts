/**
 * Small Java behaviours that Kafka's client algorithms depend on, reproduced exactly:
 * `String.hashCode`, `Utils.abs`, `String.compareTo`, and the iteration order of a `HashMap` /
 * `HashSet` (java.util.HashMap#hash, #putVal, #resize).
 *
 * The sticky assignors and the group protocol vote iterate Java hash maps, so which member keeps
 * its extra partition, or which protocol wins a tied vote, follows the maps' bucket order. To give
 * the same answer as a real Java leader, we compute that order instead of sorting.
 */

/** `java.lang.String#hashCode`: `s[0]*31^(n-1) + … + s[n-1]` over UTF-16 code units, int32 wrap. */
export function javaStringHashCode(text: string): number {
  let h = 0
  for (let i = 0; i < text.length; i++) {
    h = (Math.imul(31, h) + text.charCodeAt(i)) | 0
  }
  return h
}

/**
 * `org.apache.kafka.common.utils.Utils#abs`: `Math.abs` except that `Integer.MIN_VALUE` maps to 0
 * (Java's `Math.abs(Integer.MIN_VALUE)` stays negative, which would give a negative partition).
 */
export function javaUtilsAbs(n: number): number {
  return n === -2147483648 ? 0 : Math.abs(n)
}

/**
 * `String#compareTo` reduced to its sign: lexicographic over UTF-16 code units. JavaScript's `<`
 * on strings compares code units too; `localeCompare` would not match Java.
 */
export function compareJavaStrings(a: string, b: string): number {
  if (a === b) return 0
  return a < b ? -1 : 1
}

const DEFAULT_CAPACITY = 16
const LOAD_FACTOR = 0.75
const TREEIFY_THRESHOLD = 8
const MIN_TREEIFY_CAPACITY = 64

/** `HashMap.hash(key)`: XORs the high half of `hashCode` into the low half before masking. */
function spread(hashCode: number): number {
  return (hashCode ^ (hashCode >>> 16)) | 0
}

function bucketOf(hashCode: number, capacity: number): number {
  return spread(hashCode) & (capacity - 1)
}

/**
 * The table capacity of a `new HashMap<>()` after inserting keys with these hash codes in order
 * (no removals). It doubles when the size passes 0.75 × capacity, and also when a bucket chain
 * reaches 9 nodes while the table is smaller than 64 (`treeifyBin` resizes instead of treeifying).
 */
export function javaHashMapCapacity(hashCodes: readonly number[]): number {
  let capacity = DEFAULT_CAPACITY
  const placed: number[] = []
  for (const hashCode of hashCodes) {
    const chainLength = placed.filter(
      (h) => bucketOf(h, capacity) === bucketOf(hashCode, capacity),
    ).length
    placed.push(hashCode)
    if (chainLength >= TREEIFY_THRESHOLD && capacity < MIN_TREEIFY_CAPACITY) capacity *= 2
    if (placed.length > capacity * LOAD_FACTOR) capacity *= 2
  }
  return capacity
}

/**
 * The order in which a Java `HashMap` (or `HashSet`) iterates `keys` that were inserted in the
 * given order into a fresh default-capacity map: by bucket index, then by insertion order within a
 * bucket (resizes split buckets but keep the relative order of their nodes).
 *
 * @remarks Keys are assumed distinct. Chains that were turned into red-black trees (9+ colliding
 * keys in a table of 64+ buckets) are iterated in insertion order here; Java may differ there.
 */
export function javaHashMapOrder<K>(keys: readonly K[], hashCode: (key: K) => number): K[] {
  const capacity = javaHashMapCapacity(keys.map(hashCode))
  return javaHashOrderAtCapacity(keys, hashCode, capacity)
}

/** Like {@link javaHashMapOrder} for a table whose capacity is already known. */
export function javaHashOrderAtCapacity<K>(
  keys: readonly K[],
  hashCode: (key: K) => number,
  capacity: number,
): K[] {
  return keys
    .map((key, insertedAt) => ({ key, insertedAt, bucket: bucketOf(hashCode(key), capacity) }))
    .sort((a, b) => a.bucket - b.bucket || a.insertedAt - b.insertedAt)
    .map((entry) => entry.key)
}

/** A `java.util.HashSet` reduced to what iteration order needs: members and table capacity. */
export interface JavaHashSetState<K> {
  /** Current members, oldest insertion first. */
  readonly members: readonly K[]
  /** Table capacity; like Java's, it grows and never shrinks. */
  readonly capacity: number
}

export function emptyJavaHashSet<K>(): JavaHashSetState<K> {
  return { members: [], capacity: DEFAULT_CAPACITY }
}

/** `HashSet#add`: appends a new member (no-op when present), growing the table like Java. */
export function javaHashSetAdd<K>(
  set: JavaHashSetState<K>,
  key: K,
  hashCode: (key: K) => number,
  equals: (a: K, b: K) => boolean,
): JavaHashSetState<K> {
  if (set.members.some((member) => equals(member, key))) return set
  const bucket = bucketOf(hashCode(key), set.capacity)
  const chainLength = set.members.filter(
    (member) => bucketOf(hashCode(member), set.capacity) === bucket,
  ).length
  let capacity = set.capacity
  if (chainLength >= TREEIFY_THRESHOLD && capacity < MIN_TREEIFY_CAPACITY) capacity *= 2
  const members = [...set.members, key]
  if (members.length > capacity * LOAD_FACTOR) capacity *= 2
  return { members, capacity }
}

/** `HashSet#remove`. */
export function javaHashSetRemove<K>(
  set: JavaHashSetState<K>,
  key: K,
  equals: (a: K, b: K) => boolean,
): JavaHashSetState<K> {
  return { members: set.members.filter((member) => !equals(member, key)), capacity: set.capacity }
}

/** `set.iterator().next()`: the first member in bucket order, or null when empty. */
export function javaHashSetFirst<K>(
  set: JavaHashSetState<K>,
  hashCode: (key: K) => number,
): K | null {
  return javaHashOrderAtCapacity(set.members, hashCode, set.capacity)[0] ?? null
}
