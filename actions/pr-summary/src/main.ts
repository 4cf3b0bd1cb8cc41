import { createGitHubClient } from '../../../lib/github/index.js'
import type { OutputValue } from '../../../lib/runner/index.js'
import {
  coreLogger,
  runStage,
  setOutputs,
  writeSummary,
} from '../../../lib/runner/index.js'
import type { PrSummaryResult } from './pr-summary.js'
import { runPrSummary } from './pr-summary.js'
import type { RunnerContext } from './settings.js'
import { readSettings } from './settings.js'
import { loadSummary, saveSummary, SUMMARY_FORMAT } from './summary-file.js'
import { readPayload, savedTargetOf, targetOf } from './target.js'

/** The pr-summary stage's entry: inputs → core → outputs and summary. */
export async function run(): Promise<void> {
  await runStage(async () => {
    const env = process.env
    const settings = readSettings(runnerContext())
    const event = {
      payload: readPayload(env.GITHUB_EVENT_PATH),
      ...(env.GITHUB_EVENT_NAME ? { eventName: env.GITHUB_EVENT_NAME } : {}),
      ...(env.GITHUB_ACTOR ? { actor: env.GITHUB_ACTOR } : {}),
    }
    const repository = `${settings.owner}/${settings.repo}`
    const saved =
      settings.fromFile === undefined
        ? undefined
        : loadSummary(settings.fromFile, repository)
    const target = saved ? savedTargetOf(event, saved) : targetOf(event)
    const octokit = createGitHubClient({
      token: settings.token,
      apiUrl: settings.apiUrl,
      logger: coreLogger,
      retries: settings.apiRetries,
    })
    const result = await coreLogger.group(
      `Summarise pull request #${target.number} at ${target.headSha}`,
      () =>
        runPrSummary(
          settings,
          target,
          {
            client: { octokit, owner: settings.owner, repo: settings.repo },
            logger: coreLogger,
          },
          saved,
        ),
    )
    saveSummary(settings.summaryFile, {
      format: SUMMARY_FORMAT,
      id: result.id,
      repository,
      pr: result.pr,
      headSha: result.headSha,
      body: result.body,
      full: result.full,
    })
    writeSummary(`${statusLine(result)}\n\n${result.full}`)
    setOutputs(prSummaryOutputs(result, settings.summaryFile), coreLogger)
    // Reported after the summary and outputs, so the rendered summary is
    // not lost with the run.
    if (result.permissionError) throw result.permissionError
  })
}

/** The outputs, named as action.yml declares them. */
export function prSummaryOutputs(
  result: PrSummaryResult,
  summaryFile: string,
): Record<string, OutputValue> {
  return {
    size: result.size,
    labels: result.labels,
    'comment-id': result.comment ? String(result.comment.id) : '',
    'comment-url': result.comment?.url ?? '',
    'skipped-writes': result.skipped !== undefined,
    'summary-file': summaryFile,
  }
}

function statusLine(result: PrSummaryResult): string {
  const what = `**pr-summary** for #${result.pr} at \`${result.headSha.slice(0, 7)}\``
  if (result.skipped !== undefined) {
    return `${what}: ${result.skipped}.`
  }
  const { add, remove } = result.plan
  const labels = [...add.map((l) => `+${l}`), ...remove.map((l) => `−${l}`)]
  const comment = result.comment
    ? `comment ${result.comment.action} (${result.comment.url})`
    : 'no comment'
  return `${what}: ${comment}; labels ${labels.length > 0 ? labels.join(', ') : 'unchanged'}.`
}

function runnerContext(): RunnerContext {
  const env = process.env
  return {
    ...(env.GITHUB_REPOSITORY ? { repository: env.GITHUB_REPOSITORY } : {}),
    ...(env.GITHUB_API_URL ? { apiUrl: env.GITHUB_API_URL } : {}),
    ...(env.GITHUB_WORKSPACE ? { workspace: env.GITHUB_WORKSPACE } : {}),
    ...(env.RUNNER_TEMP ? { runnerTemp: env.RUNNER_TEMP } : {}),
  }
}
