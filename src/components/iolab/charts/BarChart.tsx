/**
 * Horizontal grouped bars: one row per thing measured, one bar per series, the value written at
 * the end of each bar. d3-scale computes the geometry; React renders the SVG at its natural size.
 * An optional reference band marks a claimed range (e.g. "5–7×" from the notes).
 */
import { scaleLinear } from 'd3-scale'
import { useId } from 'react'
import { ChartLegend, type SeriesVariant } from './chartParts'

export interface BarSeries {
  readonly key: string
  readonly label: string
  readonly variant: SeriesVariant
}

export interface BarRow {
  readonly key: string
  readonly label: string
  /** One value per series; null where not measured (yet). */
  readonly values: readonly (number | null)[]
}

export interface BarChartProps {
  readonly title: string
  readonly description: string
  readonly valueLabel: string
  readonly series: readonly BarSeries[]
  readonly rows: readonly BarRow[]
  readonly formatValue: (value: number) => string
  readonly reference?: { readonly from: number; readonly to: number; readonly label: string }
  readonly width?: number
  readonly labelWidth?: number
  readonly testId?: string
}

const BAR_HEIGHT = 24
const BAR_GAP = 4
const ROW_GAP = 14
const TOP = 34
const BOTTOM = 52
const RIGHT = 84

export function BarChart(props: BarChartProps) {
  const { title, description, valueLabel, series, rows, formatValue, reference } = props
  const width = props.width ?? 580
  const labelWidth = props.labelWidth ?? 170
  const titleId = useId()
  const descriptionId = useId()
  const rowHeight = series.length * BAR_HEIGHT + (series.length - 1) * BAR_GAP
  const innerHeight = rows.length * rowHeight + (rows.length - 1) * ROW_GAP
  const height = TOP + innerHeight + BOTTOM
  const innerWidth = width - labelWidth - RIGHT
  const measured = rows.flatMap((r) => r.values.filter((v): v is number => v !== null))
  const max = Math.max(1e-9, reference?.to ?? 0, ...measured)
  const x = scaleLinear().domain([0, max]).nice(5).range([0, innerWidth])
  // About one tick per 90 px, so long numbers (1,200) never run into each other.
  const ticks = x.ticks(Math.max(2, Math.round(innerWidth / 90)))
  return (
    <figure className="chart" data-testid={props.testId}>
      <figcaption id={titleId} className="chart-title">
        {title}
      </figcaption>
      <svg
        className="chart-svg"
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descriptionId}
      >
        <desc id={descriptionId}>{description}</desc>
        <g transform={`translate(${labelWidth},${TOP})`}>
          {reference !== undefined && (
            <g className="chart-reference">
              <rect
                x={x(reference.from)}
                y={-8}
                width={x(reference.to) - x(reference.from)}
                height={innerHeight + 16}
              />
              <text x={x(reference.to)} y={-14} textAnchor="end">
                {reference.label}
              </text>
            </g>
          )}
          {ticks.map((tick) => (
            <g key={tick} transform={`translate(${x(tick)},0)`}>
              <line className="chart-gridline" y1={0} y2={innerHeight} />
              <text className="chart-tick" y={innerHeight + 22} textAnchor="middle">
                {formatValue(tick)}
              </text>
            </g>
          ))}
          {rows.map((row, rowIndex) => {
            const rowY = rowIndex * (rowHeight + ROW_GAP)
            return (
              <g key={row.key} transform={`translate(0,${rowY})`} data-row={row.key}>
                <text
                  className="chart-row-label"
                  x={-10}
                  y={rowHeight / 2}
                  dy="0.32em"
                  textAnchor="end"
                >
                  {row.label}
                </text>
                {series.map((s, i) => {
                  const value = row.values[i] ?? null
                  const barY = i * (BAR_HEIGHT + BAR_GAP)
                  return (
                    <g key={s.key} className={`chart-series chart-series--${s.variant}`}>
                      {value !== null && (
                        <>
                          <rect
                            className="chart-bar"
                            x={0}
                            y={barY}
                            width={Math.max(1, x(value))}
                            height={BAR_HEIGHT}
                          />
                          <text
                            className="chart-value"
                            x={x(value) + 6}
                            y={barY + BAR_HEIGHT / 2}
                            dy="0.32em"
                          >
                            {formatValue(value)}
                          </text>
                        </>
                      )}
                    </g>
                  )
                })}
              </g>
            )
          })}
          <line className="chart-axis" x1={0} x2={0} y1={-4} y2={innerHeight + 4} />
          <text className="chart-label" x={innerWidth / 2} y={innerHeight + 46} textAnchor="middle">
            {valueLabel}
          </text>
        </g>
      </svg>
      <ChartLegend
        items={series.map((s) => ({ key: s.key, label: s.label, variant: s.variant, kind: 'bar' }))}
      />
    </figure>
  )
}
