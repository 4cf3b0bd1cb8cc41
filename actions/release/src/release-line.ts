import * as semver from 'semver'
import type { Git } from '../../../lib/git/index.js'
import type { Logger } from '../../../lib/runner/index.js'
import type { Analysis, AnalyzeOptions } from './analyze.js'
import { CommitAnalyzer } from './analyze.js'
import type { ReleaseTag } from './history.js'
import { readReleaseTags, streamCommits } from './history.js'
import type { ReleaseSettings } from './settings.js'

/** The line of versions a branch releases on, and where it stands. */
export interface ReleaseLine {
  branch: string
  /** The pre-release channel id, or undefined on a stable branch. */
  channel?: string
  /** The highest stable release reachable from HEAD. */
  lastStable?: ReleaseTag
  /** The highest pre-release of this channel above lastStable. */
  lastOnChannel?: ReleaseTag
  /** Every release tag of the repository, highest first. */
  tags: ReleaseTag[]
  /** The commits since lastStable (or since the first commit), analysed. */
  sinceStable: Analysis
  /** How many commits that is. */
  sinceStableCount: number
  /** Throws when the version is outside what this branch may release. */
  checkVersion(version: string): void
}

/** What kind of branch a release branch is. */
export interface BranchKind {
  /** The pre-release channel id. */
  channel?: string
  /** A maintenance branch releases only versions below this. */
  below?: string
}

const MAINTENANCE = /^(\d+)(?:\.(\d+))?\.x$/

/** What kind of branch this is: stable, pre-release, maintenance, or none. */
export function branchKind(
  settings: ReleaseSettings,
  branch: string,
): BranchKind | undefined {
  const channel = settings.prereleaseBranches.get(branch)
  if (channel !== undefined) return { channel }
  const maintenance = MAINTENANCE.exec(branch)
  if (maintenance !== null) {
    const major = Number(maintenance[1])
    const minor = maintenance[2]
    return {
      below:
        minor === undefined
          ? `${major + 1}.0.0`
          : `${major}.${Number(minor) + 1}.0`,
    }
  }
  return settings.releaseBranches.includes(branch) ? {} : undefined
}

/**
 * Finds the branch's last releases and reads the commits since the last
 * stable one. The highest stable tag is tried first: one `git log` both
 * reads the commits since it and, through the boundary, proves it is an
 * ancestor of HEAD, so the history is walked once, not once more for the
 * reachability of tags.
 */
export async function readReleaseLine(
  git: Git,
  settings: ReleaseSettings,
  branch: string,
  kind: BranchKind,
  logger: Logger,
  analyze: AnalyzeOptions,
): Promise<ReleaseLine> {
  const seen = await readReleaseTags(git, settings.tagFormat)
  if (seen.ignored.length > 0) {
    logger.debug(
      `tags that do not match ${settings.tagFormatText}: ${seen.ignored.slice(0, 200).join(', ')}`,
    )
  }
  const head = await git.text(['rev-parse', 'HEAD'])
  let lastStable: ReleaseTag | undefined
  let analyzer = new CommitAnalyzer(analyze)
  for (const tag of seen.releases) {
    if (semver.prerelease(tag.version) !== null) continue
    if (tag.sha === head) {
      lastStable = tag
      break
    }
    const attempt = new CommitAnalyzer(analyze)
    const paths = settings.paths
    const boundary = await streamCommits(
      git,
      tag.sha,
      head,
      (c) => attempt.add(c),
      paths,
    )
    // A path filter simplifies the history the boundary is of, so then
    // git is asked about the tag's ancestry on its own.
    const reachable =
      paths.length === 0
        ? boundary.has(tag.sha)
        : await git.isAncestor(tag.sha, head)
    if (reachable) {
      lastStable = tag
      analyzer = attempt
      break
    }
    logger.debug(`${tag.tag} is not on this branch`)
  }
  if (lastStable === undefined) {
    await streamCommits(
      git,
      undefined,
      head,
      (c) => analyzer.add(c),
      settings.paths,
    )
  }
  const line: ReleaseLine = {
    branch,
    tags: seen.releases,
    sinceStable: analyzer.result(),
    sinceStableCount: analyzer.count,
    checkVersion(version) {
      if (kind.below !== undefined && !semver.lt(version, kind.below)) {
        throw new Error(
          `branch ${branch} releases versions below ${kind.below}, but its commits call for ${version}; ` +
            'release that change from the main branch instead',
        )
      }
    },
  }
  if (lastStable !== undefined) line.lastStable = lastStable
  if (kind.channel !== undefined) {
    line.channel = kind.channel
    const last = await lastOnChannel(git, seen.releases, kind.channel, line)
    if (last !== undefined) line.lastOnChannel = last
  }
  return line
}

/** The highest pre-release of the channel above lastStable that HEAD holds. */
async function lastOnChannel(
  git: Git,
  tags: readonly ReleaseTag[],
  channel: string,
  line: ReleaseLine,
): Promise<ReleaseTag | undefined> {
  const stable = line.lastStable?.version
  for (const tag of tags) {
    if (semver.prerelease(tag.version)?.[0] !== channel) continue
    if (stable !== undefined && !semver.gt(tag.version, stable)) continue
    if (await git.isAncestor(tag.sha, 'HEAD')) return tag
  }
  return undefined
}
