import { assert } from '../../core/assert'
import type { MeasureParams } from './probeProtocol'

/**
 * Measurements the probe worker can run by name. Each returns plain numbers (MB/s, ms, counts).
 * IO measurements register in ioMeasurements.ts; engine-level ones (appends through the log on
 * OPFS) can register from their own module, called from opfsProbeWorker.ts, without touching
 * the probe's protocol.
 */
export type Measurement = (params: MeasureParams) => Promise<Record<string, number>>

const measurementsByName = new Map<string, Measurement>()

export function registerMeasurement(name: string, measurement: Measurement): void {
  assert(!measurementsByName.has(name), `measurement ${name} is registered twice`)
  measurementsByName.set(name, measurement)
}

export function measurementNames(): string[] {
  return [...measurementsByName.keys()].sort()
}

export function runMeasurement(
  name: string,
  params: MeasureParams,
): Promise<Record<string, number>> {
  const measurement = measurementsByName.get(name)
  if (measurement === undefined) {
    throw new Error(`unknown measurement "${name}"; known: ${measurementNames().join(', ')}`)
  }
  return measurement(params)
}

/** A numeric parameter with a default; rejects non-numbers so a typo does not measure nonsense. */
export function numberParam(params: MeasureParams, name: string, fallback: number): number {
  const value = params[name] ?? fallback
  assert(typeof value === 'number' && Number.isFinite(value), `parameter ${name} must be a number`)
  return value
}
