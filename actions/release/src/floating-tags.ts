import * as semver from 'semver'
import type { TagFormat } from '../../../lib/version/index.js'
import { formatTag } from '../../../lib/version/index.js'

/**
 * The floating tags a release moves: `v1` and `v1.4` for a stable 1.4.3,
 * none for a pre-release. `v1` moves only when no higher 1.x release exists,
 * and `v1.4` only when no higher 1.4.x exists, so a back-port never drags a
 * floating tag backwards and never touches another major's.
 */
export function floatingTags(
  version: string,
  allVersions: readonly string[],
  format: TagFormat,
): string[] {
  if (semver.prerelease(version) !== null) return []
  const major = semver.major(version)
  const minor = semver.minor(version)
  const stable = allVersions.filter((v) => semver.prerelease(v) === null)
  const higher = (range: string): boolean =>
    stable.some((v) => semver.gt(v, version) && semver.satisfies(v, range))
  const tags: string[] = []
  if (!higher(`${major}.x`)) tags.push(formatTag(`${major}`, format))
  if (!higher(`${major}.${minor}.x`))
    tags.push(formatTag(`${major}.${minor}`, format))
  return tags
}

/** A stable release with no higher stable release anywhere is the latest. */
export function isLatest(version: string, all: readonly string[]): boolean {
  return (
    semver.prerelease(version) === null &&
    !all.some((v) => semver.prerelease(v) === null && semver.gt(v, version))
  )
}
