/**
 * Realistic JSON records for the compression measurements: order events as a shop would produce
 * them (ids, timestamps, a customer, line items, prices, an address, a user agent), drawn from a
 * seeded PRNG so the same seed always gives the same bytes. Repeated keys and vocabularies make
 * JSON compress well; random ids, prices and timestamps keep it honest (real payloads are not one
 * record copied a thousand times).
 */
import { createRng, nextInt, type RngState } from '../rng'

const EVENT_TYPES = ['order_created', 'order_paid', 'order_shipped', 'order_cancelled'] as const
const STATUSES = ['NEW', 'PAID', 'PACKED', 'SHIPPED', 'CANCELLED'] as const
const FIRST_NAMES = ['Wei', 'Anna', 'Lucas', 'Mei', 'Omar', 'Sofia', 'Hiro', 'Lena', 'Ravi', 'Zoe']
const LAST_NAMES = ['Li', 'Schmidt', 'Garcia', 'Chen', 'Haddad', 'Rossi', 'Sato', 'Novak', 'Iyer']
const CITIES = [
  ['Shanghai', 'CN'],
  ['北京', 'CN'],
  ['Berlin', 'DE'],
  ['Lyon', 'FR'],
  ['Austin', 'US'],
  ['Osaka', 'JP'],
  ['Pune', 'IN'],
  ['São Paulo', 'BR'],
] as const
const TIERS = ['basic', 'silver', 'gold', 'platinum'] as const
const PRODUCTS = [
  'USB-C cable 1m',
  'Wireless mouse',
  'Mechanical keyboard',
  '27-inch monitor',
  'Laptop stand',
  'Noise-cancelling headphones',
  'Webcam 1080p',
  'Desk lamp',
  '机械键盘',
  'Phone case',
] as const
const CURRENCIES = ['EUR', 'USD', 'CNY', 'JPY'] as const
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'okhttp/4.12.0',
] as const
/** 2024-11-22T00:00:00Z: timestamps grow from here, a few milliseconds apart. */
const BASE_TIME_MS = 1_732_233_600_000

function pick<T>(rng: RngState, values: readonly T[]): T {
  return values[nextInt(rng, values.length)] as T
}

function hex(rng: RngState, digits: number): string {
  let out = ''
  for (let i = 0; i < digits; i += 1) out += nextInt(rng, 16).toString(16)
  return out
}

function isoTime(ms: number): string {
  // Date is not used in the pure core; the calendar arithmetic is done by hand (UTC, no leap secs).
  const days = Math.floor(ms / 86_400_000)
  let rest = ms - days * 86_400_000
  const hh = Math.floor(rest / 3_600_000)
  rest -= hh * 3_600_000
  const mm = Math.floor(rest / 60_000)
  rest -= mm * 60_000
  const ss = Math.floor(rest / 1000)
  const millis = rest - ss * 1000
  // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  )
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0)
  const two = (n: number) => String(n).padStart(2, '0')
  return `${y}-${two(m)}-${two(d)}T${two(hh)}:${two(mm)}:${two(ss)}.${String(millis).padStart(3, '0')}Z`
}

/** One order event as a JSON string; `index` orders the timestamps. */
function jsonRecord(rng: RngState, index: number, timeMs: number): string {
  const [city, country] = pick(rng, CITIES)
  const first = pick(rng, FIRST_NAMES)
  const last = pick(rng, LAST_NAMES)
  const items = Array.from({ length: 1 + nextInt(rng, 3) }, () => {
    const priceCents = 199 + nextInt(rng, 40_000)
    return {
      sku: `SKU-${String(1000 + nextInt(rng, 9000))}`,
      name: pick(rng, PRODUCTS),
      qty: 1 + nextInt(rng, 4),
      price: priceCents / 100,
    }
  })
  const total = items.reduce((sum, item) => sum + Math.round(item.price * 100) * item.qty, 0) / 100
  const record = {
    eventId: `${hex(rng, 8)}-${hex(rng, 4)}-4${hex(rng, 3)}-${hex(rng, 4)}-${hex(rng, 12)}`,
    type: pick(rng, EVENT_TYPES),
    ts: isoTime(timeMs),
    sequence: index,
    orderId: `ORD-${String(nextInt(rng, 100_000_000)).padStart(8, '0')}`,
    customer: {
      id: `C-${String(nextInt(rng, 1_000_000)).padStart(6, '0')}`,
      name: `${first} ${last}`,
      email: `${first.toLowerCase()}.${last.toLowerCase()}${nextInt(rng, 100)}@example.com`,
      tier: pick(rng, TIERS),
    },
    items,
    total,
    currency: pick(rng, CURRENCIES),
    shipping: { city, country, method: nextInt(rng, 4) === 0 ? 'express' : 'standard' },
    status: pick(rng, STATUSES),
    userAgent: pick(rng, AGENTS),
  }
  return JSON.stringify(record)
}

/** An endless, deterministic stream of records for `seed`. */
function* recordStream(seed: number): Generator<string> {
  const rng = createRng(seed)
  let timeMs = BASE_TIME_MS
  for (let i = 0; ; i += 1) {
    timeMs += 1 + nextInt(rng, 40)
    yield jsonRecord(rng, i, timeMs)
  }
}

/** `count` JSON records for `seed`, as strings. */
export function generateJsonRecords(seed: number, count: number): string[] {
  const out: string[] = []
  for (const record of recordStream(seed)) {
    if (out.length >= count) break
    out.push(record)
  }
  return out
}

/** UTF-8 records, one per entry, until their total reaches `minTotalBytes`. */
export function generateJsonRecordBytes(seed: number, minTotalBytes: number): Uint8Array[] {
  // The generated text has no lone surrogates, so TextEncoder gives Java's UTF-8 bytes.
  const encoder = new TextEncoder()
  const out: Uint8Array[] = []
  let total = 0
  for (const record of recordStream(seed)) {
    if (total >= minTotalBytes) break
    const bytes = encoder.encode(record)
    out.push(bytes)
    total += bytes.length
  }
  return out
}

/**
 * Records concatenated into batches of at most `batchBytes` (at least one record each), newline
 * separated, like the values a producer packs into one record batch before compressing it.
 */
export function packIntoBatches(records: readonly Uint8Array[], batchBytes: number): Uint8Array[] {
  const batches: Uint8Array[] = []
  let current: Uint8Array[] = []
  let currentBytes = 0
  const close = () => {
    if (current.length === 0) return
    const batch = new Uint8Array(currentBytes)
    let at = 0
    for (const record of current) {
      batch.set(record, at)
      at += record.length
      batch[at] = 0x0a
      at += 1
    }
    batches.push(batch)
    current = []
    currentBytes = 0
  }
  for (const record of records) {
    if (current.length > 0 && currentBytes + record.length + 1 > batchBytes) close()
    current.push(record)
    currentBytes += record.length + 1
  }
  close()
  return batches
}
