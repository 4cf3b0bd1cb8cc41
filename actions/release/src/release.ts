import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import * as semver from 'semver'
import type { Git } from '../../../lib/git/index.js'
import type { Logger } from '../../../lib/runner/index.js'
import type { Bump } from '../../../lib/version/index.js'
import { formatTag } from '../../../lib/version/index.js'
import type { SkippedCommit } from './analyze.js'
import { analyzeCommits } from './analyze.js'
import { floatingTags } from './floating-tags.js'
import type { GitTarget } from './git-publish.js'
import {
  commitRelease,
  pushRelease,
  pushTag,
  tagRelease,
} from './git-publish.js'
import type { GitHubRepo } from './github-release.js'
import type { ReleaseTag } from './history.js'
import { readCommits, readReleaseTags } from './history.js'
import { renderNotes } from './notes.js'
import type { PlanContext, ReleasePlan } from './plan.js'
import { planRelease } from './plan.js'
import type { Published } from './publish.js'
import { publish } from './publish.js'
import { releaseCommitMatcher, releaseCommitMessage } from './release-commit.js'
import type { ReleaseLine } from './release-line.js'
import { branchKind, readReleaseLine } from './release-line.js'
import { syncWithRemote } from './remote-sync.js'
import type { ReleaseSettings } from './settings.js'
import type { FileChange } from './text-diff.js'

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
): Promise<ReleaseResult> {
  const { git, logger } = deps
  const result: ReleaseResult = {
    released: false,
    dryRun: settings.dryRun,
    notes: '',
    floatingTags: [],
    skipped: [],
    warnings: [],
    changes: [],
  }
  const branch = settings.branch ?? (await currentBranch(git))
  const kind = branchKind(settings, branch)
  if (kind === undefined) {
    result.reason = `branch ${branch} is not a release branch (release-branches: ${settings.releaseBranches.join(', ')})`
    return result
  }
  const releaseVersionOf = releaseCommitMatcher(settings.commitMessage)
  const target: GitTarget = {
    remote: settings.remote,
    branch,
    push: settings.push,
  }
  if (!settings.dryRun && settings.push) {
    const stop = await logger.group(
      `Sync with ${settings.remote}/${branch}`,
      () =>
        syncWithRemote(
          git,
          settings.remote,
          branch,
          (h) => releaseVersionOf(h) !== undefined,
          logger,
        ),
    )
    if (stop !== undefined) {
      result.reason = stop
      return result
    }
  }
  const readLine = (): Promise<ReleaseLine> =>
    readReleaseLine(git, settings, branch, kind, logger)
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
    const completed = await completeUnfinished(
      settings,
      deps,
      target,
      line,
      ctx,
    )
    if (completed !== undefined) {
      Object.assign(result, completed)
      result.completed = completed.tag
      line = await readLine()
    }
  }

  const plan = await logger.group('Next version', () =>
    planRelease(settings, line, ctx),
  )
  result.skipped = plan.analysis.skipped
  result.warnings = plan.analysis.warnings
  if ('reason' in plan) {
    if (result.completed === undefined) {
      result.reason = plan.reason
      if (plan.previous !== undefined) setPrevious(result, plan.previous)
    }
    return result
  }
  Object.assign(result, {
    version: plan.version,
    tag: plan.tag,
    notes: plan.notes,
    changes: plan.changes,
    released: !settings.dryRun,
  })
  if (plan.bump !== undefined) result.bump = plan.bump
  if (plan.previous !== undefined) setPrevious(result, plan.previous)
  logger.info(`next version: ${plan.version} (${plan.bump ?? 'Release-As'})`)
  await ensureTagIsFree(git, plan.tag)
  if (settings.dryRun) return result

  const sha = await logger.group('Commit, tag and push', async () => {
    const message = releaseCommitMessage(settings.commitMessage, plan.version)
    const made = await commitRelease(git, plan.changes, message, logger)
    await tagRelease(git, plan.tag, made, message)
    await pushRelease(git, target, made, plan.tag)
    logger.info(`tagged ${plan.tag} on ${made}`)
    return made
  })
  result.commitSha = sha
  const published = await publishPlan(plan, sha, settings, deps, target)
  result.floatingTags = published.floatingTags
  if (published.releaseUrl !== undefined)
    result.releaseUrl = published.releaseUrl
  if (published.releaseId !== undefined) result.releaseId = published.releaseId
  return result
}

