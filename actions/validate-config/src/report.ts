// What the reader sees of the findings: rule levels applied, paths made
// relative to the repository, a SARIF log for code scanning (category
// `config`) and a step summary table.
import { posix, relative, sep } from 'node:path'
import type { SarifLevel, SarifLog } from '../../../lib/sarif/index.js'
import { MAX_RESULTS_PER_RUN, sarifLog } from '../../../lib/sarif/index.js'
import { table } from '../../../lib/runner/index.js'
import type { Finding } from './findings.js'
import type { RuleLevels } from './rules.js'
import { RULES, RULE_IDS } from './rules.js'

/** A finding of a rule that is on, with the level it is reported at. */
export interface Reported extends Finding {
  readonly level: 'warn' | 'error'
  /** Relative to the repository's root, for annotations and SARIF. */
  readonly repoPath: string
}

/** The SARIF tool name of this stage. */
export const TOOL = 'cortex-validate-config'
/** The code-scanning category its runs are filed under. */
export const CATEGORY = 'config'

/** The findings of rules that are on, with repository-relative paths. */
export function applyLevels(
  findings: readonly Finding[],
  levels: RuleLevels,
  where: { root: string; workspace: string },
): Reported[] {
  const prefix = relative(where.workspace, where.root).split(sep).join('/')
  const inside = prefix === '' || !prefix.startsWith('..')
  return findings.flatMap((finding) => {
    const level = levels[finding.rule]
    if (level === 'off') return []
    const repoPath = inside ? posix.join(prefix, finding.file) : finding.file
    return [{ ...finding, level, repoPath }]
  })
}

function sarifLevel(level: 'warn' | 'error'): SarifLevel {
  return level === 'error' ? 'error' : 'warning'
}

/**
 * The SARIF log of the reported findings, errors first and no more than
 * code scanning takes; rules that are off are not listed.
 */
export function sarifFor(
  reported: readonly Reported[],
  levels: RuleLevels,
  version: string,
): SarifLog {
  const on = RULE_IDS.filter((id) => levels[id] !== 'off')
  return sarifLog([
    {
      tool: TOOL,
      version,
      category: CATEGORY,
      rules: on.map((id) => ({
        id,
        description: RULES[id].description,
        level: sarifLevel(levels[id] === 'error' ? 'error' : 'warn'),
        tags: ['configuration'],
      })),
      findings: [...reported]
        .sort((a, b) =>
          a.level === b.level ? 0 : a.level === 'error' ? -1 : 1,
        )
        .slice(0, MAX_RESULTS_PER_RUN)
        .map((r) => ({
          ruleId: r.rule,
          level: sarifLevel(r.level),
          message: r.message,
          path: r.repoPath,
          line: r.line,
          column: r.column,
          // Not the line: a finding keeps its alert when lines above it move.
          identity: [r.rule, r.repoPath, r.message],
        })),
    },
  ])
}

/** Errors and warnings reported. */
export function counts(reported: readonly Reported[]): {
  errors: number
  warnings: number
} {
  const errors = reported.filter((r) => r.level === 'error').length
  return { errors, warnings: reported.length - errors }
}

/** Rows the summary shows at most; the SARIF file and annotations have all. */
export const SUMMARY_ROWS = 200

/** The step summary: the counts, then a table of findings. */
export function summaryFor(
  reported: readonly Reported[],
  fileCount: number,
  warnOnly: boolean,
): string {
  const { errors, warnings } = counts(reported)
  const files = `${fileCount} YAML file${fileCount === 1 ? '' : 's'}`
  const head = `## validate-config\n\n${files} checked: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${warnOnly && errors > 0 ? ' (warn-only: the step does not fail)' : ''}.`
  if (reported.length === 0) return `${head}\n`
  const rows = reported
    .slice(0, SUMMARY_ROWS)
    .map((r) => [
      r.level,
      r.rule,
      `${r.repoPath}:${r.line}:${r.column}`,
      r.message,
    ])
  const more =
    reported.length > SUMMARY_ROWS
      ? `\n\n… and ${reported.length - SUMMARY_ROWS} more in the SARIF file and the annotations.`
      : ''
  return `${head}\n\n${table(['level', 'rule', 'where', 'finding'], rows)}${more}\n`
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`
}
