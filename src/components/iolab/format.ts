/**
 * Number formatting for the IO lab: binary sizes (as Kafka's configs count them) and figures with
 * a sensible number of significant digits, in the learner's language.
 */

/** 256 → "256 B", 16384 → "16 KiB", 1048576 → "1 MiB". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MiB`
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${bytes} B`
}

/** Three significant digits, at most one decimal above 100: 0.0123, 1.23, 12.3, 123, 1,234. */
export function formatFigure(value: number, language: string): string {
  const digits =
    Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : Math.abs(value) >= 1 ? 2 : 3
  return new Intl.NumberFormat(language, {
    minimumFractionDigits: 0,
    maximumFractionDigits: digits,
  }).format(value)
}

/** A ratio in [0, 1] as a whole percentage. */
export function formatPercent(ratio: number, language: string): string {
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 0 }).format(
    ratio,
  )
}
