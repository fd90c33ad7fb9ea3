/**
 * A small line chart: d3-scale and d3-shape compute the geometry, React renders the SVG. Drawn at
 * its natural size (16px text stays 16px on a projector) and scaled down only on narrow screens.
 * Series differ by colour, dash and marker shape, never by colour alone.
 */
import { scaleLinear, scaleLog } from 'd3-scale'
import { line } from 'd3-shape'
import { useId } from 'react'
import { ChartLegend, Marker, type SeriesVariant } from './chartParts'

export interface LinePoint {
  readonly x: number
  readonly y: number
}

export interface LineSeries {
  readonly key: string
  readonly label: string
  readonly variant: SeriesVariant
  readonly points: readonly LinePoint[]
  /** Draw markers only (no line), e.g. for per-step values. */
  readonly markersOnly?: boolean
  /** Mark every n-th point only (and the last), so dense lines stay readable. Default 1. */
  readonly markerEvery?: number
}

export interface LineChartProps {
  readonly title: string
  /** A sentence for screen readers: what the chart shows now. */
  readonly description: string
  readonly xLabel: string
  readonly yLabel: string
  readonly series: readonly LineSeries[]
  readonly xScale?: 'linear' | 'log'
  readonly xDomain: readonly [number, number]
  readonly yDomain: readonly [number, number]
  readonly xTicks?: readonly number[]
  readonly yTicks?: readonly number[]
  readonly formatX: (x: number) => string
  readonly formatY: (y: number) => string
  readonly width?: number
  readonly height?: number
  readonly testId?: string
}

const MARGIN = { top: 16, right: 28, bottom: 64, left: 76 }

export function LineChart(props: LineChartProps) {
  const {
    title,
    description,
    xLabel,
    yLabel,
    series,
    xDomain,
    yDomain,
    formatX,
    formatY,
    width = 580,
    height = 300,
  } = props
  const titleId = useId()
  const descriptionId = useId()
  const innerWidth = width - MARGIN.left - MARGIN.right
  const innerHeight = height - MARGIN.top - MARGIN.bottom
  const x =
    props.xScale === 'log'
      ? scaleLog().domain(xDomain).range([0, innerWidth])
      : scaleLinear().domain(xDomain).range([0, innerWidth])
  const y = scaleLinear().domain(yDomain).range([innerHeight, 0])
  const xTicks = props.xTicks ?? x.ticks(6)
  const yTicks = props.yTicks ?? y.ticks(5)
  const path = line<LinePoint>()
    .x((p) => x(p.x))
    .y((p) => y(p.y))
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
        <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
          {yTicks.map((tick) => (
            <g key={`y${tick}`} transform={`translate(0,${y(tick)})`}>
              <line className="chart-gridline" x1={0} x2={innerWidth} />
              <text className="chart-tick" x={-8} dy="0.32em" textAnchor="end">
                {formatY(tick)}
              </text>
            </g>
          ))}
          {xTicks.map((tick) => (
            <g key={`x${tick}`} transform={`translate(${x(tick)},${innerHeight})`}>
              <line className="chart-axis" y2={6} />
              <text className="chart-tick" y={24} textAnchor="middle">
                {formatX(tick)}
              </text>
            </g>
          ))}
          <line className="chart-axis" x1={0} x2={innerWidth} y1={innerHeight} y2={innerHeight} />
          <line className="chart-axis" x1={0} x2={0} y1={0} y2={innerHeight} />
          {series.map((s) => (
            <g key={s.key} className={`chart-series chart-series--${s.variant}`}>
              {!s.markersOnly && s.points.length > 1 && (
                <path className="chart-line" d={path(s.points as LinePoint[]) ?? ''} />
              )}
              {s.points.map((p, i) =>
                i % (s.markerEvery ?? 1) === 0 || i === s.points.length - 1 ? (
                  <Marker key={p.x} variant={s.variant} x={x(p.x)} y={y(p.y)} />
                ) : null,
              )}
            </g>
          ))}
          <text className="chart-label" x={innerWidth / 2} y={innerHeight + 52} textAnchor="middle">
            {xLabel}
          </text>
          <text
            className="chart-label"
            transform={`translate(${-MARGIN.left + 18},${innerHeight / 2}) rotate(-90)`}
            textAnchor="middle"
          >
            {yLabel}
          </text>
        </g>
      </svg>
      <ChartLegend
        items={series.map((s) => ({
          key: s.key,
          label: s.label,
          variant: s.variant,
          kind: s.markersOnly ? ('marker' as const) : ('line' as const),
        }))}
      />
    </figure>
  )
}
