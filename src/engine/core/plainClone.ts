/**
 * A deep copy of the simulation state for the timeline's checkpoints, equal to what
 * `structuredClone` gives for plain data (objects, arrays, primitives, `Uint8Array`s), an object
 * reachable twice included (it is copied once), but without the serialization round trip, and
 * sharing strings rather than copying them (they are immutable), which keeps a checkpoint small
 * (fetched record values, event payloads). Byte arrays are copied; anything else that is not plain
 * data falls back to `structuredClone`. A meter, if given, adds up the copy's approximate size.
 */

/** Adds up roughly how many bytes of memory a copy takes (its objects and arrays, not strings). */
export interface CloneMeter {
  bytes: number
}

/** Rough V8 sizes (64-bit, no pointer compression): headers, and a slot per property or item. */
const OBJECT_HEADER_BYTES = 32
const ARRAY_HEADER_BYTES = 48
const SLOT_BYTES = 8
/** Properties of a dictionary-mode object cost about three slots each. */
const PROPERTY_BYTES = 3 * SLOT_BYTES

export function clonePlain<T>(value: T, meter: CloneMeter = { bytes: 0 }): T {
  return cloneValue(value, new Map(), meter) as T
}

function cloneValue(value: unknown, copies: Map<object, unknown>, meter: CloneMeter): unknown {
  if (typeof value !== 'object' || value === null) return value
  const existing = copies.get(value)
  if (existing !== undefined) return existing
  let copy: unknown
  if (Array.isArray(value)) copy = cloneArray(value, copies, meter)
  else {
    const proto: unknown = Object.getPrototypeOf(value)
    if (proto === Object.prototype || proto === null)
      copy = cloneObject(value as Record<string, unknown>, copies, meter)
    else {
      copy = value instanceof Uint8Array ? value.slice() : structuredClone(value)
      copies.set(value, copy)
      meter.bytes += ARRAY_HEADER_BYTES + (value instanceof Uint8Array ? value.byteLength : 0)
    }
  }
  return copy
}

function cloneArray(
  array: readonly unknown[],
  copies: Map<object, unknown>,
  meter: CloneMeter,
): unknown[] {
  const copy = array.slice()
  copies.set(array, copy)
  meter.bytes += ARRAY_HEADER_BYTES + SLOT_BYTES * copy.length
  for (let i = 0; i < copy.length; i++) {
    const item = copy[i]
    if (typeof item === 'object' && item !== null) copy[i] = cloneValue(item, copies, meter)
  }
  return copy
}

function cloneObject(
  object: Record<string, unknown>,
  copies: Map<object, unknown>,
  meter: CloneMeter,
): Record<string, unknown> {
  const copy: Record<string, unknown> = {}
  copies.set(object, copy)
  meter.bytes += OBJECT_HEADER_BYTES
  for (const key in object) {
    const item = object[key]
    meter.bytes += PROPERTY_BYTES
    const cloned =
      typeof item === 'object' && item !== null ? cloneValue(item, copies, meter) : item
    // A key such as a topic named `__proto__` must stay an own property, not a prototype.
    if (key === '__proto__')
      Object.defineProperty(copy, key, {
        value: cloned,
        enumerable: true,
        writable: true,
        configurable: true,
      })
    else copy[key] = cloned
  }
  return copy
}
