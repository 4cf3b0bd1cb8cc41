import * as semver from 'semver'
import type { Git } from '../../../lib/git/index.js'
import type { Bump } from '../../../lib/version/index.js'
import { formatTag } from '../../../lib/version/index.js'
import { analyzeCommits } from './analyze.js'
import { floatingTags, isLatest } from './floating-tags.js'
import type { GitTarget } from './git-publish.js'
import { pushRelease, pushTag, tagRelease } from './git-publish.js'
import type { ReleaseTag } from './history.js'
import { readAllVersions, readCommits } from './history.js'
import type { PlanContext } from './plan.js'
import { analyzeOptions, releaseNotes } from './plan.js'
import type { Published } from './publish.js'
import { publish } from './publish.js'
import { linkPullRequests } from './pull-links.js'
import { releaseCommitMessage } from './release-commit.js'
import type { ReleaseLine } from './release-line.js'
import type { ReleaseDeps, ReleaseResult } from './release.js'
import type { ReleaseSettings } from './settings.js'

// Completing a release that an earlier run left unfinished: a release
// commit that was never tagged, or a tag of ours whose GitHub release,
// assets, announcement or floating tags are missing.

/**
 * Finds a release of ours that an earlier run did not finish: a release
 * commit newer than the line's last tag that was never tagged (C18: it is
 * tagged by its SHA, whatever HEAD is now), or the last tag's own release
 * commit, whose GitHub release, assets or floating tags may be missing.
 */
export async function completeUnfinished(
  settings: ReleaseSettings,
  deps: ReleaseDeps,
  target: GitTarget,
  line: ReleaseLine,
  ctx: PlanContext,
  progress: Published,
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
    // A release commit not yet on the remote branch (a push that was
    // rejected) goes up with its tag; one already there needs only the tag.
    const onRemote = await git.isAncestor(
      untagged.sha,
      `refs/remotes/${target.remote}/${target.branch}`,
    )
    if (onRemote) await pushTag(git, target, untagged.tag)
    else await pushRelease(git, target, untagged.sha, untagged.tag)
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
  let details: Promise<{ notes: string; bump?: Bump }> | undefined
  const describe = (): Promise<{ notes: string; bump?: Bump }> =>
    (details ??= notesFor(tag, previous, settings, ctx))
  const all = await readAllVersions(git, settings.tagFormat)
  const published = await publish(
    {
      version: tag.version,
      tag: tag.tag,
      sha: tag.sha,
      prerelease: semver.prerelease(tag.version) !== null,
      latest: isLatest(tag.version, all),
      notes: async () => (await describe()).notes,
      floatingTags: floatingTags(tag.version, all, settings.tagFormat),
      buildHere: (await git.resolve('HEAD')) === tag.sha,
    },
    settings,
    git,
    target,
    deps.github,
    logger,
    progress,
  )
  if (untagged === undefined && !published.changed) return undefined
  const { notes, bump } = await describe()
  const done: Partial<ReleaseResult> = {
    released: true,
    notes,
    ...(bump !== undefined ? { bump } : {}),
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
    if (!(await isReleaseHere(git, sha, version))) {
      ctx.logger.debug(
        `${sha.slice(0, 7)} looks like a release commit for ${version}, but it changes nothing here or its package.json says otherwise; not tagging it`,
      )
      continue
    }
    return { tag, version, sha }
  }
  return undefined
}

/**
 * Whether a commit is a release commit of this stage for this package: its
 * header is the release message and it is this package's release.
 */
export async function isReleaseCommitHere(
  git: Git,
  sha: string,
  releaseVersionOf: (header: string) => string | undefined,
): Promise<boolean> {
  const header = await git.text(['log', '-1', '--format=%s', sha])
  const version = releaseVersionOf(header)
  return version !== undefined && (await isReleaseHere(git, sha, version))
}

/**
 * Whether a commit with the release message is this package's release: it
 * changes files here, and its package.json (when there is one) holds the
 * version its message names (C18), so a hand-written message or another
 * package's release is not taken for one.
 */
async function isReleaseHere(
  git: Git,
  sha: string,
  version: string,
): Promise<boolean> {
  // In a monorepo another package's release commit has the same message:
  // it must change files of this working directory.
  const touched = await git.text([
    'diff-tree',
    '--no-commit-id',
    '--name-only',
    '-r',
    '--root',
    sha,
    '--',
    '.',
  ])
  if (touched === '') return false
  const text = await git.show(sha, './package.json')
  if (text === undefined) return true
  try {
    return (JSON.parse(text) as { version?: unknown }).version === version
  } catch {
    return false
  }
}

/** Whether a version belongs to the line: its channel, or stable. */
function sameLine(version: string, line: ReleaseLine): boolean {
  const pre = semver.prerelease(version)
  return line.channel === undefined ? pre === null : pre?.[0] === line.channel
}

/** The notes and the bump of a release, from the commits it holds. */
async function notesFor(
  tag: ReleaseTag,
  previous: ReleaseTag | undefined,
  settings: ReleaseSettings,
  ctx: PlanContext,
): Promise<{ notes: string; bump?: Bump }> {
  const commits = await readCommits(
    ctx.git,
    previous?.sha,
    tag.sha,
    settings.paths,
  )
  const analysis = analyzeCommits(
    commits,
    analyzeOptions(settings, ctx.releaseCommitVersion),
  )
  await linkPullRequests(ctx.git, analysis)
  const notes = releaseNotes(analysis.entries, settings, ctx.date, {
    version: tag.version,
    tag: tag.tag,
    ...(previous !== undefined ? { previous } : {}),
  })
  return analysis.bump === undefined
    ? { notes }
    : { notes, bump: analysis.bump }
}

/** Copies a previous release into a result's previous-* fields. */
export function setPrevious(
  target: Partial<ReleaseResult>,
  previous: ReleaseTag,
): void {
  target.previousVersion = previous.version
  target.previousTag = previous.tag
}
