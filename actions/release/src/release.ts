import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Git } from '../../../lib/git/index.js'
import type { Logger } from '../../../lib/runner/index.js'
import { clip } from '../../../lib/runner/index.js'
import type { Bump } from '../../../lib/version/index.js'
import type { SkippedCommit } from './analyze.js'
import { floatingTags, isLatest } from './floating-tags.js'
import {
  completeUnfinished,
  isReleaseCommitHere,
  setPrevious,
} from './unfinished.js'
import type { GitTarget } from './git-publish.js'
import {
  commitRelease,
  ensureTagIsFree,
  pushRelease,
  tagRelease,
} from './git-publish.js'
import type { GitHubRepo } from './github-release.js'
import { readAllVersions } from './history.js'
import type { PlanContext, ReleasePlan } from './plan.js'
import { analyzeOptions, planRelease } from './plan.js'
import type { Published } from './publish.js'
import { nothingPublished, plannedAssets, publish } from './publish.js'
import { releaseCommitMatcher, releaseCommitMessage } from './release-commit.js'
import type { ReleaseLine } from './release-line.js'
import { branchKind, readReleaseLine } from './release-line.js'
import { syncWithRemote } from './remote-sync.js'
import { checkCleanFiles, checkRepository } from './preflight.js'
import type { ReleaseSettings } from './settings.js'
import type { FileChange } from '../../../lib/files/index.js'
import { renderDiff } from '../../../lib/files/index.js'

/**
 * A result with nothing done yet. The core fills it in as it goes, so when
 * a step fails the caller can still report what had been done by then.
 */
export function emptyResult(dryRun: boolean): ReleaseResult {
  return {
    released: false,
    dryRun,
    notes: '',
    floatingTags: [],
    skipped: [],
    warnings: [],
    changes: [],
    assets: [],
  }
}

/** Bytes of notes or of one diff that a dry run prints to the log. */
const LOG_LIMIT = 64 * 1024

/** What the release core talks to. */
export interface ReleaseDeps {
  git: Git
  /** undefined when GitHub is not used or in a dry run. */
  github?: GitHubRepo
  logger: Logger
  now: () => Date
}

/** What a run did, for the outputs and the summary. */
export interface ReleaseResult {
  released: boolean
  dryRun: boolean
  /** Why nothing was released. */
  reason?: string
  version?: string
  tag?: string
  previousVersion?: string
  previousTag?: string
  bump?: Bump
  notes: string
  releaseUrl?: string
  releaseId?: number
  commitSha?: string
  floatingTags: string[]
  skipped: SkippedCommit[]
  warnings: string[]
  /** The file edits, made or (in a dry run) shown. */
  changes: FileChange[]
  /** The tag of an earlier, unfinished release this run completed. */
  completed?: string
  /** The asset names the GitHub release gets (or, in a dry run, would). */
  assets: string[]
  /** The working directory's path from the repository root (`packages/api/`). */
  pathPrefix?: string
  /** The GitHub release was left a draft, its assets not all attached. */
  draft?: boolean
  /** Why the run failed, when it did, after what the other fields say. */
  failure?: string
}

/**
 * The release stage's core: finds the last release, reads the commits since,
 * computes the next version and the notes, writes the changelog and version
 * files, commits, tags and pushes, then publishes on GitHub. A re-run
 * completes what an earlier run left unfinished.
 */
