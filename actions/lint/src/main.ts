import * as core from '@actions/core'
import { Git } from '../../../lib/git/index.js'
import { createGitHubClient } from '../../../lib/github/index.js'
import type { OutputValue } from '../../../lib/runner/index.js'
import {
  coreLogger,
  runStage,
  setOutputs,
  writeSummary,
} from '../../../lib/runner/index.js'
import type { CheckName, Finding } from './findings.js'
import { githubTargets, octokitPullApi } from './github-source.js'
import type { PullApi } from './github-source.js'
import type { LintReport } from './lint.js'
import { lintPulls } from './lint.js'
import { localTarget } from './local-source.js'
import type { LintTarget } from './pull-request.js'
import type { FailOn, LintSettings } from './settings.js'
import { readSettings } from './settings.js'
import { renderSummary } from './summary.js'
import type { LintTrigger } from './trigger.js'
import { readTrigger } from './trigger.js'

/** The lint stage's entry: inputs → checks → annotations, outputs, summary. */
export async function run(): Promise<void> {
  await runStage(async () => {
    const env = process.env
    const settings = readSettings({
      ...(env['GITHUB_API_URL'] ? { apiUrl: env['GITHUB_API_URL'] } : {}),
      ...(env['GITHUB_WORKSPACE']
        ? { workspace: env['GITHUB_WORKSPACE'] }
        : {}),
    })
    // GITHUB_REF is never read: on a pull request it is refs/pull/<n>/merge.
    const trigger = readTrigger({
      ...(env['GITHUB_EVENT_NAME'] && { eventName: env['GITHUB_EVENT_NAME'] }),
      ...(env['GITHUB_EVENT_PATH'] && { eventPath: env['GITHUB_EVENT_PATH'] }),
      ...(env['GITHUB_REPOSITORY'] && { repository: env['GITHUB_REPOSITORY'] }),
    })
    const targets = await targetsFor(trigger, settings)
    const report = await lintPulls(targets, settings.rules, coreLogger)
    annotate(report.findings, settings.failOn)
    for (const pull of report.pulls) {
      if (pull.pending) coreLogger.notice(pull.pending, 'Pull request pending')
    }
    setOutputs(lintOutputs(report), coreLogger)
    writeSummary(renderSummary(report))
    if (report.status === 'failed' && settings.failOn === 'error') {
      const count = report.findings.length
      throw new Error(
        `lint found ${count} problem${count === 1 ? '' : 's'}; see the annotations and the step summary`,
      )
    }
  })
}

async function targetsFor(
  trigger: LintTrigger,
  settings: LintSettings,
): Promise<LintTarget[]> {
  if (trigger.kind === 'local') {
    coreLogger.info(
      `no GITHUB_EVENT_NAME: checking the local branch against ${settings.local.baseRef}`,
    )
    const git = new Git(settings.workingDirectory)
    return [await localTarget(settings.local, git, coreLogger)]
  }
  return githubTargets(
    trigger,
    apiFor(trigger.repository, settings),
    coreLogger,
  )
}

function apiFor(
  repository: string,
  settings: LintSettings,
): PullApi | undefined {
  if (settings.token === undefined) return undefined
  const octokit = createGitHubClient({
    token: settings.token,
    apiUrl: settings.apiUrl,
    logger: coreLogger,
  })
  return octokitPullApi(octokit, repository, settings.token)
}

const CHECK_TITLES: Record<CheckName, string> = {
  title: 'Pull request title',
  description: 'Pull request description',
  branch: 'Branch name',
  'added-lines': 'Added line',
}

/** Each finding as an annotation: on its file and line for an added line. */
function annotate(findings: readonly Finding[], failOn: FailOn): void {
  for (const finding of findings) {
    const text =
      finding.hint === undefined
        ? finding.message
        : `${finding.message}. Fix: ${finding.hint}`
    const pull = finding.pull === undefined ? '' : ` of #${finding.pull}`
    const properties: core.AnnotationProperties = {
      // The runner escapes `:` and `,` in a title, so it has none.
      title: `${CHECK_TITLES[finding.check]}${pull}`,
      ...(finding.file !== undefined && { file: finding.file }),
      ...(finding.line !== undefined && { startLine: finding.line }),
    }
    if (failOn === 'error') core.error(text, properties)
    else core.warning(text, properties)
  }
}

/** The outputs, named as action.yml declares them. */
export function lintOutputs(report: LintReport): Record<string, OutputValue> {
  const first = report.pulls[0]
  return {
    passed: report.status === 'passed',
    status: report.status,
    type: first?.type ?? '',
    scope: first?.scopes.join(',') ?? '',
    breaking: report.pulls.some((p) => p.breaking),
    findings: report.findings,
    'unchecked-files': report.pulls.flatMap((p) => p.unchecked),
  }
}
