// Builds a SARIF 2.1.0 log that GitHub code scanning accepts: one run per
// tool, rules listed once, repository-relative URIs, fingerprints that are
// hashes (never a secret), suppressed findings kept with their suppression.
import { createHash } from 'node:crypto'
import { isAbsolute, relative, sep } from 'node:path'
import type { FindingInput, SarifRuleInput, ToolRunInput } from './types.js'

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

/**
 * `path` as a repository-relative POSIX URI. Absolute paths must lie in
 * `workspace`; a path outside it is an Error, since code scanning could not
 * show it.
 */
export function repoUri(path: string, workspace?: string): string {
  let rel = path
  if (isAbsolute(path)) {
    if (workspace === undefined) {
      throw new Error(`absolute path ${path} without a workspace`)
    }
    rel = relative(workspace, path)
    if (rel.startsWith('..') || isAbsolute(rel)) {
      throw new Error(`${path} is outside the workspace ${workspace}`)
    }
  }
  const posix = rel.split(sep).join('/').replace(/\\/g, '/')
  return posix
    .replace(/^(\.\/)+/, '')
    .split('/')
    .map((part) => encodeURIComponent(part))
    .join('/')
}

/** The SARIF log for these runs; absolute paths are made relative to `workspace`. */
export function sarifLog(
  runs: readonly ToolRunInput[],
  options: { workspace?: string } = {},
): SarifLog {
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: runs.map((run) => toRun(run, options.workspace)),
  }
}

function toRun(
  run: ToolRunInput,
  workspace: string | undefined,
): Record<string, unknown> {
  const index = new Map(run.rules.map((r, i) => [r.id, i]))
  for (const finding of run.findings) {
    if (!index.has(finding.ruleId)) {
      throw new Error(
        `finding of unknown rule ${finding.ruleId} in ${run.tool}`,
      )
    }
  }
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
    results: run.findings.map((f) =>
      toResult(f, index.get(f.ruleId) ?? 0, run.rules, workspace),
    ),
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
  const region: Record<string, unknown> = {
    startLine: Math.max(1, finding.line ?? 1),
  }
  if (finding.column !== undefined) region['startColumn'] = finding.column
  if (finding.endLine !== undefined) region['endLine'] = finding.endLine
  if (finding.endColumn !== undefined) region['endColumn'] = finding.endColumn
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
      'cortexFindingHash/v1': fingerprint(finding.identity),
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