async function publishPlan(
  plan: ReleasePlan,
  sha: string,
  settings: ReleaseSettings,
  deps: ReleaseDeps,
  target: GitTarget,
): Promise<Published> {
  const all = await allVersions(deps.git, settings)
  return publish(
    {
      version: plan.version,
      tag: plan.tag,
      sha,
      prerelease: plan.prerelease,
      latest: isLatest(plan.version, all),
      notes: () => Promise.resolve(plan.notes),
      floatingTags: floatingTags(plan.version, all, settings.tagFormat),
    },
    settings,
    deps.git,
    target,
    deps.github,
    deps.logger,
  )
}

/**
 * Finds a release of ours that an earlier run did not finish: a release
 * commit newer than the line's last tag that was never tagged (C18: it is
 * tagged by its SHA, whatever HEAD is now), or the last tag's own release
 * commit, whose GitHub release, assets or floating tags may be missing.
 */
async function completeUnfinished(
  settings: ReleaseSettings,
  deps: ReleaseDeps,
  target: GitTarget,
  line: ReleaseLine,
  ctx: PlanContext,
): Promise<Partial<ReleaseResult> | undefined> {
  const { git, logger } = deps
  const last = line.lastOnChannel ?? line.lastStable
  const untagged = await findUntaggedReleaseCommit(
    git,
    settings,
    line,
    last,
    ctx,
  )
  let pending: { tag: ReleaseTag; previous?: ReleaseTag } | undefined
  if (untagged !== undefined) {
    logger.notice(
      `release commit ${untagged.sha.slice(0, 7)} for ${untagged.version} was never tagged; tagging it now`,
      'Completing an earlier release',
    )
    await tagRelease(
      git,
      untagged.tag,
      untagged.sha,
      releaseCommitMessage(settings.commitMessage, untagged.version),
    )
    await pushTag(git, target, untagged.tag)
    pending = {
      tag: untagged,
      ...(last !== undefined ? { previous: last } : {}),
    }
  } else if (
    last !== undefined &&
    (deps.github !== undefined || settings.floatingTags)
  ) {
    if (!(await isOurRelease(git, last, ctx))) return undefined
    const previous = line.tags.find(
      (t) => semver.lt(t.version, last.version) && sameLine(t.version, line),
    )
    pending = { tag: last, ...(previous !== undefined ? { previous } : {}) }
  }
  if (pending === undefined) return undefined
  const { tag, previous } = pending
  const all = await allVersions(git, settings)
  const published = await publish(
    {
      version: tag.version,
      tag: tag.tag,
      sha: tag.sha,
      prerelease: semver.prerelease(tag.version) !== null,
      latest: isLatest(tag.version, all),
      notes: () => notesFor(tag, previous, settings, ctx),
      floatingTags: floatingTags(tag.version, all, settings.tagFormat),
    },
    settings,
    git,
    target,
    deps.github,
    logger,
  )
  if (untagged === undefined && !published.changed) return undefined
  const done: Partial<ReleaseResult> = {
    released: true,
    version: tag.version,
    tag: tag.tag,
    commitSha: tag.sha,
    floatingTags: published.floatingTags,
    ...(published.releaseUrl !== undefined
      ? { releaseUrl: published.releaseUrl }
      : {}),
    ...(published.releaseId !== undefined
      ? { releaseId: published.releaseId }
      : {}),
  }
  if (previous !== undefined) setPrevious(done, previous)
  return done
}

