// The core: every enabled check on every pull request to check, all
// findings collected so one run lists them all. It reads neither inputs nor
// the environment; the files are fetched only when the added-lines check
// runs, so the other checks need neither the code nor its diff.
import type { Logger } from '../../../lib/runner/index.js'
import { lintAddedLines } from './added-lines-check.js'
import type { AddedLineSettings } from './added-lines-check.js'
import { lintBranch } from './branch-check.js'
import type { BranchSettings } from './branch-check.js'
import { explainsBreak, lintDescription } from './description-check.js'
import type { DescriptionSettings } from './description-check.js'
import type { CheckName, Finding } from './findings.js'
import { pullName } from './pull-request.js'
import type { LintTarget, PullRequest } from './pull-request.js'
import { lintTitle } from './title-check.js'
import type { TitleSettings } from './title-check.js'

/** The rules of every check, and which checks run. */
export interface LintRules {
  readonly checks: ReadonlySet<CheckName>
  readonly title: TitleSettings
  readonly description: DescriptionSettings
  readonly branch: BranchSettings
  readonly addedLines: AddedLineSettings
}

/** What the checks said about one pull request. */
export interface PullReport {
  pull: PullRequest
  findings: Finding[]
  /** Why the title is pending, when it is a work in progress. */
  pending?: string
  type?: string
  scopes: string[]
  /** A `!` title, a breaking-change paragraph or a breaking label. */
  breaking: boolean
  /** Checks that did not run, each with the reason. */
  skipped: string[]
  /** Code files whose added lines were read; undefined when not checked. */
  checkedFiles?: number
  /** Code files that could not be read, or a note on unlisted files. */
  unchecked: string[]
}

/** Passed, failed, or pending on a work-in-progress title only. */
export type LintStatus = 'passed' | 'failed' | 'pending'

/** The whole run's answer. */
export interface LintReport {
  pulls: PullReport[]
  findings: Finding[]
  status: LintStatus
}

/** Runs the checks on every target and gathers what they found. */
export async function lintPulls(
  targets: readonly LintTarget[],
  rules: LintRules,
  logger: Logger,
): Promise<LintReport> {
  const pulls: PullReport[] = []
  for (const target of targets) {
    const name = pullName(target.pull)
    pulls.push(await logger.group(`Check ${name}`, () => lintOne(target)))
  }
  const findings = pulls.flatMap((p) => p.findings)
  const pending = pulls.some((p) => p.pending !== undefined)
  const status: LintStatus =
    findings.length > 0 ? 'failed' : pending ? 'pending' : 'passed'
  return { pulls, findings, status }

  async function lintOne(target: LintTarget): Promise<PullReport> {
    const { pull } = target
    const on = (check: CheckName): boolean => rules.checks.has(check)
    const title = lintTitle(pull.title, rules.title)
    const report: PullReport = {
      pull,
      findings: on('title') ? title.findings : [],
      ...(on('title') && title.pending && { pending: title.pending }),
      ...(title.type !== undefined && { type: title.type }),
      scopes: title.scopes,
      breaking: title.breaking,
      skipped: [],
      unchecked: [],
    }
    if (on('description')) {
      report.findings.push(
        ...lintDescription(pull, title.breaking, rules.description),
      )
    }
    report.breaking ||= hasBreakingSign(pull, rules.description)
    if (on('branch')) checkBranch(pull, report)
    if (on('added-lines')) await checkAddedLines(target, report)
    if (pull.number !== undefined) {
      for (const finding of report.findings) finding.pull = pull.number
    }
    for (const f of report.findings) {
      const where = f.file === undefined ? '' : ` (${f.file}:${f.line ?? 0})`
      logger.info(`✗ ${f.check}: ${f.message}${where}`)
    }
    if (report.pending) logger.info(`… title: ${report.pending}`)
    if (report.findings.length === 0) logger.info('✓ no findings')
    return report
  }

  function checkBranch(pull: PullRequest, report: PullReport): void {
    if (rules.branch.pattern === undefined) {
      report.skipped.push('branch: no branch-pattern is set')
    } else if (pull.headRef === '') {
      report.skipped.push('branch: HEAD is detached, so there is no branch')
    } else {
      logger.info(`branch: ${pull.headRef}`)
      report.findings.push(...lintBranch(pull.headRef, rules.branch))
    }
  }

  async function checkAddedLines(
    target: LintTarget,
    report: PullReport,
  ): Promise<void> {
    const list = await target.files()
    const outcome = lintAddedLines(list.files, rules.addedLines)
    logger.info(
      `added lines: ${list.files.length} changed files, ${outcome.checked} code files read`,
    )
    report.findings.push(...outcome.findings)
    report.checkedFiles = outcome.checked
    report.unchecked.push(...outcome.unchecked)
    if (outcome.unchecked.length > 0) {
      logger.warning(
        `${outcome.unchecked.length} changed code files came without a patch (too large or binary), so their added lines were not checked: ${outcome.unchecked.join(', ')}`,
        'Files not checked',
      )
    }
    if (list.unlisted > 0) {
      const note = `${list.unlisted} more changed files that GitHub does not list (it lists at most 3000)`
      report.unchecked.push(note)
      logger.warning(`${note} were not checked`, 'Files not checked')
    }
  }
}

/** Whether a breaking label or a breaking-change paragraph marks the pull. */
function hasBreakingSign(
  pull: PullRequest,
  description: DescriptionSettings,
): boolean {
  const labels = new Set(description.breakingLabels.map((l) => l.toLowerCase()))
  const labelled = pull.labels.some((l) => labels.has(l.toLowerCase()))
  return labelled || explainsBreak(pull.body)
}
