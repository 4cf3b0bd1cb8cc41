import * as semver from 'semver'

/** How far a set of commits moves the version. */
export type Bump = 'major' | 'minor' | 'patch'

/** What a breaking change does below 1.0.0. */
export type PreMajorPolicy = 'minor' | 'semver'

const RANK: Record<Bump, number> = { patch: 1, minor: 2, major: 3 }

/** The larger of two bumps; undefined means no release. */
export function maxBump(
  a: Bump | undefined,
  b: Bump | undefined,
): Bump | undefined {
  if (a === undefined) return b
  if (b === undefined) return a
  return RANK[a] >= RANK[b] ? a : b
}

/** What is known when the next version is computed. */
export interface NextVersionInput {
  /** The last stable release on this line, when there is one. */
  lastStable?: string
  /** The bump the commits since lastStable call for. */
  bump: Bump
  /** The first version when there is no release yet. */
  initialVersion: string
  /** Below 1.0.0, whether a breaking change bumps the minor or the major. */
  preMajor: PreMajorPolicy
  /** The pre-release channel id (`next`), or undefined for a stable release. */
  channel?: string
  /** The highest existing pre-release on this channel newer than lastStable. */
  lastOnChannel?: string
}

/**
 * The next version: the stable bump of lastStable, or on a pre-release
 * channel the next counter of that line (`1.3.0-next.1` → `1.3.0-next.2`)
 * until the commits call for a higher base.
 */
export function nextVersion(input: NextVersionInput): string {
  const base = stableNext(input)
  if (input.channel === undefined) return base
  const last = input.lastOnChannel
  if (last !== undefined) {
    const lastBase = `${semver.major(last)}.${semver.minor(last)}.${semver.patch(last)}`
    if (semver.gte(lastBase, base)) {
      return (
        semver.inc(last, 'prerelease', input.channel) ??
        `${lastBase}-${input.channel}.1`
      )
    }
  }
  return `${base}-${input.channel}.1`
}

function stableNext(input: NextVersionInput): string {
  if (input.lastStable === undefined) return input.initialVersion
  let bump = input.bump
  if (
    bump === 'major' &&
    input.preMajor === 'minor' &&
    semver.major(input.lastStable) === 0
  ) {
    bump = 'minor'
  }
  const next = semver.inc(input.lastStable, bump)
  if (next === null)
    throw new Error(`cannot bump ${input.lastStable} by ${bump}`)
  return next
}