/**
 * Whether a release tag was made by this stage: its commit is a release
 * commit of ours, or its annotation carries our release message (a release
 * that needed no file changes has no commit of its own).
 */
async function isOurRelease(
  git: Git,
  release: ReleaseTag,
  ctx: PlanContext,
): Promise<boolean> {
  const subject = await git.text([
    'for-each-ref',
    '--format=%(contents:subject)',
    `refs/tags/${release.tag}`,
  ])
  const header = await git.text(['log', '-1', '--format=%s', release.sha])
  return [subject, header].some(
    (line) => ctx.releaseCommitVersion(line) === release.version,
  )
}

async function findUntaggedReleaseCommit(
  git: Git,
  settings: ReleaseSettings,
  line: ReleaseLine,
  last: ReleaseTag | undefined,
  ctx: PlanContext,
): Promise<ReleaseTag | undefined> {
  const fixed = settings.commitMessage.split('${version}')[0] ?? ''
  const out = await git.text([
    'log',
    '--format=%H%x09%s',
    '--fixed-strings',
    `--grep=${fixed}`,
    ...(last !== undefined ? [`${last.sha}..HEAD`] : ['HEAD']),
  ])
  for (const row of out.split('\n')) {
    const [sha = '', header = ''] = row.split('\t')
    const version = ctx.releaseCommitVersion(header)
    if (version === undefined || !sameLine(version, line)) continue
    if (last !== undefined && !semver.gt(version, last.version)) continue
    const tag = formatTag(version, settings.tagFormat)
    if ((await git.resolve(`refs/tags/${tag}`)) !== undefined) continue
    return { tag, version, sha }
  }
  return undefined
}

/** Whether a version belongs to the line: its channel, or stable. */
function sameLine(version: string, line: ReleaseLine): boolean {
  const pre = semver.prerelease(version)
  return line.channel === undefined ? pre === null : pre?.[0] === line.channel
}

async function notesFor(
  tag: ReleaseTag,
  previous: ReleaseTag | undefined,
  settings: ReleaseSettings,
  ctx: PlanContext,
): Promise<string> {
  const commits = await readCommits(ctx.git, previous?.sha, tag.sha)
  const analysis = analyzeCommits(commits, {
    rules: settings.rules,
    squashBody: settings.squashBody,
    stripLeadingEmoji: settings.stripLeadingEmoji,
    releaseCommitVersion: ctx.releaseCommitVersion,
  })
  return renderNotes(analysis.entries, {
    version: tag.version,
    tag: tag.tag,
    date: ctx.date,
    serverUrl: settings.serverUrl,
    sections: settings.rules.sections,
    ...(previous !== undefined ? { previousTag: previous.tag } : {}),
    ...(settings.repository !== undefined
      ? { repository: settings.repository }
      : {}),
  })
}

async function allVersions(
  git: Git,
  settings: ReleaseSettings,
): Promise<string[]> {
  const seen = await readReleaseTags(git, settings.tagFormat, undefined)
  return seen.releases.map((r) => r.version)
}

/** A stable release with no higher stable release anywhere is the latest. */
function isLatest(version: string, all: readonly string[]): boolean {
  return (
    semver.prerelease(version) === null &&
    !all.some((v) => semver.prerelease(v) === null && semver.gt(v, version))
  )
}

async function ensureTagIsFree(git: Git, tag: string): Promise<void> {
  const existing = await git.resolve(`refs/tags/${tag}`)
  if (existing !== undefined) {
    throw new Error(
      `tag ${tag} already exists on ${existing.slice(0, 7)}, which this branch does not contain; ` +
        'a maintenance branch cannot release a version the main line has already used',
    )
  }
}

function setPrevious(
  target: Partial<ReleaseResult>,
  previous: ReleaseTag,
): void {
  target.previousVersion = previous.version
  target.previousTag = previous.tag
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
