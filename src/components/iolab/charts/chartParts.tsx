/**
 * Pieces the IO lab's charts share: series markers (a different shape per series) and the legend.
 * Colours come from CSS (Okabe–Ito); shapes and dashes make series distinguishable without them.
 */

export type SeriesVariant = 'a' | 'b' | 'c' | 'd'

const MARKER_SIZE = 6

export function Marker({ variant, x, y }: { variant: SeriesVariant; x: number; y: number }) {
  const s = MARKER_SIZE
  switch (variant) {
    case 'a':
      return <circle className="chart-marker" cx={x} cy={y} r={s} />
    case 'b':
      return <rect className="chart-marker" x={x - s} y={y - s} width={2 * s} height={2 * s} />
    case 'c':
      return (
        <path
          className="chart-marker"
          d={`M${x},${y - s - 1}L${x + s + 1},${y + s}L${x - s - 1},${y + s}Z`}
        />
      )
    case 'd':
      return (
        <path
          className="chart-marker"
          d={`M${x},${y - s - 1}L${x + s + 1},${y}L${x},${y + s + 1}L${x - s - 1},${y}Z`}
        />
      )
  }
}

export interface LegendItem {
  readonly key: string
  readonly label: string
  readonly variant: SeriesVariant
  /** Bars show a filled swatch; lines a line with the marker; markers the marker alone. */
  readonly kind?: 'line' | 'bar' | 'marker'
}

export function ChartLegend({ items }: { items: readonly LegendItem[] }) {
  if (items.length < 2) return null
  return (
    <ul className="chart-legend">
      {items.map((item) => (
        <li key={item.key} className={`chart-series chart-series--${item.variant}`}>
          <svg width={36} height={20} aria-hidden="true" focusable="false">
            {item.kind === 'bar' ? (
              <rect className="chart-bar" x={2} y={3} width={32} height={14} />
            ) : item.kind === 'marker' ? (
              <Marker variant={item.variant} x={18} y={10} />
            ) : (
              <>
                <line className="chart-line" x1={2} x2={34} y1={10} y2={10} />
                <Marker variant={item.variant} x={18} y={10} />
              </>
            )}
          </svg>
          {item.label}
        </li>
      ))}
    </ul>
  )
}
