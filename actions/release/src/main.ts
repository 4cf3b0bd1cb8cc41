import * as core from '@actions/core'
import type { ReleaseResult } from './release.js'
import { emptyResult, runRelease } from './release.js'
import type { ReleaseSettings } from './settings.js'
import { readSettings } from './settings.js'
import {
  MAX_SKIPPED_OUTPUT,
  NOTES_OUTPUT_LIMIT,
  renderSummary,
} from './summary.js'
import { Git, withTokenAuth } from '../../../lib/git/index.js'
import { createGitHubClient } from '../../../lib/github/index.js'
import type { OutputValue } from '../../../lib/runner/index.js'
import {
  clip,
  coreLogger,
  errorMessage,
  runStage,
  setOutputs,
  writeSummary,
} from '../../../lib/runner/index.js'
import type { GitHubRepo } from './github-release.js'

/** The release stage's entry: inputs → core → outputs and summary. */
export async function run(): Promise<void> {
  await runStage(async () => {
    const settings = readSettings({
      ...envField('workspace', 'GITHUB_WORKSPACE'),
      ...envField('refName', 'GITHUB_REF_NAME'),
      ...envField('refType', 'GITHUB_REF_TYPE'),
      ...envField('repository', 'GITHUB_REPOSITORY'),
      ...envField('apiUrl', 'GITHUB_API_URL'),
      ...envField('serverUrl', 'GITHUB_SERVER_URL'),
    })
    const git = await gitFor(settings)
    const result = emptyResult(settings.dryRun)
    try {
      await runRelease(
        settings,
        {
          git,
          logger: coreLogger,
          now: () => new Date(),
          ...githubFor(settings),
        },
        result,
      )
    } catch (error: unknown) {
      // What was done before the failure (a tag pushed, say) is reported
      // too, so the reader knows what a re-run will pick up.
      result.failure = errorMessage(error)
      setOutputs(releaseOutputs(result), coreLogger)
      writeSummary(renderSummary(result))
      throw error
    }
    setOutputs(releaseOutputs(result), coreLogger)
    writeSummary(renderSummary(result))
  })
}

function envField<K extends string>(
  key: K,
  name: string,
): Partial<Record<K, string>> {
  const value = process.env[name]
  return value ? ({ [key]: value } as Partial<Record<K, string>>) : {}
}

/** The outputs, named as action.yml declares them. */
export function releaseOutputs(
  result: ReleaseResult,
): Record<string, OutputValue> {
  return {
    released: result.released,
    version: result.version ?? '',
    tag: result.tag ?? '',
    'previous-version': result.previousVersion ?? '',
    'previous-tag': result.previousTag ?? '',
    bump: result.bump ?? '',
    notes: clip(
      result.notes,
      NOTES_OUTPUT_LIMIT,
      result.releaseUrl ?? 'the step summary and CHANGELOG.md',
    ),
    'release-url': result.releaseUrl ?? '',
    'release-id':
      result.releaseId === undefined ? '' : String(result.releaseId),
    'commit-sha': result.commitSha ?? '',
    'floating-tags': result.floatingTags,
    'skipped-commits': result.skipped.slice(0, MAX_SKIPPED_OUTPUT),
  }
}

/**
 * A Git that commits as the configured identity and, when a token is given
 * and the clone holds no credentials of its own, authenticates pushes with
 * it through the environment (masked, never on a command line).
 */
async function gitFor(settings: ReleaseSettings): Promise<Git> {
  const git = new Git(
    settings.workingDirectory,
    {},
    Git.identity(settings.gitUserName, settings.gitUserEmail),
  )
  if (settings.dryRun || !settings.push) return git
  return withTokenAuth(git, settings.remote, settings.token, (secret) =>
    core.setSecret(secret),
  )
}

function githubFor(settings: ReleaseSettings): { github?: GitHubRepo } {
  const needed =
    settings.githubRelease || settings.announce || settings.floatingTags
  if (settings.dryRun || !needed) return {}
  if (settings.token === undefined || settings.repository === undefined)
    return {}
  const [owner = '', repo = ''] = settings.repository.split('/')
  const octokit = createGitHubClient({
    token: settings.token,
    apiUrl: settings.apiUrl,
    logger: coreLogger,
    retries: settings.apiRetries,
  })
  return {
    github: { octokit, owner, repo, attempts: settings.apiRetries + 1 },
  }
}
