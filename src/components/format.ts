/** Simulated milliseconds as seconds with millisecond precision: 12345 → "12.345". */
export function formatSeconds(ms: number): string {
  return (ms / 1000).toFixed(3)
}
