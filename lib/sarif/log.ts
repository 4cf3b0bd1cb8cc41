// Builds a SARIF 2.1.0 log that GitHub code scanning accepts: one run per
// tool, rules listed once, repository-relative URIs, fingerprints that are
// hashes (never a secret), suppressed findings kept with their suppression.
import { createHash } from 'node:crypto'
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import type { FindingInput, SarifRuleInput, ToolRunInput } from './types.js'
import { repoUri } from './uri.js'

export { repoUri }

/** The schema URI every log names. */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json'

/** A SARIF log, as JSON-ready data. */
export type SarifLog = {
  $schema: string
  version: '2.1.0'
  runs: Record<string, unknown>[]
}

/** A stable hash of a finding's identity, for partialFingerprints. */
export function fingerprint(identity: readonly string[]): string {
  const hash = createHash('sha256')
  for (const part of identity) hash.update(`${part.length}:${part}`)
  return hash.digest('hex').slice(0, 32)
}

/** Code scanning refuses a run with more results than this. */
export const MAX_RESULTS_PER_RUN = 25_000

/**
 * The SARIF log for these runs; absolute paths are made relative to
 * `workspace`. Two runs of one tool need distinct categories, since code
 * scanning refuses a second run of a tool in one category.
 */
export function sarifLog(
  runs: readonly ToolRunInput[],
  options: { workspace?: string } = {},
): SarifLog {
  const seen = new Set<string>()
  for (const run of runs) {
    const key = `${run.tool}\u0000${run.category ?? ''}`
    if (seen.has(key)) {
      throw new Error(
        `two runs of ${run.tool} in category ${run.category ?? '(none)'}`,
      )
    }
    seen.add(key)
  }
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: runs.map((run) => toRun(run, options.workspace)),
  }
}

/** Writes the log as JSON, making the file's folder when needed. */
export function writeSarifFile(file: string, log: SarifLog): void {
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, `${JSON.stringify(log, null, 2)}\n`)
}

function toRun(
  run: ToolRunInput,
  workspace: string | undefined,
): Record<string, unknown> {
  const index = new Map<string, number>()
  run.rules.forEach((rule, i) => {
    if (index.has(rule.id)) {
      throw new Error(`rule ${rule.id} listed twice in ${run.tool}`)
    }
    index.set(rule.id, i)
  })
  for (const finding of run.findings) {
    if (!index.has(finding.ruleId)) {
      throw new Error(
        `finding of unknown rule ${finding.ruleId} in ${run.tool}`,
      )
    }
  }
  const { kept, left } = withinLimit(run.findings)
  return {
    tool: {
      driver: {
        name: run.tool,
        semanticVersion: run.version,
        ...(run.informationUri ? { informationUri: run.informationUri } : {}),
        rules: run.rules.map(toRule),
      },
    },
    ...(run.category ? { automationDetails: { id: `${run.category}/` } } : {}),
    invocations: [
      {
        executionSuccessful: true,
        ...(left > 0
          ? {
              toolExecutionNotifications: [
                {
                  level: 'warning',
                  message: {
                    text: `${left} more results left out: code scanning takes at most ${MAX_RESULTS_PER_RUN} a run`,
                  },
                },
              ],
            }
          : {}),
      },
    ],
    results: kept.map((f) =>
      toResult(f, index.get(f.ruleId) ?? 0, run.rules, workspace),
    ),
  }
}

/**
 * At most MAX_RESULTS_PER_RUN findings, those that count (not suppressed)
 * first, each group in the order given.
 */
function withinLimit(findings: readonly FindingInput[]): {
  kept: FindingInput[]
  left: number
} {
  if (findings.length <= MAX_RESULTS_PER_RUN) {
    return { kept: [...findings], left: 0 }
  }
  const ordered = [
    ...findings.filter((f) => f.suppression === undefined),
    ...findings.filter((f) => f.suppression !== undefined),
  ]
  return {
    kept: ordered.slice(0, MAX_RESULTS_PER_RUN),
    left: findings.length - MAX_RESULTS_PER_RUN,
  }
}

function toRule(rule: SarifRuleInput): Record<string, unknown> {
  const properties: Record<string, unknown> = {}
  if (rule.tags?.length) properties['tags'] = rule.tags
  if (rule.securitySeverity !== undefined) {
    properties['security-severity'] = rule.securitySeverity.toFixed(1)
  }
  return {
    id: rule.id,
    ...(rule.name ? { name: rule.name } : {}),
    shortDescription: { text: rule.description },
    fullDescription: { text: rule.description },
    ...(rule.help ? { help: { text: rule.help, markdown: rule.help } } : {}),
    ...(rule.helpUri ? { helpUri: rule.helpUri } : {}),
    defaultConfiguration: { level: rule.level ?? 'warning' },
    ...(Object.keys(properties).length > 0 ? { properties } : {}),
  }
}

function toResult(
  finding: FindingInput,
  ruleIndex: number,
  rules: readonly SarifRuleInput[],
  workspace: string | undefined,
): Record<string, unknown> {
  // SARIF counts lines and columns from 1; 0 or less would fail the schema.
  const startLine = Math.max(1, finding.line ?? 1)
  const region: Record<string, unknown> = { startLine }
  if (finding.column !== undefined) {
    region['startColumn'] = Math.max(1, finding.column)
  }
  if (finding.endLine !== undefined) {
    region['endLine'] = Math.max(startLine, finding.endLine)
  }
  if (finding.endColumn !== undefined) {
    region['endColumn'] = Math.max(1, finding.endColumn)
  }
  if (finding.snippet !== undefined) {
    region['snippet'] = { text: finding.snippet }
  }
  return {
    ruleId: finding.ruleId,
    ruleIndex,
    level: finding.level ?? rules[ruleIndex]?.level ?? 'warning',
    message: { text: finding.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: repoUri(finding.path, workspace) },
          region,
        },
      },
    ],
    partialFingerprints: {
      'cortexFindingHash/v1': fingerprintOf(finding),
    },
    ...(finding.suppression
      ? {
          suppressions: [
            {
              kind: finding.suppression.kind,
              justification: finding.suppression.justification,
            },
          ],
        }
      : {}),
    ...(finding.properties ? { properties: finding.properties } : {}),
  }
}

function fingerprintOf(finding: FindingInput): string {
  if (finding.fingerprint !== undefined) return finding.fingerprint
  if (finding.identity === undefined) {
    throw new Error(
      `finding of ${finding.ruleId} at ${finding.path} has neither an identity nor a fingerprint`,
    )
  }
  return fingerprint(finding.identity)
}