export async function runRelease(
  settings: ReleaseSettings,
  deps: ReleaseDeps,
  result: ReleaseResult = emptyResult(settings.dryRun),
): Promise<ReleaseResult> {
  const { git, logger } = deps
  // A branch that does not release needs no repository: the common case
  // of a push to a feature branch ends here, at once.
  if (settings.branch === undefined) await checkRepository(git, settings.dryRun)
  const branch = settings.branch ?? (await currentBranch(git))
  const kind = branchKind(settings, branch)
  if (kind === undefined) {
    result.reason = `branch ${branch} is not a release branch (release-branches: ${settings.releaseBranches.join(', ')})`
    logger.info(result.reason)
    return result
  }
  if (settings.branch !== undefined) await checkRepository(git, settings.dryRun)
  result.pathPrefix = await git.text(['rev-parse', '--show-prefix'])
  const releaseVersionOf = releaseCommitMatcher(settings.commitMessage)
  const target: GitTarget = {
    remote: settings.remote,
    branch,
    push: settings.push,
  }
  let stop: string | undefined
  if (!settings.dryRun && settings.push) {
    stop = await logger.group(`Sync with ${settings.remote}/${branch}`, () =>
      syncWithRemote(
        git,
        settings.remote,
        branch,
        (sha) => isReleaseCommitHere(git, sha, releaseVersionOf),
        logger,
      ),
    )
  }
  const readLine = (): Promise<ReleaseLine> =>
    readReleaseLine(
      git,
      settings,
      branch,
      kind,
      logger,
      analyzeOptions(settings, releaseVersionOf),
    )
  let line = await logger.group('Last release', readLine)
  logger.info(describeLine(line))

  const ctx: PlanContext = {
    git,
    logger,
    readFile: (path) => readText(join(settings.workingDirectory, path)),
    date: deps.now().toISOString().slice(0, 10),
    releaseCommitVersion: releaseVersionOf,
  }
  if (!settings.dryRun) {
    const completion = nothingPublished()
    const completed = await completeUnfinished(
      settings,
      deps,
      target,
      line,
      ctx,
      completion,
    ).catch((error: unknown) => {
      report(result, completion)
      throw error
    })
    if (completed !== undefined) {
      Object.assign(result, completed)
      result.completed = completed.tag
      line = await readLine()
    }
  }

  // Others pushed since: a release of ours on this very commit is still
  // finished above (a re-run), but the newer commits are their runs' own.
  if (stop !== undefined) {
    if (result.completed === undefined) {
      result.reason = stop
      logger.info(stop)
    }
    return result
  }
  const plan = await logger.group('Next version', () =>
    planRelease(settings, line, ctx),
  )
  result.skipped = plan.analysis.skipped
  result.warnings = plan.analysis.warnings
  if ('reason' in plan) {
    if (result.completed === undefined) {
      result.reason = plan.reason
      logger.info(plan.reason)
      if (plan.previous !== undefined) setPrevious(result, plan.previous)
    }
    return result
  }
  Object.assign(result, {
    version: plan.version,
    tag: plan.tag,
    notes: plan.notes,
    changes: plan.changes,
  })
  if (plan.bump !== undefined) result.bump = plan.bump
  if (plan.previous !== undefined) setPrevious(result, plan.previous)
  logger.info(`next version: ${plan.version} (${plan.bump ?? 'Release-As'})`)
  await ensureTagIsFree(git, plan.tag)
  // Artifacts that match nothing are found now, before anything is pushed.
  const planned = plannedAssets(settings)
  if (settings.dryRun) {
    await showDryRun(plan, planned, settings, deps, result)
    return result
  }

  const sha = await logger.group('Commit, tag and push', async () => {
    const message = releaseCommitMessage(settings.commitMessage, plan.version)
    await checkCleanFiles(git, plan.changes)
    const made = await commitRelease(git, plan.changes, message, logger)
    await tagRelease(git, plan.tag, made, message)
    await pushRelease(git, target, made, plan.tag)
    logger.info(`tagged ${plan.tag} on ${made}`)
    result.commitSha = made
    result.released = true
    return made
  })
  const published = nothingPublished()
  try {
    await publishPlan(plan, sha, settings, deps, target, published)
  } finally {
    report(result, published)
  }
  return result
}

async function publishPlan(
  plan: ReleasePlan,
  sha: string,
  settings: ReleaseSettings,
  deps: ReleaseDeps,
  target: GitTarget,
  published: Published,
): Promise<Published> {
  const all = await readAllVersions(deps.git, settings.tagFormat)
  return publish(
    {
      version: plan.version,
      tag: plan.tag,
      sha,
      prerelease: plan.prerelease,
      latest: isLatest(plan.version, all),
      notes: () => Promise.resolve(plan.notes),
      floatingTags: floatingTags(plan.version, all, settings.tagFormat),
      buildHere: true,
    },
    settings,
    deps.git,
    target,
    deps.github,
    deps.logger,
    published,
  )
}

/** Copies what publishing made into the result, also after a failure. */
function report(result: ReleaseResult, published: Published): void {
  result.floatingTags = published.floatingTags
  if (published.assets.length > 0) result.assets = published.assets
  if (published.releaseUrl !== undefined)
    result.releaseUrl = published.releaseUrl
  if (published.releaseId !== undefined) result.releaseId = published.releaseId
  if (published.draft === true) result.draft = true
}

/** What a dry run shows beyond the plan: assets, floating tags, notes, diffs. */
async function showDryRun(
  plan: ReleasePlan,
  assets: string[],
  settings: ReleaseSettings,
  { git, logger }: ReleaseDeps,
  result: ReleaseResult,
): Promise<void> {
  result.assets = assets
  if (settings.floatingTags) {
    const all = await readAllVersions(git, settings.tagFormat)
    result.floatingTags = floatingTags(plan.version, all, settings.tagFormat)
  }
  await logger.group('Release notes (dry run)', () => {
    logger.info(clip(plan.notes, LOG_LIMIT, 'the step summary'))
    return Promise.resolve()
  })
  await logger.group('File changes (dry run)', () => {
    for (const change of plan.changes) {
      const diff = renderDiff(change, result.pathPrefix)
      logger.info(clip(diff, LOG_LIMIT, 'the step summary'))
    }
    return Promise.resolve()
  })
}

function describeLine(line: ReleaseLine): string {
  const stable = line.lastStable?.tag ?? 'none'
  const channel =
    line.channel === undefined
      ? ''
      : `; channel ${line.channel}: ${line.lastOnChannel?.tag ?? 'none yet'}`
  return `branch ${line.branch}: last release ${stable}${channel}`
}

async function currentBranch(git: Git): Promise<string> {
  const name = await git.text(['rev-parse', '--abbrev-ref', 'HEAD'])
  if (name === 'HEAD') {
    throw new Error(
      'HEAD is detached and no branch was given; set the `branch` input',
    )
  }
  return name
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}
