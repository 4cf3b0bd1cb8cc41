// What dependency-audit tells people: the step summary with every finding
// (accepted and low ones too), the SARIF run where those carry a
// suppression instead of being dropped, and the one failure message.
import { cell, table } from '../../../lib/runner/index.js'
import type {
  FindingInput,
  SarifRuleInput,
  ToolRunInput,
} from '../../../lib/sarif/index.js'
import type { AssessedFinding, Assessment } from './assess.js'
import { packageLabel, pathText } from './finding.js'
import { securityScore } from './severity.js'
import type { DependencyAuditSettings } from './settings.js'

/** The SARIF tool name and code scanning category of this stage. */
export const SARIF_TOOL = 'cortex-dependency-audit'
export const SARIF_CATEGORY = 'audit'
const TOOL_VERSION = '1.0.0'

/** How the summary and messages name a finding's status. */
export function statusText(a: AssessedFinding): string {
  const until = a.entry?.until
  if (a.status === 'allowed') {
    return until ? `allow-listed until ${until}` : 'allow-listed'
  }
  const expired = a.expired ? ` (allow-list entry expired on ${until})` : ''
  return a.status === 'fails' ? `fails${expired}` : `below threshold${expired}`
}

/** One line for a finding: advisory, severity, package and path. */
export function describeFinding(a: AssessedFinding): string {
  const f = a.finding
  const more = f.unlisted ? ' (and more paths not listed)' : ''
  return `${f.advisory} (${f.severity}) ${f.title}: ${packageLabel(f)} via ${pathText(f)}${more}`
}

/** The allow-list line that would accept a finding. */
export function allowLine(a: AssessedFinding): string {
  return `${a.finding.advisory}|${pathText(a.finding)}`
}

/** The SARIF run: one rule per advisory, one result per finding. */
export function sarifRun(
  assessment: Assessment,
  settings: DependencyAuditSettings,
): ToolRunInput {
  const rules = new Map<string, SarifRuleInput>()
  for (const { finding: f } of assessment.findings) {
    if (rules.has(f.advisory)) continue
    rules.set(f.advisory, {
      id: f.advisory,
      description: f.title,
      help: `${f.title} in ${f.packageName}${f.range ? ` ${f.range}` : ''}.${f.url ? ` See ${f.url}.` : ''}`,
      ...(f.url ? { helpUri: f.url } : {}),
      level: 'error',
      securitySeverity: securityScore(f.severity, f.cvss),
      tags: ['security', 'dependency', f.severity],
    })
  }
  const findings = assessment.findings.map((a): FindingInput => ({
    ruleId: a.finding.advisory,
    level: a.status === 'fails' ? 'error' : 'note',
    message: `${describeFinding(a)}: ${statusText(a)}`,
    path: settings.lockFile,
    line: a.finding.line,
    identity: [a.finding.advisory, pathText(a.finding)],
    properties: {
      package: packageLabel(a.finding),
      path: pathText(a.finding),
      severity: a.finding.severity,
      status: a.status,
    },
    ...(a.status === 'fails'
      ? {}
      : {
          suppression: {
            kind: 'external' as const,
            justification:
              a.status === 'allowed'
                ? `${statusText(a)}: ${a.entry?.text ?? ''}`
                : `below the fail-on threshold (${settings.failOn})`,
          },
        }),
  }))
  return {
    tool: SARIF_TOOL,
    version: TOOL_VERSION,
    category: SARIF_CATEGORY,
    rules: [...rules.values()],
    findings,
  }
}

/** The step summary: the counts, every finding, the lines to allow. */
export function summaryMarkdown(
  assessment: Assessment,
  settings: DependencyAuditSettings,
): string {
  const all = assessment.findings
  const count = (status: AssessedFinding['status']): number =>
    all.filter((a) => a.status === status).length
  const failing = assessment.failing.length
  const source = settings.auditFile
    ? `${settings.format} audit report \`${cell(settings.auditFile)}\``
    : `npm audit of \`${cell(settings.lockFile)}\``
  const scope = settings.includeDev ? 'all dependencies' : 'production'
  const lines = [
    '### Dependency audit',
    '',
    `${source} (${scope}), fail-on ${settings.failOn}: ${all.length} finding${all.length === 1 ? '' : 's'}; ${failing ? `**${failing} failing**` : 'none failing'}, ${count('allowed')} allow-listed, ${count('below-threshold')} below the threshold${settings.warnOnly && failing ? ' (warn-only: the step passes)' : ''}.`,
  ]
  if (all.length > 0) {
    lines.push(
      '',
      table(
        ['Status', 'Severity', 'Advisory', 'Package', 'Path'],
        all.map((a) => [
          statusText(a),
          a.finding.severity,
          `${a.finding.advisory} ${a.finding.title}`,
          packageLabel(a.finding),
          `${pathText(a.finding)}${a.finding.unlisted ? ' (more paths)' : ''}`,
        ]),
      ),
    )
  }
  const acceptable = assessment.failing.filter((a) => !a.finding.unlisted)
  if (acceptable.length > 0) {
    lines.push(
      '',
      'To accept a failing finding for a while, after reading its advisory, add its line to `allow` with a date:',
      '',
      '```',
      ...acceptable.map((a) => `${allowLine(a)} until: YYYY-MM-DD`),
      '```',
    )
  }
  return `${lines.join('\n')}\n`
}

/** The error the step fails with: the count and the first findings. */
export function failureMessage(
  assessment: Assessment,
  settings: DependencyAuditSettings,
): string {
  const failing = assessment.failing
  const shown = failing.slice(0, 10)
  const more = failing.length - shown.length
  return [
    `${failing.length} finding${failing.length === 1 ? '' : 's'} at or above ${settings.failOn}:`,
    ...shown.map(
      (a) =>
        `  ${describeFinding(a)}${a.expired ? `: allow-list entry ${a.entry?.text ?? ''} expired on ${a.entry?.until ?? ''}` : ''}`,
    ),
    ...(more > 0 ? [`  … and ${more} more: see the step summary`] : []),
  ].join('\n')
}
