// The threshold gate. Every minimum either passes, fails with a message
// like "lines: 8.33 % < 80 %", or says why it could not be checked: a
// metric with no data (n/a) fails unless allow-empty is set, and is never
// compared, so the gate never weighs NaN.
import type { Counts } from './file-coverage.js'
import type { MetricName, Totals } from './totals.js'
import { METRICS, percent, showPercent } from './totals.js'

/** The minimum percentages set; an absent one is not checked. */
export interface Minimums {
  readonly lines?: number
  readonly branches?: number
  readonly functions?: number
  /** Of the lines the diff adds that the reports instrument. */
  readonly changedLines?: number
}

/** What the gate decided. */
export interface GateResult {
  readonly passed: boolean
  /** Why it failed, one line each. */
  readonly failures: readonly string[]
  /** Minimums met, one line each. */
  readonly passes: readonly string[]
  /** Minimums not applied, and why. */
  readonly notes: readonly string[]
}

const SINGULAR: Record<MetricName, string> = {
  lines: 'line',
  branches: 'branch',
  functions: 'function',
}

/** The input that sets each minimum, for messages. */
const INPUT: Record<MetricName | 'changedLines', string> = {
  lines: 'min-lines',
  branches: 'min-branches',
  functions: 'min-functions',
  changedLines: 'min-changed-lines',
}

/**
 * Checks the totals, and the changed lines when a diff was read, against
 * the minimums.
 */
export function checkGate(
  totals: Totals,
  changed: Counts | undefined,
  minimums: Minimums,
  allowEmpty: boolean,
): GateResult {
  const failures: string[] = []
  const passes: string[] = []
  const notes: string[] = []
  if (METRICS.every((metric) => totals[metric].total === 0)) {
    const said =
      'no coverage data found: the reports hold no instrumented line, branch or function'
    if (allowEmpty) notes.push(`${said}; allow-empty lets the gate pass`)
    else failures.push(said)
    return { passed: failures.length === 0, failures, passes, notes }
  }
  for (const metric of METRICS) {
    const min = minimums[metric]
    if (min === undefined) continue
    const value = percent(totals[metric])
    if (value === undefined) {
      const said = `${metric}: n/a (the reports hold no ${SINGULAR[metric]} data), so ${INPUT[metric]} ${show(min)} cannot be checked`
      if (allowEmpty) notes.push(`${said}; allow-empty skips it`)
      else failures.push(said)
    } else if (value < min) {
      failures.push(`${metric}: ${showPercent(value)} < ${show(min)}`)
    } else passes.push(`${metric}: ${showPercent(value)} ≥ ${show(min)}`)
  }
  const min = minimums.changedLines
  if (min !== undefined) {
    const value = changed && percent(changed)
    if (changed === undefined) {
      notes.push(
        `${INPUT.changedLines} not applied: no diff was read (not a pull request, and no diff-base)`,
      )
    } else if (value === undefined) {
      notes.push(
        `${INPUT.changedLines} not applied: none of the changed lines is instrumented`,
      )
    } else if (value < min) {
      failures.push(`changed lines: ${showPercent(value)} < ${show(min)}`)
    } else passes.push(`changed lines: ${showPercent(value)} ≥ ${show(min)}`)
  }
  return { passed: failures.length === 0, failures, passes, notes }
}

/** A minimum as the user wrote it: `80 %`, `72.5 %`. */
function show(min: number): string {
  return `${min} %`
}
