// Totals over files, and percentages as people read them: two decimals,
// "n/a" for 0 of 0, never NaN and never a rounded-up 100 %.
import type { CoverageMap } from './coverage-map.js'
import type { Counts, FileCoverage } from './file-coverage.js'
import { countsOf } from './file-coverage.js'

/** The three metrics a gate and a table speak of. */
export const METRICS = ['lines', 'branches', 'functions'] as const

/** One of lines, branches, functions. */
export type MetricName = (typeof METRICS)[number]

/** Counts for each metric. */
export type Totals = Record<MetricName, Counts>

/** The counts of one file, each metric. */
export function fileTotals(file: FileCoverage): Totals {
  return {
    lines: countsOf(file.lines),
    branches: countsOf(file.branches),
    functions: countsOf(file.functions),
  }
}

/** Sums every file; files with 0 of 0 add nothing, which is what n/a means. */
export function totalsOf(map: CoverageMap): Totals {
  const sum = { lines: zero(), branches: zero(), functions: zero() }
  for (const file of map.sorted()) {
    const totals = fileTotals(file)
    for (const metric of METRICS) {
      sum[metric].covered += totals[metric].covered
      sum[metric].total += totals[metric].total
    }
  }
  return sum
}

/**
 * The percentage to two decimals as shown and gated on; undefined for
 * 0 of 0. Rounding never shows 100 with a line missed, nor 0 with one hit.
 */
export function percent(counts: Counts): number | undefined {
  if (counts.total <= 0) return undefined
  const rounded = Math.round((counts.covered / counts.total) * 10_000) / 100
  if (counts.covered < counts.total && rounded >= 100) return 99.99
  if (counts.covered > 0 && rounded <= 0) return 0.01
  return rounded
}

/** `66.67` or `n/a`. */
export function formatPercent(value: number | undefined): string {
  return value === undefined ? 'n/a' : value.toFixed(2)
}

/** `66.67 %` or `n/a`, for messages and tables. */
export function showPercent(value: number | undefined): string {
  return value === undefined ? 'n/a' : `${value.toFixed(2)} %`
}

/** A difference in percentage points, `+1.25`, `-0.50` or `±0.00`. */
export function formatDelta(value: number | undefined): string {
  if (value === undefined) return 'n/a'
  const sign = value > 0 ? '+' : value < 0 ? '-' : '±'
  return `${sign}${Math.abs(value).toFixed(2)}`
}

function zero(): { covered: number; total: number } {
  return { covered: 0, total: 0 }
}
