import * as semver from 'semver'
import type { Git } from '../../../lib/git/index.js'
import type { Logger } from '../../../lib/runner/index.js'
import type { ReleaseTag } from './history.js'
import { readReleaseTags } from './history.js'
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
  /** Every release tag reachable from HEAD, highest first. */
  tags: ReleaseTag[]
  /** Throws when the version is outside what this branch may release. */
  checkVersion(version: string): void
}

const MAINTENANCE = /^(\d+)(?:\.(\d+))?\.x$/

/** What kind of branch this is: stable, pre-release, maintenance, or none. */
export function branchKind(
  settings: ReleaseSettings,
  branch: string,
): { channel?: string; below?: string } | undefined {
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

/** Reads the release tags reachable from HEAD into the branch's line. */
export async function readReleaseLine(
  git: Git,
  settings: ReleaseSettings,
  branch: string,
  kind: { channel?: string; below?: string },
  logger: Logger,
): Promise<ReleaseLine> {
  const seen = await readReleaseTags(git, settings.tagFormat)
  if (seen.ignored.length > 0) {
    logger.debug(
      `tags that do not match ${settings.tagFormatText}: ${seen.ignored.slice(0, 200).join(', ')}`,
    )
  }
  const lastStable = seen.releases.find(
    (t) => semver.prerelease(t.version) === null,
  )
  const line: ReleaseLine = {
    branch,
    tags: seen.releases,
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
    const onChannel = seen.releases.find(
      (t) =>
        semver.prerelease(t.version)?.[0] === kind.channel &&
        (lastStable === undefined || semver.gt(t.version, lastStable.version)),
    )
    if (onChannel !== undefined) line.lastOnChannel = onChannel
  }
  return line
}
