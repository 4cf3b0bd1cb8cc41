// The Markdown table: totals, the baseline and delta, changed lines, the
// gate, then a row a file (the changed files on a pull request, else all).
// The `markdown` output is embedded by pr-summary in a comment GitHub caps
// at 65 536 characters, so it is cut to a limit by dropping file rows first,
// saying how many; the job summary gets every row.
import { cell, table } from '../../../lib/runner/index.js'
import type { ChangedFile } from './changed-lines.js'
import type { CoverageResult } from './coverage.js'
import type { Counts } from './file-coverage.js'
import type { Totals } from './totals.js'
import { METRICS, formatDelta, percent, showPercent } from './totals.js'

/** The most characters of the `markdown` output, leaving pr-summary room. */
export const MARKDOWN_LIMIT = 60_000

/** The table as Markdown, at most `limit` characters of it. */
export function renderMarkdown(
  result: CoverageResult,
  limit = Number.POSITIVE_INFINITY,
): string {
  const head = [
    '### Coverage',
    '',
    totalsTable(result),
    '',
    ...gateLines(result),
  ].join('\n')
  const { header, rows, title } = fileTable(result)
  if (rows.length === 0) return head
  const top = [head, '', title, '', table(header, [])].join('\n')
  const lines = rows.map(rowLine)
  const length = lines.reduce((sum, line) => sum + 1 + line.length, 0)
  if (top.length + length <= limit) return [top, ...lines].join('\n')
  // File rows go first, from the end, until the rest and the note fit.
  const room = limit - top.length - 2 - omitted(rows.length, limit).length
  let used = 0
  let kept = 0
  while (kept < lines.length && used + 1 + (lines[kept]?.length ?? 0) <= room) {
    used += 1 + (lines[kept]?.length ?? 0)
    kept += 1
  }
  const note = omitted(rows.length - kept, limit)
  if (kept === 0) return [head, '', note].join('\n')
  return [top, ...lines.slice(0, kept), '', note].join('\n')
}

/** One table row, written as lib/runner's `table` writes it. */
function rowLine(row: readonly string[]): string {
  return `| ${row.map(cell).join(' | ')} |`
}

function omitted(count: number, limit: number): string {
  return `_${count} file row(s) omitted to keep this under ${limit.toLocaleString('en-US')} characters; the job summary has every file._`
}

function totalsTable(result: CoverageResult): string {
  const rows: string[][] = [
    ['total', ...METRICS.map((m) => counted(result.totals[m]))],
  ]
  const restored = result.baseline.restored
  if (restored) {
    rows.push([
      `base (${restored.branch} ${restored.sha.slice(0, 7)})`,
      ...METRICS.map((m) => showPercent(percent(restored.totals[m]))),
    ])
    rows.push(['delta', ...METRICS.map((m) => formatDelta(result.delta?.[m]))])
  }
  if (result.changed) {
    rows.push(['changed lines', counted(result.changed.counts), '', ''])
  }
  return table(['', ...METRICS], rows)
}

function gateLines(result: CoverageResult): string[] {
  const { gate } = result
  const lines = [gate.passed ? '**Gate: passed**' : '**Gate: failed**']
  // The gate's lines are the stage's own words, numbers and input names.
  for (const failure of gate.failures) lines.push(`- ❌ ${failure}`)
  for (const pass of gate.passes) lines.push(`- ✅ ${pass}`)
  for (const note of gate.notes) lines.push(`- ℹ️ ${note}`)
  if (result.baseline.saved) {
    lines.push('', `Saved as the baseline \`${result.baseline.saved}\`.`)
  }
  return lines
}

function fileTable(result: CoverageResult): {
  header: string[]
  rows: string[][]
  title: string
} {
  const byPath = new Map(result.files.map((row) => [row.path, row.totals]))
  if (result.changed) {
    return {
      title: '#### Changed files',
      header: ['file', ...METRICS, 'changed lines'],
      rows: result.changed.files.map((file) =>
        changedRow(file, byPath.get(file.path)),
      ),
    }
  }
  return {
    title: '#### Files',
    header: ['file', ...METRICS],
    rows: result.files.map((row) => [row.path, ...metricCells(row.totals)]),
  }
}

function changedRow(file: ChangedFile, totals: Totals | undefined): string[] {
  if (totals === undefined) {
    return [file.path, 'not in the reports', '', '', '']
  }
  const changed =
    file.detail === 'lines' ? counted(file.changed) : 'no per-line data'
  return [file.path, ...metricCells(totals), changed]
}

function metricCells(totals: Totals): string[] {
  return METRICS.map((metric) => showPercent(percent(totals[metric])))
}

/** `66.67 % (2/3)`, or `n/a` for 0 of 0. */
function counted(counts: Counts): string {
  const value = percent(counts)
  if (value === undefined) return 'n/a'
  return `${showPercent(value)} (${counts.covered}/${counts.total})`
}
