// What the reports say about one source file, one metric at a time, and how
// two such statements about the same file are merged: per-line and
// per-branch data (from lcov's DA/BRDA/FN, Cobertura's line and method
// elements) beats bare counts (lcov's LF/LH, istanbul's json-summary), and
// two detailed statements are united, as for the shards of one test run.
import type { BitSet } from './bit-set.js'

/** Covered out of total; a total of 0 is "n/a", never 0 % nor 100 %. */
export interface Counts {
  readonly covered: number
  readonly total: number
}

/** Lines known one by one. */
export interface LineMetric {
  readonly kind: 'lines'
  readonly instrumented: BitSet
  readonly covered: BitSet
}

/**
 * Branches or functions known one by one: sorted keys (see `pointKey`)
 * and, at the same index, 1 when covered.
 */
export interface PointMetric {
  readonly kind: 'points'
  readonly keys: Float64Array
  readonly covered: Uint8Array
}

/** Only the totals: a summary line or a summary report. */
export interface CountMetric extends Counts {
  readonly kind: 'counts'
}

/** One metric of one file, as detailed as the report was. */
export type Metric = LineMetric | PointMetric | CountMetric

/** One source file's coverage; an absent metric was not reported. */
export interface FileCoverage {
  /** Repository-relative POSIX path (absolute when outside it). */
  readonly path: string
  readonly lines?: Metric
  readonly branches?: Metric
  readonly functions?: Metric
}

/** The most branches or functions one line can have that are told apart. */
export const POINTS_PER_LINE = 1 << 16

/** A branch's or function's identity: its line and its order on the line. */
export function pointKey(line: number, index: number): number {
  return line * POINTS_PER_LINE + index
}

/** The counts of a metric; an absent one is 0 of 0. */
export function countsOf(metric: Metric | undefined): Counts {
  if (metric === undefined) return { covered: 0, total: 0 }
  if (metric.kind === 'counts') return metric
  if (metric.kind === 'lines') {
    return { covered: metric.covered.size, total: metric.instrumented.size }
  }
  let covered = 0
  for (const flag of metric.covered) covered += flag
  return { covered, total: metric.keys.length }
}

/** Bare counts as a metric, covered clamped to [0, total]. */
export function countMetric(covered: number, total: number): CountMetric {
  const all = Math.max(0, total)
  return {
    kind: 'counts',
    covered: Math.min(Math.max(0, covered), all),
    total: all,
  }
}

/**
 * One statement about a metric from two: detail wins over counts; two
 * detailed ones are united; of two counts the larger total, then the larger
 * covered, wins, since which lines they mean cannot be known.
 */
export function mergeMetric(
  a: Metric | undefined,
  b: Metric | undefined,
): Metric | undefined {
  if (a === undefined) return b
  if (b === undefined) return a
  if (a.kind === 'lines' && b.kind === 'lines') {
    return {
      kind: 'lines',
      instrumented: a.instrumented.union(b.instrumented),
      covered: a.covered.union(b.covered),
    }
  }
  if (a.kind === 'points' && b.kind === 'points') return unitePoints(a, b)
  if (a.kind !== 'counts') return a
  if (b.kind !== 'counts') return b
  if (a.total !== b.total) return a.total > b.total ? a : b
  return a.covered >= b.covered ? a : b
}

/** Two statements about the same file as one. */
export function mergeFiles(a: FileCoverage, b: FileCoverage): FileCoverage {
  return withMetrics(a.path, {
    lines: mergeMetric(a.lines, b.lines),
    branches: mergeMetric(a.branches, b.branches),
    functions: mergeMetric(a.functions, b.functions),
  })
}

/** A FileCoverage without the keys of absent metrics. */
export function withMetrics(
  path: string,
  metrics: {
    lines?: Metric | undefined
    branches?: Metric | undefined
    functions?: Metric | undefined
  },
): FileCoverage {
  return {
    path,
    ...(metrics.lines ? { lines: metrics.lines } : {}),
    ...(metrics.branches ? { branches: metrics.branches } : {}),
    ...(metrics.functions ? { functions: metrics.functions } : {}),
  }
}

function unitePoints(a: PointMetric, b: PointMetric): PointMetric {
  const keys = new Float64Array(a.keys.length + b.keys.length)
  const covered = new Uint8Array(keys.length)
  let i = 0
  let j = 0
  let n = 0
  while (i < a.keys.length || j < b.keys.length) {
    const ka = a.keys[i] ?? Infinity
    const kb = b.keys[j] ?? Infinity
    if (ka === kb) {
      keys[n] = ka
      covered[n] = (a.covered[i++] ?? 0) | (b.covered[j++] ?? 0)
    } else if (ka < kb) {
      keys[n] = ka
      covered[n] = a.covered[i++] ?? 0
    } else {
      keys[n] = kb
      covered[n] = b.covered[j++] ?? 0
    }
    n += 1
  }
  return {
    kind: 'points',
    keys: keys.slice(0, n),
    covered: covered.slice(0, n),
  }
}
