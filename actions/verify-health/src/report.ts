// What verify-health tells the steps after it (the `report` output) and the
// person reading the run (the summary table).
import type { CheckKind, CheckReport } from '../../../lib/health/index.js'
import { formatDuration } from '../../../lib/retry/index.js'
import { table } from '../../../lib/runner/index.js'

/** One target in the `report` output. */
export interface ReportEntry {
  name: string
  kind: CheckKind
  healthy: boolean
  /** Attempts made; 0 when the target was not checked. */
  attempts: number
  lastStatus: string
  /** Milliseconds from the start of the wait; absent when unhealthy. */
  timeToHealthyMs?: number
  elapsedMs: number
  /** Why it is unhealthy, in one sentence. */
  failure?: string
  /** Not checked: a dry run, or a gate whose rollout was not healthy. */
  skipped?: string
}

/** A check's report as a `report` entry. */
export function entryOf(report: CheckReport): ReportEntry {
  return {
    name: report.name,
    kind: report.kind,
    healthy: report.healthy,
    attempts: report.attempts,
    lastStatus: report.lastStatus,
    ...(report.timeToHealthyMs === undefined
      ? {}
      : { timeToHealthyMs: report.timeToHealthyMs }),
    elapsedMs: report.elapsedMs,
    ...(report.failure === undefined ? {} : { failure: report.failure }),
  }
}

/** An entry for a target that was not checked, saying why. */
export function skippedEntry(
  check: { name: string; kind: CheckKind },
  why: string,
): ReportEntry {
  return {
    name: check.name,
    kind: check.kind,
    healthy: false,
    attempts: 0,
    lastStatus: why,
    elapsedMs: 0,
    skipped: why,
  }
}

/** The headline: all healthy, or how many are not, and how long it took. */
export function headline(
  entries: readonly ReportEntry[],
  elapsedMs: number,
): string {
  const bad = entries.filter((e) => !e.healthy && e.skipped === undefined)
  const took = formatDuration(elapsedMs)
  if (entries.length > 0 && entries.every((e) => e.healthy)) {
    return `verify-health: all ${count(entries.length)} healthy in ${took}.`
  }
  const skipped = entries.length - bad.length - healthyCount(entries)
  const parts = [`${bad.length} of ${count(entries.length)} unhealthy`]
  if (skipped > 0) parts.push(`${skipped} not checked`)
  return `verify-health: ${parts.join(', ')} after ${took}.`
}

/** The step summary: the headline and a row per target. */
export function summaryOf(
  entries: readonly ReportEntry[],
  elapsedMs: number,
): string {
  const rows = entries.map((e) => [
    e.name,
    resultOf(e),
    String(e.attempts),
    e.failure ?? e.lastStatus,
    e.timeToHealthyMs === undefined ? '' : formatDuration(e.timeToHealthyMs),
  ])
  return [
    headline(entries, elapsedMs),
    '',
    table(
      ['Target', 'Result', 'Attempts', 'Last status', 'Time to healthy'],
      rows,
    ),
    '',
  ].join('\n')
}

function resultOf(entry: ReportEntry): string {
  if (entry.healthy) return '✅ healthy'
  if (entry.skipped !== undefined) return '⏭️ not checked'
  return '❌ unhealthy'
}

function healthyCount(entries: readonly ReportEntry[]): number {
  return entries.filter((e) => e.healthy).length
}

function count(n: number): string {
  return n === 1 ? '1 target' : `${n} targets`
}
