/**
 * Goal: sizes and figures read the way the lab's prose writes them (KiB/MiB as Kafka configs count,
 * a few significant digits).
 * Method: examples.
 */
import { expect, test } from 'vitest'
import { formatBytes, formatFigure, formatPercent } from './format'

test('binary sizes', () => {
  expect(formatBytes(256)).toBe('256 B')
  expect(formatBytes(16 * 1024)).toBe('16 KiB')
  expect(formatBytes(1024 * 1024)).toBe('1 MiB')
  expect(formatBytes(1536)).toBe('1.5 KiB')
})

test('figures keep about three significant digits', () => {
  expect(formatFigure(0.01234, 'en')).toBe('0.012')
  expect(formatFigure(1.234, 'en')).toBe('1.23')
  expect(formatFigure(12.34, 'en')).toBe('12.3')
  expect(formatFigure(1234.5, 'en')).toBe('1,235')
  expect(formatPercent(0.714, 'en')).toBe('71%')
})
