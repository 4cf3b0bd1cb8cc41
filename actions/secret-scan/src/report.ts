// What a person and code scanning see of a scan: a step summary (a table
// of findings, those only in history marked as such), the findings worth
// an annotation, and the SARIF run. Everything here is already redacted.
import { cell, table } from '../../../lib/runner/index.js'
import type { FindingInput, ToolRunInput } from '../../../lib/sarif/index.js'
import { GENERIC_RULE } from './rules/generic-rule.js'
import { PROVIDER_RULES } from './rules/provider-rules.js'
import type { Finding, ScanReport } from './scan.js'

/** The tool's name in SARIF and in code scanning. */
export const TOOL_NAME = 'cortex-secret-scan'
/** The rules' version, in SARIF: a rule change is a version change. */
export const TOOL_VERSION = '1.0.0'
/** Rows the summary table shows at most. */
export const SUMMARY_ROWS = 100
/** Annotations a run writes at most; GitHub shows few more per step. */
export const ANNOTATION_LIMIT = 50

const RULES = [...PROVIDER_RULES, GENERIC_RULE]

/** The help every rule shares, in SARIF: what to do about a leak. */
const HELP =
  'Treat the secret as leaked: revoke or rotate it at its provider first, then remove it from the code (and, if needed, from history). A false positive can be allowed with a `cortex-secret-scan:allow` (or `gitleaks:allow`) comment on the line, a path or fingerprint in the ignore file, or the baseline.'

/** Findings that count: new ones, in the tree or only in history. */
export function newFindings(report: ScanReport): Finding[] {
  return report.findings.filter((f) => f.status === 'new')
}

/** The findings worth an annotation: new and present in the tree. */
export function annotated(report: ScanReport): Finding[] {
  return newFindings(report)
    .filter((f) => f.inTree)
    .slice(0, ANNOTATION_LIMIT)
}

/** A finding in one line of text, as logs and annotations show it. */
export function describe(finding: Finding): string {
  // Only the generic rule names a key: the key says more than the rule.
  const what =
    finding.key === undefined
      ? finding.rule.description
      : `Secret-looking value assigned to ${finding.key}`
  return `${what}: ${finding.redacted}`
}

/** The SARIF run: the findings in the tree, suppressed ones included. */
export function sarifRun(report: ScanReport): ToolRunInput {
  const findings: FindingInput[] = report.findings
    .filter((f) => f.inTree)
    .map((f) => ({
      ruleId: f.rule.id,
      message: `${describe(f)} (${f.path}:${f.line})`,
      path: f.path,
      line: f.line,
      column: f.column,
      snippet: f.snippet,
      fingerprint: f.fingerprint,
      ...(f.status === 'new'
        ? {}
        : {
            suppression: {
              kind: f.status === 'allowed' ? 'inSource' : 'external',
              justification: f.reason ?? f.status,
            } as const,
          }),
    }))
  return {
    tool: TOOL_NAME,
    version: TOOL_VERSION,
    category: 'secret-scan',
    rules: RULES.map((rule) => ({
      id: rule.id,
      name: rule.description,
      description: rule.description,
      help: HELP,
      level: 'error' as const,
      securitySeverity: rule.severity,
      tags: ['security', 'secret'],
    })),
    findings,
  }
}

/** The step summary. */
export function summaryMarkdown(report: ScanReport, failing: boolean): string {
  const lines = ['## Secret scan', '']
  if (report.plan.kind === 'empty') {
    lines.push(`Nothing to scan: ${report.plan.description}.`)
    return lines.join('\n')
  }
  const { coverage } = report
  const mb = (coverage.bytes / 1024 / 1024).toFixed(1)
  const read = report.plan.kind === 'tree' ? 'files' : 'changed files'
  lines.push(
    `Scanned ${report.plan.description}: ${coverage.files} ${read}, ${mb} MB.`,
  )
  const fresh = newFindings(report)
  const history = fresh.filter((f) => !f.inTree).length
  const counts = (['baseline', 'allowed', 'ignored'] as const)
    .map(
      (status) =>
        [
          status,
          report.findings.filter((f) => f.status === status).length,
        ] as const,
    )
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`)
  const verdict =
    fresh.length === 0
      ? 'No new secrets.'
      : `**${fresh.length} new secret${fresh.length === 1 ? '' : 's'}**${history > 0 ? ` (${history} only in history)` : ''}${failing ? '' : ', reported as warnings'}.`
  lines.push('', [verdict, ...counts.map((c) => `${c}.`)].join(' '))
  const shown = [...report.findings].sort(byStatus).slice(0, SUMMARY_ROWS)
  if (shown.length > 0) {
    lines.push('', table(['rule', 'where', 'secret', 'status'], shown.map(row)))
    if (report.findings.length > shown.length) {
      lines.push(
        '',
        `… and ${report.findings.length - shown.length} more: see the SARIF log.`,
      )
    }
  }
  if (history > 0) {
    lines.push(
      '',
      'A secret only in history is gone from the tree but not from git: anyone with the repository can read it, so rotate it.',
    )
  }
  const skipped = skippedLines(report)
  if (skipped.length > 0) lines.push('', ...skipped)
  return lines.join('\n')
}

function row(finding: Finding): string[] {
  const commit =
    finding.commit === undefined ? '' : ` in ${finding.commit.slice(0, 7)}`
  const history = finding.inTree ? '' : ' (only in history)'
  const where = `${code(`${finding.path}:${finding.line}`)}${commit}${history}`
  const status =
    finding.reason === undefined
      ? finding.status
      : `${finding.status}: ${finding.reason}`
  return [finding.rule.description, where, code(finding.redacted), status]
}

/** A Markdown code span, safe for any text without a line break. */
function code(text: string): string {
  const fence = text.includes('`') ? '``' : '`'
  return `${fence}${text}${fence}`
}

const ORDER = ['new', 'baseline', 'allowed', 'ignored']

function byStatus(a: Finding, b: Finding): number {
  return (
    ORDER.indexOf(a.status) - ORDER.indexOf(b.status) ||
    a.path.localeCompare(b.path) ||
    a.line - b.line
  )
}

function skippedLines(report: ScanReport): string[] {
  const { skipped } = report.coverage
  const lines: string[] = []
  if (skipped.binary > 0) lines.push(`Skipped ${skipped.binary} binary files.`)
  if (skipped.large.length > 0) {
    const names = skipped.large
      .slice(0, 20)
      .map(
        (l) => `\`${cell(l.path)}\` (${(l.bytes / 1024 / 1024).toFixed(1)} MB)`,
      )
    const more =
      skipped.large.length > 20 ? `, and ${skipped.large.length - 20} more` : ''
    lines.push(`Skipped over the size limit: ${names.join(', ')}${more}.`)
  }
  return lines
}
