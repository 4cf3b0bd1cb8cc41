// What license-check tells people: the step summary, the SARIF run for
// code scanning (excused packages kept, with a suppression) and the one
// failure message.
import { cell, table } from '../../../lib/runner/index.js'
import type {
  FindingInput,
  SarifRuleInput,
  ToolRunInput,
} from '../../../lib/sarif/index.js'
import { entryText } from '../../../lib/spdx/index.js'
import type { LicenseReport, PackageResult } from './check.js'
import type { LicenseRule } from './judge.js'
import type { LicenseCheckSettings } from './settings.js'

/** The SARIF tool name and code scanning category of this stage. */
export const SARIF_TOOL = 'cortex-license-check'
export const SARIF_CATEGORY = 'licenses'
const TOOL_VERSION = '1.0.0'

/** The short name of each rule, for annotation titles. */
export const RULE_TITLES: Record<LicenseRule, string> = {
  'license/denied': 'Denied license',
  'license/not-allowed': 'License not allowed',
  'license/unknown': 'Unknown license',
  'license/unlicensed': 'UNLICENSED package',
  'license/guessed': 'Guessed license',
}

const RULES: readonly { id: LicenseRule; description: string }[] = [
  {
    id: 'license/denied',
    description: "A package's license is on the deny list",
  },
  {
    id: 'license/not-allowed',
    description: "A package's license is not on the allow list",
  },
  {
    id: 'license/unknown',
    description: "A package's license could not be determined",
  },
  { id: 'license/unlicensed', description: 'A package is marked UNLICENSED' },
  {
    id: 'license/guessed',
    description: "A package's license was guessed from its files",
  },
]

/** The package as a report names it: `d@1.0.0`. */
export function label(result: PackageResult): string {
  return `${result.name}${result.version ? `@${result.version}` : ''}`
}

/** One line for a failing package: `d@1.0.0 (Apache-2.0): denied: …`. */
export function describeViolation(result: PackageResult): string {
  const o = result.outcome
  return `${label(result)} (${o.license}): ${o.message}; via ${result.path}`
}

/** The SARIF run: a result per failing package, excused ones suppressed. */
export function sarifRun(
  report: LicenseReport,
  settings: LicenseCheckSettings,
): ToolRunInput {
  const rules: SarifRuleInput[] = RULES.map(({ id, description }) => ({
    id,
    name: RULE_TITLES[id],
    description,
    level: 'error',
    tags: ['license'],
    help: `${description}. Fix the dependency, change the allow or deny list, or name the package in allow-packages after reading its license.`,
  }))
  const findings = [...report.violations, ...report.excused].map(
    (result): FindingInput => ({
      ruleId: result.outcome.rule ?? 'license/unknown',
      message: `${label(result)} (${result.outcome.license}): ${result.outcome.message}. Path: ${result.path}`,
      path: settings.lockFile,
      line: result.line,
      identity: [
        result.outcome.rule ?? '',
        result.name,
        result.version ?? '',
        result.outcome.license,
      ],
      properties: { package: label(result), path: result.path },
      ...(result.excusedBy === undefined
        ? {}
        : {
            suppression: {
              kind: 'external' as const,
              justification: `allowed by allow-packages entry "${result.excusedBy}"`,
            },
          }),
    }),
  )
  return {
    tool: SARIF_TOOL,
    version: TOOL_VERSION,
    category: SARIF_CATEGORY,
    rules,
    findings,
  }
}

/** The step summary: counts, the policy, then the failing packages. */
export function summaryMarkdown(
  report: LicenseReport,
  settings: LicenseCheckSettings,
): string {
  const scope = settings.includeDev ? 'packages' : 'production packages'
  const verdict =
    report.violations.length === 0
      ? 'no violations'
      : `**${report.violations.length} violation${report.violations.length === 1 ? '' : 's'}**`
  const excused = report.excused.length
    ? `, ${report.excused.length} excused by allow-packages`
    : ''
  const lines = [
    '### License check',
    '',
    `${report.packages.length} ${scope} in \`${cell(settings.lockFile)}\`: ${verdict}${excused}${settings.warnOnly && report.violations.length ? ' (warn-only: the step passes)' : ''}.`,
    '',
    `Allowed: ${listed(settings.allow.map(entryText), 'any license not denied')}. Denied: ${listed(settings.deny.map(entryText), 'none')}.`,
  ]
  if (report.violations.length > 0) {
    lines.push(
      '',
      table(
        ['Package', 'License', 'Problem', 'Path'],
        report.violations.map((r) => [
          label(r),
          r.outcome.license,
          r.outcome.message,
          r.path,
        ]),
      ),
    )
  }
  if (report.excused.length > 0) {
    lines.push(
      '',
      'Excused by `allow-packages`:',
      '',
      table(
        ['Package', 'License', 'Problem', 'Entry'],
        report.excused.map((r) => [
          label(r),
          r.outcome.license,
          r.outcome.message,
          r.excusedBy ?? '',
        ]),
      ),
    )
  }
  const corrected = report.packages.filter((r) => r.outcome.notes.length)
  if (corrected.length > 0) {
    lines.push('', 'Read with a correction:', '')
    for (const r of corrected) {
      lines.push(`- ${cell(label(r))}: ${cell(r.outcome.notes.join('; '))}`)
    }
  }
  return `${lines.join('\n')}\n`
}

/** The error the step fails with: the count and the first violations. */
export function failureMessage(report: LicenseReport): string {
  const shown = report.violations.slice(0, 10).map(describeViolation)
  const more = report.violations.length - shown.length
  return [
    `${report.violations.length} ${report.violations.length === 1 ? 'package breaks' : 'packages break'} the license policy:`,
    ...shown.map((line) => `  ${line}`),
    ...(more > 0 ? [`  … and ${more} more: see the step summary`] : []),
  ].join('\n')
}

function listed(items: readonly string[], none: string): string {
  return items.length === 0
    ? none
    : items.map((item) => `\`${cell(item)}\``).join(', ')
}
