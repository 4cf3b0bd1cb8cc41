import * as core from '@actions/core'
import { Git, withTokenAuth } from '../../../lib/git/index.js'
import { createGitHubClient } from '../../../lib/github/index.js'
import { renderDiff } from '../../../lib/files/index.js'
import type { OutputValue } from '../../../lib/runner/index.js'
import {
  ConfigError,
  coreLogger,
  errorMessage,
  runStage,
  setOutputs,
  writeSummary,
} from '../../../lib/runner/index.js'
import { defaultBranch, defaultSubject } from './messages.js'
import type { UpdateSettings } from './settings.js'
import { readSettings } from './settings.js'
import { renderSummary } from './summary.js'
import type { UpdateOptions, UpdateResult } from './update.js'
import { runUpdate } from './update.js'

/** The update-manifests stage's entry: inputs → core → outputs and summary. */
export async function run(): Promise<void> {
  await runStage(async () => {
    const env = process.env
    const settings = readSettings({
      ...(env['GITHUB_WORKSPACE']
        ? { workspace: env['GITHUB_WORKSPACE'] }
        : {}),
      ...(env['GITHUB_API_URL'] ? { apiUrl: env['GITHUB_API_URL'] } : {}),
    })
    if (settings.nothingToDo) {
      core.notice(
        'images is an empty list (build-images built nothing); nothing to update',
      )
      setOutputs(outputsOf(emptyResult(settings)), coreLogger)
      writeSummary(
        '## update-manifests\n\nNothing to update: `images` is an empty list.\n',
      )
      return
    }
    if (
      settings.dryRun &&
      settings.mode === 'pull-request' &&
      settings.token === undefined
    ) {
      coreLogger.warning(
        'dry run of pull-request mode without a token: the real run needs one (pull-requests: write)',
      )
    }
    let git = new Git(
      settings.workingDirectory,
      {},
      Git.identity(settings.gitUserName, settings.gitUserEmail),
    )
    const delivers = !settings.dryRun && settings.mode !== 'write'
    if (delivers) {
      git = await withTokenAuth(git, settings.remote, settings.token, (s) =>
        core.setSecret(s),
      )
    }
    const options = await optionsFor(settings, git, delivers)
    let result: UpdateResult | undefined
    try {
      result = await runUpdate(git, options, coreLogger)
    } catch (error: unknown) {
      writeSummary(renderSummary(emptyResult(settings), errorMessage(error)))
      throw error
    }
    if (result.dryRun) {
      for (const edit of result.plan.edits) coreLogger.info(renderDiff(edit))
    }
    setOutputs(outputsOf(result), coreLogger)
    writeSummary(renderSummary(result))
  })
}

async function optionsFor(
  settings: UpdateSettings,
  git: Git,
  delivers: boolean,
): Promise<UpdateOptions> {
  const branch = settings.branch ?? (delivers ? await currentBranch(git) : '')
  const subject = settings.commitMessage ?? defaultSubject(settings.images)
  const request = {
    files: settings.files,
    images: settings.images,
    targets: settings.targets,
    options: { throughAliases: settings.throughAliases },
  }
  return {
    root: settings.workingDirectory,
    request,
    mode: settings.mode,
    dryRun: settings.dryRun,
    allowUnmatched: settings.allowUnmatched,
    remote: settings.remote,
    branch,
    pullBranch:
      settings.pullBranch ??
      defaultBranch(
        settings.pullBranchPrefix,
        settings.images,
        settings.files,
        settings.targets,
      ),
    subject,
    retries: settings.pushRetries,
    ...(settings.mode === 'pull-request' && delivers
      ? { pull: await pullSide(settings, git) }
      : {}),
  }
}

async function currentBranch(git: Git): Promise<string> {
  const name = await git.text(['rev-parse', '--abbrev-ref', 'HEAD'])
  if (name === 'HEAD') {
    throw new ConfigError(
      'branch',
      '',
      'a branch name: the checkout is on a detached HEAD, so the branch to push to is unknown',
    )
  }
  return name
}

async function pullSide(
  settings: UpdateSettings,
  git: Git,
): Promise<NonNullable<UpdateOptions['pull']>> {
  const url = await git.run(['remote', 'get-url', settings.remote], {
    allowFailure: true,
  })
  const repository = settings.repository ?? repositoryOf(url.stdout.trim())
  if (repository === undefined) {
    throw new ConfigError(
      'repository',
      '',
      `owner/name of the GitOps repository (the ${settings.remote} remote's URL does not say)`,
    )
  }
  const [owner = '', repo = ''] = repository.split('/')
  const octokit = createGitHubClient({
    token: settings.token ?? '',
    apiUrl: settings.apiUrl,
    logger: coreLogger,
    retries: 3,
  })
  return { octokit, owner, repo, labels: settings.pullLabels, attempts: 4 }
}

/** `owner/name` from a GitHub remote URL, https or ssh. */
export function repositoryOf(url: string): string | undefined {
  const m =
    /^(?:https?:\/\/[^/]+\/|[\w.-]+@[^:]+:|ssh:\/\/[^/]+\/)([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(
      url,
    )
  return m === null ? undefined : `${m[1] ?? ''}/${m[2] ?? ''}`
}

function emptyResult(settings: UpdateSettings): UpdateResult {
  return {
    plan: { edits: [], found: new Map(), skipped: [], scanned: 0 },
    mode: settings.mode,
    dryRun: settings.dryRun,
    attempts: 0,
  }
}

/** The outputs, named as action.yml declares them. */
export function outputsOf(result: UpdateResult): Record<string, OutputValue> {
  const changes = result.plan.edits.flatMap((e) => e.changes)
  return {
    changed: result.plan.edits.length > 0,
    files: result.plan.edits.map((e) => e.path),
    changes: changes.map((c) => ({
      file: c.file,
      path: c.path,
      line: c.line,
      old: c.old,
      new: c.new,
    })),
    'commit-sha': result.commitSha ?? '',
    branch: result.branch ?? '',
    'pr-url': result.pullUrl ?? '',
    'pr-number':
      result.pullNumber === undefined ? '' : String(result.pullNumber),
    'dry-run': result.dryRun,
  }
}
