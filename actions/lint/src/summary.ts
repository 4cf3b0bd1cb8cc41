// The step summary: one line per pull request checked, a table of every
// finding, and the files that could not be read.
import { cell, table } from '../../../lib/runner/index.js'
import type { Finding } from './findings.js'
import type { LintReport, PullReport } from './lint.js'
import { pullName } from './pull-request.js'

/** Rows shown before the table says how many more there are. */
export const MAX_ROWS = 200

/** Names of unread files shown before the list says how many more. */
const MAX_NAMES = 50

/** The summary of a run, in Markdown. */
export function renderSummary(report: LintReport): string {
  const parts = [
    `### lint: ${headline(report)}`,
    report.pulls.map(line).join('\n'),
  ]
  if (report.findings.length > 0) {
    const several = report.pulls.length > 1
    const header = [
      ...(several ? ['pull request'] : []),
      'check',
      'where',
      'problem',
      'how to fix',
    ]
    const rows = report.findings
      .slice(0, MAX_ROWS)
      .map((f) => [
        ...(several ? [f.pull === undefined ? '' : `#${f.pull}`] : []),
        f.check,
        where(f),
        f.message,
        f.hint ?? '',
      ])
    parts.push(table(header, rows))
    const more = report.findings.length - MAX_ROWS
    if (more > 0) parts.push(`… and ${more} more findings: see the job log.`)
  }
  for (const pull of report.pulls) {
    if (pull.unchecked.length === 0) continue
    const names = pull.unchecked
      .slice(0, MAX_NAMES)
      .map((n) => `\`${cell(n)}\``)
    const more = pull.unchecked.length - MAX_NAMES
    parts.push(
      `Not checked in ${cell(pullName(pull.pull))}: GitHub sent no patch (the file is too large or binary) for ${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}.`,
    )
  }
  return `${parts.join('\n\n')}\n`
}

function headline(report: LintReport): string {
  const count = report.findings.length
  if (report.status === 'failed') {
    return `${count} problem${count === 1 ? '' : 's'} found`
  }
  return report.status === 'pending' ? 'pending' : 'every check passed'
}

function line(pull: PullReport): string {
  const verdict =
    pull.findings.length > 0
      ? `✗ ${pull.findings.length} problem${pull.findings.length === 1 ? '' : 's'}`
      : pull.pending
        ? `⏳ ${pull.pending}`
        : '✓ passed'
  const notes = [
    pull.checkedFiles === undefined
      ? undefined
      : `${pull.checkedFiles} code file${pull.checkedFiles === 1 ? '' : 's'} read`,
    ...pull.skipped.map((s) => `skipped ${s}`),
  ].filter((n) => n !== undefined)
  const extra = notes.length > 0 ? ` (${notes.join('; ')})` : ''
  return `- ${cell(pullName(pull.pull))}: ${verdict}${cell(extra)}`
}

function where(finding: Finding): string {
  if (finding.file === undefined) return ''
  return finding.line === undefined
    ? finding.file
    : `${finding.file}:${finding.line}`
}
